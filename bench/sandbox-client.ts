/** Parent side of bench/sandbox-child.ts: fork it, wait until it serves, talk to it over IPC. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Account, RuntimeOptions } from '../sandbox/server';
import type { SandboxStats } from './sandbox-child';

export interface BenchSandbox {
	url: string;
	demo: Account;
	other: Account;
	/** The demo company's second client (12 leads): small warm-up extractions. */
	secondClientId: string;
	seedMs: number;
	pid: number;
	setOptions(options: RuntimeOptions): Promise<unknown>;
	resetStats(): Promise<void>;
	stats(): Promise<SandboxStats>;
	close(): Promise<void>;
}

/** The LeadGenius credential every bench runs the node with: the account's API key (what the bulk routes need). */
export function apiKeyCredential(url: string, account: Pick<Account, 'apiKey' | 'userId'>): ICredentialDataDecryptedObject {
	return { baseUrl: url, agentPrefix: '/api/agent', webhookSecret: '', sessionToken: '', authMode: 'apiKey', apiKey: account.apiKey, userId: account.userId };
}

export async function startBenchSandbox(leads: number, execArgv: string[] = []): Promise<BenchSandbox> {
	const child: ChildProcess = fork(path.join(__dirname, 'sandbox-child.js'), [], {
		// not the parent's flags (--cpu-prof, --expose-gc …): the server is not what is measured
		execArgv,
		env: { ...process.env, BENCH_LEADS: String(leads) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let nextId = 1;
	const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
	const ready = new Promise<{ url: string; demo: Account; other: Account; secondClientId: string; seedMs: number }>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`bench sandbox exited early (code ${code})`)));
		child.on('message', (raw) => {
			const msg = raw as { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: string };
			if (msg.ready) return resolve(msg as never);
			const w = msg.id === undefined ? undefined : waiting.get(msg.id);
			if (!w) return;
			waiting.delete(msg.id!);
			if (msg.ok) w.resolve(msg.value);
			else w.reject(new Error(msg.error));
		});
	});
	const call = (cmd: string, arg?: unknown) =>
		new Promise<unknown>((resolve, reject) => {
			const id = nextId++;
			waiting.set(id, { resolve, reject });
			child.send({ id, cmd, arg });
		});
	const info = await ready;
	return {
		...info,
		pid: child.pid ?? 0,
		setOptions: (options) => call('setOptions', options),
		resetStats: async () => {
			await call('resetStats');
		},
		stats: async () => (await call('stats')) as SandboxStats,
		close: async () => {
			const exited = new Promise((r) => child.once('exit', r));
			await call('close').catch(() => undefined);
			child.disconnect?.();
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}
