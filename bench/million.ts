/**
 * 1,000,000 leads (all fields) in a real n8n 2.41.1 started with NODE_OPTIONS=--max-old-space-size=1024
 * (issue 13). Not part of `npm test`; run with `npm run bench:n8n -- --million` (≈ 10–15 min):
 *
 *   (b) LeadGenius Enriched Lead → Get Many, Output: CSV File: must complete, and the stored file
 *       must have 1,000,000 data rows (counted by reading it back);
 *   Items: the same node with Output: Items (one item per lead);
 *   (c) HTTP Request (pagination) → Split Out → Convert to File (CSV).
 *
 * One n8n serves the paths in turn, restarted when a path took it down. What happens is
 * reported as it is: completed with its figures, or failed with the error / n8n's log.
 * BENCH_MILLION_LEADS changes the count, BENCH_MILLION_PATHS=file,items,httpRequest the paths,
 * BENCH_HEAP_MB the heap limit. Results: bench/results.json → fileExport.millionRows.
 */
import { bootN8n, lib, project, sandboxInfo } from '../e2e/harness';
import type { N8nUnderTest } from '../e2e/harness';
import { httpToFileNodes, measureFileExport, nodeFileParameters, readResults, writeFileExportResults } from './file-export';
import { round } from './measure';
import { deleteExecution, LEADGENIUS, measureRun, procStatus, webhook, workflow } from './n8n-run';
import { PAGE_SIZE } from './paths';
import { startBenchSandbox } from './sandbox-client';
import type { BenchSandbox } from './sandbox-client';

const LEADS = Number(process.env.BENCH_MILLION_LEADS ?? 1_000_000);
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 1024);
const VERSION = lib.resolveN8nVersion(process.env.BENCH_N8N_VERSION ?? '2');
const PATHS = (process.env.BENCH_MILLION_PATHS ?? 'file,items,httpRequest').split(',').map((p) => p.trim()) as MillionPath[];
type MillionPath = 'file' | 'items' | 'httpRequest';
const TIMEOUT_MS = 30 * 60_000;

interface Outcome {
	path: MillionPath;
	completed: boolean;
	seconds: number;
	executionSeconds?: number;
	rssGrowthMB?: number;
	peakRssMB?: number;
	fileMB?: number;
	rows?: number;
	error?: string;
	n8nAlive?: boolean;
}

function workflowFor(sb: BenchSandbox, p: MillionPath) {
	const cred = { id: project.CREDENTIAL_IDS.apiKey, name: 'LeadGenius Sandbox (API key)' };
	if (p === 'httpRequest') return workflow('benchMillionHttp', httpToFileNodes(sb, 201, hookOf(p)));
	const parameters = p === 'file' ? nodeFileParameters(sb) : { ...nodeFileParameters(sb), output: 'items' };
	return workflow(p === 'file' ? 'benchMillionFile' : 'benchMillionItem', [
		webhook(hookOf(p), p === 'file' ? 200 : 202),
		{ id: 'lg', name: 'LeadGenius', type: LEADGENIUS, typeVersion: 1, position: [220, 0], credentials: { leadGeniusApi: cred }, parameters },
	]);
}

async function boot(sb: BenchSandbox, tgz: string, workflows: Array<ReturnType<typeof workflow>>): Promise<N8nUnderTest> {
	const n8n = await bootN8n({
		version: VERSION,
		tgz,
		label: 'bench-million',
		credentials: project.buildCredentials(sandboxInfo({ url: sb.url, demo: sb.demo as never }), { only: ['apiKey'] }),
		workflows,
		activate: workflows.map((w) => w.id),
		env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
	});
	process.stderr.write(`[million] n8n ${VERSION} up (pid ${n8n.handle.pid}, heap limit ${HEAP_MB} MB): ${JSON.stringify(n8n.timings)}\n`);
	return n8n;
}

async function runPath(n8n: N8nUnderTest, sb: BenchSandbox, wf: { id: string }, p: MillionPath): Promise<Outcome> {
	const t0 = performance.now();
	const pid = n8n.handle.pid;
	try {
		if (p === 'items') {
			// Items: the run must succeed and every page be fetched
			const run = await measureRun(n8n, sb, wf.id, hookOf(p), TIMEOUT_MS);
			await deleteExecution(n8n, run.executionId);
			if (run.pages !== Math.ceil(LEADS / PAGE_SIZE)) throw new Error(`the sandbox served ${run.pages} pages`);
			return { path: p, completed: true, seconds: round(run.seconds), executionSeconds: round(run.executionSeconds), rssGrowthMB: run.rssGrowthMB, peakRssMB: round(procStatus(pid, 'VmHWM'), 0) };
		}
		const s = await measureFileExport(n8n, sb, LEADS, wf.id, hookOf(p), p === 'file' ? 'node' : 'httpRequest', true, TIMEOUT_MS);
		return {
			path: p,
			completed: true,
			seconds: round(s.seconds),
			executionSeconds: round(s.executionSeconds),
			rssGrowthMB: s.rssGrowthMB,
			peakRssMB: round(procStatus(pid, 'VmHWM'), 0),
			...(s.fileBytes !== null ? { fileMB: round(s.fileBytes / 1e6, 1) } : {}),
			...(s.rows !== undefined ? { rows: s.rows } : {}),
		};
	} catch (error) {
		const alive = lib.pidAlive(pid);
		const log = n8n.logTail(400);
		const oom = /heap out of memory|Allocation failed[^\n]*|Reached heap limit[^\n]*/i.exec(log)?.[0];
		const message = `${(error as Error).message}${oom ? ` — n8n log: "${oom}"` : ''}${alive ? '' : ' (the n8n process died)'}`;
		process.stderr.write(`[million] ${p}: FAILED: ${message}\n${log.split('\n').slice(-15).join('\n')}\n`);
		return { path: p, completed: false, seconds: round((performance.now() - t0) / 1000), error: message.slice(0, 400), n8nAlive: alive };
	}
}

const hookOf = (p: MillionPath) => `million-${p}`;

async function main() {
	const t0 = Date.now();
	// a million leads with their cached JSON: more than Node's default heap
	const sb = await startBenchSandbox(LEADS, ['--max-old-space-size=12288']);
	process.stderr.write(`[million] sandbox seeded with ${LEADS} leads in ${round(sb.seedMs / 1000, 1)} s\n`);
	try {
		const tgz = lib.buildAndPack({ build: !process.env.BENCH_SKIP_BUILD });
		const outcomes: Outcome[] = [];
		const workflows = PATHS.map((p) => workflowFor(sb, p));
		let n8n: N8nUnderTest | undefined;
		try {
			for (const [k, p] of PATHS.entries()) {
				// a failed path may have taken n8n down (an OOM kill can take a moment to show): restart
				if (!n8n || !lib.pidAlive(n8n.handle.pid) || outcomes[outcomes.length - 1]?.completed === false) {
					if (n8n) await n8n.shutdown().catch(() => undefined);
					n8n = await boot(sb, tgz, workflows);
				}
				const o = await runPath(n8n, sb, workflows[k], p);
				process.stderr.write(`[million] ${JSON.stringify(o)}\n`);
				outcomes.push(o);
			}
		} finally {
			if (n8n) await n8n.shutdown().catch(() => undefined);
		}
		// a run of some paths keeps the others' outcomes from an earlier run
		const previous = (readResults().fileExport?.millionRows ?? {}) as { paths?: Outcome[] };
		const merged = [...(previous.paths ?? []).filter((o) => !PATHS.includes(o.path)), ...outcomes];
		const file = merged.find((o) => o.path === 'file');
		const millionRows = {
			records: file?.rows ?? 0,
			completed: file?.completed === true && file.rows === LEADS,
			seconds: file?.seconds ?? null,
			heapLimitMB: HEAP_MB,
			n8nVersion: VERSION,
			leads: LEADS,
			fields: 'all',
			date: new Date().toISOString(),
			paths: merged,
		};
		if (!process.env.BENCH_NO_WRITE) writeFileExportResults((current) => ({ ...current, millionRows }));
		process.stdout.write(`${JSON.stringify(millionRows, null, 2)}\nTotal ${round((Date.now() - t0) / 1000, 1)} s\n`);
	} finally {
		await sb.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
	process.exitCode = 1;
});
