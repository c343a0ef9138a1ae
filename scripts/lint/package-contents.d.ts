/** Types of scripts/lint/package-contents.js (plain CommonJS). */
export const TOP_LEVEL: string[];
export function packList(root: string): string[];
export function iconFiles(relFile: string, icon: unknown): string[];
export function checkPackage(
	pkg: Record<string, unknown>,
	files: string[],
	load?: (file: string) => Record<string, unknown>,
): string[];
export function checkPackageAt(root: string, files: string[]): string[];
