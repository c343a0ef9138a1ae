/** §3.11 Background tasks — POST /api/trigger, GET /api/trigger-task-status, GET /api/trigger-recent-runs. */
import { invalidFormat, missingField, notFound } from '../errors';
import { ok, tenant, type RouteDef } from '../http';
import { bodyObject, optStringArray, qClamped, qRequired, reqString } from '../validate';

export const triggerRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/api/trigger',
		auth: 'user',
		handler: (req, { tasks }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const taskId = reqString(b, 'taskId');
			if (b.payload === undefined || b.payload === null) throw missingField('payload');
			if (typeof b.payload !== 'object' || Array.isArray(b.payload)) throw invalidFormat("'payload' must be a JSON object");
			const tags = optStringArray(b, 'tags') ?? [];
			const payload = b.payload;
			const run = tasks.create({
				kind: 'trigger',
				taskId,
				companyId,
				owner: userId,
				payload,
				tags,
				complete: () => ({ ok: true, taskId, echo: payload }),
			});
			return ok({ success: true, runId: run.id, taskId });
		},
	},
	{
		method: 'GET',
		path: '/api/trigger-task-status',
		auth: 'user',
		handler: (req, { tasks }) => {
			const { companyId } = tenant(req);
			const run = tasks.find(qRequired(req.query, 'runId'));
			if (!run || run.kind === 'scrape' || run.companyId !== companyId) throw notFound('Run');
			return ok({ success: true, ...tasks.view(run) });
		},
	},
	{
		method: 'GET',
		path: '/api/trigger-recent-runs',
		auth: 'user',
		handler: (req, { tasks }) => {
			const { companyId } = tenant(req);
			const limit = qClamped(req.query, 'limit', 20, 100);
			const runs = tasks.recent(companyId, ['process', 'trigger'], limit).map((r) => tasks.view(r));
			return ok({ success: true, runs, count: runs.length });
		},
	},
];
