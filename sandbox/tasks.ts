/**
 * Background runs (Trigger.dev tasks, lead-processing runs and Apify scrape runs).
 *
 * A run becomes terminal `taskDelayMs` after it was created: a timer settles it, and every read
 * settles a run that is due, so status answers are exact even if the timer is late. Settling a
 * run calls its `complete` effect (e.g. writes the placeholder value into the lead) once.
 * Tests steer runs through the control methods (`fail`, `hang`, `failNext`, …).
 */
import { randomBytes } from 'node:crypto';

export type RunKind = 'process' | 'trigger' | 'scrape';
export type RunStatus = 'QUEUED' | 'EXECUTING' | 'COMPLETED' | 'FAILED' | 'CANCELED';
export type ApifyStatus = 'READY' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED-OUT' | 'ABORTED';

export interface RunSpec {
	kind: RunKind;
	taskId: string;
	companyId: string;
	owner: string;
	payload?: unknown;
	tags?: string[];
	batchTag?: string;
	meta?: Record<string, unknown>;
	/** Effect applied when the run completes; its return value is the run output. Throwing fails the run. */
	complete?: (run: Run) => unknown;
	/** Effect applied when the run fails (forced or thrown). */
	failed?: (run: Run, error: string) => void;
}

export interface Run {
	readonly id: string;
	readonly kind: RunKind;
	readonly taskId: string;
	readonly companyId: string;
	readonly owner: string;
	readonly payload: unknown;
	readonly tags: string[];
	readonly batchTag: string | undefined;
	readonly meta: Record<string, unknown>;
	readonly createdAtMs: number;
	readonly startAtMs: number;
	/** When the run becomes terminal on its own; Infinity while hung. */
	finishAtMs: number;
	state: 'pending' | 'COMPLETED' | 'FAILED' | 'CANCELED';
	finishedAtMs: number | null;
	output: unknown;
	error: string | null;
	/** Set by failNext()/fail-at-finish: the run ends FAILED with this message. */
	failWith: string | null;
	readonly complete?: (run: Run) => unknown;
	readonly failed?: (run: Run, error: string) => void;
}

/** Public view of a run (GET /api/trigger-task-status and friends). */
export interface RunView {
	runId: string;
	taskId: string;
	status: RunStatus;
	output: unknown;
	error: string | null;
	createdAt: string;
	startedAt: string | null;
	finishedAt: string | null;
	tags: string[];
	batchTag?: string;
}

/** Task-control API exposed as `sandbox.tasks`. */
export interface TaskControl {
	/** Forces a pending run to FAILED now. Returns false if unknown or already terminal. */
	fail(runId: string, error?: string): boolean;
	/** Forces a pending (even hung) run to complete now, applying its effect. */
	complete(runId: string): boolean;
	/** Marks a pending run CANCELED now. */
	cancel(runId: string): boolean;
	/** Makes a pending run never finish on its own (stays EXECUTING / RUNNING). */
	hang(runId: string): boolean;
	/** The next `count` runs created end FAILED at their normal finish time. */
	failNext(count?: number, error?: string): void;
	/** The next `count` runs created never finish. */
	hangNext(count?: number): void;
	/** Clears failNext/hangNext counters. */
	resetControls(): void;
	/** Status of one run (settling it if due). */
	status(runId: string): RunStatus | undefined;
	get(runId: string): RunView | undefined;
	/** Every run, oldest first. */
	list(): RunView[];
	/** Resolves when the run is terminal (or rejects after timeoutMs). */
	waitFor(runId: string, timeoutMs?: number): Promise<RunView>;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class TaskRunner implements TaskControl {
	private readonly runs = new Map<string, Run>();
	private readonly order: Run[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	private failNextCount = 0;
	private failNextError = 'Task failed (forced by sandbox)';
	private hangNextCount = 0;
	private closed = false;

	constructor(private readonly delayMs: () => number) {}

	create(spec: RunSpec): Run {
		const now = Date.now();
		const delay = Math.max(0, this.delayMs());
		const prefix = spec.kind === 'scrape' ? 'apify_run_' : 'run_';
		const run: Run = {
			id: prefix + randomBytes(12).toString('hex'),
			kind: spec.kind,
			taskId: spec.taskId,
			companyId: spec.companyId,
			owner: spec.owner,
			payload: spec.payload ?? null,
			tags: spec.tags ?? [],
			batchTag: spec.batchTag,
			meta: spec.meta ?? {},
			createdAtMs: now,
			startAtMs: now + Math.floor(delay / 5),
			finishAtMs: now + delay,
			state: 'pending',
			finishedAtMs: null,
			output: null,
			error: null,
			failWith: null,
			complete: spec.complete,
			failed: spec.failed,
		};
		if (this.hangNextCount > 0) {
			this.hangNextCount--;
			run.finishAtMs = Infinity;
		} else if (this.failNextCount > 0) {
			this.failNextCount--;
			run.failWith = this.failNextError;
		}
		this.runs.set(run.id, run);
		this.order.push(run);
		if (run.finishAtMs !== Infinity) {
			if (delay === 0) this.settle(run, now);
			else this.schedule(run, delay);
		}
		return run;
	}

	/** Run record, settled if due. */
	find(runId: string): Run | undefined {
		const run = this.runs.get(runId);
		if (run) this.settleIfDue(run);
		return run;
	}

	statusOf(run: Run, now = Date.now()): RunStatus {
		this.settleIfDue(run, now);
		if (run.state !== 'pending') return run.state;
		return now < run.startAtMs ? 'QUEUED' : 'EXECUTING';
	}

	apifyStatusOf(run: Run): ApifyStatus {
		switch (this.statusOf(run)) {
			case 'QUEUED':
				return 'READY';
			case 'EXECUTING':
				return 'RUNNING';
			case 'COMPLETED':
				return 'SUCCEEDED';
			case 'FAILED':
				return 'FAILED';
			default:
				return 'ABORTED';
		}
	}

	view(run: Run): RunView {
		const status = this.statusOf(run);
		const v: RunView = {
			runId: run.id,
			taskId: run.taskId,
			status,
			output: run.output,
			error: run.error,
			createdAt: new Date(run.createdAtMs).toISOString(),
			startedAt: status === 'QUEUED' ? null : iso(Math.min(run.startAtMs, run.finishedAtMs ?? run.startAtMs)),
			finishedAt: iso(run.finishedAtMs),
			tags: run.tags,
		};
		if (run.batchTag) v.batchTag = run.batchTag;
		return v;
	}

	/** Runs of a tenant, newest first. */
	recent(companyId: string, kinds: readonly RunKind[], limit: number): Run[] {
		const out: Run[] = [];
		for (let i = this.order.length - 1; i >= 0 && out.length < limit; i--) {
			const r = this.order[i];
			if (r.companyId === companyId && kinds.includes(r.kind)) out.push(r);
		}
		return out;
	}

	// ---- TaskControl ----

	fail(runId: string, error = 'Task failed (forced by sandbox)'): boolean {
		const run = this.find(runId);
		if (!run || run.state !== 'pending') return false;
		this.finish(run, 'FAILED', error, Date.now());
		return true;
	}

	complete(runId: string): boolean {
		const run = this.find(runId);
		if (!run || run.state !== 'pending') return false;
		run.failWith = null;
		this.settle(run, Date.now());
		return true;
	}

	cancel(runId: string): boolean {
		const run = this.find(runId);
		if (!run || run.state !== 'pending') return false;
		run.state = 'CANCELED';
		run.finishedAtMs = Date.now();
		return true;
	}

	hang(runId: string): boolean {
		const run = this.find(runId);
		if (!run || run.state !== 'pending') return false;
		run.finishAtMs = Infinity;
		return true;
	}

	failNext(count = 1, error?: string): void {
		this.failNextCount = Math.max(0, Math.floor(count));
		if (error) this.failNextError = error;
	}

	hangNext(count = 1): void {
		this.hangNextCount = Math.max(0, Math.floor(count));
	}

	resetControls(): void {
		this.failNextCount = 0;
		this.hangNextCount = 0;
	}

	status(runId: string): RunStatus | undefined {
		const run = this.find(runId);
		return run ? this.statusOf(run) : undefined;
	}

	get(runId: string): RunView | undefined {
		const run = this.find(runId);
		return run ? this.view(run) : undefined;
	}

	list(): RunView[] {
		return this.order.map((r) => this.view(r));
	}

	waitFor(runId: string, timeoutMs = 10000): Promise<RunView> {
		const deadline = Date.now() + timeoutMs;
		return new Promise((resolve, reject) => {
			const poll = (): void => {
				const run = this.find(runId);
				if (!run) return reject(new Error(`Unknown run ${runId}`));
				if (run.state !== 'pending') return resolve(this.view(run));
				if (Date.now() >= deadline) return reject(new Error(`Run ${runId} still pending after ${timeoutMs} ms`));
				setTimeout(poll, 10);
			};
			poll();
		});
	}

	close(): void {
		this.closed = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}

	// ---- internals ----

	private schedule(run: Run, delay: number): void {
		if (this.closed) return;
		const t = setTimeout(() => {
			this.timers.delete(t);
			this.settleIfDue(run);
		}, delay + 1);
		t.unref();
		this.timers.add(t);
	}

	private settleIfDue(run: Run, now = Date.now()): void {
		if (run.state === 'pending' && now >= run.finishAtMs) this.settle(run, run.finishAtMs);
	}

	private settle(run: Run, atMs: number): void {
		if (run.state !== 'pending') return;
		if (run.failWith !== null) {
			this.finish(run, 'FAILED', run.failWith, atMs);
			return;
		}
		try {
			run.output = run.complete ? (run.complete(run) ?? null) : null;
			run.state = 'COMPLETED';
			run.finishedAtMs = atMs;
		} catch (err) {
			this.finish(run, 'FAILED', err instanceof Error ? err.message : String(err), atMs);
		}
	}

	private finish(run: Run, state: 'FAILED', error: string, atMs: number): void {
		run.state = state;
		run.error = error;
		run.finishedAtMs = atMs;
		try {
			run.failed?.(run, error);
		} catch {
			// a failing failure hook must not break the sandbox
		}
	}
}
