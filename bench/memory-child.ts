/**
 * One cold memory measurement of one bulk path, in a fresh process (forked by bench/run.ts).
 *
 * In the long-running bench process the heap keeps the pages that earlier runs grew (V8 and
 * malloc do not hand all of them back after GC), so a later run's "RSS growth" understates what
 * an extraction needs. Here the process has loaded everything (the same modules for every path)
 * and run the path once on 12 leads (lazy loading, first compilation), then: forced GC, RSS
 * baseline, one 100,000-lead extraction, peak RSS (sampled every 2 ms on a worker thread), and
 * the heap the output keeps after a GC.
 *
 * Input: env BENCH_SANDBOX = JSON { url, demo, secondClientId }, argv: path variant.
 * Output: one IPC message { seconds, rssGrowthMB, retainedHeapMB, records }.
 */
import './env';

import { RssSampler, settle } from './measure';
import { loadN8nBaseNodes } from './n8n-base';
import { BULK_VARIANTS, httpRequestBulk, nodeBulk, rawBulk } from './paths';
import { apiKeyCredential } from './sandbox-client';
import type { PathResult } from './paths';
import type { Account } from '../sandbox/server';
import { BenchRunner, HTTP_REQUEST, SPLIT_OUT } from './workflow';

async function main() {
	const [which, variantName] = process.argv.slice(2);
	const variant = BULK_VARIANTS.find((v) => v.name === variantName);
	if (!variant) throw new Error(`unknown variant ${variantName}`);
	const sb = JSON.parse(process.env.BENCH_SANDBOX ?? '{}') as { url: string; demo: Account; secondClientId: string };
	const base = loadN8nBaseNodes();
	const runner = new BenchRunner(apiKeyCredential(sb.url, sb.demo));
	runner.nodeTypes.register(HTTP_REQUEST, base.httpRequest);
	runner.nodeTypes.register(SPLIT_OUT, base.splitOut);
	const run = (account: Account): Promise<PathResult> => {
		if (which === 'raw') return rawBulk(sb.url, account, variant);
		if (which === 'node') return nodeBulk(runner, account, variant);
		if (which === 'httpRequest') return httpRequestBulk(runner, sb.url, account, variant);
		throw new Error(`unknown path ${which}`);
	};
	const small = { ...sb.demo, clientId: sb.secondClientId };
	await run(small);
	await run(small);

	const sampler = new RssSampler();
	await settle();
	const heap0 = process.memoryUsage().heapUsed;
	const baseline = sampler.start();
	const t0 = performance.now();
	let result: PathResult | undefined = await run(sb.demo);
	const seconds = (performance.now() - t0) / 1000;
	const peak = sampler.peakBytes();
	await settle();
	const retained = process.memoryUsage().heapUsed - heap0;
	const records = result.report.records;
	result = undefined;
	await sampler.stop();
	process.send?.({ seconds, rssGrowthMB: (peak - baseline) / 2 ** 20, retainedHeapMB: retained / 2 ** 20, records });
}

main()
	.catch((error) => {
		process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
		process.exitCode = 1;
	})
	.finally(() => process.disconnect?.());
