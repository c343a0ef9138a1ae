#!/usr/bin/env node
'use strict';
/**
 * Progress lines for a long, silent `npm install` (the first n8n install takes minutes and npm
 * prints nothing at --loglevel=error). Started by lib.js withProgress() as a child process, since
 * the install itself blocks the parent: every <interval> seconds it prints to stderr what is
 * happening, how many MB npm has downloaded into its cache and how many MB and packages are in
 * node_modules so far. Ends by itself when its parent process is gone.
 *
 *   node progress.js <label> <prefix dir> <npm cache dir> [interval seconds]
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const [label, dir, cacheDir, intervalArg] = process.argv.slice(2);
const intervalMs = Math.max(1, Number(intervalArg || 20)) * 1000;
const parent = process.ppid;
const started = Date.now();

/** Megabytes under a directory (du, which is fast even on n8n's ~2 GB tree); 0 when absent. */
function megabytes(target) {
	if (!target || !fs.existsSync(target)) return 0;
	const res = spawnSync('du', ['-sm', target], { encoding: 'utf8' });
	const mb = Number(String(res.stdout || '').split(/\s/)[0]);
	return Number.isFinite(mb) ? mb : 0;
}

function packages(modules) {
	try {
		return fs.readdirSync(modules).reduce((n, name) => n + (name.startsWith('@') ? fs.readdirSync(path.join(modules, name)).length : 1), 0);
	} catch {
		return 0;
	}
}

const cacheAtStart = megabytes(cacheDir);

function report() {
	const seconds = Math.round((Date.now() - started) / 1000);
	const downloaded = Math.max(0, megabytes(cacheDir) - cacheAtStart);
	const modules = path.join(dir, 'node_modules');
	const installed = megabytes(modules);
	const count = packages(modules);
	const phase = installed === 0 ? 'resolving and downloading packages' : 'unpacking packages into node_modules';
	process.stderr.write(
		`[n8n-local] ${label}: ${phase}; ${downloaded} MB downloaded, ${installed} MB / ${count} packages in node_modules, ${seconds}s so far\n`,
	);
}

const timer = setInterval(() => {
	try {
		process.kill(parent, 0);
	} catch {
		clearInterval(timer);
		process.exit(0);
	}
	report();
}, intervalMs);
process.on('SIGTERM', () => process.exit(0));
