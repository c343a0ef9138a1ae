/**
 * Is dist/ at least as new as the sources it is built from? The package checks read dist/, and a
 * stale one would report on code that no longer exists. Plain CommonJS; types in dist-fresh.d.ts.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function files(dir, test) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? files(full, test) : test(full) ? [full] : [];
	});
}

/** An error message when dist/ is missing or older than a source file, else undefined. */
function staleDist(root) {
	const built = files(path.join(root, 'dist'), (f) => f.endsWith('.js'));
	if (built.length === 0) return 'dist/ is missing: run npm run build first';
	const oldestBuilt = Math.min(...built.map((f) => fs.statSync(f).mtimeMs));
	const sources = ['nodes', 'credentials'].flatMap((d) =>
		files(path.join(root, d), (f) => /\.(ts|svg|png|json)$/.test(f)),
	);
	const newer = sources.filter((f) => fs.statSync(f).mtimeMs > oldestBuilt);
	if (newer.length === 0) return undefined;
	const names = newer.slice(0, 3).map((f) => path.relative(root, f));
	return `dist/ is older than ${names.join(', ')}${newer.length > 3 ? ` and ${newer.length - 3} more` : ''}: run npm run build first`;
}

module.exports = { staleDist };
