/**
 * Bulk extraction inside a real n8n server: what a scheduled export costs a user, persistence of
 * the execution included. Not part of `npm run bench` (it boots n8n: ~1 min when installed):
 *
 *   npm run bench:n8n                 # n8n 1.123.81 (Node 22), 5 runs per path and variant
 *   BENCH_N8N_VERSION=2 BENCH_RUNS=3 npm run bench:n8n
 *   (BENCH_SKIP_BUILD=1: pack the existing dist/; BENCH_NO_WRITE=1: print only)
 *
 * n8n runs with the packed package installed as a community package (the e2e harness's boot)
 * against the bench sandbox (its own process, 100,000 leads). Two production workflows, each
 * started by a Webhook that answers when the last node has finished ("noData"):
 *   (b) Webhook → LeadGenius Enriched Lead → Get Many (Return All, pages of 5,000, API key);
 *   (c) Webhook → HTTP Request 4.2 with pagination → Split Out (the bench's configuration).
 * n8n saves every successful execution by default (EXECUTIONS_DATA_SAVE_ON_SUCCESS=all), so the
 * webhook's answer comes after the run data is stored, as for a scheduled run.
 *
 * Every run must fetch all 20 pages (counted by the sandbox) and, where n8n hands the saved run
 * data out over REST (1.x; 2.x withholds large run data), output exactly 100,000 items.
 * Measured per run: wall seconds of the webhook call, n8n's own execution time (startedAt →
 * stoppedAt of the saved execution), and the n8n process's peak RSS growth (`/proc/<pid>/status`
 * VmHWM after resetting it with `clear_refs`, minus VmRSS before the run). Medians; order
 * rotated per run. Writes bench/real-n8n-<version>.json and prints a summary.
 */
import './env';

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { bootN8n, lib, project, sandboxInfo } from '../e2e/harness';
import type { N8nUnderTest } from '../e2e/harness';
import { chain, webhookNode } from '../e2e/workflows';
import { median, round } from './measure';
import { BULK_PATH, BULK_VARIANTS, httpRequestBulkParameters, nodeBulkParameters, PAGE_SIZE, SPLIT_OUT_PARAMETERS } from './paths';
import type { BulkVariant } from './paths';
import { startBenchSandbox } from './sandbox-client';
import type { BenchSandbox } from './sandbox-client';

const ROOT = path.join(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VERSION = lib.resolveN8nVersion(process.env.BENCH_N8N_VERSION ?? '1');
const LEADGENIUS = 'n8n-nodes-leadgenius.leadGenius';
const PATHS = ['node', 'httpRequest'] as const;
type PathName = (typeof PATHS)[number];


function webhook(pathName: string, n: number) {
	const node = webhookNode(pathName, `5e1d0000-0000-4000-8000-${String(n).padStart(12, '0')}`);
	// the answer carries no data: the timing is n8n's, not the transfer of 100,000 records
	return { ...node, parameters: { ...node.parameters, responseData: 'noData' } };
}

function workflow(id: string, nodes: Array<{ name: string; [key: string]: unknown }>) {
	return { id, name: `bench ${id}`, active: false, nodes, connections: chain(nodes.map((n) => n.name)), settings: { executionOrder: 'v1' } };
}

function workflowsFor(sb: BenchSandbox, variant: BulkVariant, n: number) {
	const cred = { id: project.CREDENTIAL_IDS.apiKey, name: 'LeadGenius Sandbox (API key)' };
	const tag = variant.name === 'full' ? 'Full' : 'Proj';
	const node = workflow(`benchNode${tag}`.padEnd(16, '0'), [
		webhook(`bench-node-${variant.name}`, 2 * n),
		{
			id: 'lg',
			name: 'LeadGenius',
			type: LEADGENIUS,
			typeVersion: 1,
			position: [220, 0],
			credentials: { leadGeniusApi: cred },
			parameters: nodeBulkParameters(sb.demo, variant),
		},
	]);
	const http = workflow(`benchHttp${tag}`.padEnd(16, '0'), [
		webhook(`bench-http-${variant.name}`, 2 * n + 1),
		{
			id: 'http',
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [220, 0],
			parameters: httpRequestBulkParameters(sb.url, sb.demo, variant),
		},
		{ id: 'split', name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [440, 0], parameters: SPLIT_OUT_PARAMETERS },
	]);
	return { node, http };
}

function procStatus(pid: number, key: 'VmRSS' | 'VmHWM'): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${key}:`));
	return Number(line?.replace(/\D+/g, '') ?? 0) / 1024; // kB → MB
}

interface Sample {
	seconds: number;
	executionSeconds: number;
	rssGrowthMB: number;
	/** Items of the last node (-1: n8n would not hand the run data out; the page count was checked). */
	items: number;
}

async function runOnce(
	n8n: N8nUnderTest,
	sb: BenchSandbox,
	pid: number,
	workflowId: string,
	hookPath: string,
	lastNode: string,
): Promise<Sample> {
	// peak RSS from here on (Linux: writing 5 to clear_refs resets VmHWM to the current RSS)
	await sb.resetStats();
	writeFileSync(`/proc/${pid}/clear_refs`, '5');
	const before = procStatus(pid, 'VmRSS');
	const t0 = performance.now();
	const answer = await n8n.webhook(hookPath, { method: 'POST', body: {}, timeoutMs: 300000 });
	const seconds = (performance.now() - t0) / 1000;
	const peak = procStatus(pid, 'VmHWM');
	if (answer.status !== 200) throw new Error(`${hookPath}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
	// the newest execution of the workflow: its timing and item count
	const list = await n8n.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=1`);
	const newest = ((list.json?.data?.results ?? list.json?.data ?? []) as Array<{ id: string; status: string; startedAt: string; stoppedAt: string }>)[0];
	if (!newest || newest.status !== 'success') throw new Error(`${hookPath}: newest execution ${JSON.stringify(newest)}`);
	const executionSeconds = (Date.parse(newest.stoppedAt) - Date.parse(newest.startedAt)) / 1000;
	const detail = await n8n.rest('GET', `/rest/executions/${newest.id}`);
	const perNode = itemsPerNode(n8n, String(detail.json?.data?.data ?? ''));
	const items = perNode[lastNode] ?? 0;
	// n8n 2.x does not hand out large run data over REST (dataTooLargeToDisplay): then the pages the
	// sandbox served are the check (every run must fetch all 20)
	const pages = (await sb.stats()).requests[`GET ${BULK_PATH}`] ?? 0;
	if (pages !== 100_000 / PAGE_SIZE) throw new Error(`${hookPath}: the sandbox served ${pages} pages, expected ${100_000 / PAGE_SIZE}`);
	const tooLarge = detail.json?.data?.dataTooLargeToDisplay === true;
	if (!tooLarge && items !== 100_000) {
		throw new Error(`${hookPath}: ${lastNode} output ${items} items, expected 100000; per node: ${JSON.stringify(perNode)}`);
	}
	// keep the database small: the next run must not pay for the previous ones
	await n8n.rest('POST', '/rest/executions/delete', { ids: [newest.id] });
	return { seconds, executionSeconds, rssGrowthMB: peak - before, items: tooLarge ? -1 : items };
}

/** Items each node output (first run, first output), read from the saved (flatted) run data. */
function itemsPerNode(n8n: N8nUnderTest, flattedData: string): Record<string, number> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(path.join(n8n.inst.dir, 'node_modules', 'flatted')) as { parse(text: string): any };
	const runData = (flatted.parse(flattedData)?.resultData?.runData ?? {}) as Record<string, Array<{ data?: { main?: unknown[][] } }>>;
	return Object.fromEntries(Object.entries(runData).map(([name, runs]) => [name, runs[0]?.data?.main?.[0]?.length ?? 0]));
}

async function main() {
	const t0 = Date.now();
	const sb = await startBenchSandbox(100_000);
	let n8n: N8nUnderTest | undefined;
	try {
		const tgz = lib.buildAndPack({ build: !process.env.BENCH_SKIP_BUILD });
		const info = sandboxInfo({ url: sb.url, demo: sb.demo as never });
		const byVariant = BULK_VARIANTS.map((variant, n) => ({ variant, ...workflowsFor(sb, variant, n) }));
		const workflows = byVariant.flatMap((v) => [v.node, v.http]);
		n8n = await bootN8n({
			version: VERSION,
			tgz,
			label: `bench-${VERSION}`,
			credentials: project.buildCredentials(info, { only: ['apiKey'] }),
			workflows,
			activate: workflows.map((w) => w.id),
		});
		const pid = n8n.handle.pid;
		process.stderr.write(`[bench:n8n] n8n ${VERSION} up at ${n8n.url} (pid ${pid}): ${JSON.stringify(n8n.timings)}\n`);
		const results: Record<string, unknown> = {};
		for (const { variant, node, http } of byVariant) {
			const target: Record<PathName, { id: string; hook: string }> = {
				node: { id: node.id, hook: `bench-node-${variant.name}` },
				httpRequest: { id: http.id, hook: `bench-http-${variant.name}` },
			};
			const samples: Record<PathName, Sample[]> = { node: [], httpRequest: [] };
			for (let k = -1; k < RUNS; k++) {
				const order = k % 2 === 0 ? [...PATHS] : [...PATHS].reverse();
				for (const p of order) {
					const s = await runOnce(n8n, sb, pid, target[p].id, target[p].hook, p === 'node' ? 'LeadGenius' : 'Split Out');
					process.stderr.write(
						`[bench:n8n] ${variant.name} ${k < 0 ? 'warm-up' : `run ${k + 1}/${RUNS}`} ${p}: ${round(s.seconds)} s (execution ${round(s.executionSeconds)} s), RSS +${round(s.rssGrowthMB, 0)} MB\n`,
					);
					if (k >= 0) samples[p].push(s);
				}
			}
			const m = (p: PathName, key: keyof Sample) => median(samples[p].map((s) => s[key]));
			results[variant.name] = {
				records: 100_000,
				fields: variant.fields ?? null,
				nodeSeconds: round(m('node', 'seconds')),
				httpRequestSeconds: round(m('httpRequest', 'seconds')),
				nodeVsHttpRequest: round(m('node', 'seconds') / m('httpRequest', 'seconds')),
				nodeExecutionSeconds: round(m('node', 'executionSeconds')),
				httpRequestExecutionSeconds: round(m('httpRequest', 'executionSeconds')),
				nodeVsHttpRequestExecution: round(m('node', 'executionSeconds') / m('httpRequest', 'executionSeconds')),
				nodeRssGrowthMB: round(m('node', 'rssGrowthMB'), 1),
				httpRequestRssGrowthMB: round(m('httpRequest', 'rssGrowthMB'), 1),
				pagesChecked: true,
				itemCountsChecked: PATHS.every((p) => samples[p].every((s) => s.items === 100_000)),
				runs: Object.fromEntries(PATHS.map((p) => [p, samples[p].map((s) => round(s.seconds))])),
			};
		}
		const out = {
			date: new Date().toISOString(),
			n8n: VERSION,
			node: `Node ${lib.nodeMajorFor(VERSION)} (n8n's own runtime under .n8n-local/)`,
			runs: RUNS,
			setup:
				'real n8n server, packed package as a community package; Webhook (respond when last node finishes, no data) → path; executions saved (n8n default), deleted after each run; bench sandbox in its own process',
			...results,
			totalSeconds: round((Date.now() - t0) / 1000, 1),
		};
		if (!process.env.BENCH_NO_WRITE) writeFileSync(path.join(ROOT, 'bench', `real-n8n-${VERSION}.json`), `${JSON.stringify(out, null, '\t')}\n`);
		for (const v of BULK_VARIANTS) {
			const r = results[v.name] as Record<string, number>;
			process.stdout.write(
				`${v.name}: node ${r.nodeSeconds} s (execution ${r.nodeExecutionSeconds} s, RSS +${r.nodeRssGrowthMB} MB) | ` +
					`HTTP Request + Split Out ${r.httpRequestSeconds} s (execution ${r.httpRequestExecutionSeconds} s, RSS +${r.httpRequestRssGrowthMB} MB) | ` +
					`b/c ${r.nodeVsHttpRequest} (execution only ${r.nodeVsHttpRequestExecution})\n`,
			);
		}
	} finally {
		if (n8n) await n8n.shutdown();
		await sb.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
	process.exitCode = 1;
});
