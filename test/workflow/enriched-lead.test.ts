import type { Account } from '../../sandbox/server';
import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

// 12,000 seeded leads in the demo client (+12 in the second client): Return All at the
// endpoint's 5,000 maximum needs three pages.
const sandbox = useSandbox({ leads: 12000, rateLimit: 0 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const bulk = (extra: Record<string, unknown> = {}) => ({
	resource: 'enrichedLead',
	operation: 'getAll',
	...extra,
});

const companyLookups = (calls: ReturnType<typeof apiCalls>) =>
	calls.filter((r) => r.method === 'GET' && r.path === '/api/company').length;
const bulkCalls = (calls: ReturnType<typeof apiCalls>) => calls.filter((r) => r.path === '/api/enrich-leads/list');

describe('Enriched Lead resource', () => {
	test('Get outputs the whole lead, AI fields included', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).find((l) => l.aiLeadScore !== undefined)!;
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'enrichedLead', operation: 'get', leadId: lead.id } });
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'GET', path: `/api/enrich-leads/${lead.id}` });
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ ...lead });
		expect(items[0].json.aiLeadScore).toBe(lead.aiLeadScore);
	});

	test('Get of an unknown lead fails with not found', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const { error } = await h.run({ parameters: { resource: 'enrichedLead', operation: 'get', leadId: 'no-such-lead' } });
		expect(error?.message).toMatch(/not found|404/i);
	});

	test('Update sends the AI and enrichment fields by name plus custom fields, and stores them', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[1];
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'enrichedLead',
				operation: 'update',
				leadId: lead.id,
				updateFields: {
					aiLeadScore: '88',
					aiProductFitScore: '72',
					aiQualification: 'Qualified',
					message1: 'Hi there',
					message10: 'Last touch',
					enrichment3: '{"employees": 120}',
					notes: '## Score 88',
					aiRiskScore: '',
					customFields: { field: [{ name: 'engagementScore', value: '42' }, { name: 'segment', value: '' }] },
				},
			},
		});
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'PUT', path: `/api/enrich-leads/${lead.id}` });
		// empty values are never sent; no id in the body
		expect(calls[0].body).toEqual({
			aiLeadScore: '88',
			aiProductFitScore: '72',
			aiQualification: 'Qualified',
			message1: 'Hi there',
			message10: 'Last touch',
			enrichment3: '{"employees": 120}',
			notes: '## Score 88',
			engagementScore: '42',
		});
		expect(items[0].json).toMatchObject({ id: lead.id, aiLeadScore: '88', message10: 'Last touch' });
		const stored = sb.store.getLead(lead.id)!;
		expect(stored).toMatchObject({ aiLeadScore: '88', aiProductFitScore: '72', enrichment3: '{"employees": 120}', notes: '## Score 88' });
		expect(stored.firstName).toBe(lead.firstName);
	});

	test('Update without any field fails before sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({
			parameters: { resource: 'enrichedLead', operation: 'update', leadId: 'x', updateFields: { message2: '' } },
		});
		expect(error?.message).toMatch(/Parameter "Update Fields" needs at least one field to change \[item 0\]/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	describe('Get Many (bulk)', () => {
		test('Return All reads three 5,000-lead pages and outputs every lead exactly once', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { items, error } = await h.run({ parameters: bulk({ returnAll: true }) });
			expect(error).toBeUndefined();

			const calls = apiCalls(sb);
			expect(companyLookups(calls)).toBe(1);
			const pages = bulkCalls(calls);
			expect(pages).toHaveLength(3);
			pages.forEach((r) => expect(r.query).toMatchObject({ companyId: sb.demo.companyId, limit: '5000' }));
			expect(pages[0].query.nextToken).toBeUndefined();
			expect(pages[1].query.nextToken).toEqual(expect.any(String));
			expect(pages[0].query.clientId).toBeUndefined(); // empty client = every client
			expect(pages[0].query.fields).toBeUndefined(); // no projection = every field

			const expected = sb.store.leadsOfCompany(sb.demo.companyId).map((l) => l.id);
			expect(expected.length).toBe(12012);
			const ids = items.map((i) => String(i.json.id));
			expect(ids).toHaveLength(expected.length);
			expect(new Set(ids).size).toBe(ids.length);
			expect([...ids].sort()).toEqual([...expected].sort());
			expect(items[0].pairedItem).toEqual({ item: 0 });
		});

		test('Limit asks for no more than it needs', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { items } = await h.run({ parameters: bulk({ returnAll: false, limit: 7 }) });
			expect(items).toHaveLength(7);
			const pages = bulkCalls(apiCalls(sb));
			expect(pages).toHaveLength(1);
			expect(pages[0].query.limit).toBe('7');
		});

		test('Limit above the page size spans pages: 7,000 = 5,000 + 2,000', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { items } = await h.run({ parameters: bulk({ returnAll: false, limit: 7000, fields: ['email'] }) });
			expect(items).toHaveLength(7000);
			expect(bulkCalls(apiCalls(sb)).map((r) => r.query.limit)).toEqual(['5000', '2000']);
		});

		test('Fields projects the records (ID always included) and shrinks the payload', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const full = await h.run({ parameters: bulk({ returnAll: false, limit: 200 }) });
			const projected = await h.run({
				parameters: bulk({
					returnAll: false,
					limit: 200,
					fields: ['email', 'aiLeadScore'],
					options: { extraFields: 'headline, email' },
				}),
			});
			expect(projected.error).toBeUndefined();
			const pages = bulkCalls(apiCalls(sb));
			expect(pages[1].query.fields).toBe('id,email,aiLeadScore,headline');
			const allowed = new Set(['id', 'email', 'aiLeadScore', 'headline']);
			for (const item of projected.items) {
				for (const key of Object.keys(item.json)) expect(allowed.has(key)).toBe(true);
				expect(item.json.id).toEqual(expect.any(String));
				expect(item.json.email).toEqual(expect.any(String));
			}
			expect(projected.items.map((i) => i.json.id)).toEqual(full.items.map((i) => i.json.id));
			const size = (r: typeof full) => JSON.stringify(r.items.map((i) => i.json)).length;
			expect(size(projected)).toBeLessThan(size(full) / 2);
			expect(Object.keys(full.items[0].json).length).toBeGreaterThan(10);
		});

		test('An invalid extra field name fails before sending', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { error } = await h.run({ parameters: bulk({ returnAll: true, options: { extraFields: 'email, bad name' } }) });
			expect(error?.message).toMatch(/Parameter "Extra Fields" has an invalid field name "bad name"/);
			expect(apiCalls(sb)).toHaveLength(0);
		});

		test('Client filter and page size: only that client, in pages of the chosen size', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { items } = await h.run({
				parameters: bulk({ returnAll: true, clientId: rl(sb.secondClientId), options: { pageSize: 5 } }),
			});
			const pages = bulkCalls(apiCalls(sb));
			expect(pages.map((r) => r.query.limit)).toEqual(['5', '5', '5']);
			pages.forEach((r) => expect(r.query.clientId).toBe(sb.secondClientId));
			expect(items.map((i) => i.json.id).sort()).toEqual(
				sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId).map((l) => l.id).sort(),
			);
			expect(items.every((i) => i.json.client_id === sb.secondClientId)).toBe(true);
		});

		test('companyId is looked up once per execution, for every input item and page', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { items, error } = await h.run(
				{ parameters: bulk({ returnAll: true, clientId: rl(sb.secondClientId), options: { pageSize: 5 } }) },
				[{}, {}, {}],
			);
			expect(error).toBeUndefined();
			const calls = apiCalls(sb);
			expect(companyLookups(calls)).toBe(1);
			expect(bulkCalls(calls)).toHaveLength(9);
			expect(items).toHaveLength(36);
			expect(items.filter((i) => (i.pairedItem as { item: number }).item === 2)).toHaveLength(12);
		});

		test('A given Company ID is used as is: no lookup', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { items } = await h.run({
				parameters: bulk({ returnAll: false, limit: 3, options: { companyId: sb.demo.companyId } }),
			});
			expect(items).toHaveLength(3);
			const calls = apiCalls(sb);
			expect(companyLookups(calls)).toBe(0);
			expect(bulkCalls(calls)[0].query.companyId).toBe(sb.demo.companyId);
		});

		test('Email & Password credentials fail with a clear API key error, and nothing is sent', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'password');
			sb.clearRequests();
			const { error } = await h.run({ parameters: bulk({ returnAll: true }) });
			expect(error?.message).toMatch(/Enriched Lead → Get Many needs a LeadGenius API key/);
			expect(error?.message).toMatch(/Email & Password/);
			expect(sb.requests.filter((r) => r.path === '/api/enrich-leads/list')).toHaveLength(0);
			expect(sb.requests).toHaveLength(0);
		});

		test('Access Token credentials fail the same way', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'accessToken');
			sb.clearRequests();
			const { error } = await h.run({ parameters: bulk({ returnAll: true }) });
			expect(error?.message).toMatch(/needs a LeadGenius API key: the credential uses an Access Token/);
			expect(sb.requests).toHaveLength(0);
		});

		test('Output "One Item per Page" emits { page, count, leads, nextToken } per page', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			sb.clearRequests();
			const { items, error } = await h.run({ parameters: bulk({ returnAll: true, options: { output: 'page' } }) });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
			expect(items.map((i) => i.json.page)).toEqual([1, 2, 3]);
			expect(items.map((i) => i.json.count)).toEqual([5000, 5000, 2012]);
			const pages = bulkCalls(apiCalls(sb));
			expect(items[0].json.nextToken).toBe(pages[1].query.nextToken);
			expect(items[1].json.nextToken).toBe(pages[2].query.nextToken);
			expect(items[2].json.nextToken).toBeUndefined();
			const ids = items.flatMap((i) => (i.json.leads as Array<{ id: string }>).map((l) => l.id));
			expect(new Set(ids).size).toBe(12012);
			expect([...ids].sort()).toEqual(sb.store.leadsOfCompany(sb.demo.companyId).map((l) => l.id).sort());
			items.forEach((i) => expect(i.pairedItem).toEqual({ item: 0 }));
		});

		test('Output per page honours Limit', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			const { items } = await h.run({
				parameters: bulk({ returnAll: false, limit: 12, options: { output: 'page', pageSize: 5 }, clientId: rl(sb.secondClientId) }),
			});
			expect(items.map((i) => i.json.count)).toEqual([5, 5, 2]);
			expect((items[2].json.leads as unknown[]).length).toBe(2);
		});

		test('Another tenant sees only its own leads', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey', sb.other as Account);
			const { items, error } = await h.run({ parameters: bulk({ returnAll: true }) });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id).sort()).toEqual(sb.store.leadsOfCompany(sb.other.companyId).map((l) => l.id).sort());
		});
	});
});
