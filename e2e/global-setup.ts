/**
 * Runs once before the e2e files: builds and packs the package, and installs every n8n version
 * under test (in parallel child processes; cached after the first run). The result goes to
 * .n8n-local/e2e/state.json for the test files.
 *
 * E2E_SKIP_BUILD=1 packs the existing dist/ (`npm test` has just built it).
 * E2E_N8N_VERSIONS=1,2 (aliases or exact versions) narrows the versions.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { lib, STATE_FILE, type E2eState } from './harness';

function install(version: string): Promise<{ seconds: number; cached: boolean }> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(lib.PROJECT_ROOT, 'scripts', 'n8n', 'install.js'), '--n8n-version', version], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (c) => (out += c));
		const timer = setTimeout(() => child.kill('SIGKILL'), 25 * 60 * 1000);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (code !== 0) return reject(new Error(`installing n8n ${version} failed (${signal ?? `exit ${code}`})`));
			const line = JSON.parse(out.trim().split('\n').pop() as string);
			resolve({ seconds: (Date.now() - started) / 1000, cached: line.cached });
		});
	});
}

export default async function globalSetup(): Promise<void> {
	const t0 = Date.now();
	const versions = (process.env.E2E_N8N_VERSIONS ? process.env.E2E_N8N_VERSIONS.split(',') : lib.E2E_N8N_VERSIONS).map((v) =>
		lib.resolveN8nVersion(v.trim()),
	);
	process.stderr.write(`\n[e2e] n8n versions: ${versions.join(', ')}\n`);
	const installs = Promise.all(versions.map((v) => install(v)));
	// The build runs while npm downloads n8n (the first time); errors surface after both settle.
	let tgz = '';
	const built = Promise.resolve().then(() => {
		tgz = lib.buildAndPack({ build: !process.env.E2E_SKIP_BUILD });
	});
	const [inst, pack] = await Promise.allSettled([installs, built]);
	if (inst.status === 'rejected') throw inst.reason;
	if (pack.status === 'rejected') throw pack.reason;
	const state: E2eState = {
		tgz,
		versions,
		installs: Object.fromEntries(versions.map((v, i) => [v, inst.value[i]])),
		preparedAt: new Date().toISOString(),
	};
	lib.writeJson(STATE_FILE, state);
	process.stderr.write(
		`[e2e] prepared in ${((Date.now() - t0) / 1000).toFixed(0)}s: ${path.basename(tgz)}; ` +
			versions.map((v, i) => `n8n ${v} ${inst.value[i].cached ? 'cached' : `installed in ${inst.value[i].seconds.toFixed(0)}s`}`).join(', ') +
			'\n',
	);
}
