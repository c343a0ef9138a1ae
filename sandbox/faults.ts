/**
 * Deterministic fault injection. Every non-exempt request gets the next index n; the decision for n
 * is a pure function of (faults.seed, n), so the same seed faults the same request indices.
 */
import { mix32 } from './prng';

export interface FaultOptions {
	/** Seed of the fault sequence (default 1). */
	seed?: number;
	/** Fraction (0..1) of requests answered 500/503 before processing. */
	errorRate?: number;
	/** Fraction (0..1) of requests whose socket is destroyed without an answer. */
	resetRate?: number;
	/** Latency added to every non-exempt request. */
	latencyMs?: number;
	/** Fraction (0..1) of requests that get an extra latency spike. */
	latencySpikeRate?: number;
	/** Size of a latency spike (default 1000 ms). */
	latencySpikeMs?: number;
	/** Path prefixes never faulted (default ['/api/auth']). */
	exempt?: string[];
}

export interface FaultDecision {
	index: number;
	kind: 'none' | 'error' | 'reset';
	status?: 500 | 503;
	delayMs: number;
}

export interface FaultRecord {
	index: number;
	method: string;
	path: string;
	/** `reset-after-write`: production mode's `resetAfterWriteRate` (the write was committed; index = write counter). */
	kind: 'error' | 'reset' | 'latency' | 'reset-after-write';
	status?: number;
	delayMs: number;
	at: number;
}

/** Paths that are never faulted whatever the options (test plumbing, not API surface). */
const ALWAYS_EXEMPT = ['/api/webhooks/inbound', '/__sandbox'];

const unit = (seed: number, n: number, lane: number): number => mix32(seed, n, lane) / 4294967296;

const clampRate = (v: number | undefined): number => (typeof v === 'number' && v > 0 ? Math.min(1, v) : 0);

export class FaultInjector {
	private opts: Required<FaultOptions> = FaultInjector.normalise(undefined);
	private counter = 0;
	readonly log: FaultRecord[] = [];

	static normalise(o: FaultOptions | undefined): Required<FaultOptions> {
		return {
			seed: Math.floor(o?.seed ?? 1) >>> 0,
			errorRate: clampRate(o?.errorRate),
			resetRate: clampRate(o?.resetRate),
			latencyMs: Math.max(0, o?.latencyMs ?? 0),
			latencySpikeRate: clampRate(o?.latencySpikeRate),
			latencySpikeMs: Math.max(0, o?.latencySpikeMs ?? 1000),
			exempt: o?.exempt ?? ['/api/auth'],
		};
	}

	/** Replaces the fault configuration and restarts the index sequence at 0. */
	configure(o: FaultOptions | undefined): void {
		this.opts = FaultInjector.normalise(o);
		this.counter = 0;
		this.log.length = 0;
	}

	get options(): Readonly<Required<FaultOptions>> {
		return this.opts;
	}

	get active(): boolean {
		const o = this.opts;
		return o.errorRate > 0 || o.resetRate > 0 || o.latencyMs > 0 || o.latencySpikeRate > 0;
	}

	/** Number of requests that went through the injector since the last `configure`. */
	get requestCount(): number {
		return this.counter;
	}

	isExempt(path: string): boolean {
		const match = (p: string): boolean => path === p || path.startsWith(p.endsWith('/') ? p : p + '/');
		return ALWAYS_EXEMPT.some(match) || this.opts.exempt.some(match);
	}

	/** Logs a reset injected after a committed write (production mode); `index` counts those writes. */
	logResetAfterWrite(index: number, method: string, path: string): void {
		this.log.push({ index, method, path, kind: 'reset-after-write', delayMs: 0, at: Date.now() });
	}

	/** Decision for the next request, or null when inactive or the path is exempt. */
	decide(method: string, path: string): FaultDecision | null {
		if (!this.active || this.isExempt(path)) return null;
		const o = this.opts;
		const n = this.counter++;
		const u = unit(o.seed, n, 1);
		let kind: FaultDecision['kind'] = 'none';
		let status: 500 | 503 | undefined;
		if (u < o.errorRate) {
			kind = 'error';
			status = unit(o.seed, n, 2) < 0.5 ? 500 : 503;
		} else if (u < o.errorRate + o.resetRate) {
			kind = 'reset';
		}
		let delayMs = o.latencyMs;
		if (o.latencySpikeRate > 0 && unit(o.seed, n, 3) < o.latencySpikeRate) delayMs += o.latencySpikeMs;
		if (kind !== 'none' || delayMs > o.latencyMs) {
			this.log.push({ index: n, method, path, kind: kind === 'none' ? 'latency' : kind, status, delayMs, at: Date.now() });
		}
		return { index: n, kind, status, delayMs };
	}
}
