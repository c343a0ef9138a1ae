/**
 * What the published tarball must hold, checked on `npm pack` output (not the source tree):
 *
 * - only dist/, README.md, LICENSE and package.json (dist/ only compiled nodes and credentials,
 *   their icons, codex files and output schemas: no sources, maps, tests or sandbox);
 * - no runtime dependencies (n8n installs community nodes without them), n8n-workflow as a peer
 *   dependency, `engines` stated, the community-node keyword;
 * - the fields a verifier traces the package by: a GitHub `repository`, an `author` with a real
 *   email, `bugs`, no `main` that is not shipped, a `prepublishOnly` that runs the checks;
 * - every file the `n8n` section names is in the tarball, and so are each node's codex file and
 *   every icon the nodes and credentials reference, and every output schema of the nodes (__schema__).
 *
 * Used by scripts/lint/scan-package.mjs (`npm run check:package`) and
 * test/conformance/package.test.ts. Plain CommonJS; types in package-contents.d.ts.
 */
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const TOP_LEVEL = ['LICENSE', 'README.md', 'package.json'];
const DIST_FILE = /^dist\/(nodes|credentials)\/.+\.(js|svg|png|node\.json)$|^dist\/nodes\/.+\/__schema__\/.+\.json$/;

/** The output schemas in the sources (nodes/<Node>/__schema__/…/*.json), as the dist/ paths the tarball must hold. */
function outputSchemas(root) {
	const out = [];
	const walk = (dir, inSchema) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full, inSchema || entry.name === '__schema__');
			else if (inSchema && entry.name.endsWith('.json')) out.push(`dist/${path.relative(root, full).split(path.sep).join('/')}`);
		}
	};
	walk(path.join(root, 'nodes'), false);
	return out.sort();
}

/** `npm pack --dry-run --json`: the files the tarball would hold (sorted). */
function packList(root) {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out);
	return info.files.map((f) => f.path).sort();
}

/**
 * Icon files a node or credential class references (`file:x.svg` or `{ light, dark }`), relative
 * to the package root.
 */
function iconFiles(relFile, icon) {
	const values = typeof icon === 'string' ? [icon] : icon && typeof icon === 'object' ? Object.values(icon) : [];
	return values
		.filter((v) => typeof v === 'string' && v.startsWith('file:'))
		.map((v) => path.posix.join(path.posix.dirname(relFile), v.slice('file:'.length)));
}

/**
 * Problems with a package, given its package.json and the list of files in its tarball. `load`,
 * when given, requires a compiled file of the package (to read icons from node and credential
 * classes); leave it out to skip the icon check.
 */
function checkPackage(pkg, files, load, schemas = []) {
	const problems = [];
	const has = new Set(files);
	for (const file of schemas) if (!has.has(file)) problems.push(`output schema ${file} is not in the tarball (gulpfile.js copies nodes/**/__schema__)`);

	for (const file of TOP_LEVEL) if (!has.has(file)) problems.push(`the tarball has no ${file}`);
	for (const file of files) {
		if (TOP_LEVEL.includes(file)) continue;
		if (!file.startsWith('dist/')) problems.push(`${file} is shipped: only dist/, README.md, LICENSE and package.json may be`);
		else if (!DIST_FILE.test(file)) problems.push(`${file} is shipped: dist/ holds only compiled nodes and credentials, their icons and codex files`);
	}

	for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		const value = pkg[field];
		const count = Array.isArray(value) ? value.length : value && typeof value === 'object' ? Object.keys(value).length : 0;
		if (count > 0) problems.push(`package.json has ${field} (${count}): community nodes must have no runtime dependencies`);
	}
	if (!pkg.peerDependencies || !pkg.peerDependencies['n8n-workflow']) {
		problems.push('package.json must list n8n-workflow in peerDependencies');
	}
	if (!pkg.engines || !pkg.engines.node) problems.push('package.json must state engines.node');
	if (!(pkg.keywords ?? []).includes('n8n-community-node-package')) {
		problems.push('package.json keywords must include n8n-community-node-package');
	}
	if (pkg.license !== 'MIT') problems.push(`package.json license is ${JSON.stringify(pkg.license)}: expected MIT (see LICENSE)`);

	// what a verifier reads to trace the package to its source and its maintainers
	const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	if (!repository || !/github\.com\/[^/]+\/[^/]+/.test(repository)) problems.push('package.json must name its GitHub repository');
	const author = typeof pkg.author === 'string' ? pkg.author : `${pkg.author?.name ?? ''} <${pkg.author?.email ?? ''}>`;
	const email = /<([^>]*)>/.exec(author)?.[1] ?? '';
	if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(email) || /\.(invalid|example|test|localhost)$/i.test(email)) {
		problems.push(`package.json author needs a reachable email (got ${JSON.stringify(email)})`);
	}
	if (!pkg.bugs) problems.push('package.json must state bugs (where to report problems)');
	if (pkg.main !== undefined && !has.has(String(pkg.main).replace(/^\.\//, ''))) {
		problems.push(`package.json main is ${JSON.stringify(pkg.main)}, which is not in the tarball`);
	}
	if (!/\bnpm run verify\b/.test(pkg.scripts?.prepublishOnly ?? '')) problems.push('package.json prepublishOnly must run npm run verify');

	const n8n = pkg.n8n ?? {};
	if (n8n.n8nNodesApiVersion !== 1) problems.push('package.json n8n.n8nNodesApiVersion must be 1');
	const nodes = n8n.nodes ?? [];
	const credentials = n8n.credentials ?? [];
	if (nodes.length === 0) problems.push('package.json n8n.nodes is empty');
	for (const file of [...nodes, ...credentials]) {
		if (!has.has(file)) {
			problems.push(`package.json n8n section names ${file}, which is not in the tarball`);
			continue;
		}
		if (file.endsWith('.node.js')) {
			const codex = file.replace(/\.js$/, '.json');
			if (!has.has(codex)) problems.push(`${file} has no codex file ${codex} in the tarball`);
		}
		if (!load) continue;
		const exports = load(file);
		for (const Type of Object.values(exports)) {
			if (typeof Type !== 'function') continue;
			const instance = new Type();
			const icon = file.endsWith('.node.js') ? instance.description?.icon : instance.icon;
			if (!icon) problems.push(`${file}: ${Type.name} has no icon`);
			for (const iconFile of iconFiles(file, icon)) {
				if (!has.has(iconFile)) problems.push(`${file}: icon ${iconFile} is not in the tarball`);
			}
		}
	}
	return problems;
}

/** Reads the package.json of `root` and requires its compiled files from there. */
function checkPackageAt(root, files) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	return checkPackage(pkg, files, (file) => require(path.resolve(root, file)), outputSchemas(root));
}

module.exports = { TOP_LEVEL, packList, checkPackage, checkPackageAt, iconFiles, outputSchemas };
