/**
 * Profiling aid for the bulk paths (not part of `npm run bench`):
 *
 *   node --expose-gc --cpu-prof --cpu-prof-dir=bench/.profiles build/bench/profile.js node projected 5
 *   node build/bench/profile-summary.js bench/.profiles/<file>.cpuprofile
 *   BENCH_HEAP_SNAPSHOT=1 node --expose-gc build/bench/profile.js node full 1   # + a heap snapshot
 *
 * Arguments: path (raw | node | httpRequest | rawCreateMany | nodeCreateMany |
 * nodeCreateManyAutoMap | nodeCreateManyUnverified | floorCreateMany), variant (full |
 * projected; Create Many: the number of leads, default 10000), runs. One warm-up run
 * first; the sandbox runs in its own process, so the profile holds only the client side.
 */
import './env';

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

import { settle } from './measure';
import { loadN8nBaseNodes } from './n8n-base';
import { BULK_VARIANTS, floorCreateMany, httpRequestBulk, newLeads, nodeBulk, nodeCreateMany, rawBulk, rawCreateMany, TRUST_THE_ANSWER } from './paths';
import type { PathResult } from './paths';
import { apiKeyCredential, startBenchSandbox } from './sandbox-client';
import { BenchRunner, HTTP_REQUEST, SPLIT_OUT } from './workflow';

async function main() {
	const [which = 'node', variantName = 'full', runsArg = '3'] = process.argv.slice(2);
	const variant = BULK_VARIANTS.find((v) => v.name === variantName) ?? BULK_VARIANTS[0];
	const createCount = Number(variantName) || 10_000;
	let tag = 0;
	const base = loadN8nBaseNodes();
	const sandbox = await startBenchSandbox(100_000);
	const runner = new BenchRunner(apiKeyCredential(sandbox.url, sandbox.demo));
	runner.nodeTypes.register(HTTP_REQUEST, base.httpRequest);
	runner.nodeTypes.register(SPLIT_OUT, base.splitOut);
	const run: Record<string, () => Promise<PathResult>> = {
		raw: () => rawBulk(sandbox.url, sandbox.demo, variant),
		node: () => nodeBulk(runner, sandbox.demo, variant),
		httpRequest: () => httpRequestBulk(runner, sandbox.url, sandbox.demo, variant),
		rawCreateMany: () => rawCreateMany(sandbox.url, sandbox.demo, newLeads(createCount, `p${process.pid}x${tag++}`), 100),
		nodeCreateMany: () => nodeCreateMany(runner, sandbox.demo, newLeads(createCount, `p${process.pid}x${tag++}`), 100),
		nodeCreateManyAutoMap: () =>
			nodeCreateMany(runner, sandbox.demo, newLeads(createCount, `p${process.pid}x${tag++}`), 100, false, 'autoMap'),
		floorCreateMany: () => floorCreateMany(runner, sandbox.demo.clientId, newLeads(createCount, `p${process.pid}x${tag++}`), 100),
		nodeCreateManyUnverified: () =>
			nodeCreateMany(runner, sandbox.demo, newLeads(createCount, `p${process.pid}x${tag++}`), 100, false, 'autoMap', TRUST_THE_ANSWER),
	};
	if (!run[which]) throw new Error(`unknown path ${which}`);
	try {
		await run[which]();
		for (let k = 0; k < Number(runsArg); k++) {
			await settle();
			const t0 = performance.now();
			const cpu0 = process.cpuUsage();
			const result = await run[which]();
			const seconds = (performance.now() - t0) / 1000;
			const cpu = process.cpuUsage(cpu0);
			process.stderr.write(
				`${which}/${variantName} run ${k + 1}: ${seconds.toFixed(3)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s, ${result.report.records} records\n`,
			);
			if (process.env.BENCH_HEAP_SNAPSHOT && k === 0) {
				const dir = path.join(__dirname, '..', '..', 'bench', '.profiles');
				mkdirSync(dir, { recursive: true });
				await settle();
				// taken while the run's output is alive: what an execution holds at its end
				process.stderr.write(`heap snapshot: ${writeHeapSnapshot(path.join(dir, `${which}-${variantName}-${Date.now()}.heapsnapshot`))}\n`);
				process.stderr.write(`(output of ${result.report.records} records was alive)\n`);
			}
		}
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
	process.exitCode = 1;
});
