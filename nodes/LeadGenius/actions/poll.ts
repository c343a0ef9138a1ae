import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { bool, num } from './fields';
import type { Params } from './params';
import type { ApiRequest } from '../transport/client';
import type { ItemContext } from './types';

/**
 * Wait for Completion: poll the status of background runs until every one is terminal, or until
 * the timeout. Bounded (the timeout caps the waiting; each status read has the transport's own
 * retry budget), waits with n8n's `sleep`, and a run that ends badly or does not end in time is an
 * error for the item, never a hang.
 */

export interface WaitPlan {
	intervalMs: number;
	timeoutMs: number;
}

/** How to read one kind of run's status. */
export interface RunWatch {
	/** What the runs are called in messages. */
	noun: string;
	/** Route of the status read, for the coverage table. */
	route: string;
	read: (ctx: ItemContext, runId: string) => Promise<IDataObject>;
	/** Terminal: the run will not change any more. */
	terminal: (status: string) => boolean;
	/** Terminal and successful. */
	succeeded: (status: string) => boolean;
}

const TRIGGER_DONE = 'COMPLETED';
/** The contract's terminal failures, plus Trigger.dev's other final states and the British spelling. */
const TRIGGER_FAILED = ['FAILED', 'CANCELED', 'CANCELLED', 'CRASHED', 'SYSTEM_FAILURE', 'TIMED_OUT', 'EXPIRED'];

/** Trigger.dev runs (lead processing, Background Task → Trigger): GET /api/trigger-task-status. */
export const triggerRuns: RunWatch = {
	noun: 'run',
	route: 'GET /api/trigger-task-status?runId',
	read: ({ api, i }, runId) =>
		api.request<IDataObject>({ method: 'GET', path: '/api/trigger-task-status', qs: { runId }, itemIndex: i }),
	terminal: (s) => s === TRIGGER_DONE || TRIGGER_FAILED.includes(s),
	succeeded: (s) => s === TRIGGER_DONE,
};

/** Apify scrape runs: GET /api/lead-generation-status; anything but READY/RUNNING is final. */
export const apifyRuns: RunWatch = {
	noun: 'scrape run',
	route: 'GET /api/lead-generation-status?runId',
	read: ({ api, i }, runId) =>
		api.request<IDataObject>({ method: 'GET', path: '/api/lead-generation-status', qs: { runId }, itemIndex: i }),
	terminal: (s) => s !== '' && s !== 'READY' && s !== 'RUNNING',
	succeeded: (s) => s === 'SUCCEEDED' || s === 'COMPLETED',
};

export const MIN_POLL_SECONDS = 0.1;
export const MAX_TIMEOUT_SECONDS = 3600;

/** The Wait for Completion parameters. */
export function waitProperties(what: string, defaults = { interval: 5, timeout: 300 }): INodeProperties[] {
	const show = { displayOptions: { show: { waitForCompletion: [true] } } };
	return [
		bool('waitForCompletion', 'Wait for Completion', false, {
			description: `Whether to wait until ${what} finished and output the final status. A run that fails, is canceled or outlasts the timeout makes the item fail.`,
		}),
		num('pollInterval', 'Poll Interval (Seconds)', defaults.interval, {
			typeOptions: { minValue: MIN_POLL_SECONDS, numberPrecision: 1 },
			description: 'How long to wait between two status checks',
			...show,
		}),
		num('waitTimeout', 'Timeout (Seconds)', defaults.timeout, {
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
			description: `Longest time to wait (at most ${MAX_TIMEOUT_SECONDS}); the runs go on in LeadGenius after it`,
			...show,
		}),
	];
}

function seconds(p: Params, name: string, min: number, max: number): number {
	const raw = p.raw<unknown>(name);
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) p.fail(name, `must be a number of seconds (got ${JSON.stringify(raw)})`);
	if (value < min || value > max) p.fail(name, `must be between ${min} and ${max} seconds (got ${value})`);
	return value;
}

/** The item's wait plan, or undefined when it does not wait (read in phase one: no I/O). */
export function readWait(p: Params): WaitPlan | undefined {
	if (!p.bool('waitForCompletion')) return undefined;
	return {
		intervalMs: Math.round(seconds(p, 'pollInterval', MIN_POLL_SECONDS, MAX_TIMEOUT_SECONDS) * 1000),
		timeoutMs: Math.round(seconds(p, 'waitTimeout', 1, MAX_TIMEOUT_SECONDS) * 1000),
	};
}

const statusOf = (answer: IDataObject | undefined): string => String(answer?.status ?? '').trim().toUpperCase();

/** A copy of an answer without the envelope's `success` flag. */
function withoutEnvelope(answer: IDataObject): IDataObject {
	const rest = { ...answer };
	delete rest.success;
	return rest;
}

/** A status answer as an output record. */
function runRecord(runId: string, answer: IDataObject | undefined): IDataObject {
	return { runId, ...withoutEnvelope(answer ?? {}) };
}

function formatSeconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/**
 * Polls every run until all are terminal or the timeout passes; returns their final status
 * records (in the order of `runIds`). Throws a NodeOperationError naming each run that failed,
 * was canceled or was still running at the timeout.
 */
export async function waitForRuns(ctx: ItemContext, runIdsIn: string[], plan: WaitPlan, watch: RunWatch): Promise<IDataObject[]> {
	const runIds = [...new Set(runIdsIn)];
	const deadline = Date.now() + plan.timeoutMs;
	const latest = new Map<string, IDataObject>();
	const pending = new Set(runIds);
	for (;;) {
		for (const runId of [...pending]) {
			const answer = (await watch.read(ctx, runId)) ?? {};
			latest.set(runId, answer);
			if (watch.terminal(statusOf(answer))) pending.delete(runId);
		}
		if (pending.size === 0) break;
		const left = deadline - Date.now();
		if (left <= 0) break;
		await sleep(Math.min(plan.intervalMs, left));
	}

	const records = runIds.map((id) => runRecord(id, latest.get(id)));
	const problems: string[] = [];
	const details: string[] = [];
	for (const record of records) {
		const runId = String(record.runId);
		const status = statusOf(record) || 'UNKNOWN';
		const task = record.taskId ? ` (${String(record.taskId)})` : '';
		if (pending.has(runId)) {
			problems.push(`${runId} still ${status}`);
			details.push(`${runId}${task}: still ${status} when the timeout passed`);
		} else if (!watch.succeeded(status)) {
			problems.push(`${runId} ${status}`);
			details.push(`${runId}${task}: ${status}${record.error ? ` — ${String(record.error)}` : ''}`);
		} else {
			details.push(`${runId}${task}: ${status}`);
		}
	}
	if (problems.length === 0) return records;

	const timedOut = pending.size > 0;
	const s = runIds.length === 1 ? '' : 's';
	const message = `${problems.length} of ${runIds.length} ${watch.noun}${s} did not complete${
		timedOut ? ` within the ${formatSeconds(plan.timeoutMs)} timeout` : ''
	}: ${problems.join(', ')} [item ${ctx.i}]`;
	if (timedOut) {
		details.push(
			`Runs still going on continue in LeadGenius: check them later (${watch.route.replace(/\?.*$/, '')}), or raise Timeout.`,
		);
	}
	throw new NodeOperationError(ctx.fn.getNode(), message, { itemIndex: ctx.i, description: details.join('\n') });
}

/**
 * Start one run (a POST that answers with a `runId`) and, when the user asked to wait, merge the
 * run's final status into the answer.
 */
export async function startRun(ctx: ItemContext, req: ApiRequest, plan: WaitPlan | undefined, watch: RunWatch): Promise<IDataObject> {
	const answer = (await ctx.api.request<IDataObject>(req)) ?? {};
	if (!plan || typeof answer.runId !== 'string') return answer;
	const [run] = await waitForRuns(ctx, [answer.runId], plan, watch);
	return { ...answer, ...run };
}
