import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const DELAY = 200;
const sandbox = useSandbox({ leads: 10, rateLimit: 0, taskDelayMs: DELAY });

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const wait = (timeout = 10, interval = 0.1) => ({ waitForCompletion: true, pollInterval: interval, waitTimeout: timeout });

afterEach(() => sandbox().tasks.resetControls());

describe('Lead Scrape (Apify) resource', () => {
	test('Start sends actor, input and client, and returns the run at once; Get Status follows it', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		// the run stays running until the test completes it: Get Status sees it mid-run whatever the machine's speed
		sb.tasks.hangNext(1);
		const { items, error } = await h.run({
			parameters: {
				resource: 'leadScrape',
				operation: 'start',
				apifyActorId: 'apify/people-search',
				input: '{ "title": "CTO", "country": "FR" }',
				clientId: locator(sb.demo.clientId),
				additionalFields: { maxLeads: 7, searchName: 'French CTOs', icpId: '' },
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/start-lead-scrape-complete' });
		expect(apiCalls(sb)[0].body).toEqual({
			apifyActorId: 'apify/people-search',
			input: { title: 'CTO', country: 'FR' },
			client_id: sb.demo.clientId,
			maxLeads: 7,
			searchName: 'French CTOs',
		});
		const out = items[0].json as { runId: string; searchHistoryId: string };
		expect(out).toMatchObject({ success: true, runId: expect.stringMatching(/^apify_run_/), status: 'RUNNING' });
		expect(sb.store.getSearchHistory(out.searchHistoryId)).toMatchObject({ searchName: 'French CTOs', status: 'running', runId: out.runId });

		sb.clearRequests();
		const running = await h.run({ parameters: { resource: 'leadScrape', operation: 'getStatus', runId: out.runId } });
		expect(running.error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/lead-generation-status', query: { runId: out.runId } })]);
		expect(running.items).toHaveLength(1);
		expect(running.items[0].json).toMatchObject({ runId: out.runId, totalLeadsFound: 0, totalLeadsSaved: 0, finishedAt: null, searchHistoryId: out.searchHistoryId });
		expect(['READY', 'RUNNING']).toContain(running.items[0].json.status);

		sb.tasks.complete(out.runId);
		sb.clearRequests();
		const done = await h.run({ parameters: { resource: 'leadScrape', operation: 'getStatus', runId: out.runId } });
		expect(done.error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(done.items[0].json).toMatchObject({
			success: true,
			runId: out.runId,
			status: 'SUCCEEDED',
			totalLeadsFound: 7,
			totalLeadsSaved: 7,
			error: null,
			searchHistoryId: out.searchHistoryId,
			finishedAt: expect.any(String),
		});
	});

	test('Get Status reports a failed scrape without failing the item; an unknown run is Not Found', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.tasks.failNext(1, 'Actor crashed');
		const started = await h.run({
			parameters: { resource: 'leadScrape', operation: 'start', apifyActorId: 'apify/x', input: '{}', clientId: locator(sb.demo.clientId) },
		});
		const runId = String(started.items[0].json.runId);
		await sb.tasks.waitFor(runId);
		const failed = await h.run({ parameters: { resource: 'leadScrape', operation: 'getStatus', runId } });
		expect(failed.error).toBeUndefined();
		expect(failed.items[0].json).toMatchObject({ runId, status: 'FAILED', error: 'Actor crashed', totalLeadsFound: 0, totalLeadsSaved: 0 });

		const missing = await h.run({ parameters: { resource: 'leadScrape', operation: 'getStatus', runId: 'apify_run_nope' } });
		expect(missing.error?.message).toMatch(/^Not found/);
	});

	test('Start with Wait for Completion outputs the finished scrape, and the leads are saved', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const before = sb.store.countSourceLeads(sb.demo.companyId, sb.secondClientId);
		sb.clearRequests();
		const started = Date.now();
		const { items, error } = await h.run({
			parameters: {
				resource: 'leadScrape',
				operation: 'start',
				apifyActorId: 'apify/people-search',
				input: '{}',
				clientId: locator(sb.secondClientId),
				additionalFields: { maxLeads: 4 },
				...wait(),
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ success: true, runId: expect.stringMatching(/^apify_run_/), status: 'SUCCEEDED', totalLeadsSaved: 4, error: null });
		const polls = apiCalls(sb).filter((c) => c.path === '/api/lead-generation-status');
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((c) => c.query.runId === items[0].json.runId)).toBe(true);
		expect(sb.store.countSourceLeads(sb.demo.companyId, sb.secondClientId)).toBe(before + 4);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('Start with Wait for Completion: a failed scrape fails the item; a hung one times out', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const parameters = { resource: 'leadScrape', operation: 'start', apifyActorId: 'apify/x', input: '{}', clientId: locator(sb.demo.clientId) };
		sb.tasks.failNext(1, 'Actor crashed');
		const failed = await h.run({ parameters: { ...parameters, ...wait() } });
		const failedRun = sb.tasks.list().pop()!;
		expect(failed.error?.message).toBe(`1 of 1 scrape run did not complete: ${failedRun.runId} FAILED [item 0]`);
		expect(failed.error?.description).toContain('Actor crashed');

		sb.tasks.hangNext(1);
		const started = Date.now();
		const hung = await h.run({ parameters: { ...parameters, ...wait(1, 0.25) } });
		const took = Date.now() - started;
		const hungRun = sb.tasks.list().pop()!;
		expect(hung.error?.message).toBe(`1 of 1 scrape run did not complete within the 1 s timeout: ${hungRun.runId} still RUNNING [item 0]`);
		expect(took).toBeGreaterThanOrEqual(1000);
		expect(took).toBeLessThan(3000);
		sb.tasks.complete(hungRun.runId);
	});

	test('bad input names the parameter and sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const base = { resource: 'leadScrape', operation: 'start', apifyActorId: 'apify/x', input: '{}', clientId: locator(sb.demo.clientId) };
		sb.clearRequests();
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ input: '{ not json' }, /^Parameter "Actor Input" is not valid JSON/],
			[{ input: '"text"' }, /^Parameter "Actor Input" must be a JSON object/],
			[{ additionalFields: { maxLeads: 5000 } }, /^Parameter "Max Leads" must be between 1 and 1000 \(got 5000\)/],
			[{ clientId: locator('={{ $json.none }}') }, /^Parameter "Client" is required but empty/],
		];
		for (const [params, message] of cases) {
			const { error } = await h.run({ parameters: { ...base, ...params } });
			expect(error?.message).toMatch(message);
		}
		const status = await h.run({ parameters: { resource: 'leadScrape', operation: 'getStatus', runId: '={{ $json.none }}' } });
		expect(status.error?.message).toBe('Parameter "Run ID" is required but empty [item 0]');
		expect(apiCalls(sb)).toHaveLength(0);
	});
});

describe('Epsimo AI resource', () => {
	test('Send Message talks to an agent, and a thread ID continues the conversation', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[0];
		sb.clearRequests();
		const first = await h.run({
			parameters: {
				resource: 'epsimoAi',
				operation: 'sendMessage',
				message: 'Draft an opener',
				agentId: 'asst_123',
				additionalFields: { leadId: lead.id, projectId: 'proj_9', threadId: '' },
			},
		});
		expect(first.error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/api/epsimo-chat',
				body: { message: 'Draft an opener', agentId: 'asst_123', leadId: lead.id, projectId: 'proj_9' },
			}),
		]);
		const reply = first.items[0].json as { reply: string; threadId: string };
		expect(reply).toMatchObject({ success: true, agentId: 'asst_123', messageCount: 2, threadId: expect.stringMatching(/^thread_/) });
		expect(reply.reply).toContain('Draft an opener');
		expect(reply.reply).toContain(String(lead.companyName ?? ''));

		sb.clearRequests();
		const second = await h.run({
			parameters: { resource: 'epsimoAi', operation: 'sendMessage', message: 'Shorter please', additionalFields: { threadId: reply.threadId } },
		});
		expect(apiCalls(sb)[0].body).toEqual({ message: 'Shorter please', threadId: reply.threadId });
		expect(second.items[0].json).toMatchObject({ threadId: reply.threadId, messageCount: 4 });
		expect(sb.store.threads.get(reply.threadId)?.messages.map((m) => m.content).filter((_, k) => k % 2 === 0)).toEqual(['Draft an opener', 'Shorter please']);
	});

	test('an empty message names the parameter and sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'epsimoAi', operation: 'sendMessage', message: '={{ "  " }}' } });
		expect(error?.message).toBe('Parameter "Message" is required but empty [item 0]');
		expect(apiCalls(sb)).toHaveLength(0);
	});
});

describe('Unipile Account resource', () => {
	test('Get Many lists the connected accounts, or up to Limit', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const all = await h.run({ parameters: { resource: 'unipileAccount', operation: 'getAll', returnAll: true } });
		expect(all.error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/unipile-accounts', query: {} })]);
		const stored = sb.store.unipileOf(sb.demo.companyId).map(({ id, name, type }) => ({ id, name, type }));
		expect(all.items.map((i) => i.json)).toEqual(stored);
		expect(stored.length).toBeGreaterThan(1);

		const one = await h.run({ parameters: { resource: 'unipileAccount', operation: 'getAll', returnAll: false, limit: 1 } });
		expect(one.items.map((i) => i.json)).toEqual(stored.slice(0, 1));
	});
});
