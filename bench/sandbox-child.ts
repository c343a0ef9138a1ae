/**
 * The benchmark's sandbox, in its own process (forked by bench/run.ts), so that the server's
 * work — building and sending 76 MB of JSON per extraction — neither shares the client's thread
 * nor shows up in the client's RSS. One instance serves every measured path.
 *
 * IPC protocol (parent → child): { id, cmd: 'setOptions' | 'stats' | 'resetStats' | 'close', arg? }
 * answers { id, ok, value? | error? }. The first message the child sends is
 * { ready: true, url, demo, other, seedMs, seedCpuMs }.
 *
 * Requests are counted at the HTTP server (node:diagnostics_channel `http.server.request.start`),
 * so the count needs no request log (`recordRequests: false`) and includes requests the rate
 * limiter refused.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

import { startSandbox } from '../sandbox/server';
import type { RuntimeOptions } from '../sandbox/server';

export interface SandboxStats {
	/** Requests per `METHOD /path` since the last reset (control routes excluded). */
	requests: Record<string, number>;
	/** Answers per HTTP status since the last reset. */
	statuses: Record<string, number>;
	/** CPU milliseconds (user + system) the sandbox process spent since the last reset. */
	cpuMs: number;
}

interface Message {
	id: number;
	cmd: 'setOptions' | 'stats' | 'resetStats' | 'close';
	arg?: unknown;
}

async function main() {
	const leads = Number(process.env.BENCH_LEADS ?? 100000);
	let requests: Record<string, number> = {};
	let statuses: Record<string, number> = {};
	let cpu0 = process.cpuUsage();

	subscribe('http.server.request.start', (message) => {
		const { request, response } = message as {
			request: IncomingMessage;
			response: { once(e: 'finish', f: () => void): void; statusCode: number };
		};
		const url = request.url ?? '';
		const q = url.indexOf('?');
		const path = q < 0 ? url : url.slice(0, q);
		if (path.startsWith('/__sandbox')) return;
		const key = `${request.method} ${path}`;
		requests[key] = (requests[key] ?? 0) + 1;
		response.once('finish', () => {
			const s = String(response.statusCode);
			statuses[s] = (statuses[s] ?? 0) + 1;
		});
	});

	const sb = await startSandbox({ port: 0, leads, rateLimit: 0, recordRequests: false, quiet: true });
	let closing: Promise<void> | undefined;
	const close = () => (closing ??= sb.close());

	process.on('message', async (raw) => {
		const msg = raw as Message;
		const reply = (value?: unknown) => process.send?.({ id: msg.id, ok: true, value });
		try {
			switch (msg.cmd) {
				case 'setOptions':
					sb.setOptions(msg.arg as RuntimeOptions);
					reply(sb.options());
					break;
				case 'resetStats':
					requests = {};
					statuses = {};
					cpu0 = process.cpuUsage();
					reply();
					break;
				case 'stats': {
					const cpu = process.cpuUsage(cpu0);
					const stats: SandboxStats = { requests, statuses, cpuMs: (cpu.user + cpu.system) / 1000 };
					reply(stats);
					break;
				}
				case 'close':
					await close();
					reply();
					process.disconnect?.();
					break;
			}
		} catch (error) {
			process.send?.({ id: msg.id, ok: false, error: String((error as Error)?.stack ?? error) });
		}
	});
	process.on('disconnect', () => {
		void close().finally(() => process.exit(0));
	});

	process.send?.({
		ready: true,
		url: sb.url,
		demo: sb.demo,
		other: sb.other,
		secondClientId: sb.secondClientId,
		seedMs: sb.seedMs,
		seedCpuMs: sb.seedCpuMs,
	});
}

main().catch((error) => {
	process.stderr.write(`bench sandbox failed: ${String((error as Error)?.stack ?? error)}\n`);
	process.exit(1);
});
