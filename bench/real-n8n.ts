/**
 * Bulk extraction inside a real n8n server: what a scheduled export costs a user, persistence of
 * the execution included. Not part of `npm run bench` (it boots n8n: ~1 min when installed):
 *
 *   npm run bench:n8n                 # n8n 1.123.81 (Node 22), 5 runs per path and variant
 *   BENCH_N8N_VERSION=2 BENCH_RUNS=3 npm run bench:n8n
 *   (BENCH_SKIP_BUILD=1: pack the existing dist/; BENCH_NO_WRITE=1: print only;
 *    BENCH_ONLY=bulk or fileExport: one part; N8N_DEFAULT_BINARY_DATA_MODE=filesystem: n8n's binary mode)
 *   npm run bench:n8n -- --million    # 1,000,000 leads into a CSV file, n8n 2.41.1 with a 1 GB heap (bench/million.ts)
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
 * Then, in the same server, the file export (bench/file-export.ts): (b) the node's CSV File output
 * against (c) HTTP Request → Split Out → Convert to File, 100,000 leads, all fields.
 * Measured per run: wall seconds of the webhook call, n8n's own execution time (startedAt →
 * stoppedAt of the saved execution), and the n8n process's peak RSS growth (`/proc/<pid>/status`
 * VmHWM after resetting it with `clear_refs`, minus VmRSS before the run). Medians; order
 * rotated per run. Writes bench/real-n8n-<version>.json and prints a summary.
 */
import './env';

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { bootN8n, lib, project, sandboxInfo } from '../e2e/harness';
import type { N8nUnderTest } from '../e2e/harness';
import { FILE_EXPORT_PATHS, fileExportWorkflows, measureFileExport, summariseFileExport, writeFileExportResults } from './file-export';
import type { FileExportPath, FileExportSample } from './file-export';
import { median, round } from './measure';
import { deleteExecution, itemsPerNode, LEADGENIUS, measureRun, nodeVsHttpRequest, webhook, workflow } from './n8n-run';
import { BULK_VARIANTS, httpRequestBulkParameters, nodeBulkParameters, PAGE_SIZE, SPLIT_OUT_PARAMETERS } from './paths';
import type { BulkVariant } from './paths';
import { startBenchSandbox } from './sandbox-client';
import type { BenchSandbox } from './sandbox-client';

const ROOT = path.join(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VERSION = lib.resolveN8nVersion(process.env.BENCH_N8N_VERSION ?? '1');
const PATHS = ['node', 'httpRequest'] as const;
type PathName = (typeof PATHS)[number];


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

interface Sample {
	seconds: number;
	executionSeconds: number;
	rssGrowthMB: number;
	/** Items of the last node (-1: n8n would not hand the run data out; the page count was checked). */
	items: number;
}

async function runOnce(n8n: N8nUnderTest, sb: BenchSandbox, workflowId: string, hookPath: string, lastNode: string): Promise<Sample> {
	const run = await measureRun(n8n, sb, workflowId, hookPath);
	// n8n 2.x does not hand out large run data over REST (dataTooLargeToDisplay): then the pages the
	// sandbox served are the check (every run must fetch all 20)
	if (run.pages !== 100_000 / PAGE_SIZE) throw new Error(`${hookPath}: the sandbox served ${run.pages} pages, expected ${100_000 / PAGE_SIZE}`);
	const perNode = run.runData ? itemsPerNode(run.runData) : {};
	const items = perNode[lastNode] ?? 0;
	if (run.runData && items !== 100_000) {
		throw new Error(`${hookPath}: ${lastNode} output ${items} items, expected 100000; per node: ${JSON.stringify(perNode)}`);
	}
	await deleteExecution(n8n, run.executionId);
	return { seconds: run.seconds, executionSeconds: run.executionSeconds, rssGrowthMB: run.rssGrowthMB, items: run.runData ? items : -1 };
}

const ONLY = new Set((process.env.BENCH_ONLY ?? 'bulk,fileExport').split(',').map((x) => x.trim()));
/** n8n's binary data mode in the server (the environment's, else n8n's default: 2.x filesystem, 1.x memory). */
const BINARY_MODE = process.env.N8N_DEFAULT_BINARY_DATA_MODE ?? (VERSION.startsWith('1.') ? 'default' : 'filesystem');

async function main() {
	const t0 = Date.now();
	const sb = await startBenchSandbox(100_000);
	let n8n: N8nUnderTest | undefined;
	try {
		const tgz = lib.buildAndPack({ build: !process.env.BENCH_SKIP_BUILD });
		const info = sandboxInfo({ url: sb.url, demo: sb.demo as never });
		const cred = { id: project.CREDENTIAL_IDS.apiKey, name: 'LeadGenius Sandbox (API key)' };
		const byVariant = ONLY.has('bulk') ? BULK_VARIANTS.map((variant, n) => ({ variant, ...workflowsFor(sb, variant, n) })) : [];
		const files = fileExportWorkflows(sb, cred);
		const workflows = [...byVariant.flatMap((v) => [v.node, v.http]), ...(ONLY.has('fileExport') ? [files.node, files.http] : [])];
		n8n = await bootN8n({
			version: VERSION,
			tgz,
			label: `bench-${VERSION}`,
			credentials: project.buildCredentials(info, { only: ['apiKey'] }),
			workflows,
			activate: workflows.map((w) => w.id),
		});
		const pid = n8n.handle.pid;
		process.stderr.write(`[bench:n8n] n8n ${VERSION} up at ${n8n.url} (pid ${pid}, binary data mode ${BINARY_MODE}): ${JSON.stringify(n8n.timings)}\n`);
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
					const s = await runOnce(n8n, sb, target[p].id, target[p].hook, p === 'node' ? 'LeadGenius' : 'Split Out');
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
				...nodeVsHttpRequest((p, key) => m(p, key)),
				pagesChecked: true,
				itemCountsChecked: PATHS.every((p) => samples[p].every((s) => s.items === 100_000)),
				runs: Object.fromEntries(PATHS.map((p) => [p, samples[p].map((s) => round(s.seconds))])),
			};
		}
		if (ONLY.has('fileExport')) {
			const ids: Record<FileExportPath, string> = { node: files.node.id, httpRequest: files.http.id };
			const samples: Record<FileExportPath, FileExportSample[]> = { node: [], httpRequest: [] };
			for (let k = -1; k < RUNS; k++) {
				const order = k % 2 === 0 ? [...FILE_EXPORT_PATHS] : [...FILE_EXPORT_PATHS].reverse();
				for (const p of order) {
					// the warm-up run also reads the file back and counts its rows
					const s = await measureFileExport(n8n, sb, 100_000, ids[p], files.hooks[p], p, k < 0);
					process.stderr.write(
						`[bench:n8n] CSV file ${k < 0 ? 'warm-up' : `run ${k + 1}/${RUNS}`} ${p}: ${round(s.seconds)} s (execution ${round(s.executionSeconds)} s), RSS +${round(s.rssGrowthMB, 0)} MB, file ${s.fileBytes === null ? '?' : round(s.fileBytes / 1e6, 1)} MB${s.rows !== undefined ? `, ${s.rows} rows` : ''}\n`,
					);
					if (k >= 0) samples[p].push(s);
				}
			}
			results.fileExport = summariseFileExport(100_000, samples, VERSION, BINARY_MODE);
		}
		const file = path.join(ROOT, 'bench', `real-n8n-${VERSION}.json`);
		const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
		// a run of one part keeps the other part's figures, with their date and run count
		const stamp = { date: new Date().toISOString(), runs: RUNS };
		if (results.fileExport) results.fileExport = { ...stamp, ...(results.fileExport as object) };
		const out = !ONLY.has('bulk') ? { ...previous, ...results } : {
			...previous,
			date: stamp.date,
			n8n: VERSION,
			node: `Node ${lib.nodeMajorFor(VERSION)} (n8n's own runtime under .n8n-local/)`,
			runs: RUNS,
			setup:
				'real n8n server, packed package as a community package; Webhook (respond when last node finishes, no data) → path; executions saved (n8n default), deleted after each run; bench sandbox in its own process',
			...results,
			totalSeconds: round((Date.now() - t0) / 1000, 1),
		};
		if (!process.env.BENCH_NO_WRITE) {
			writeFileSync(file, `${JSON.stringify(out, null, '\t')}\n`);
			if (results.fileExport) {
				writeFileExportResults((current) => ({ ...current, ...headline(results.fileExport as Record<string, unknown>), byVersion: { ...(current.byVersion ?? {}), [`${VERSION} ${BINARY_MODE}`]: results.fileExport } }));
			}
		}
		for (const v of byVariant.map((b) => b.variant)) {
			const r = results[v.name] as Record<string, number>;
			process.stdout.write(
				`${v.name}: node ${r.nodeSeconds} s (execution ${r.nodeExecutionSeconds} s, RSS +${r.nodeRssGrowthMB} MB) | ` +
					`HTTP Request + Split Out ${r.httpRequestSeconds} s (execution ${r.httpRequestExecutionSeconds} s, RSS +${r.httpRequestRssGrowthMB} MB) | ` +
					`b/c ${r.nodeVsHttpRequest} (execution only ${r.nodeVsHttpRequestExecution})\n`,
			);
		}
		if (results.fileExport) {
			const r = results.fileExport as Record<string, number>;
			process.stdout.write(
				`CSV file, all fields: node ${r.nodeSeconds} s (execution ${r.nodeExecutionSeconds} s, RSS +${r.nodeRssGrowthMB} MB, file ${r.fileMB} MB) | ` +
					`HTTP Request + Split Out + Convert to File ${r.httpRequestSeconds} s (execution ${r.httpRequestExecutionSeconds} s, RSS +${r.httpRequestRssGrowthMB} MB) | ` +
					`b/c ${r.nodeVsHttpRequest} (execution only ${r.nodeVsHttpRequestExecution}); RSS growth / file ${r.nodeRssGrowthPerFileSize}\n`,
			);
		}
	} finally {
		if (n8n) await n8n.shutdown();
		await sb.close();
	}
}

/** The top-level figures of results.json → fileExport: those of the newest run of n8n 2.x (else this one). */
function headline(r: Record<string, unknown>): Record<string, unknown> {
	if (VERSION.startsWith('1.') && existsSync(RESULTS_FILE)) {
		const current = (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, any>).fileExport;
		if (typeof current?.n8nVersion === 'string' && !current.n8nVersion.startsWith('1.')) return {};
	}
	const { runs: _runs, ...figures } = r;
	return figures;
}

const RESULTS_FILE = path.join(ROOT, 'bench', 'results.json');

if (process.argv.includes('--million')) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('./million');
} else main().catch((error) => {
	process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
	process.exitCode = 1;
});
