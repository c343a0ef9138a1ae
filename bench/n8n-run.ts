/**
 * Shared by the real-n8n benches (bench/real-n8n.ts, bench/million.ts): production workflows
 * started by a Webhook that answers when the last node has finished, and one measured run of such
 * a workflow: wall seconds, n8n's own execution time, the n8n process's peak RSS growth.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nUnderTest } from '../e2e/harness';
import { chain, webhookNode } from '../e2e/workflows';
import { round } from './measure';
import { BULK_PATH } from './paths';
import type { BenchSandbox } from './sandbox-client';

export const LEADGENIUS = 'n8n-nodes-leadgenius.leadGenius';

export function webhook(pathName: string, n: number) {
	const node = webhookNode(pathName, `5e1d0000-0000-4000-8000-${String(n).padStart(12, '0')}`);
	// the answer carries no data: the timing is n8n's, not the transfer of the records
	return { ...node, parameters: { ...node.parameters, responseData: 'noData' } };
}

export function workflow(id: string, nodes: Array<{ name: string; [key: string]: unknown }>) {
	return { id, name: `bench ${id}`, active: false, nodes, connections: chain(nodes.map((n) => n.name)), settings: { executionOrder: 'v1' } };
}

export function procStatus(pid: number, key: 'VmRSS' | 'VmHWM'): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${key}:`));
	return Number(line?.replace(/\D+/g, '') ?? 0) / 1024; // kB → MB
}

export interface RunOutcome {
	seconds: number;
	executionSeconds: number;
	rssGrowthMB: number;
	/** Pages of the bulk route the sandbox served during the run. */
	pages: number;
	/** The saved execution's run data (undefined when n8n withheld it as too large to display). */
	runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, any> }>> } }>>;
	executionId: string;
}

/**
 * Call the workflow's webhook and measure. Peak RSS from the call on (Linux: writing 5 to
 * clear_refs resets VmHWM to the current RSS). The saved execution must have succeeded.
 */
export async function measureRun(n8n: N8nUnderTest, sb: BenchSandbox, workflowId: string, hookPath: string, timeoutMs = 300_000): Promise<RunOutcome> {
	const pid = n8n.handle.pid;
	await sb.resetStats();
	writeFileSync(`/proc/${pid}/clear_refs`, '5');
	const before = procStatus(pid, 'VmRSS');
	const t0 = performance.now();
	const answer = await n8n.webhook(hookPath, { method: 'POST', body: {}, timeoutMs });
	const seconds = (performance.now() - t0) / 1000;
	const peak = procStatus(pid, 'VmHWM');
	if (answer.status !== 200) throw new Error(`${hookPath}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
	const list = await n8n.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=1`);
	const newest = ((list.json?.data?.results ?? list.json?.data ?? []) as Array<{ id: string; status: string; startedAt: string; stoppedAt: string }>)[0];
	if (!newest || newest.status !== 'success') throw new Error(`${hookPath}: newest execution ${JSON.stringify(newest)}`);
	const executionSeconds = (Date.parse(newest.stoppedAt) - Date.parse(newest.startedAt)) / 1000;
	const detail = await n8n.rest('GET', `/rest/executions/${newest.id}`);
	const tooLarge = detail.json?.data?.dataTooLargeToDisplay === true;
	const runData = tooLarge ? undefined : runDataOf(n8n, String(detail.json?.data?.data ?? ''));
	const pages = (await sb.stats()).requests[`GET ${BULK_PATH}`] ?? 0;
	return { seconds, executionSeconds, rssGrowthMB: round(peak - before, 1), pages, runData, executionId: newest.id };
}

/** Keep the database small: the next run must not pay for the previous ones. */
export async function deleteExecution(n8n: N8nUnderTest, id: string) {
	await n8n.rest('POST', '/rest/executions/delete', { ids: [id] });
}

/** The run data of a saved (flatted) execution. */
export function runDataOf(n8n: N8nUnderTest, flattedData: string): RunOutcome['runData'] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(path.join(n8n.inst.dir, 'node_modules', 'flatted')) as { parse(text: string): any };
	return (flatted.parse(flattedData)?.resultData?.runData ?? {}) as RunOutcome['runData'];
}

/** Items each node output (first run, first output). */
export function itemsPerNode(runData: NonNullable<RunOutcome['runData']>): Record<string, number> {
	return Object.fromEntries(Object.entries(runData).map(([name, runs]) => [name, runs[0]?.data?.main?.[0]?.length ?? 0]));
}

/** The first output item of a node. */
export function firstItem(runData: RunOutcome['runData'], node: string) {
	return runData?.[node]?.[0]?.data?.main?.[0]?.[0];
}

/**
 * The bytes of a binary property as n8n stored it: base64 in the run data (default mode), or the
 * file n8n wrote under its user folder (filesystem mode: found by the last part of its id).
 */
export function storedFile(n8n: N8nUnderTest, binary: { id?: string; data?: string }): { size: number; file?: string; data?: Buffer } {
	if (!binary.id) {
		const data = Buffer.from(binary.data ?? '', 'base64');
		return { size: data.length, data };
	}
	const name = binary.id.split('/').pop()!;
	const file = findFile(n8n.userFolder, name);
	if (!file) throw new Error(`binary file ${binary.id} not found under ${n8n.userFolder}`);
	return { size: statSync(file).size, file };
}

function findFile(dir: string, name: string): string | undefined {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name === 'node_modules') continue;
			const found = findFile(full, name);
			if (found) return found;
		} else if (entry.name === name) return full;
	}
	return undefined;
}

/** CSV rows (header included) of a file or buffer: CRLF/LF line ends outside quoted cells. */
export function countCsvRows(source: { file?: string; data?: Buffer }, chunkBytes = 16 << 20): number {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const fs = require('node:fs') as typeof import('node:fs');
	let rows = 0;
	let inQuotes = false;
	let last = 0x0a;
	const scan = (buf: Buffer, n: number) => {
		for (let i = 0; i < n; i++) {
			const b = buf[i];
			if (b === 0x22) inQuotes = !inQuotes;
			else if (b === 0x0a && !inQuotes) rows++;
			last = b;
		}
	};
	if (source.data) scan(source.data, source.data.length);
	else {
		const fd = fs.openSync(source.file!, 'r');
		const buf = Buffer.allocUnsafe(chunkBytes);
		try {
			for (;;) {
				const n = fs.readSync(fd, buf, 0, chunkBytes, null);
				if (n === 0) break;
				scan(buf, n);
			}
		} finally {
			fs.closeSync(fd);
		}
	}
	return last === 0x0a ? rows : rows + 1;
}

type Measured = 'seconds' | 'executionSeconds' | 'rssGrowthMB';

/** The node's and HTTP Request's medians side by side, with the ratios node / HTTP Request. */
export function nodeVsHttpRequest(m: (p: 'node' | 'httpRequest', key: Measured) => number) {
	return {
		nodeSeconds: round(m('node', 'seconds')),
		httpRequestSeconds: round(m('httpRequest', 'seconds')),
		nodeVsHttpRequest: round(m('node', 'seconds') / m('httpRequest', 'seconds')),
		nodeExecutionSeconds: round(m('node', 'executionSeconds')),
		httpRequestExecutionSeconds: round(m('httpRequest', 'executionSeconds')),
		nodeVsHttpRequestExecution: round(m('node', 'executionSeconds') / m('httpRequest', 'executionSeconds')),
		nodeRssGrowthMB: round(m('node', 'rssGrowthMB'), 1),
		httpRequestRssGrowthMB: round(m('httpRequest', 'rssGrowthMB'), 1),
	};
}
