import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

// 10,001 seeded source leads in the demo client (+12 in the second client): three 5,000 pages.
const sandbox = useSandbox({ leads: 10001, rateLimit: 0 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const sourceIds = (sb: ReturnType<typeof sandbox>, companyId: string) =>
	sb.store.sourceLeads.companyRows(companyId).map((r) => r.rec.id);

describe('Source Lead resource', () => {
	test('Get Many Return All reads every source lead exactly once over three 5,000 pages', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'sourceLead', operation: 'getAll', returnAll: true } });
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		const pages = calls.filter((r) => r.path === '/api/source-leads/list');
		expect(pages).toHaveLength(3);
		pages.forEach((r) => expect(r.query).toMatchObject({ companyId: sb.demo.companyId, limit: '5000' }));
		expect(calls.filter((r) => r.path === '/api/enrich-leads/list')).toHaveLength(0);
		expect(calls.filter((r) => r.path === '/api/company')).toHaveLength(1);
		const expected = sourceIds(sb, sb.demo.companyId);
		expect(expected).toHaveLength(10013);
		const ids = items.map((i) => String(i.json.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual([...expected].sort());
		// source leads are raw: no AI fields
		expect(items.some((i) => Object.keys(i.json).some((k) => k.startsWith('ai')))).toBe(false);
	});

	test('Get Many with client filter, fields and one item per page', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'sourceLead',
				operation: 'getAll',
				clientId: rl(sb.secondClientId),
				returnAll: true,
				fields: ['email', 'companyName'],
				options: { output: 'page', pageSize: 10 },
			},
		});
		expect(error).toBeUndefined();
		const pages = apiCalls(sb).filter((r) => r.path === '/api/source-leads/list');
		expect(pages.map((r) => r.query)).toEqual([
			{ companyId: sb.demo.companyId, clientId: sb.secondClientId, fields: 'id,email,companyName', limit: '10' },
			expect.objectContaining({ clientId: sb.secondClientId, fields: 'id,email,companyName', limit: '10', nextToken: expect.any(String) }),
		]);
		expect(items.map((i) => i.json.count)).toEqual([10, 2]);
		const leads = items.flatMap((i) => i.json.leads as Array<Record<string, unknown>>);
		expect(leads.map((l) => l.id).sort()).toEqual(sb.store.sourceLeadsOfClient(sb.demo.companyId, sb.secondClientId).map((l) => l.id).sort());
		for (const lead of leads) expect(Object.keys(lead).sort()).toEqual(['companyName', 'email', 'id']);
	});

	test('Email & Password credentials get a clear API key error and the sandbox no request', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password');
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'sourceLead', operation: 'getAll', returnAll: true } });
		expect(error?.message).toMatch(/Source Lead → Get Many needs a LeadGenius API key/);
		expect(sb.requests).toHaveLength(0);
	});

	test('Continue On Fail turns the API key error into an error item', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password');
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'sourceLead', operation: 'getAll', returnAll: true },
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/API key/);
		expect(sb.requests).toHaveLength(0);
	});
});
