/** Types of scripts/lint/package-contents.js (plain CommonJS). */
export const TOP_LEVEL: string[];
export function packList(root: string): string[];
export function iconFiles(relFile: string, icon: unknown): string[];
export function checkPackage(
	pkg: Record<string, unknown>,
	files: string[],
	load?: (file: string) => Record<string, unknown>,
	/** dist/ paths of the output schemas the tarball must hold. */
	schemas?: string[],
): string[];
export function outputSchemas(root: string): string[];
export function checkPackageAt(root: string, files: string[]): string[];
