import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clients, expectError, expectOk } from './helpers';

describe('sandbox tenant isolation (§1.6)', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;
	let demoLeadId: string;
	let demoLeadEmail: string;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 30, rateLimit: 0, taskDelayMs: 50 });
		c = await clients(sb);
		const first = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[0];
		demoLeadId = first.id;
		demoLeadEmail = first.email as string;
	});
	afterAll(() => sb.close());

	test("the other tenant cannot see the demo company's client", async () => {
		expect(expectOk(await c.other.get('/api/clients', { params: { clientId: sb.demo.clientRecordId } })).clients).toEqual([]);
		expect(expectOk(await c.other.get('/api/clients', { params: { clientId: sb.demo.clientId } })).clients).toEqual([]);
		const list = expectOk(await c.other.get('/api/clients')).clients;
		expect(list.map((x: { id: string }) => x.id)).toEqual([sb.other.clientRecordId]);
	});

	test("the other tenant cannot update or delete the demo company's client (404)", async () => {
		expectError(await c.other.put('/api/clients', { id: sb.demo.clientRecordId, clientName: 'hijacked' }), 404, 'not_found');
		expectError(await c.other.delete('/api/clients', { params: { id: sb.demo.clientRecordId, purge: 'true' } }), 404, 'not_found');
		expect(sb.store.getClient(sb.demo.clientRecordId)?.clientName).toBe('Demo Client');
		expect(sb.store.countLeads(sb.demo.companyId, sb.demo.clientId)).toBe(30);
	});

	test("the other tenant cannot read, update or delete the demo company's lead (404)", async () => {
		expectError(await c.other.get(`/api/enrich-leads/${demoLeadId}`), 404, 'not_found');
		expectError(await c.other.put(`/api/enrich-leads/${demoLeadId}`, { notes: 'x' }), 404, 'not_found');
		expectError(await c.other.put('/api/leads', { id: demoLeadId, firstName: 'Mallory' }), 404, 'not_found');
		expectError(await c.other.delete('/api/leads', { params: { id: demoLeadId } }), 404, 'not_found');
		const batchDel = expectOk(await c.other.delete('/api/leads', { data: { ids: [demoLeadId] } }));
		expect(batchDel).toMatchObject({ deleted: 0, failed: [demoLeadId] });
		const batchPut = expectOk(await c.other.put('/api/leads', { leads: [{ id: demoLeadId, notes: 'x' }] }));
		expect(batchPut).toMatchObject({ updated: 0, failed: [demoLeadId] });
		const lead = sb.store.getLead(demoLeadId);
		expect(lead?.firstName).not.toBe('Mallory');
		expect(lead?.notes).toBeUndefined();
		// the owner still sees it
		expect(expectOk(await c.demo.get(`/api/enrich-leads/${demoLeadId}`)).lead.id).toBe(demoLeadId);
	});

	test('lists and lookups are scoped to the caller company', async () => {
		const leads = expectOk(await c.other.get('/api/leads', { params: { client_id: sb.demo.clientId } }));
		expect(leads.leads).toEqual([]);
		expect(leads.nextToken).toBeNull();
		const found = expectOk(await c.other.get('/api/find-lead', { params: { email: demoLeadEmail } }));
		expect(found).toMatchObject({ found: false, leads: [] });
		expect(expectOk(await c.demo.get('/api/find-lead', { params: { email: demoLeadEmail } })).found).toBe(true);
		const agent = expectOk(await c.other.get('/api/agent/leads', { params: { email: demoLeadEmail } }));
		expect(agent.data).toEqual([]);
		expect(expectOk(await c.other.get('/api/territory-workbench/companies', { params: { client_id: sb.demo.clientId } })).companies).toEqual([]);
		const hist = expectOk(await c.other.get('/api/search-history', { params: { limit: 100 } })).items;
		expect(hist.every((h: { company_id: string }) => h.company_id === sb.other.companyId)).toBe(true);
		expect(expectOk(await c.other.get('/api/webhook-workbench')).webhooks).toEqual([]);
		expect(expectOk(await c.other.get('/api/settings/url')).settings).toBeNull();
	});

	test("bulk lists reject another tenant's companyId with 403 and require companyId", async () => {
		for (const path of ['/api/enrich-leads/list', '/api/source-leads/list']) {
			expectError(await c.otherKey.get(path, { params: { companyId: sb.demo.companyId } }), 403, 'insufficient_permissions');
			expectError(await c.otherKey.get(path), 400, 'missing_required_field');
			const own = expectOk(await c.otherKey.get(path, { params: { companyId: sb.other.companyId } }));
			expect(own.data.length).toBe(5);
			expect(own.data.every((l: { company_id: string }) => l.company_id === sb.other.companyId)).toBe(true);
		}
	});

	test("a lead cannot be created in another company's client, and body owner/company_id are ignored", async () => {
		expectError(await c.other.post('/api/leads', { client_id: sb.demo.clientId, firstName: 'A', lastName: 'B' }), 404, 'not_found');
		const created = expectOk(
			await c.other.post('/api/leads', {
				client_id: sb.other.clientId,
				firstName: 'Eve',
				lastName: 'Sneaky',
				owner: sb.demo.userId,
				company_id: sb.demo.companyId,
				id: 'chosen-id',
			}),
			201,
		).lead;
		expect(created.owner).toBe(sb.other.userId);
		expect(created.company_id).toBe(sb.other.companyId);
		expect(created.id).not.toBe('chosen-id');
		const client = expectOk(await c.other.post('/api/clients', { clientName: 'Mine', company_id: sb.demo.companyId, owner: sb.demo.userId }), 201).client;
		expect(client.company_id).toBe(sb.other.companyId);
		expect(client.owner).toBe(sb.other.userId);
	});

	test("runs, search-history records and webhooks of one tenant are invisible to the other", async () => {
		const run = expectOk(await c.demo.post('/api/trigger', { taskId: 'demo-task', payload: { a: 1 } })).runId;
		expectError(await c.other.get('/api/trigger-task-status', { params: { runId: run } }), 404, 'not_found');
		expect(expectOk(await c.other.get('/api/trigger-recent-runs')).runs).toEqual([]);
		const demoHistory = sb.store.searchHistoryOf(sb.demo.companyId)[0];
		expectError(await c.other.put('/api/search-history', { id: demoHistory.id, status: 'failed' }), 404, 'not_found');
		expect(sb.store.getSearchHistory(demoHistory.id)?.status).toBe(demoHistory.status);
		const settingsOther = await c.other.put('/api/settings/url', { companyUrl: 'https://x' });
		expectError(settingsOther, 404, 'not_found');
		expect(sb.store.getSettings(sb.demo.companyId, 'url')?.companyUrl).toBe('https://enrich.sandbox.test/company-url');
	});
});
