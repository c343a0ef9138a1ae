import type { IDataObject } from 'n8n-workflow';

import { pickArray } from '../../transport/client';
import { operation, requestOperation } from '../builders';
import { json, required, returnAllAndLimit, text } from '../fields';
import { readWait, startRun, triggerRuns, waitProperties } from '../poll';
import type { Resource } from '../types';

/** §3.11 Background tasks (Trigger.dev): rows 43–45. */

/** The endpoint serves at most this many recent runs. */
const MAX_RECENT = 100;

const runId = required('runId', 'Run ID', { placeholder: 'e.g. run_abc123', description: 'The run ID a trigger or a lead-processing operation returned' });

const trigger = operation({
	value: 'trigger',
	name: 'Trigger',
	action: 'Trigger a background task',
	description: 'Start a Trigger.dev task with a JSON payload; optionally wait for it to finish',
	routes: ['POST /api/trigger', triggerRuns.route],
	properties: [
		required('taskId', 'Task ID', { placeholder: 'e.g. enrich-lead', description: 'The Trigger.dev task identifier' }),
		json('payload', 'Payload', '{}', { required: true, description: 'The task input, a JSON object' }),
		text('tags', 'Tags', { placeholder: 'e.g. import-42, lead:abc', description: 'Comma-separated tags for the run' }),
		...waitProperties('the run has'),
	],
	read: (p) => {
		const body: IDataObject = {
			taskId: p.str('taskId', { required: true }),
			payload: p.json('payload', { required: true }) as IDataObject,
		};
		const tags = p.list('tags');
		if (tags.length) body.tags = tags;
		return { body, plan: readWait(p) };
	},
	run: async ({ body, plan }, ctx) => await startRun(ctx, { method: 'POST', path: '/api/trigger', body, itemIndex: ctx.i }, plan, triggerRuns),
});

export const backgroundTask: Resource = {
	value: 'backgroundTask',
	name: 'Background Task',
	description: 'Trigger.dev runs: start tasks, read their status',
	operations: [
		trigger,
		requestOperation({
			value: 'getStatus',
			name: 'Get Status',
			action: 'Get the status of a background task run',
			method: 'GET',
			path: '/api/trigger-task-status',
			route: 'GET /api/trigger-task-status?runId',
			properties: [runId],
			read: (p) => ({ runId: p.str('runId', { required: true }) }),
		}),
		requestOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many recent background task runs',
			description: `Get the company's most recent runs, newest first (the API serves at most ${MAX_RECENT})`,
			method: 'GET',
			path: '/api/trigger-recent-runs',
			// Return All = every run the API serves (the operation description says how many)
			properties: returnAllAndLimit(MAX_RECENT),
			read: (p) => p.limit(MAX_RECENT),
			qs: (limit) => ({ limit: limit ?? MAX_RECENT }),
			output: (answer, limit) => {
				const runs = pickArray(answer, ['runs', 'data']);
				return limit === undefined ? runs : runs.slice(0, limit);
			},
		}),
	],
};
