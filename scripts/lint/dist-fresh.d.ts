/** Types of scripts/lint/dist-fresh.js (plain CommonJS). */
export function staleDist(root: string): string | undefined;
