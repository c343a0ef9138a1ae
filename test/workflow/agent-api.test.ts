import { randomUUID } from 'node:crypto';

import { createHarness } from '../helpers/harness';
import { apiCalls, credentialsFor, harnessFor, useSandbox } from '../helpers/sandbox';

// rate limit off: these tests send many small workflows as the same user
const sandbox = useSandbox({ leads: 40, rateLimit: 0 });

const DAY = 86400000;
const dayOffset = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

describe('API Key resource', () => {
	test('Create mints a key once, with the notice, and the key then works as a credential', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password');
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'apiKey', operation: 'create', name: 'n8n key', description: 'for tests' },
		});
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/agent-api-keys', body: { name: 'n8n key', description: 'for tests' } });
		expect(calls[0].headers.authorization).toMatch(/^Bearer /);
		const out = items[0].json as { apiKey: string; keyPrefix: string; name: string; notice: string; success?: boolean };
		expect(out.apiKey).toMatch(/^lgp_/);
		expect(out).toMatchObject({ name: 'n8n key', keyPrefix: out.apiKey.slice(0, 10), userId: sb.demo.userId });
		expect(out.notice).toMatch(/only once/);
		expect(out.success).toBeUndefined();
		expect(sb.store.apiKeys.get(out.apiKey)?.owner).toBe(sb.demo.userId);

		// the minted key authenticates Agent API calls
		const keyed = createHarness({ ...(await credentialsFor(sb, 'apiKey')), apiKey: out.apiKey });
		sb.clearRequests();
		const listed = await keyed.run({ parameters: { resource: 'campaign', operation: 'getAll', returnAll: false, limit: 2 } });
		expect(listed.error).toBeUndefined();
		expect(listed.items).toHaveLength(2);
		expect(apiCalls(sb)[0].headers['x-api-key']).toBe(out.apiKey);
	});

	test('Create omits an empty description', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'accessToken');
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'apiKey', operation: 'create', name: 'plain', description: '' } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].body).toEqual({ name: 'plain' });
	});

	test('Create is refused with an API-key credential, before anything is sent', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const keysBefore = sb.store.apiKeysOf(sb.demo.userId).length;
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'apiKey', operation: 'create', name: 'nope' } });
		expect(error?.message).toMatch(/API Key → Create needs a signed-in user: the credential uses an API key/);
		expect(error?.description).toMatch(/Email & Password/);
		expect(sb.requests).toHaveLength(0);
		expect(sb.store.apiKeysOf(sb.demo.userId)).toHaveLength(keysBefore);
	});

	test('Create needs a name', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'apiKey', operation: 'create', name: '  ' } });
		expect(error?.message).toMatch(/Parameter "Name" is required but empty \[item 0\]/);
		expect(apiCalls(sb)).toHaveLength(0);
	});
});

describe('Campaign resource', () => {
	test('Create sends every field under the Agent API prefix and outputs the stored campaign', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'campaign',
				operation: 'create',
				name: 'Fintech ABM',
				campaignType: 'demand_gen',
				additionalFields: {
					status: 'active',
					description: 'Q3 push',
					client_id: { __rl: true, mode: 'list', value: sb.demo.clientId, cachedResultName: 'Demo' },
					startDate: '2025-07-01T00:00:00',
					endDate: '2025-09-30',
					goalTargetAccounts: 120,
					goalTargetPipeline: 500000,
				},
			},
		});
		expect(error).toBeUndefined();
		const [call] = apiCalls(sb);
		expect(call).toMatchObject({ method: 'POST', path: '/api/agent/campaigns' });
		expect(call.body).toEqual({
			name: 'Fintech ABM',
			campaignType: 'demand_gen',
			status: 'active',
			description: 'Q3 push',
			client_id: sb.demo.clientId,
			startDate: '2025-07-01',
			endDate: '2025-09-30',
			goals: { targetAccounts: 120, targetPipeline: 500000 },
		});
		const out = items[0].json as { id: string };
		expect(out).toMatchObject({ name: 'Fintech ABM', status: 'active', company_id: sb.demo.companyId, goals: { targetAccounts: 120 } });
		expect(sb.store.campaignsOf(sb.demo.companyId).find((c) => c.id === out.id)?.name).toBe('Fintech ABM');
	});

	test('Create with only the required fields; bad dates are refused before sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const ok = await h.run({ parameters: { resource: 'campaign', operation: 'create', name: 'Nurture me', campaignType: 'nurture' } });
		expect(ok.error).toBeUndefined();
		expect(apiCalls(sb)[0].body).toEqual({ name: 'Nurture me', campaignType: 'nurture' });
		expect(ok.items[0].json).toMatchObject({ status: 'draft', campaignType: 'nurture' });

		sb.clearRequests();
		const bad = await h.run({
			parameters: {
				resource: 'campaign',
				operation: 'create',
				name: 'Backwards',
				campaignType: 'abm',
				additionalFields: { startDate: '2025-10-01', endDate: '2025-09-01' },
			},
		});
		expect(bad.error?.message).toMatch(/Parameter "Start Date" must not be after End Date/);
		const garbled = await h.run({
			parameters: { resource: 'campaign', operation: 'create', name: 'X', campaignType: 'abm', additionalFields: { endDate: 'soon' } },
		});
		expect(garbled.error?.message).toMatch(/Parameter "End Date" is not a date/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Get Many: Return All walks page numbers up to totalPages; Limit keeps the page size fixed', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		// 200 more campaigns, so the demo company has more than two pages of 100
		const now = new Date().toISOString();
		for (let k = 0; k < 200; k++) {
			sb.store.campaigns.insert(
				{ id: randomUUID(), name: `Paged ${k}`, status: 'paused', campaignType: 'nurture', owner: sb.demo.userId, company_id: sb.demo.companyId, createdAt: now, updatedAt: now },
				sb.store.nextSeq(),
			);
		}
		const stored = sb.store.campaignsOf(sb.demo.companyId);
		expect(stored.length).toBeGreaterThan(200);
		sb.clearRequests();
		const all = await h.run({ parameters: { resource: 'campaign', operation: 'getAll', returnAll: true } });
		expect(all.error).toBeUndefined();
		const calls = apiCalls(sb);
		const pages = Math.ceil(stored.length / 100);
		expect(calls.map((c) => c.query)).toEqual(Array.from({ length: pages }, (_, k) => ({ page: String(k + 1), pageSize: '100' })));
		expect(calls.every((c) => c.method === 'GET' && c.path === '/api/agent/campaigns')).toBe(true);
		expect(all.items).toHaveLength(stored.length);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(stored.length);
		expect(all.items.map((i) => i.json.id).sort()).toEqual(stored.map((c) => c.id).sort());

		sb.clearRequests();
		const some = await h.run({ parameters: { resource: 'campaign', operation: 'getAll', returnAll: false, limit: 150 } });
		expect(apiCalls(sb).map((c) => c.query)).toEqual([
			{ page: '1', pageSize: '100' },
			{ page: '2', pageSize: '100' },
		]);
		expect(some.items).toHaveLength(150);
		expect(new Set(some.items.map((i) => i.json.id)).size).toBe(150);
		// newest first, as the API serves them: no record skipped or repeated between pages
		expect(some.items.map((i) => i.json.id)).toEqual(all.items.slice(0, 150).map((i) => i.json.id));

		sb.clearRequests();
		const few = await h.run({ parameters: { resource: 'campaign', operation: 'getAll', returnAll: false, limit: 7 } });
		expect(apiCalls(sb).map((c) => c.query)).toEqual([{ page: '1', pageSize: '7' }]);
		expect(few.items).toHaveLength(7);
	});

	test('Get Many filters by status and campaign type', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'campaign', operation: 'getAll', returnAll: true, filters: { status: 'active', campaignType: 'abm' } },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].query).toEqual({ status: 'active', campaignType: 'abm', page: '1', pageSize: '100' });
		const expected = sb.store.campaignsOf(sb.demo.companyId).filter((c) => c.status === 'active' && c.campaignType === 'abm');
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.map((c) => c.id).sort());
		// tenant isolation: nothing of the other company
		expect(items.every((i) => i.json.company_id === sb.demo.companyId)).toBe(true);
	});

	test('The Agent API Path Prefix of the credential is used', async () => {
		const sb = sandbox();
		const h = createHarness({ ...(await credentialsFor(sb, 'password')), agentPrefix: 'api/' });
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'campaign', operation: 'getAll', returnAll: false, limit: 3 } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'GET', path: '/api/campaigns', query: { page: '1', pageSize: '3' } });
		expect(items).toHaveLength(3);
	});
});

describe('Analytics resource', () => {
	test('Get Pipeline sends the date range and outputs the metrics', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'analytics', operation: 'getPipeline', startDate: '2024-11-01T00:00:00', endDate: '2025-06-30' },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/agent/analytics/pipeline', query: { startDate: '2024-11-01', endDate: '2025-06-30' } }),
		]);
		const inRange = sb.store.leads
			.companyRows(sb.demo.companyId)
			.filter((r) => r.rec.createdAt >= '2024-11-01' && r.rec.createdAt < '2025-07-01');
		expect(inRange.length).toBeGreaterThan(0);
		const out = items[0].json as { totalLeads: number; leadsByStatus: Record<string, number>; conversionRate: number };
		expect(out).toMatchObject({ startDate: '2024-11-01', endDate: '2025-06-30', totalLeads: inRange.length });
		expect(Object.values(out.leadsByStatus).reduce((a, b) => a + b, 0)).toBe(inRange.length);
		expect(typeof out.conversionRate).toBe('number');
	});

	test('Get Pipeline defaults to the last 30 days', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const before = { startDate: dayOffset(30), endDate: dayOffset(0) };
		const { items, error } = await h.run({ parameters: { resource: 'analytics', operation: 'getPipeline' } });
		const after = { startDate: dayOffset(30), endDate: dayOffset(0) };
		expect(error).toBeUndefined();
		// (either side of midnight UTC)
		expect([before, after]).toContainEqual(apiCalls(sb)[0].query);
		expect([before, after]).toContainEqual({ startDate: items[0].json.startDate, endDate: items[0].json.endDate });

		sb.clearRequests();
		await h.run({ parameters: { resource: 'analytics', operation: 'getPipeline', endDate: '2025-03-31' } });
		expect(apiCalls(sb)[0].query).toEqual({ startDate: '2025-03-01', endDate: '2025-03-31' });
	});

	test('Get Pipeline refuses a range that ends before it starts, without sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({
			parameters: { resource: 'analytics', operation: 'getPipeline', startDate: '2025-05-02', endDate: '2025-05-01' },
		});
		expect(error?.message).toMatch(/Parameter "Start Date" must not be after End Date \(2025-05-02 > 2025-05-01\)/);
		expect(apiCalls(sb)).toHaveLength(0);
	});
});

describe.each([
	{ resource: 'bugReport', plural: 'bugs', type: 'bug' as const },
	{ resource: 'enhancementRequest', plural: 'enhancements', type: 'enhancement' as const },
])('$resource resource', ({ resource, plural, type }) => {
	test('Create sends the description (and email) and outputs the stored record', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource, operation: 'create', description: `A ${type} from n8n`, additionalFields: { userEmail: 'qa@demo.test' } },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `/api/agent/maintenance/${plural}`,
				body: { description: `A ${type} from n8n`, userEmail: 'qa@demo.test' },
			}),
		]);
		const out = items[0].json as { id: string };
		expect(out).toMatchObject({ type, description: `A ${type} from n8n`, userEmail: 'qa@demo.test', status: 'open' });
		expect(sb.store.maintenanceOf(sb.demo.companyId, type).find((m) => m.id === out.id)).toBeDefined();
	});

	test('Create validates before sending: description required, email checked', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const empty = await h.run({ parameters: { resource, operation: 'create', description: '   ' } });
		expect(empty.error?.message).toMatch(/Parameter "Description" is required but empty/);
		const badEmail = await h.run({ parameters: { resource, operation: 'create', description: 'x', additionalFields: { userEmail: 'nope' } } });
		expect(badEmail.error?.message).toMatch(/Parameter "User Email" is not a valid email address/);
		expect(apiCalls(sb)).toHaveLength(0);
		// no email: the field is left out
		await h.run({ parameters: { resource, operation: 'create', description: 'anonymous' } });
		expect(apiCalls(sb)[0].body).toEqual({ description: 'anonymous' });
	});

	test('Get Many lists the company records; Limit trims locally; the /api prefix works too', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const all = await h.run({ parameters: { resource, operation: 'getAll', returnAll: true } });
		expect(all.error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: `/api/agent/maintenance/${plural}`, query: {} })]);
		const stored = sb.store.maintenanceOf(sb.demo.companyId, type);
		expect(stored.length).toBeGreaterThan(1);
		expect(all.items.map((i) => i.json.id).sort()).toEqual(stored.map((m) => m.id).sort());

		const short = createHarness({ ...(await credentialsFor(sb, 'apiKey')), agentPrefix: '/api' });
		sb.clearRequests();
		const one = await short.run({ parameters: { resource, operation: 'getAll', returnAll: false, limit: 1 } });
		expect(apiCalls(sb)[0].path).toBe(`/api/maintenance/${plural}`);
		expect(one.items).toHaveLength(1);
	});
});

describe('Admin resource', () => {
	test.each([
		['getAllCompanies', 'Get Many Companies', '/api/admin/companies'],
		['getAllUsers', 'Get Many Users', '/api/admin/users'],
	])('%s: a non-admin gets a clear 403 error', async (operation, name, path) => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'admin', operation, returnAll: true } });
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path, status: 403 })]);
		expect(error?.message).toBe(`Admin → ${name} needs a LeadGenius platform administrator: the credential's user is not one`);
		expect(error?.description).toMatch(/LeadGenius said: Not allowed: Administrator access required/);
		expect(error?.description).toMatch(/insufficient_permissions/);

		// Continue On Fail: the error becomes the item, with its HTTP code
		const soft = await h.run({ parameters: { resource: 'admin', operation, returnAll: true }, continueOnFail: true });
		expect(soft.error).toBeUndefined();
		expect(soft.items[0].json.error).toMatch(/platform administrator/);
		expect((soft.items[0].error as unknown as { httpCode: string }).httpCode).toBe('403');
	});

	test('An API key is refused by the admin routes with the same clear error', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const { error } = await h.run({ parameters: { resource: 'admin', operation: 'getAllUsers', returnAll: true } });
		expect(error?.message).toMatch(/needs a LeadGenius platform administrator/);
	});

	test('Get Many Companies as the platform admin lists every company', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password', sb.admin as never);
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'admin', operation: 'getAllCompanies', returnAll: true } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/admin/companies', status: 200 })]);
		const ids = items.map((i) => i.json.id);
		expect(ids).toEqual(expect.arrayContaining([sb.demo.companyId, sb.other.companyId]));
		expect(items.find((i) => i.json.id === sb.demo.companyId)?.json).toMatchObject({ leadCount: sb.store.countLeads(sb.demo.companyId) });

		const one = await h.run({ parameters: { resource: 'admin', operation: 'getAllCompanies', returnAll: false, limit: 1 } });
		expect(one.items).toHaveLength(1);
	});

	test('Get Many Users as the platform admin lists every user', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password', sb.admin as never);
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'admin', operation: 'getAllUsers', returnAll: true } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'GET', path: '/api/admin/users' });
		const emails = items.map((i) => i.json.email);
		expect(emails).toEqual(expect.arrayContaining([sb.demo.email, sb.other.email, sb.admin.email, sb.member.email]));
		expect(items.find((i) => i.json.email === sb.demo.email)?.json).toMatchObject({ company_id: sb.demo.companyId, role: 'owner' });
	});
});
