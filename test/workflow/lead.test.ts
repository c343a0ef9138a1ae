import type { IDataObject } from 'n8n-workflow';

import { leadCalls as apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

// 2,500 seeded leads: Return All at the endpoint's 1,000 maximum needs three pages.
const sandbox = useSandbox({ leads: 2500 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Lead resource', () => {
	test('Create sends a clean lead (no empty strings, phoneNumber) and outputs it', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'lead',
				operation: 'create',
				clientId: rl(sb.demo.clientId),
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada@engines.test',
				additionalFields: {
					companyName: 'Analytical Engines',
					title: '',
					phoneNumber: '+44 20 0000',
					customFields: { field: [{ name: 'aiLeadScore', value: '91' }] },
				},
			},
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sb);
		expect(call).toMatchObject({ method: 'POST', path: '/api/leads' });
		expect(call.body).toEqual({
			client_id: sb.demo.clientId,
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@engines.test',
			companyName: 'Analytical Engines',
			phoneNumber: '+44 20 0000',
			aiLeadScore: '91',
		});
		expect(items[0].json).toMatchObject({ firstName: 'Ada', email: 'ada@engines.test', company_id: sb.demo.companyId });
		expect(sb.store.getLead(String(items[0].json.id))?.email).toBe('ada@engines.test');
	});

	test('Create Many chunks to the batch size and reports every lead, skipped ones included', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const input = Array.from({ length: 120 }, (_, k) => ({ first: `Bulk${k}`, email: `bulk${k}@many.test` }));
		input[70].email = 'bulk3@many.test'; // duplicate of an earlier lead in the same client
		sb.clearRequests();
		const { items, error } = await h.run(
			{
				parameters: {
					resource: 'lead',
					operation: 'createMany',
					clientId: rl(sb.secondClientId),
					firstName: '={{ $json.first }}',
					lastName: 'Batch',
					email: '={{ $json.email }}',
					options: { batchSize: 50 },
				},
			},
			input,
		);
		expect(error).toBeUndefined();
		const posts = apiCalls(sb).filter((r) => r.method === 'POST' && r.path === '/api/leads');
		expect(posts.map((p) => (p.body as { leads: unknown[] }).leads.length)).toEqual([50, 50, 20]);
		expect(items).toHaveLength(120);
		items.forEach((item, k) => expect(item.pairedItem).toEqual({ item: k }));
		expect(items[70].json).toMatchObject({ status: 'skipped', email: 'bulk3@many.test' });
		expect(items.filter((i) => i.json.status === 'created')).toHaveLength(119);
		const stored = sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId).filter((l) => String(l.email ?? '').endsWith('@many.test'));
		expect(stored).toHaveLength(119);
	});

	test('Create Many with Map Automatically sends each input item\'s fields, system fields and empty values left out', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const input = [
			{ firstName: 'Grace', lastName: 'Hopper', email: ' grace@auto.test ', companyName: 'Navy', aiLeadScore: '88', notes: '', city: null },
			// copied from another client: its id, owner, company, client and dates must not travel
			{ id: 'old-id', owner: 'someone', company_id: 'other-co', client_id: 'other-client', createdAt: '2020-01-01', updatedAt: '2020-01-02', firstName: 'Alan', lastName: 'Turing', email: 'alan@auto.test', tags: ['x', 'y'] },
		];
		sb.clearRequests();
		const { items, error } = await h.run(
			{ parameters: { resource: 'lead', operation: 'createMany', clientId: rl(sb.secondClientId), mappingMode: 'autoMap' } },
			input,
		);
		expect(error).toBeUndefined();
		const posts = apiCalls(sb).filter((r) => r.method === 'POST' && r.path === '/api/leads');
		expect(posts).toHaveLength(1);
		expect((posts[0].body as { leads: unknown[] }).leads).toEqual([
			{ client_id: sb.secondClientId, firstName: 'Grace', lastName: 'Hopper', email: 'grace@auto.test', companyName: 'Navy', aiLeadScore: '88' },
			{ client_id: sb.secondClientId, firstName: 'Alan', lastName: 'Turing', email: 'alan@auto.test', tags: ['x', 'y'] },
		]);
		expect(items.map((i) => i.json.status)).toEqual(['created', 'created']);
		expect(input[0].email).toBe(' grace@auto.test '); // the input item is not changed
		const stored = sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId).filter((l) => String(l.email ?? '').endsWith('@auto.test'));
		expect(stored.map((l) => [l.firstName, l.company_id, l.owner])).toEqual([
			['Grace', sb.demo.companyId, sb.demo.userId],
			['Alan', sb.demo.companyId, sb.demo.userId],
		]);
	});

	test('Update Many with Map Automatically takes the lead ID from "id" and every other field as a change', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const fetched = await h.run({
			parameters: { resource: 'lead', operation: 'getAll', clientId: rl(sb.demo.clientId), returnAll: false, limit: 2 },
		});
		// what a user does: Get Many, change a field (an Edit Fields node), Update Many
		const input: IDataObject[] = fetched.items.map((i) => ({ ...i.json, status: 'nurture' }));
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'lead', operation: 'updateMany', mappingMode: 'autoMap' } }, input);
		expect(error).toBeUndefined();
		const [put] = apiCalls(sb);
		expect(put).toMatchObject({ method: 'PUT', path: '/api/leads' });
		const sent = (put.body as { leads: Array<Record<string, unknown>> }).leads;
		expect(sent.map((l) => l.id)).toEqual(input.map((l) => l.id));
		for (const lead of sent) {
			expect(lead.status).toBe('nurture');
			expect(lead).not.toHaveProperty('createdAt');
			expect(lead).not.toHaveProperty('updatedAt');
		}
		expect(items.map((i) => i.json.status)).toEqual(['updated', 'updated']);
		for (const l of input) expect(sb.store.getLead(String(l.id))?.status).toBe('nurture');
	});

	test('Get returns one lead, simplified by default and in full on request', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[0];
		sb.clearRequests();
		const simple = await h.run({ parameters: { resource: 'lead', operation: 'get', leadId: lead.id } });
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'GET', path: `/api/enrich-leads/${lead.id}` });
		expect(simple.items[0].json.id).toBe(lead.id);
		expect(simple.items[0].json.owner).toBeUndefined();
		const full = await h.run({ parameters: { resource: 'lead', operation: 'get', leadId: lead.id, simplify: false } });
		expect(full.items[0].json).toMatchObject({ id: lead.id, owner: sb.demo.userId, company_id: sb.demo.companyId });
	});

	test('Get Many with Return All reads every page: every lead exactly once', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'lead', operation: 'getAll', clientId: rl(sb.demo.clientId), returnAll: true },
		});
		expect(error).toBeUndefined();
		const pages = apiCalls(sb).filter((r) => r.path === '/api/leads');
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages[0].query).toMatchObject({ client_id: sb.demo.clientId, limit: '1000' });
		expect(pages[1].query.nextToken).toBeTruthy();
		const ids = items.map((i) => String(i.json.id));
		const expected = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual([...expected].sort());
	});

	test('Get Many with a Limit asks for no more than it needs', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items } = await h.run({
			parameters: { resource: 'lead', operation: 'getAll', clientId: rl(sb.demo.clientId), returnAll: false, limit: 150 },
		});
		expect(items).toHaveLength(150);
		const pages = apiCalls(sb).filter((r) => r.path === '/api/leads');
		expect(pages).toHaveLength(1);
		expect(pages[0].query.limit).toBe('150');
	});

	test('Update and Update Many change the stored leads', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const [a, b, c] = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(10, 13);
		sb.clearRequests();
		const one = await h.run({
			parameters: { resource: 'lead', operation: 'update', leadId: a.id, updateFields: { title: 'CTO', notes: '' } },
		});
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'PUT', path: '/api/leads', body: { id: a.id, title: 'CTO' } });
		expect(one.items[0].json.title).toBe('CTO');
		expect(sb.store.getLead(a.id)?.title).toBe('CTO');

		sb.clearRequests();
		const many = await h.run(
			{
				parameters: {
					resource: 'lead',
					operation: 'updateMany',
					leadId: '={{ $json.id }}',
					updateFields: { status: '={{ $json.status }}' },
				},
			},
			[
				{ id: b.id, status: 'contacted' },
				{ id: 'missing-lead', status: 'lost' },
				{ id: c.id, status: 'qualified' },
			],
		);
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0].body).toEqual({
			leads: [
				{ id: b.id, status: 'contacted' },
				{ id: 'missing-lead', status: 'lost' },
				{ id: c.id, status: 'qualified' },
			],
		});
		expect(many.items.map((i) => i.json.status)).toEqual(['updated', 'failed', 'updated']);
		expect(sb.store.getLead(b.id)?.status).toBe('contacted');
		expect(sb.store.getLead(c.id)?.status).toBe('qualified');
	});

	test('Delete and Delete Many remove leads; unknown ids are reported', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const [a, b, c] = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(20, 23);
		sb.clearRequests();
		const one = await h.run({ parameters: { resource: 'lead', operation: 'delete', leadId: a.id } });
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'DELETE', path: '/api/leads', query: { id: a.id } });
		expect(one.items[0].json).toMatchObject({ id: a.id, deleted: true });
		expect(sb.store.getLead(a.id)).toBeUndefined();

		sb.clearRequests();
		const many = await h.run(
			{ parameters: { resource: 'lead', operation: 'deleteMany', leadId: '={{ $json.id }}' } },
			[{ id: b.id }, { id: 'nope' }, { id: c.id }],
		);
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'DELETE', path: '/api/leads', body: { ids: [b.id, 'nope', c.id] } });
		expect(many.items.map((i) => i.json.status)).toEqual(['deleted', 'failed', 'deleted']);
		expect(sb.store.getLead(b.id)).toBeUndefined();
		expect(sb.store.getLead(c.id)).toBeUndefined();
	});

	test('Find looks up by email or LinkedIn URL and outputs one item per match', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[40];
		sb.clearRequests();
		const byEmail = await h.run({ parameters: { resource: 'lead', operation: 'find', email: String(lead.email).toUpperCase() } });
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'GET', path: '/api/find-lead', query: { email: String(lead.email).toUpperCase() } });
		expect(byEmail.items.map((i) => i.json.id)).toEqual([lead.id]);
		const byUrl = await h.run({
			parameters: {
				resource: 'lead',
				operation: 'find',
				linkedinUrl: String(lead.linkedinUrl),
				findOptions: { clientId: rl(sb.demo.clientId) },
			},
		});
		expect(byUrl.items.map((i) => i.json.id)).toEqual([lead.id]);
		const none = await h.run({ parameters: { resource: 'lead', operation: 'find', email: 'nobody@nowhere.test' } });
		expect(none.items).toHaveLength(0);
	});

	test('Continue On Fail: a failing item becomes an error item, the others still run', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const [a, b] = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(50, 52);
		const { items, error } = await h.run(
			{ parameters: { resource: 'lead', operation: 'get', leadId: '={{ $json.id }}' }, continueOnFail: true },
			[{ id: a.id }, { id: 'does-not-exist' }, { id: b.id }],
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.id).toBe(a.id);
		expect(items[1].json.error).toMatch(/Not found/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].json.id).toBe(b.id);
	});

	test('Without Continue On Fail the first failure stops the run with a NodeApiError', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const { error } = await h.run({ parameters: { resource: 'lead', operation: 'get', leadId: 'does-not-exist' } });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/Not found/);
		expect((error as unknown as { httpCode: string }).httpCode).toBe('404');
	});
});
