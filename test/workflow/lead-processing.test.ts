import type { Sandbox } from '../../sandbox/server';
import { SDR_FIELDS as CONTRACT_SDR_FIELDS } from '../../sandbox/catalog';
import { findOperation } from '../../nodes/LeadGenius/actions/registry';
import { apiCalls, harnessFor, loginToken, useSandbox } from '../helpers/sandbox';

const DELAY = 200;
const sandbox = useSandbox({ leads: 20, rateLimit: 0, taskDelayMs: DELAY });

let n = 0;
/** A new lead with no enriched or AI fields, created straight through the API. */
async function freshLead(sb: Sandbox): Promise<string> {
	const res = await fetch(`${sb.url}/api/leads`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${await loginToken(sb)}` },
		body: JSON.stringify({ client_id: sb.demo.clientId, firstName: 'Proc', lastName: `Test${n++}`, companyName: 'Acme Labs', companyDomain: 'acmelabs.io' }),
	});
	return ((await res.json()) as { lead: { id: string } }).lead.id;
}

const wait = (timeout = 10, interval = 0.1) => ({ waitForCompletion: true, pollInterval: interval, waitTimeout: timeout });
const statusCalls = (sb: Sandbox) => apiCalls(sb).filter((c) => c.path === '/api/trigger-task-status');

afterEach(() => sandbox().tasks.resetControls());

describe('Lead Processing resource', () => {
	test('the selectors offer the contract values', () => {
		const options = (op: string, name: string) =>
			(findOperation('leadProcessing', op)!.properties.find((p) => p.name === name)!.options as Array<{ value: unknown }>).map((o) => o.value);
		expect((options('runEnrichment', 'services') as string[]).sort()).toEqual(
			['companyUrl', 'emailFinder', ...Array.from({ length: 10 }, (_, i) => `enrichment${i + 1}`)].sort(),
		);
		expect((options('runCopyright', 'processes') as number[]).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect((options('runSdr', 'fields') as string[]).sort()).toEqual([...CONTRACT_SDR_FIELDS].sort());
		expect(CONTRACT_SDR_FIELDS).toHaveLength(26);
	});

	test('Run Enrichment starts the selected services and returns at once', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'leadProcessing', operation: 'runEnrichment', leadId, services: ['enrichment1', 'emailFinder'] },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0]).toMatchObject({
			method: 'POST',
			path: '/api/leads/process/enrich',
			body: { leadId, services: ['enrichment1', 'emailFinder'], overwrite: false },
		});
		const out = items[0].json as { runIds: string[]; triggered: string[]; batchTag: string; leadId: string; runs?: unknown };
		expect(out).toMatchObject({ success: true, leadId, triggered: ['enrichment1', 'emailFinder'], skipped: [] });
		expect(out.runIds).toHaveLength(2);
		expect(out.runs).toBeUndefined();
		expect(['QUEUED', 'EXECUTING']).toContain(sb.tasks.status(out.runIds[0]));
		expect(sb.tasks.get(out.runIds[0])).toMatchObject({ taskId: 'enrich-enrichment1', tags: [out.batchTag, `lead:${leadId}`] });
	});

	test('Run Enrichment with no service selected sends no selector (every configured service) and Wait for Completion outputs the final statuses', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.clearRequests();
		const started = Date.now();
		const { items, error } = await h.run({
			parameters: { resource: 'leadProcessing', operation: 'runEnrichment', leadId, services: [], overwrite: true, ...wait() },
		});
		const took = Date.now() - started;
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/leads/process/enrich', body: { leadId, overwrite: true } });
		expect(apiCalls(sb)[0].body).not.toHaveProperty('services');
		const out = items[0].json as { runIds: string[]; runs: Array<Record<string, unknown>> };
		expect(out.runIds).toHaveLength(5); // seeded URL settings: companyUrl, emailFinder, enrichment1–3
		expect(out.runs.map((r) => r.runId)).toEqual(out.runIds);
		for (const run of out.runs) {
			expect(run).toMatchObject({ status: 'COMPLETED', error: null });
			expect(run).not.toHaveProperty('success');
		}
		// polled each run by id, and the runs did their work
		const polled = new Set(statusCalls(sb).map((c) => c.query.runId));
		expect([...polled].sort()).toEqual([...out.runIds].sort());
		const lead = sb.store.getLead(leadId)!;
		expect(lead.enrichment2).toMatch(/^\[sandbox\] enrichment2 result/);
		expect(lead.email).toMatch(/@acmelabs\.io$/);
		expect(out.runs.find((r) => (r.output as { field?: string })?.field === 'enrichment2')).toMatchObject({ output: { value: lead.enrichment2 } });
		expect(took).toBeGreaterThanOrEqual(DELAY - 20);
		expect(took).toBeLessThan(5000);
	});

	test('Run Copyright AI sends process numbers as integers (also from an expression) and waits', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'leadProcessing', operation: 'runCopyright', leadId, processes: [3, 1], ...wait() },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/leads/process/copyright', body: { leadId, processes: [3, 1], overwrite: false } });
		expect(items[0].json).toMatchObject({ triggered: [3, 1], skipped: [] });
		expect((items[0].json.runs as Array<{ status: string }>).map((r) => r.status)).toEqual(['COMPLETED', 'COMPLETED']);
		expect(sb.store.getLead(leadId)).toMatchObject({ enrichment1: expect.stringMatching(/process 1/), enrichment3: expect.stringMatching(/process 3/) });

		sb.clearRequests();
		const fromExpression = await h.run(
			{ parameters: { resource: 'leadProcessing', operation: 'runCopyright', leadId: '={{ $json.id }}', processes: '={{ $json.list }}', overwrite: true } },
			[{ id: leadId, list: '2, enrichment5, 2' }],
		);
		expect(fromExpression.error).toBeUndefined();
		expect(apiCalls(sb)[0].body).toEqual({ leadId, processes: [2, 5], overwrite: true });
		expect(fromExpression.items[0].json).toMatchObject({ triggered: [2], skipped: [5] });
	});

	test('Run SDR AI fills the chosen fields and waits', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'leadProcessing', operation: 'runSdr', leadId, fields: ['aiLeadScore', 'message1', 'aiRiskScore'], ...wait() },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({
			method: 'POST',
			path: '/api/leads/process/sdr',
			body: { leadId, fields: ['aiLeadScore', 'message1', 'aiRiskScore'], overwrite: false },
		});
		// aiRiskScore has no agent in the seeded SDR AI settings
		expect(items[0].json).toMatchObject({ triggered: ['aiLeadScore', 'message1'], skipped: ['aiRiskScore'] });
		expect((items[0].json.runs as Array<{ status: string; taskId: string }>).map((r) => [r.taskId, r.status])).toEqual([
			['sdr-ai-aiLeadScore', 'COMPLETED'],
			['sdr-ai-message1', 'COMPLETED'],
		]);
		const lead = sb.store.getLead(leadId)!;
		expect(lead.aiLeadScore).toMatch(/^\d+$/);
		expect(lead.message1).toMatch(/^Hi Proc/);
	});

	test('nothing triggered: Wait for Completion has nothing to wait for', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'leadProcessing', operation: 'runEnrichment', leadId, services: ['enrichment9'], ...wait() },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ triggered: [], skipped: ['enrichment9'], runIds: [], runs: [] });
		expect(statusCalls(sb)).toHaveLength(0);
	});

	test('a run that fails makes the item fail, naming the run and its status', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.tasks.failNext(1, 'Upstream enrichment exploded');
		const started = Date.now();
		const { items, error } = await h.run({
			parameters: { resource: 'leadProcessing', operation: 'runEnrichment', leadId, services: ['enrichment1', 'enrichment2'], ...wait() },
		});
		const took = Date.now() - started;
		expect(items).toHaveLength(0);
		const runs = sb.tasks.list().slice(-2);
		expect(runs.map((r) => r.status)).toEqual(['FAILED', 'COMPLETED']);
		expect(error?.message).toBe(`1 of 2 runs did not complete: ${runs[0].runId} FAILED [item 0]`);
		expect(error?.description).toContain(`${runs[0].runId} (enrich-enrichment1): FAILED — Upstream enrichment exploded`);
		expect(error?.description).toContain(`${runs[1].runId} (enrich-enrichment2): COMPLETED`);
		expect(took).toBeLessThan(5000);
	});

	test('a canceled run makes the item fail too', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.tasks.hangNext(1);
		const running = h.run({ parameters: { resource: 'leadProcessing', operation: 'runSdr', leadId, fields: ['message2'], ...wait(10) } });
		let runId: string | undefined;
		for (let k = 0; k < 100 && !runId; k++) {
			await new Promise((r) => setTimeout(r, 20));
			runId = sb.tasks.list().find((r) => r.taskId === 'sdr-ai-message2' && r.tags.includes(`lead:${leadId}`))?.runId;
		}
		expect(sb.tasks.cancel(runId!)).toBe(true);
		const started = Date.now();
		const { error } = await running;
		expect(error?.message).toBe(`1 of 1 run did not complete: ${runId} CANCELED [item 0]`);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	test('a run that never ends times out: bounded, and the error says which runs were still going', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.tasks.hangNext(1);
		sb.clearRequests();
		const started = Date.now();
		const { items, error } = await h.run({
			parameters: { resource: 'leadProcessing', operation: 'runCopyright', leadId, processes: [1, 2], ...wait(1, 0.2) },
		});
		const took = Date.now() - started;
		expect(items).toHaveLength(0);
		const [hung, done] = sb.tasks.list().slice(-2);
		expect(hung.status).toBe('EXECUTING');
		expect(done.status).toBe('COMPLETED');
		expect(error?.message).toBe(`1 of 2 runs did not complete within the 1 s timeout: ${hung.runId} still EXECUTING [item 0]`);
		expect(error?.description).toMatch(/continue in LeadGenius/);
		expect(took).toBeGreaterThanOrEqual(1000);
		expect(took).toBeLessThan(3000);
		// polled about every 0.2 s, not in a tight loop
		const polls = statusCalls(sb).filter((c) => c.query.runId === hung.runId).length;
		expect(polls).toBeGreaterThanOrEqual(4);
		expect(polls).toBeLessThanOrEqual(8);
		sb.tasks.complete(hung.runId);
	});

	test('Continue On Fail: the failing item becomes an error item, the others go on', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const [a, b] = [await freshLead(sb), await freshLead(sb)];
		sb.tasks.failNext(1);
		sb.clearRequests();
		const { items, error } = await h.run(
			{
				parameters: { resource: 'leadProcessing', operation: 'runSdr', leadId: '={{ $json.lead }}', fields: ['aiColdEmail'], ...wait() },
				continueOnFail: true,
			},
			[{ lead: a }, { lead: b }],
		);
		expect(error).toBeUndefined();
		expect(apiCalls(sb).filter((c) => c.method === 'POST').map((c) => (c.body as { leadId: string }).leadId)).toEqual([a, b]);
		expect(items).toHaveLength(2);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(String(items[0].json.error)).toMatch(/^1 of 1 run did not complete: run_\w+ FAILED \[item 0\]$/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[1].json).toMatchObject({ leadId: b, triggered: ['aiColdEmail'] });
		expect((items[1].json.runs as Array<{ status: string }>)[0].status).toBe('COMPLETED');
		expect(sb.store.getLead(b)?.aiColdEmail).toBeTruthy();
		expect(sb.store.getLead(a)?.aiColdEmail).toBeUndefined();
	});

	test('bad input names the parameter and sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const leadId = await freshLead(sb);
		sb.clearRequests();
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ operation: 'runEnrichment', leadId: '={{ $json.missing }}' }, /Parameter "Lead ID" is required but empty \[item 0\]/],
			[{ operation: 'runEnrichment', leadId, services: '={{ "enrichment1,enrichment11" }}' }, /Parameter "Services" has an unknown service "enrichment11"/],
			[{ operation: 'runCopyright', leadId, processes: '={{ [1, 11] }}' }, /Parameter "Processes" must hold process numbers 1 to 10 \(got 11\)/],
			[{ operation: 'runSdr', leadId, fields: '={{ ["aiMood"] }}' }, /Parameter "Fields" has an unknown SDR field "aiMood"/],
			[{ operation: 'runSdr', leadId, ...wait(), waitTimeout: 0 }, /Parameter "Timeout \(Seconds\)" must be between 1 and 3600 seconds \(got 0\)/],
			[{ operation: 'runSdr', leadId, ...wait(), pollInterval: 0.01 }, /Parameter "Poll Interval \(Seconds\)" must be between 0.1 and 3600 seconds/],
		];
		for (const [params, message] of cases) {
			const { error } = await h.run({ parameters: { resource: 'leadProcessing', ...params } });
			expect(error?.message).toMatch(message);
		}
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('API errors come through: unknown lead, no settings', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const missing = await h.run({ parameters: { resource: 'leadProcessing', operation: 'runEnrichment', leadId: 'no-such-lead', ...wait() } });
		expect(missing.error?.message).toMatch(/^Not found/);
		const other = await harnessFor(sb, 'password', sb.other);
		const otherLead = sb.store.leadsOfClient(sb.other.companyId, sb.other.clientId)[0].id;
		const unset = await other.run({ parameters: { resource: 'leadProcessing', operation: 'runSdr', leadId: otherLead } });
		expect(unset.error?.message).toMatch(/rejected as invalid/);
		expect(unset.error?.description).toMatch(/Recommendation: Configure them first/);
	});
});
