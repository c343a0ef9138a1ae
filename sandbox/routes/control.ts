/**
 * Sandbox control surface under /__sandbox (not part of the LeadGenius API; never faulted, never
 * recorded, no auth). It lets out-of-process users of the CLI sandbox (e2e, scripts) do what
 * in-process tests do through the `Sandbox` object: read the request log and received webhook
 * events, steer background runs, change runtime options.
 */
import { invalidFormat, notFound } from '../errors';
import { ok, type RouteDef } from '../http';
import type { FaultOptions, FaultRecord } from '../faults';
import { checkProductionOption, PRODUCTION_KEYS, type ProductionOptions } from '../production';
import { bodyObject, optInt, optString, qString } from '../validate';

export interface ControlDeps {
	info(): unknown;
	requests(): unknown[];
	clearRequests(): void;
	faultLog(): FaultRecord[];
	setOptions(o: { tokenTtl?: number; rateLimit?: number; rateWindowMs?: number; taskDelayMs?: number; faults?: FaultOptions } & ProductionOptions): void;
}

type RunAction = 'fail' | 'complete' | 'hang' | 'cancel';

export function controlRoutes(deps: ControlDeps): RouteDef[] {
	const runAction = (action: RunAction): RouteDef => ({
		method: 'POST',
		path: `/__sandbox/runs/:runId/${action}`,
		auth: 'none',
		handler: (req, { tasks }) => {
			const runId = req.params.runId;
			const b = bodyObject(req.body);
			const done = action === 'fail' ? tasks.fail(runId, optString(b, 'error')) : tasks[action](runId);
			if (!done) throw notFound('Pending run');
			return ok({ success: true, run: tasks.get(runId) });
		},
	});
	return [
		{ method: 'GET', path: '/__sandbox/info', auth: 'none', handler: () => ok({ success: true, ...(deps.info() as object) }) },
		{ method: 'GET', path: '/__sandbox/requests', auth: 'none', handler: () => ok({ success: true, requests: deps.requests() }) },
		{
			method: 'DELETE',
			path: '/__sandbox/requests',
			auth: 'none',
			handler: () => {
				deps.clearRequests();
				return ok({ success: true });
			},
		},
		{
			method: 'GET',
			path: '/__sandbox/webhook-events',
			auth: 'none',
			handler: (req, { store }) => ok({ success: true, events: store.webhookEvents(qString(req.query, 'webhookId')) }),
		},
		{ method: 'GET', path: '/__sandbox/runs', auth: 'none', handler: (_req, { tasks }) => ok({ success: true, runs: tasks.list() }) },
		runAction('fail'),
		runAction('complete'),
		runAction('hang'),
		runAction('cancel'),
		{
			method: 'POST',
			path: '/__sandbox/runs/fail-next',
			auth: 'none',
			handler: (req, { tasks }) => {
				const b = bodyObject(req.body);
				tasks.failNext(optInt(b, 'count', 0, 1_000_000) ?? 1, optString(b, 'error'));
				return ok({ success: true });
			},
		},
		{
			method: 'POST',
			path: '/__sandbox/runs/hang-next',
			auth: 'none',
			handler: (req, { tasks }) => {
				tasks.hangNext(optInt(bodyObject(req.body), 'count', 0, 1_000_000) ?? 1);
				return ok({ success: true });
			},
		},
		{ method: 'GET', path: '/__sandbox/faults', auth: 'none', handler: () => ok({ success: true, faults: deps.faultLog() }) },
		{
			method: 'POST',
			path: '/__sandbox/options',
			auth: 'none',
			handler: (req) => {
				const b = bodyObject(req.body);
				const o: Parameters<ControlDeps['setOptions']>[0] = {};
				for (const k of ['tokenTtl', 'rateLimit', 'rateWindowMs', 'taskDelayMs'] as const) {
					if (b[k] === undefined) continue;
					if (typeof b[k] !== 'number' || (b[k] as number) < 0) throw invalidFormat(`'${k}' must be a non-negative number`);
					o[k] = b[k] as number;
				}
				if (b.faults !== undefined) {
					if (b.faults === null || typeof b.faults !== 'object' || Array.isArray(b.faults)) throw invalidFormat("'faults' must be an object");
					o.faults = b.faults as FaultOptions;
				}
				// Production mode (sandbox/production.ts): same names and semantics as Sandbox.setOptions.
				for (const k of PRODUCTION_KEYS) {
					if (b[k] === undefined) continue;
					try {
						(o as Record<string, unknown>)[k] = checkProductionOption(k, b[k]);
					} catch (err) {
						throw invalidFormat((err as Error).message);
					}
				}
				deps.setOptions(o);
				return ok({ success: true, info: deps.info() });
			},
		},
	];
}
