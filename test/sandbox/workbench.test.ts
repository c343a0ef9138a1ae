import { startSandbox, type Sandbox } from '../../sandbox/server';
import { api, clients, expectError, expectOk } from './helpers';

describe('sandbox company, search history, webhooks, territory, settings', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 400, rateLimit: 0 });
		c = await clients(sb);
	});
	afterAll(() => sb.close());

	describe('company', () => {
		test('GET returns the caller company with role', async () => {
			expect(expectOk(await c.demo.get('/api/company')).company).toMatchObject({ id: sb.demo.companyId, name: 'Demo Company', owner: sb.demo.userId, role: 'owner' });
			expect(expectOk(await c.member.get('/api/company')).company).toMatchObject({ id: sb.demo.companyId, role: 'member' });
		});

		test('PUT renames for the owner; plain member 403; missing name 400', async () => {
			expectError(await c.member.put('/api/company', { name: 'Member Co' }), 403, 'insufficient_permissions');
			expect(sb.store.getCompany(sb.demo.companyId)?.name).toBe('Demo Company');
			const renamed = expectOk(await c.demo.put('/api/company', { name: 'Renamed Co' })).company;
			expect(renamed.name).toBe('Renamed Co');
			expect(sb.store.getCompany(sb.demo.companyId)?.name).toBe('Renamed Co');
			expectError(await c.demo.put('/api/company', {}), 400, 'missing_required_field');
			expectError(await c.demo.put('/api/company', { id: sb.other.companyId, name: 'x' }), 404, 'not_found');
		});

		test('POST: 409 when already a member; a user without company creates one and becomes owner', async () => {
			expectError(await c.demo.post('/api/company', { name: 'Second' }), 409, 'already_exists');
			expectError(await c.admin.post('/api/company', {}), 400, 'missing_required_field');
			const created = expectOk(await c.admin.post('/api/company', { name: 'Ops Co' }), 201).company;
			expect(created).toMatchObject({ name: 'Ops Co', owner: sb.admin.userId, role: 'owner' });
			expect(created.id).toMatch(/^company-/);
			expect(sb.store.membershipOf(sb.admin.userId)).toEqual({ companyId: created.id, role: 'owner' });
			expect(expectOk(await c.admin.get('/api/clients')).clients).toEqual([]);
		});
	});

	describe('search history', () => {
		test('create (JWT or API key), update status and metrics, errors', async () => {
			const body = {
				searchName: 'SaaS CTOs',
				searchDescription: 'test',
				searchCriteria: { industry: 'Software', location: 'Paris' },
				searchFilters: { companySize: '50-200' },
				client_id: sb.demo.clientId,
				clientName: 'Demo Client',
				icpId: 'icp-9',
				icpName: 'ICP 9',
				apifyActorId: 'apify/x',
				category: 'prospecting',
				tags: ['a', 'b'],
			};
			const rec = expectOk(await c.demoKey.post('/api/search-history', body), 201).searchHistory;
			expect(rec).toMatchObject({ ...body, status: 'initiated', owner: sb.demo.userId, company_id: sb.demo.companyId, totalLeadsFound: 0 });
			const listed = expectOk(await c.demo.get('/api/search-history', { params: { limit: 1 } })).items[0];
			expect(listed.id).toBe(rec.id);
			expect(expectOk(await c.demo.get('/api/search-history', { params: { icpId: 'icp-9' } })).items.map((i: { id: string }) => i.id)).toEqual([rec.id]);
			const upd = expectOk(
				await c.demo.put('/api/search-history', { id: rec.id, status: 'completed', totalLeadsFound: 40, totalLeadsSaved: 38, totalLeadsFailed: 2, providerType: 'apify', runId: 'r1' }),
			).searchHistory;
			expect(upd).toMatchObject({ status: 'completed', totalLeadsFound: 40, totalLeadsSaved: 38, runId: 'r1', searchName: 'SaaS CTOs' });
			expect(typeof upd.completedAt).toBe('string');
			expect(sb.store.getSearchHistory(rec.id)?.status).toBe('completed');
			expectError(await c.demo.post('/api/search-history', { searchDescription: 'x' }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/search-history', { searchName: 'x', tags: 'nope' }), 400, 'invalid_format');
			expectError(await c.demo.post('/api/search-history', { searchName: 'x', client_id: 'ghost' }), 404, 'not_found');
			expectError(await c.demo.put('/api/search-history', { status: 'running' }), 400, 'missing_required_field');
			expectError(await c.demo.put('/api/search-history', { id: rec.id, status: 'exploded' }), 400, 'invalid_value');
			expectError(await c.demo.put('/api/search-history', { id: 'nope', status: 'running' }), 404, 'not_found');
			expectError(await c.demo.put('/api/search-history', { id: rec.id, totalLeadsFound: 'many' }), 400, 'invalid_format');
		});
	});

	describe('webhook workbench', () => {
		test('list includes the seeded webhook with a webhookUrl built from the Host', async () => {
			const hooks = expectOk(await c.demo.get('/api/webhook-workbench')).webhooks;
			expect(hooks).toHaveLength(1);
			expect(hooks[0]).toMatchObject({ id: sb.webhookId, platform: 'heyreach', isActive: true, client_id: sb.demo.clientId });
			expect(hooks[0].webhookUrl).toMatch(new RegExp(`^${sb.url}/api/webhooks/inbound/${sb.webhookId}\\?key=[0-9a-f]{32}$`));
			expect(expectOk(await c.demo.get('/api/webhook-workbench', { params: { platform: 'lemlist' } })).webhooks).toEqual([]);
		});

		test('create: platformConfig string or object stored as string; validation', async () => {
			const created = expectOk(
				await c.demoKey.post('/api/webhook-workbench', { name: 'Lemlist replies', platform: 'lemlist', platformConfig: '{"field_mapping":{}}', client_id: sb.demo.clientId }),
				201,
			).webhook;
			expect(created).toMatchObject({ name: 'Lemlist replies', platform: 'lemlist', platformConfig: '{"field_mapping":{}}', isActive: true, owner: sb.demo.userId });
			expect(created.webhookUrl).toContain(`/api/webhooks/inbound/${created.id}?key=`);
			const obj = expectOk(await c.demo.post('/api/webhook-workbench', { name: 'Generic', platform: 'generic', platformConfig: { a: 1 } }), 201).webhook;
			expect(obj.platformConfig).toBe('{"a":1}');
			expectError(await c.demo.post('/api/webhook-workbench', { platform: 'generic' }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/webhook-workbench', { name: 'x' }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/webhook-workbench', { name: 'x', platform: 'myspace' }), 400, 'invalid_value');
			expectError(await c.demo.post('/api/webhook-workbench', { name: 'x', platform: 'generic', platformConfig: '{not json' }), 400, 'invalid_format');
			expect(expectOk(await c.demo.get('/api/webhook-workbench')).webhooks).toHaveLength(3);
		});

		test('inbound endpoint stores events (wrong key 401, unknown webhook 404)', async () => {
			const hook = expectOk(await c.demo.get('/api/webhook-workbench')).webhooks.find((w: { id: string }) => w.id === sb.webhookId);
			const anon = api(sb);
			const event = { event: 'reply', lead: { email: 'x@y.test' } };
			const res = await anon.post(hook.webhookUrl.replace(sb.url, ''), event, { headers: { 'X-Platform-Signature': 'abc' } });
			const body = expectOk(res);
			expect(body.received).toBe(true);
			const events = sb.store.webhookEvents(sb.webhookId);
			expect(events).toHaveLength(1);
			expect(events[0]).toMatchObject({ webhookId: sb.webhookId, platform: 'heyreach', company_id: sb.demo.companyId, body: event, id: body.eventId });
			expect(events[0].headers['x-platform-signature']).toBe('abc');
			expect(sb.store.getWebhook(sb.webhookId)?.eventCount).toBe(1);
			expectError(await anon.post(`/api/webhooks/inbound/${sb.webhookId}?key=wrong`, event), 401, 'no_valid_credentials');
			expectError(await anon.post(`/api/webhooks/inbound/${sb.webhookId}`, event), 401, 'no_valid_credentials');
			expectError(await anon.post(`/api/webhooks/inbound/nope?key=x`, event), 404, 'not_found');
			// form-encoded payloads are accepted too
			const key = hook.webhookUrl.split('key=')[1];
			expectOk(await anon.post(`/api/webhooks/inbound/${sb.webhookId}?key=${key}`, 'a=1&b=two', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }));
			expect(sb.store.webhookEvents(sb.webhookId)[1].body).toEqual({ a: '1', b: 'two' });
		});
	});

	describe('territory workbench', () => {
		test('companies aggregated from the seeded leads; sorting and filters', async () => {
			expectError(await c.demo.get('/api/territory-workbench/companies'), 400, 'missing_required_field');
			const all = expectOk(await c.demo.get('/api/territory-workbench/companies', { params: { client_id: sb.demo.clientId } })).companies;
			expect(all.length).toBeGreaterThan(10);
			expect(all.reduce((n: number, x: { totalLeads: number }) => n + x.totalLeads, 0)).toBe(400);
			const totals = all.map((x: { totalLeads: number }) => x.totalLeads);
			expect([...totals].sort((a, b) => b - a)).toEqual(totals);
			// totals match the leads
			const first = all[0];
			const count = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).filter((l) => l.companyName === first.companyName).length;
			expect(first.totalLeads).toBe(count);
			const asc = expectOk(await c.demo.get('/api/territory-workbench/companies', { params: { client_id: sb.demo.clientId, sortBy: 'companyName', sortDirection: 'asc' } })).companies;
			const names = asc.map((x: { companyName: string }) => x.companyName);
			expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
			const bounded = expectOk(await c.demo.get('/api/territory-workbench/companies', { params: { client_id: sb.demo.clientId, minLeads: 3, maxLeads: 4 } })).companies;
			expect(bounded.every((x: { totalLeads: number }) => x.totalLeads >= 3 && x.totalLeads <= 4)).toBe(true);
			const search = first.companyName.split(' ')[0].toLowerCase();
			const searched = expectOk(await c.demo.get('/api/territory-workbench/companies', { params: { client_id: sb.demo.clientId, search } })).companies;
			expect(searched.length).toBeGreaterThan(0);
			expect(searched.every((x: { companyName: string; companyDomain: string }) => (x.companyName + x.companyDomain).toLowerCase().includes(search))).toBe(true);
			expectError(await c.demo.get('/api/territory-workbench/companies', { params: { client_id: sb.demo.clientId, sortBy: 'color' } }), 400, 'invalid_value');
			expectError(await c.demo.get('/api/territory-workbench/companies', { params: { client_id: sb.demo.clientId, startDate: 'yesterday' } }), 400, 'invalid_format');
		});

		test('POST upserts by company name (201 created / 200 updated) or by id', async () => {
			const first = expectOk(
				await c.demo.post('/api/territory-workbench/companies', { client_id: sb.secondClientId, companyName: 'Zeta Corp', industry: 'Software', totalLeads: 3 }),
				201,
			);
			expect(first.created).toBe(true);
			expect(first.company).toMatchObject({ companyName: 'Zeta Corp', totalLeads: 3, client_id: sb.secondClientId, company_id: sb.demo.companyId });
			const second = expectOk(await c.demo.post('/api/territory-workbench/companies', { client_id: sb.secondClientId, companyName: 'zeta corp ', totalLeads: 5 }));
			expect(second.created).toBe(false);
			expect(second.company.id).toBe(first.company.id);
			expect(second.company.totalLeads).toBe(5);
			const byId = expectOk(await c.demo.post('/api/territory-workbench/companies', { id: first.company.id, client_id: sb.secondClientId, country: 'France' }));
			expect(byId.company).toMatchObject({ id: first.company.id, country: 'France', totalLeads: 5 });
			expectError(await c.demo.post('/api/territory-workbench/companies', { companyName: 'x' }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/territory-workbench/companies', { client_id: sb.secondClientId }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/territory-workbench/companies', { client_id: 'ghost', companyName: 'x' }), 404, 'not_found');
			expectError(await c.demo.post('/api/territory-workbench/companies', { client_id: sb.secondClientId, companyName: 'x', totalLeads: -1 }), 400, 'invalid_value');
		});
	});

	describe('settings', () => {
		test.each(['url', 'agent', 'sdr-ai'])('%s: GET seeded record; PUT partial update; unknown field 400; POST when present 409', async (kind) => {
			const got = expectOk(await c.demo.get(`/api/settings/${kind}`)).settings;
			expect(got).toMatchObject({ company_id: sb.demo.companyId, owner: sb.demo.userId });
			expect(typeof got.id).toBe('string');
			const field = kind === 'url' ? 'enrichment7' : kind === 'agent' ? 'enrichment7AgentId' : 'aiRiskScoreAgentId';
			expectError(await c.demo.post(`/api/settings/${kind}`, { [field]: 'p' }), 409, 'already_exists');
			const upd = expectOk(await c.demo.put(`/api/settings/${kind}`, { [field]: 'value-7', id: got.id, updatedAt: 'ignored' })).settings;
			expect(upd[field]).toBe('value-7');
			expect(upd.id).toBe(got.id);
			expect(sb.store.getSettings(sb.demo.companyId, kind as 'url')?.[field]).toBe('value-7');
			const cleared = expectOk(await c.demo.put(`/api/settings/${kind}`, { [field]: null })).settings;
			expect(cleared[field]).toBeUndefined();
			const unknown = expectError(await c.demo.put(`/api/settings/${kind}`, { notAField: 'x' }), 400, 'invalid_value');
			expect(unknown.error).toContain('notAField');
			expectError(await c.demo.put(`/api/settings/${kind}`, { [field]: 5 }), 400, 'invalid_format');
		});

		test('a company without settings: GET null, PUT 404, POST 201 then POST again 409', async () => {
			expect(expectOk(await c.other.get('/api/settings/sdr-ai')).settings).toBeNull();
			expectError(await c.other.put('/api/settings/sdr-ai', { projectId: 'p' }), 404, 'not_found');
			const created = expectOk(await c.other.post('/api/settings/sdr-ai', { projectId: 'p1', message1AgentId: 'a1' }), 201).settings;
			expect(created).toMatchObject({ projectId: 'p1', message1AgentId: 'a1', company_id: sb.other.companyId });
			expectError(await c.other.post('/api/settings/sdr-ai', { projectId: 'p2' }), 409, 'already_exists');
			expectError(await c.other.post('/api/settings/url', { companyUrl: 'https://x', bogus: 'y' }), 400, 'invalid_value');
			expect(sb.store.getSettings(sb.other.companyId, 'url')).toBeUndefined();
		});
	});
});
