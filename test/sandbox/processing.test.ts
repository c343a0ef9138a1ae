import { startSandbox, type Sandbox } from '../../sandbox/server';
import { api, clients, expectError, expectOk, sleep } from './helpers';

const DELAY = 150;

describe('sandbox lead processing, background runs and scrapes', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;
	/** A lead without AI fields (so SDR processing is not skipped for "already filled"). */
	let blankLeadId: string;
	let n = 0;

	const freshLead = async (): Promise<string> =>
		expectOk(await c.demo.post('/api/leads', { client_id: sb.demo.clientId, firstName: 'Pro', lastName: `Cess${n++}`, companyName: 'Acme Labs', companyDomain: 'acmelabs.io' }), 201).lead.id;

	const status = async (runId: string): Promise<any> => expectOk(await c.demo.get('/api/trigger-task-status', { params: { runId } }));

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 60, rateLimit: 0, taskDelayMs: DELAY });
		c = await clients(sb);
		blankLeadId = await freshLead();
	});
	afterEach(() => sb.tasks.resetControls());
	afterAll(() => sb.close());

	test('enrich: default = every configured service; filled fields skipped; runs complete and write the lead', async () => {
		const res = expectOk(await c.demo.post('/api/leads/process/enrich', { leadId: blankLeadId }));
		expect(res.leadId).toBe(blankLeadId);
		expect(res.batchTag).toMatch(/^enrich-process-\d{10}-[0-9a-z]{6}$/);
		// seeded URL settings: companyUrl, emailFinder, enrichment1..3; the fresh lead has no email and no companyUrl
		expect(res.triggered).toEqual(['companyUrl', 'emailFinder', 'enrichment1', 'enrichment2', 'enrichment3']);
		expect(res.skipped).toEqual([]);
		expect(res.runIds).toHaveLength(5);
		const s0 = await status(res.runIds[2]);
		expect(['QUEUED', 'EXECUTING']).toContain(s0.status);
		expect(s0).toMatchObject({ runId: res.runIds[2], taskId: 'enrich-enrichment1', finishedAt: null, output: null, batchTag: res.batchTag });
		expect(sb.store.getLead(blankLeadId)?.enrichment1).toBeUndefined();
		await sleep(DELAY + 30);
		const s1 = await status(res.runIds[2]);
		expect(s1.status).toBe('COMPLETED');
		expect(typeof s1.finishedAt).toBe('string');
		const lead = sb.store.getLead(blankLeadId)!;
		expect(lead.enrichment1).toMatch(/^\[sandbox\] enrichment1 result from https:\/\/enrich\.sandbox\.test\/firmographics/);
		expect(s1.output).toEqual({ leadId: blankLeadId, field: 'enrichment1', value: lead.enrichment1 });
		expect(lead.companyUrl).toBe('https://www.acmelabs.io');
		expect(lead.email).toMatch(/^pro\.cess\d+@acmelabs\.io$/);
		// the API shows it too
		expect(expectOk(await c.demo.get(`/api/enrich-leads/${blankLeadId}`)).lead.enrichment2).toMatch(/technographics/);
	});

	test('enrich: explicit services; not configured and already filled are skipped; overwrite re-runs', async () => {
		const res = expectOk(await c.demo.post('/api/leads/process/enrich', { leadId: blankLeadId, services: ['enrichment1', 'enrichment5', 'enrichment1'] }));
		expect(res.triggered).toEqual([]);
		expect(res.skipped).toEqual(['enrichment1', 'enrichment5']);
		expect(res.runIds).toEqual([]);
		const again = expectOk(await c.demo.post('/api/leads/process/enrich', { leadId: blankLeadId, services: ['enrichment1', 'enrichment5'], overwrite: true }));
		expect(again.triggered).toEqual(['enrichment1']);
		expect(again.skipped).toEqual(['enrichment5']);
		expectError(await c.demo.post('/api/leads/process/enrich', { leadId: blankLeadId, services: ['enrichment11'] }), 400, 'invalid_value');
		expectError(await c.demo.post('/api/leads/process/enrich', { leadId: blankLeadId, services: 'enrichment1' }), 400, 'invalid_format');
		expectError(await c.demo.post('/api/leads/process/enrich', { services: ['enrichment1'] }), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/leads/process/enrich', { leadId: 'nope' }), 404, 'not_found');
		expectError(await c.demo.post('/api/leads/process/enrich', { leadId: blankLeadId, overwrite: 'yes' }), 400, 'invalid_format');
	});

	test('copyright: integer (or "enrichment<N>") processes, echoed as integers; writes enrichment<N>', async () => {
		const leadId = await freshLead();
		const res = expectOk(await c.demo.post('/api/leads/process/copyright', { leadId, processes: [1, 'enrichment3', 4] }));
		expect(res.batchTag).toMatch(/^copyright-process-/);
		expect(res.triggered).toEqual([1, 3]);
		expect(res.skipped).toEqual([4]);
		await sb.tasks.waitFor(res.runIds[1]);
		expect(sb.store.getLead(leadId)?.enrichment3).toMatch(/^\[sandbox\] copy by agent asst_/);
		expectError(await c.demo.post('/api/leads/process/copyright', { leadId, processes: [11] }), 400, 'invalid_value');
		expectError(await c.demo.post('/api/leads/process/copyright', { leadId, processes: [0] }), 400, 'invalid_value');
		expectError(await c.demo.post('/api/leads/process/copyright', { leadId, processes: ['three'] }), 400, 'invalid_format');
	});

	test('sdr: configured fields run and write AI values; unknown field 400; missing settings 400 with recommendation', async () => {
		const leadId = await freshLead();
		const res = expectOk(await c.demo.post('/api/leads/process/sdr', { leadId }));
		expect(res.batchTag).toMatch(/^sdr-process-/);
		expect(res.triggered).toEqual(['message1', 'message2', 'aiLeadScore', 'aiQualification', 'aiNextAction', 'aiColdEmail']);
		for (const id of res.runIds) await sb.tasks.waitFor(id);
		const lead = sb.store.getLead(leadId)!;
		expect(Number(lead.aiLeadScore)).toBeGreaterThanOrEqual(0);
		expect(['Qualified', 'Nurture', 'Unqualified']).toContain(lead.aiQualification);
		expect(lead.message1).toMatch(/^Hi Pro,/);
		const explicit = expectOk(await c.demo.post('/api/leads/process/sdr', { leadId, fields: ['aiLeadScore', 'aiRiskScore'] }));
		expect(explicit).toMatchObject({ triggered: [], skipped: ['aiLeadScore', 'aiRiskScore'] });
		expectError(await c.demo.post('/api/leads/process/sdr', { leadId, fields: ['aiMood'] }), 400, 'invalid_value');
		const otherLead = sb.store.leadsOfClient(sb.other.companyId, sb.other.clientId)[0].id;
		const e = expectError(await c.other.post('/api/leads/process/sdr', { leadId: otherLead }), 400, 'missing_required_field');
		expect(e.recommendation).toMatch(/\/api\/settings\/sdr-ai/);
		expectError(await c.other.post('/api/leads/process/sdr', { leadId: blankLeadId }), 404, 'not_found');
	});

	test('POST /api/trigger + task status + recent runs', async () => {
		const res = expectOk(await c.demo.post('/api/trigger', { taskId: 'enrich-company', payload: { domain: 'x.test' }, tags: ['t1'] }));
		expect(res.runId).toMatch(/^run_/);
		expect(res.taskId).toBe('enrich-company');
		const done = await sb.tasks.waitFor(res.runId);
		expect(done.status).toBe('COMPLETED');
		const s = await status(res.runId);
		expect(s).toMatchObject({ status: 'COMPLETED', taskId: 'enrich-company', tags: ['t1'], error: null });
		expect(s.output).toMatchObject({ ok: true, echo: { domain: 'x.test' } });
		const recent = expectOk(await c.demo.get('/api/trigger-recent-runs', { params: { limit: 3 } })).runs;
		expect(recent).toHaveLength(3);
		expect(recent[0].runId).toBe(res.runId);
		const created = recent.map((r: { createdAt: string }) => r.createdAt);
		expect([...created].sort().reverse()).toEqual(created);
		expect(expectOk(await c.demo.get('/api/trigger-recent-runs', { params: { limit: 500 } })).runs.length).toBeLessThanOrEqual(100);
		expectError(await c.demo.post('/api/trigger', { payload: {} }), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/trigger', { taskId: 't' }), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/trigger', { taskId: 't', payload: [1] }), 400, 'invalid_format');
		expectError(await c.demo.get('/api/trigger-task-status'), 400, 'missing_required_field');
		expectError(await c.demo.get('/api/trigger-task-status', { params: { runId: 'run_nope' } }), 404, 'not_found');
	});

	test('task control: fail a run now, failNext, hang (never finishes), hangNext, complete', async () => {
		const a = expectOk(await c.demo.post('/api/trigger', { taskId: 'a', payload: {} })).runId;
		expect(sb.failRun(a, 'boom')).toBe(true);
		expect(await status(a)).toMatchObject({ status: 'FAILED', error: 'boom' });
		expect(sb.failRun(a)).toBe(false); // already terminal

		sb.tasks.failNext(2, 'upstream down');
		const leadId = await freshLead();
		const proc = expectOk(await c.demo.post('/api/leads/process/enrich', { leadId, services: ['enrichment1', 'enrichment2', 'enrichment3'] }));
		for (const id of proc.runIds) await sb.tasks.waitFor(id);
		expect(await Promise.all(proc.runIds.map(async (id: string) => (await status(id)).status))).toEqual(['FAILED', 'FAILED', 'COMPLETED']);
		expect((await status(proc.runIds[0])).error).toBe('upstream down');
		const lead = sb.store.getLead(leadId)!;
		expect(lead.enrichment1).toBeUndefined();
		expect(lead.enrichment3).toBeDefined();

		const h = expectOk(await c.demo.post('/api/trigger', { taskId: 'h', payload: {} })).runId;
		expect(sb.tasks.hang(h)).toBe(true);
		await sleep(DELAY * 2);
		expect((await status(h)).status).toBe('EXECUTING');
		expect(sb.tasks.complete(h)).toBe(true);
		expect((await status(h)).status).toBe('COMPLETED');

		sb.tasks.hangNext(1);
		const h2 = expectOk(await c.demo.post('/api/trigger', { taskId: 'h2', payload: {} })).runId;
		const normal = expectOk(await c.demo.post('/api/trigger', { taskId: 'n', payload: {} })).runId;
		await sleep(DELAY * 2);
		expect((await status(h2)).status).toBe('EXECUTING');
		expect((await status(normal)).status).toBe('COMPLETED');
		expect(sb.tasks.cancel(h2)).toBe(true);
		expect((await status(h2)).status).toBe('CANCELED');
	});

	test('a run whose lead was deleted meanwhile ends FAILED', async () => {
		const leadId = await freshLead();
		const res = expectOk(await c.demo.post('/api/leads/process/sdr', { leadId, fields: ['aiLeadScore'] }));
		expectOk(await c.demo.delete('/api/leads', { params: { id: leadId } }));
		const v = await sb.tasks.waitFor(res.runIds[0]);
		expect(v.status).toBe('FAILED');
		expect(v.error).toMatch(/no longer exists/);
	});

	test('lead scrape: RUNNING → SUCCEEDED adds source leads and completes the search-history record', async () => {
		expectError(await c.demo.post('/api/start-lead-scrape-complete', { input: {}, client_id: sb.demo.clientId }), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/start-lead-scrape-complete', { apifyActorId: 'a', client_id: sb.demo.clientId }), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/start-lead-scrape-complete', { apifyActorId: 'a', input: {}, client_id: 'ghost' }), 404, 'not_found');
		const before = sb.store.countSourceLeads(sb.demo.companyId, sb.secondClientId);
		const res = expectOk(
			await c.demo.post('/api/start-lead-scrape-complete', { apifyActorId: 'apify/people', input: { q: 'cto' }, client_id: sb.secondClientId, maxLeads: 7, searchName: 'CTO scrape' }),
		);
		expect(res.status).toBe('RUNNING');
		const sh = sb.store.getSearchHistory(res.searchHistoryId)!;
		expect(sh).toMatchObject({ status: 'running', runId: res.runId, searchName: 'CTO scrape', client_id: sb.secondClientId });
		const st0 = expectOk(await c.demo.get('/api/lead-generation-status', { params: { runId: res.runId } }));
		expect(['READY', 'RUNNING']).toContain(st0.status);
		expect(st0.totalLeadsSaved).toBe(0);
		await sleep(DELAY + 30);
		const st1 = expectOk(await c.demo.get('/api/lead-generation-status', { params: { runId: res.runId } }));
		expect(st1).toMatchObject({ status: 'SUCCEEDED', totalLeadsFound: 7, totalLeadsSaved: 7, error: null, searchHistoryId: res.searchHistoryId });
		expect(sb.store.countSourceLeads(sb.demo.companyId, sb.secondClientId)).toBe(before + 7);
		expect(sb.store.getSearchHistory(res.searchHistoryId)).toMatchObject({ status: 'completed', totalLeadsSaved: 7 });
		// Apify runs are not Trigger.dev runs and vice versa
		expectError(await c.demo.get('/api/trigger-task-status', { params: { runId: res.runId } }), 404, 'not_found');
		expectError(await c.demo.get('/api/lead-generation-status'), 400, 'missing_required_field');
		expectError(await c.other.get('/api/lead-generation-status', { params: { runId: res.runId } }), 404, 'not_found');
	});

	test('lead scrape failure marks the run FAILED and the search history failed; hung scrapes stay RUNNING', async () => {
		sb.tasks.failNext(1, 'Actor crashed');
		const res = expectOk(await c.demo.post('/api/start-lead-scrape-complete', { apifyActorId: 'a', input: {}, client_id: sb.demo.clientId }));
		await sb.tasks.waitFor(res.runId);
		expect(expectOk(await c.demo.get('/api/lead-generation-status', { params: { runId: res.runId } }))).toMatchObject({ status: 'FAILED', error: 'Actor crashed' });
		expect(sb.store.getSearchHistory(res.searchHistoryId)).toMatchObject({ status: 'failed', error: 'Actor crashed' });
		sb.tasks.hangNext();
		const hung = expectOk(await c.demo.post('/api/start-lead-scrape-complete', { apifyActorId: 'a', input: {}, client_id: sb.demo.clientId }));
		await sleep(DELAY * 2);
		expect(expectOk(await c.demo.get('/api/lead-generation-status', { params: { runId: hung.runId } })).status).toBe('RUNNING');
	});

	test('control routes steer runs over HTTP (for out-of-process users)', async () => {
		const anon = api(sb);
		expectOk(await anon.post('/__sandbox/runs/hang-next', { count: 1 }));
		const r = expectOk(await c.demo.post('/api/trigger', { taskId: 'ctl', payload: {} })).runId;
		const failed = expectOk(await anon.post(`/__sandbox/runs/${r}/fail`, { error: 'by http' }));
		expect(failed.run).toMatchObject({ status: 'FAILED', error: 'by http' });
		expectError(await anon.post(`/__sandbox/runs/${r}/complete`), 404, 'not_found');
		expect(expectOk(await anon.get('/__sandbox/runs')).runs.some((x: { runId: string }) => x.runId === r)).toBe(true);
	});
});
