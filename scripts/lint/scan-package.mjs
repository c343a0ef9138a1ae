#!/usr/bin/env node
/**
 * n8n's community-package verification, run locally on what we would publish.
 *
 * `@n8n/scan-community-package` only takes a package name and downloads it from the registry, so
 * we call its own analysis (`analyzePackage`, `SOURCE_FILE_PATTERNS` from scanner/scanner.mjs) on
 * our `npm pack` output, with the same two legs the real scan has:
 *
 *   1. source   — the shippable sources (package.json, nodes/, credentials/) with n8n's full rule
 *                 set, as the scanner lints the provenance-attested source checkout;
 *   2. tarball  — the compiled .js files and package.json inside the packed tarball.
 *
 * Then two checks of ours on the tarball:
 *
 *   3. strict   — shipped .js imports only n8n-workflow, crypto/node:crypto and relative paths and
 *                 uses no restricted global (scripts/lint/strict-rules.mjs). The scanner lets any
 *                 devDependency be imported, and the packed package.json still lists ours;
 *   4. contents — only dist/, README.md, LICENSE, package.json; no runtime dependencies; the n8n
 *                 section's files, codex files and icons are all there (package-contents.js).
 *
 * Usage:
 *   npm run check:package                 (dist/ must be built and fresh: npm run build)
 *   node scripts/lint/scan-package.mjs --dir <unpacked package>   (legs 2–4 on a folder; used by tests)
 *
 * Exit code 1 on any error or warning.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';

import { ruleSetVersions, scannerModulePath } from './community-plugin.mjs';
import { strictPlugin, strictRules } from './strict-rules.mjs';

const require = createRequire(import.meta.url);
const { checkPackage, outputSchemas } = require('./package-contents.js');
const { staleDist } = require('./dist-fresh.js');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The scanner makes an (unused, here) temp folder when loaded and never removes it: we do.
const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
const scanner = await import(pathToFileURL(scannerModulePath).href);
const scannerTemp = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('tmp-') && !tmpBefore.has(name));

const TARBALL_PATTERNS = ['**/*.js', 'package.json']; // what the scanner lints in the tarball

function walk(dir, base = dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full, base);
		return [path.relative(base, full).split(path.sep).join('/')];
	});
}

function pack(destination) {
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out);
	const tarball = path.join(destination, info.filename);
	const dir = path.join(destination, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return { dir, tarball, files: info.files.map((f) => f.path).sort() };
}

/** The scanner's verdict (its own analyzePackage) plus full counts from the same config. */
async function scannerLeg(name, dir, patterns) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = (await import('fast-glob')).default.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	return report(name, results, eslint, verdict.passed ? undefined : verdict.message);
}

async function strictLeg(dir) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: [
			{
				files: ['**/*.js'],
				languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' },
				plugins: { leadgenius: strictPlugin },
				rules: strictRules,
			},
		],
	});
	const files = walk(dir).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
	return report('strict (tarball)', files.length ? await eslint.lintFiles(files) : [], eslint);
}

async function report(name, results, eslint, failure) {
	const errors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const details = errors + warnings > 0 ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { name, files: results.length, errors, warnings, details, failure };
}

/** `schemas`: the output schemas the tarball must hold (ours, from the sources; none for a foreign folder). */
function contentsLeg(pkgDir, files, load, schemas = []) {
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const problems = checkPackage(pkg, files, load, schemas);
	return {
		name: 'contents (tarball)',
		files: files.length,
		errors: problems.length,
		warnings: 0,
		details: problems.map((p) => `  error  ${p}`).join('\n'),
	};
}

async function main(argv) {
	const dirArg = argv.indexOf('--dir');
	const legs = [];
	const versions = ruleSetVersions();
	console.log(`rule sets: ${Object.entries(versions).map(([k, v]) => `${k}@${v}`).join(', ')}`);

	if (dirArg !== -1) {
		const dir = path.resolve(argv[dirArg + 1]);
		legs.push(await scannerLeg('scanner (tarball)', dir, TARBALL_PATTERNS));
		legs.push(await strictLeg(dir));
		legs.push(contentsLeg(dir, walk(dir).sort()));
	} else {
		const stale = staleDist(root);
		if (stale) {
			console.error(`check:package: ${stale}`);
			return 1;
		}
		const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-pack-'));
		try {
			const packed = pack(scratch);
			console.log(`packed ${path.basename(packed.tarball)}: ${packed.files.length} files`);
			legs.push(await scannerLeg('scanner (source)', root, scanner.SOURCE_FILE_PATTERNS));
			legs.push(await scannerLeg('scanner (tarball)', packed.dir, TARBALL_PATTERNS));
			legs.push(await strictLeg(packed.dir));
			// compiled classes are loaded from dist/ (the tarball was packed from it) to read their icons
			legs.push(contentsLeg(packed.dir, packed.files, (file) => require(path.resolve(root, file)), outputSchemas(root)));
		} finally {
			fs.rmSync(scratch, { recursive: true, force: true });
		}
	}

	let failed = false;
	for (const leg of legs) {
		const ok = leg.errors === 0 && leg.warnings === 0 && !leg.failure;
		failed ||= !ok;
		console.log(`${ok ? '✔' : '✖'} ${leg.name}: ${leg.files} files, ${leg.errors} errors, ${leg.warnings} warnings${leg.failure ? ` — scanner: ${leg.failure}` : ''}`);
		if (leg.details) console.log(leg.details.trimEnd());
	}
	console.log(failed ? 'check:package: FAILED' : 'check:package: passed');
	return failed ? 1 : 0;
}

try {
	process.exitCode = await main(process.argv.slice(2));
} finally {
	for (const name of scannerTemp) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
}
