/**
 * Can a client beat the raw loop (a) by overlapping work? An experiment, not part of
 * `npm run bench`:
 *
 *   node --expose-gc build/bench/overlap.js [runs=7]
 *
 * It measures (a), the bench's sequential axios loop, against a speculative-prefetch loop: it reads
 * each page as text, finds the `"nextToken"` value in the text, requests the next page at once and
 * only then parses the current page (checking that the parsed token is the one it sent), so that
 * the server's work and the transfer of page n+1 overlap the client's parse of page n. The
 * tokens chain, so no deeper pipeline is possible. Both loops return the same 100,000 records
 * (checked). It prints medians of wall and client CPU seconds and the ratio.
 */
import './env';

import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { median, round, settle } from './measure';
import { BULK_PATH, BULK_VARIANTS, fieldsQuery, PAGE_SIZE, rawBulk } from './paths';
import type { BulkVariant } from './paths';
import { startBenchSandbox } from './sandbox-client';
import type { BenchSandbox } from './sandbox-client';

/** The value of the last `"nextToken":` in a JSON text (undefined: not found or not a string). */
function tokenIn(text: string): string | null | undefined {
	const key = '"nextToken":';
	const at = text.lastIndexOf(key);
	if (at < 0) return undefined;
	let j = at + key.length;
	while (text[j] === ' ') j++;
	if (text.startsWith('null', j)) return null;
	if (text[j] !== '"') return undefined;
	let k = j + 1;
	while (k < text.length && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
	return JSON.parse(text.slice(j, k + 1)) as string;
}

async function prefetchBulk(sb: BenchSandbox, variant: BulkVariant): Promise<IDataObject[]> {
	const account = sb.demo;
	const headers = { 'x-api-key': account.apiKey, 'x-user-id': account.userId };
	const get = (nextToken?: string) =>
		axios.get<string>(`${sb.url}${BULK_PATH}`, {
			headers,
			responseType: 'text',
			params: {
				companyId: account.companyId,
				clientId: account.clientId,
				limit: PAGE_SIZE,
				...(variant.fields ? { fields: fieldsQuery(variant) } : {}),
				...(nextToken ? { nextToken } : {}),
			},
		});
	const records: IDataObject[] = [];
	let pending = get();
	for (;;) {
		const text = (await pending).data;
		const guess = tokenIn(text);
		if (guess) pending = get(guess);
		const page = JSON.parse(text) as { data: IDataObject[]; nextToken: string | null };
		for (const r of page.data) records.push(r);
		if (page.nextToken !== (guess ?? null)) throw new Error('prefetch guessed the wrong token');
		if (!page.nextToken) return records;
	}
}

async function timed(fn: () => Promise<unknown>) {
	await settle();
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	const out = await fn();
	const cpu = process.cpuUsage(c0);
	return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, out };
}

async function main() {
	const runs = Number(process.argv[2] ?? 7);
	const sb = await startBenchSandbox(100_000);
	try {
		for (const variant of BULK_VARIANTS) {
			const seq = { seconds: [] as number[], cpu: [] as number[] };
			const pre = { seconds: [] as number[], cpu: [] as number[] };
			for (let k = -1; k < runs; k++) {
				const order = k % 2 === 0 ? ['seq', 'pre'] : ['pre', 'seq'];
				for (const which of order) {
					const r =
						which === 'seq'
							? await timed(async () => (await rawBulk(sb.url, sb.demo, variant)).records)
							: await timed(() => prefetchBulk(sb, variant));
					const n = (r.out as unknown[]).length;
					if (n !== 100_000) throw new Error(`${which}: ${n} records, expected 100000`);
					if (k < 0) continue; // warm-up
					const into = which === 'seq' ? seq : pre;
					into.seconds.push(r.seconds);
					into.cpu.push(r.cpuSeconds);
				}
			}
			const s = median(seq.seconds);
			const p = median(pre.seconds);
			process.stdout.write(
				`${variant.name}: sequential (a) ${round(s)} s (CPU ${round(median(seq.cpu))}), ` +
					`prefetch ${round(p)} s (CPU ${round(median(pre.cpu))}), prefetch/sequential ${round(p / s)}; ` +
					`runs: ${seq.seconds.map((x) => round(x)).join(' ')} | ${pre.seconds.map((x) => round(x)).join(' ')}\n`,
			);
		}
	} finally {
		await sb.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
	process.exitCode = 1;
});
