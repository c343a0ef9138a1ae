/**
 * Measurement helpers: a peak-RSS sampler on its own thread, forced GC, medians.
 *
 * The sampler runs in a worker thread so that it keeps sampling while the main thread is busy in
 * a long synchronous step (JSON.parse of a 4 MB page, n8n copying items): a timer on the main
 * thread would only ever see the quiet moments between such steps. RSS is process-wide, so the
 * worker sees the main thread's memory; its own few MB are part of every baseline.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const ctl = new Int32Array(workerData.ctl);
const peak = new BigInt64Array(workerData.peak);
while (Atomics.load(ctl, 0) === 0) {
	const rss = BigInt(process.memoryUsage.rss());
	if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss);
	Atomics.wait(ctl, 1, 0, ${2});
}
`;

export class RssSampler {
	private readonly ctl = new Int32Array(new SharedArrayBuffer(8));
	private readonly peak = new BigInt64Array(new SharedArrayBuffer(8));
	private readonly worker: Worker;

	constructor() {
		this.worker = new Worker(SAMPLER, { eval: true, workerData: { ctl: this.ctl.buffer, peak: this.peak.buffer } });
		this.worker.unref();
	}

	/** Start a measurement: the baseline is the RSS now. */
	start(): number {
		const now = process.memoryUsage.rss();
		Atomics.store(this.peak, 0, BigInt(now));
		return now;
	}

	/** Highest RSS seen since `start()` (includes a final sample taken now). */
	peakBytes(): number {
		const now = BigInt(process.memoryUsage.rss());
		const seen = Atomics.load(this.peak, 0);
		return Number(seen > now ? seen : now);
	}

	async stop(): Promise<void> {
		Atomics.store(this.ctl, 0, 1);
		Atomics.notify(this.ctl, 1);
		await this.worker.terminate();
	}
}

/**
 * Let the previous run's leftovers go, then full GCs until the heap stops shrinking (needs
 * --expose-gc). The pause first matters: right after a workflow execution resolves, its output
 * is still reachable for a few event-loop turns (socket close events, timers of the HTTP stack);
 * collecting at once would leave ~100 MB of it alive into the next run, inflating that run's
 * baseline and charging it the collection.
 */
export async function settle(): Promise<void> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run the bench with node --expose-gc');
	let previous = Infinity;
	for (let round = 0; round < 8; round++) {
		await new Promise((r) => setTimeout(r, 50));
		gc();
		gc();
		const used = process.memoryUsage().heapUsed;
		if (used >= previous * 0.995) break;
		previous = used;
	}
	await new Promise((r) => setTimeout(r, 20));
}

export interface Sample {
	seconds: number;
	/** CPU seconds of this process (all its threads: JS, GC helpers, the sampler) during the run. */
	cpuSeconds: number;
	rssGrowthMB: number;
	/** Anything the path wants to report (records, requests, failures …). */
	[key: string]: number;
}

/** Collects V8 GC pauses of the main thread (PerformanceObserver 'gc'), by kind. */
export class GcWatch {
	private entries: PerformanceEntry[] = [];
	private readonly observer = new PerformanceObserver((list) => {
		for (const e of list.getEntries()) this.entries.push(e);
	});

	constructor() {
		this.observer.observe({ entryTypes: ['gc'] });
	}

	reset() {
		this.entries = [];
	}

	/** Seconds of scavenges (minor) and of mark-compact/incremental (major) GC since reset. */
	totals(): { minorGcSeconds: number; majorGcSeconds: number } {
		let minor = 0;
		let major = 0;
		for (const e of this.entries) {
			const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
			// perf_hooks.constants: NODE_PERFORMANCE_GC_MINOR = 1, MAJOR = 4, INCREMENTAL = 8, WEAKCB = 16
			if (kind === 1) minor += e.duration;
			else major += e.duration;
		}
		return { minorGcSeconds: minor / 1000, majorGcSeconds: major / 1000 };
	}

	stop() {
		this.observer.disconnect();
	}
}

const gcWatch = new GcWatch();

/**
 * Run `fn` once under measurement: settle the heap, take the RSS baseline, time it, keep the peak.
 * `fn` returns what it wants to keep until the peak is read (so its output is still alive then),
 * plus numbers to report; the output is released before the next run.
 */
export async function measure(
	sampler: RssSampler,
	fn: () => Promise<{ keep?: unknown; report?: Record<string, number> }>,
): Promise<{ sample: Sample; keep?: unknown }> {
	await settle();
	const baselineHeapMB = process.memoryUsage().heapUsed / 2 ** 20;
	const baseline = sampler.start();
	gcWatch.reset();
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const out = await fn();
	const seconds = (performance.now() - t0) / 1000;
	const cpu = process.cpuUsage(cpu0);
	const peak = sampler.peakBytes();
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	// GC entries are delivered asynchronously: let them arrive before reading the totals
	await new Promise((r) => setImmediate(r));
	const gc = gcWatch.totals();
	return {
		sample: { seconds, cpuSeconds, rssGrowthMB: (peak - baseline) / 2 ** 20, baselineHeapMB, ...gc, ...(out.report ?? {}) },
		keep: out.keep,
	};
}

export function median(values: number[]): number {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (v.length === 0) return NaN;
	const mid = Math.floor(v.length / 2);
	return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Median of run-by-run ratios num[k] / den[k]. The two paths of one run are timed back to back, so a
 * slow spell of a shared machine hits both: steadier than the ratio of the two medians.
 */
export function pairedRatio(num: number[], den: number[]): number {
	if (num.length !== den.length) throw new Error(`paired ratio of ${num.length} and ${den.length} runs: every run needs both paths`);
	return median(num.map((s, k) => s / den[k]));
}

/** Median of each numeric field over the samples. */
export function medians(samples: Sample[]): Record<string, number> {
	const keys = new Set<string>();
	for (const s of samples) for (const [k, v] of Object.entries(s)) if (typeof v === 'number') keys.add(k);
	const out: Record<string, number> = {};
	for (const k of keys) out[k] = median(samples.map((s) => s[k]));
	return out;
}

/** Bytes of `JSON.stringify` of each item's json, as one JSON array of them would take. */
export function outputJsonBytes(items: Array<{ json: unknown }>): number {
	let bytes = 2 + Math.max(0, items.length - 1); // [ ] and commas
	for (const item of items) bytes += Buffer.byteLength(JSON.stringify(item.json));
	return bytes;
}

export const round = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
