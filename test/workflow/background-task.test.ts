import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const DELAY = 200;
const sandbox = useSandbox({ leads: 10, rateLimit: 0, taskDelayMs: DELAY });

const wait = (timeout = 10, interval = 0.1) => ({ waitForCompletion: true, pollInterval: interval, waitTimeout: timeout });

afterEach(() => sandbox().tasks.resetControls());

describe('Background Task resource', () => {
	test('Trigger sends task ID, JSON payload and tags, and returns the run ID at once', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: 'enrich-lead', payload: '{ "leadId": "abc", "deep": true }', tags: 'import-42, , lead:abc' },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/trigger' });
		expect(apiCalls(sb)[0].body).toEqual({ taskId: 'enrich-lead', payload: { leadId: 'abc', deep: true }, tags: ['import-42', 'lead:abc'] });
		const runId = String(items[0].json.runId);
		expect(items[0].json).toEqual({ success: true, runId: expect.stringMatching(/^run_/), taskId: 'enrich-lead' });
		expect(sb.tasks.get(runId)).toMatchObject({ taskId: 'enrich-lead', tags: ['import-42', 'lead:abc'] });
		expect(['QUEUED', 'EXECUTING']).toContain(sb.tasks.status(runId));
	});

	test('Trigger with Wait for Completion outputs the finished run; a payload object from an expression works', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const started = Date.now();
		const { items, error } = await h.run(
			{ parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: 'sync', payload: '={{ $json.data }}', ...wait() } },
			[{ data: { n: 1 } }],
		);
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].body).toEqual({ taskId: 'sync', payload: { n: 1 } });
		const runId = String(items[0].json.runId);
		expect(items[0].json).toMatchObject({ success: true, runId, taskId: 'sync', status: 'COMPLETED', output: { ok: true, taskId: 'sync', echo: { n: 1 } }, error: null });
		expect(typeof items[0].json.finishedAt).toBe('string');
		const polls = apiCalls(sb).filter((c) => c.path === '/api/trigger-task-status');
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((c) => c.query.runId === runId)).toBe(true);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('Trigger with Wait for Completion: a failed run fails the item; with Continue On Fail the others go on', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.tasks.failNext(1, 'Boom');
		const { items, error } = await h.run(
			{ parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: '={{ $json.task }}', payload: '{}', ...wait() }, continueOnFail: true },
			[{ task: 'first' }, { task: 'second' }],
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const failed = sb.tasks.list().filter((r) => r.taskId === 'first').pop()!;
		expect(failed).toMatchObject({ status: 'FAILED', error: 'Boom' });
		expect(items[0].json.error).toBe(`1 of 1 run did not complete: ${failed.runId} FAILED [item 0]`);
		expect(items[1].json).toMatchObject({ taskId: 'second', status: 'COMPLETED' });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Trigger with Wait for Completion times out on a hung run, within the bound', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.tasks.hangNext(1);
		const started = Date.now();
		const { error } = await h.run({ parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: 'slow', payload: '{}', ...wait(1, 0.25) } });
		const took = Date.now() - started;
		const hung = sb.tasks.list().filter((r) => r.taskId === 'slow').pop()!;
		expect(error?.message).toBe(`1 of 1 run did not complete within the 1 s timeout: ${hung.runId} still EXECUTING [item 0]`);
		expect(took).toBeGreaterThanOrEqual(1000);
		expect(took).toBeLessThan(3000);
		sb.tasks.complete(hung.runId);
	});

	test('Trigger refuses a payload that is not a JSON object, or no task ID, naming the parameter and sending nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ taskId: 't', payload: '{ leadId: abc }' }, /^Parameter "Payload" is not valid JSON: .* \[item 0\]$/],
			[{ taskId: 't', payload: '[1, 2]' }, /^Parameter "Payload" must be a JSON object \[item 0\]$/],
			[{ taskId: 't', payload: '={{ "" }}' }, /^Parameter "Payload" is required but empty \[item 0\]$/],
			[{ taskId: '={{ $json.none }}', payload: '{}' }, /^Parameter "Task ID" is required but empty \[item 0\]$/],
		];
		for (const [params, message] of cases) {
			const { error } = await h.run({ parameters: { resource: 'backgroundTask', operation: 'trigger', ...params } });
			expect(error?.message).toMatch(message);
		}
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Get Status reads one run by ID; an unknown run is Not Found', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const triggered = await h.run({ parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: 'status-me', payload: '{"a":1}' } });
		const runId = String(triggered.items[0].json.runId);
		await sb.tasks.waitFor(runId);
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'backgroundTask', operation: 'getStatus', runId } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/trigger-task-status', query: { runId } })]);
		expect(items[0].json).toMatchObject({ success: true, runId, taskId: 'status-me', status: 'COMPLETED', output: { echo: { a: 1 } } });

		const missing = await h.run({ parameters: { resource: 'backgroundTask', operation: 'getStatus', runId: 'run_nope' } });
		expect(missing.error?.message).toMatch(/^Not found/);
	});

	test('Get Many returns recent runs newest first, up to Limit; Return All asks for the 100 the API serves', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		for (const k of [1, 2, 3, 4]) {
			await h.run({ parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: `recent-${k}`, payload: '{}' } });
		}
		sb.clearRequests();
		const some = await h.run({ parameters: { resource: 'backgroundTask', operation: 'getAll', returnAll: false, limit: 3 } });
		expect(some.error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/trigger-recent-runs', query: { limit: '3' } })]);
		expect(some.items.map((i) => i.json.taskId)).toEqual(['recent-4', 'recent-3', 'recent-2']);

		sb.clearRequests();
		const all = await h.run({ parameters: { resource: 'backgroundTask', operation: 'getAll', returnAll: true } });
		expect(apiCalls(sb)[0].query).toEqual({ limit: '100' });
		const expected = sb.tasks.list().filter((r) => !r.runId.startsWith('apify_')).reverse().slice(0, 100).map((r) => r.runId);
		expect(all.items.map((i) => i.json.runId)).toEqual(expected);

		sb.clearRequests();
		const tooMany = await h.run({ parameters: { resource: 'backgroundTask', operation: 'getAll', returnAll: false, limit: '={{ 101 }}' } });
		expect(tooMany.error?.message).toMatch(/^Parameter "Limit" must be between 1 and 100 \(got 101\)/);
		expect(apiCalls(sb)).toHaveLength(0);
	});
});
