/**
 * Boots one real n8n for an e2e suite: fresh user folder, the packed package installed as a
 * community package, credentials and workflows imported with the n8n CLI, workflows activated
 * (1.x) / published (2.x), `n8n start`, owner account. Everything it starts is stopped by PID in
 * `shutdown()`, which also runs from a process 'exit' hook if jest is torn down abruptly.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import type { HttpAnswer, N8nEnv, N8nHandle, N8nInstall } from '../scripts/n8n/lib';
import type { SandboxInfo } from '../scripts/n8n/project';

// Plain CommonJS helpers shared with `npm start` (typed by the .d.ts files beside them), found
// from the source (jest) and from build/e2e/ (bench/real-n8n.ts, compiled by tsc).
const SCRIPTS = [path.join(__dirname, '..', 'scripts', 'n8n'), path.join(__dirname, '..', '..', 'scripts', 'n8n')].find((dir) =>
	fs.existsSync(path.join(dir, 'lib.js')),
) as string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require(path.join(SCRIPTS, 'lib.js')) as typeof import('../scripts/n8n/lib');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const project = require(path.join(SCRIPTS, 'project.js')) as typeof import('../scripts/n8n/project');

export { lib, project };

export interface E2eState {
	tgz: string;
	versions: string[];
	installs: Record<string, { seconds: number; cached: boolean }>;
	preparedAt: string;
}

export const STATE_FILE = path.join(lib.LOCAL_DIR, 'e2e', 'state.json');

export function readState(): E2eState {
	const state = lib.readJson<E2eState>(STATE_FILE);
	if (!state || !fs.existsSync(state.tgz)) {
		throw new Error(`${STATE_FILE} is missing or stale: run the suite with jest -c e2e/jest.config.js (its globalSetup packs and installs)`);
	}
	return state;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

export interface BootOptions {
	version: string;
	tgz: string;
	/** Label for the user folder: .n8n-local/e2e/<label>/ */
	label: string;
	credentials: unknown[];
	workflows: Array<{ id: string; [k: string]: unknown }>;
	/** IDs to activate (1.x) / publish (2.x) before start. */
	activate: string[];
	/** Extra environment of the n8n processes (e.g. NODE_OPTIONS for a heap limit in a bench). */
	env?: Record<string, string>;
}

export interface N8nUnderTest {
	inst: N8nInstall;
	env: N8nEnv;
	handle: N8nHandle;
	url: string;
	userFolder: string;
	cookie: string;
	timings: Record<string, number>;
	/** Runs `n8n execute --id=<id> --rawOutput` against the same folder; resolves with the parsed run. */
	execute(workflowId: string, timeoutMs?: number): Promise<RunResult>;
	/** REST call as the owner. */
	rest(method: string, urlPath: string, body?: unknown): Promise<HttpAnswer>;
	webhook(pathAndQuery: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number }): Promise<HttpAnswer>;
	logTail(lines?: number): string;
	shutdown(): Promise<void>;
}

export interface RunResult {
	finished: boolean;
	status?: string;
	error?: unknown;
	/** "message description (node: name)" of a failed run. */
	errorMessage?: string;
	/** Output items (json) of each node's first run, first output. */
	nodeOutput(name: string): Array<Record<string, any>>;
	raw: any;
}

/** A run as GET /rest/executions/:id gives it, with its flatted `data` parsed by n8n's own flatted. */
function toRunResult(execution: Record<string, any>, parseFlatted: (text: string) => any): RunResult {
	const data = typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
	const raw = { ...execution, data };
	const runData = data?.resultData?.runData ?? {};
	const error = data?.resultData?.error;
	return {
		finished: execution.finished === true || execution.status === 'success',
		status: execution.status,
		error,
		errorMessage: error ? `${error.message ?? ''} ${error.description ?? ''} (node: ${error.node?.name ?? '?'})`.trim() : undefined,
		raw,
		nodeOutput(name: string) {
			const runs = runData[name];
			if (!runs) throw new Error(`node "${name}" did not run; ran: ${Object.keys(runData).join(', ')}`);
			return ((runs[0]?.data?.main?.[0] ?? []) as Array<{ json: Record<string, any> }>).map((i) => i.json);
		},
	};
}

export async function bootN8n(opts: BootOptions): Promise<N8nUnderTest> {
	const timings: Record<string, number> = {};
	let t = Date.now();
	const lap = (name: string) => {
		timings[name] = (Date.now() - t) / 1000;
		t = Date.now();
	};
	const inst = lib.ensureN8n(opts.version);
	const userFolder = path.join(lib.LOCAL_DIR, 'e2e', opts.label);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	const port = await freePort();
	const brokerPort = await freePort();
	const env = lib.n8nEnv(inst, { userFolder, port, brokerPort, host: '127.0.0.1', listen: '127.0.0.1', extra: opts.env });

	const pkg = lib.installCommunityPackage(userFolder, opts.tgz);
	lib.importCredentials(inst, env, opts.credentials);
	lib.importWorkflows(inst, env, opts.workflows);
	lib.activateWorkflows(inst, env, opts.activate);
	lib.registerCommunityPackage(inst, env, pkg);
	lap('prepare');

	// startN8n tracks the PID: scripts/n8n/lib.js SIGKILLs its group if this worker exits early.
	const handle = await lib.startN8n(inst, env, { readyTimeoutMs: 180000 });
	lap('start');
	let cookie = '';
	try {
		await lib.setupOwner(handle.url, project.OWNER);
		cookie = await lib.login(handle.url, project.OWNER);
		lap('owner');
		await lib.waitForActivation(inst, handle.url, cookie, opts.activate, { timeoutMs: 90000 });
		lap('activation');
	} catch (err) {
		await handle.stop();
		throw err;
	}

	const rest = (method: string, urlPath: string, body?: unknown) =>
		lib.httpRequest(`${handle.url}${urlPath}`, { method, body, headers: { cookie }, timeoutMs: 30000 });
	const executionIds = async (workflowId: string): Promise<number[]> => {
		const res = await rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
		const list = (res.json?.data?.results ?? res.json?.data ?? []) as Array<{ id: string }>;
		return list.map((e) => Number(e.id));
	};
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(path.join(inst.dir, 'node_modules', 'flatted')) as { parse(text: string): any };

	/**
	 * `n8n execute --id` (its own process and task broker, same database), then the run is read back
	 * with GET /rest/executions/:id. Not from the CLI's stdout: n8n's task runner shares that pipe
	 * and can interleave its log lines into a large JSON print.
	 */
	const execute = async (workflowId: string, timeoutMs = 300000): Promise<RunResult> => {
		const before = new Set(await executionIds(workflowId));
		const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) } as N8nEnv;
		// A failed run exits 1: its record tells why, so don't stop at the exit code.
		const out = await lib.n8nCliAsync(inst, cliEnv, ['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, allowFailure: true });
		const fresh = (await executionIds(workflowId)).filter((id) => !before.has(id)).sort((a, b) => b - a);
		if (fresh.length === 0) throw new Error(`n8n execute --id=${workflowId} saved no execution:\n${lib.tail(out)}`);
		const res = await rest('GET', `/rest/executions/${fresh[0]}`);
		if (res.status !== 200) throw new Error(`GET /rest/executions/${fresh[0]}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
		return toRunResult(res.json.data ?? res.json, (text) => flatted.parse(text));
	};

	return {
		inst,
		env,
		handle,
		url: handle.url,
		userFolder,
		cookie,
		timings,
		execute,
		rest,
		webhook: (pathAndQuery, init = {}) =>
			lib.httpRequest(`${handle.url}/webhook/${pathAndQuery.replace(/^\//, '')}`, {
				method: init.method ?? 'POST',
				body: init.body,
				headers: init.headers,
				timeoutMs: init.timeoutMs ?? 120000,
			}),
		logTail: (lines = 80) => handle.logTail(lines),
		shutdown: () => handle.stop(),
	};
}

/** Start-up JSON of an in-process sandbox, in the shape `build/sandbox/cli.js --json` prints. */
export function sandboxInfo(sb: {
	url: string;
	demo: { email: string; password: string; apiKey: string; userId: string; companyId: string; clientId: string };
}): SandboxInfo {
	return {
		url: sb.url,
		email: sb.demo.email,
		password: sb.demo.password,
		apiKey: sb.demo.apiKey,
		userId: sb.demo.userId,
		companyId: sb.demo.companyId,
		clientId: sb.demo.clientId,
	};
}
