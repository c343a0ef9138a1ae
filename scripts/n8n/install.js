#!/usr/bin/env node
'use strict';
/**
 * Installs (or confirms the cached install of) n8n and its Node into .n8n-local/.
 *
 *   node scripts/n8n/install.js                 # the default n8n (newest 2.x that installs)
 *   node scripts/n8n/install.js --n8n-version 1 # 1.123.x on Node 22
 *   node scripts/n8n/install.js --all           # every version the e2e suite runs
 *   LEADGENIUS_N8N_VERSION=1.123.81 node scripts/n8n/install.js
 *
 * Prints one JSON line per version: { version, node, bin, dir, seconds, cached }.
 */
const lib = require('./lib');

function parseArgs(argv) {
	const out = { versions: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--all') out.all = true;
		else if (a === '--verify') out.verify = true;
		else if (a === '--n8n-version' || a === '--version' || a === '-v') out.versions.push(argv[++i]);
		else if (a.startsWith('--n8n-version=')) out.versions.push(a.split('=')[1]);
		else if (a === '--sqlite-prebuild') out.sqlitePrebuild = argv[++i];
		else if (a === '--node-major') out.nodeMajor = Number(argv[++i]);
		else if (a === '--marker') out.marker = argv[++i];
		else if (a === '--help' || a === '-h') out.help = true;
		else throw new Error(`unknown argument ${a}`);
	}
	return out;
}

function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.sqlitePrebuild) {
		// Internal: run by ensureN8n in the background while npm installs n8n.
		try {
			console.log(lib.prebuildSqlite(args.sqlitePrebuild, args.nodeMajor || 24));
		} finally {
			if (args.marker) require('node:fs').writeFileSync(args.marker, 'done');
		}
		return;
	}
	if (args.help) {
		console.log('usage: node scripts/n8n/install.js [--n8n-version <v>]... [--all] [--verify]');
		console.log(`versions: exact, or ${Object.keys(lib.N8N_ALIASES).join(', ')}; default ${lib.resolveN8nVersion()}`);
		return;
	}
	const versions = args.all ? lib.E2E_N8N_VERSIONS : args.versions.length ? args.versions : [undefined];
	for (const v of versions) {
		const started = Date.now();
		const version = lib.resolveN8nVersion(v);
		const inst = lib.ensureN8n(version);
		const seconds = (Date.now() - started) / 1000;
		const out = {
			version: inst.version,
			node: inst.node.version,
			bin: inst.bin,
			nodeBin: inst.node.bin,
			dir: inst.dir,
			seconds,
			cached: seconds < 5,
			installSeconds: inst.stamp && inst.stamp.installSeconds,
			rebuildSeconds: inst.stamp && inst.stamp.rebuildSeconds,
		};
		if (args.verify) out.verify = lib.verifyN8n(inst);
		console.log(JSON.stringify(out));
	}
}

try {
	main();
} catch (err) {
	console.error(err && err.stack ? err.stack : String(err));
	process.exit(1);
}
