import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clients, expectError, expectOk } from './helpers';

describe('sandbox e-mail, integrations and Agent API routes', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 200, rateLimit: 0 });
		c = await clients(sb);
	});
	afterAll(() => sb.close());

	test('email-validate: format + MX rules, no DNS', async () => {
		const v = async (email: unknown) => (await c.demo.post('/api/email-validate', { email })).data;
		expect(await v('jane@acme.com')).toEqual({ success: true, email: 'jane@acme.com', isValid: true, formatValid: true, hasMx: true, reason: null });
		expect(await v('not-an-email')).toMatchObject({ isValid: false, formatValid: false, hasMx: false, reason: 'invalid_format' });
		expect(await v('a@@b.com')).toMatchObject({ isValid: false, formatValid: false });
		expect(await v('jane@invalid.test')).toMatchObject({ isValid: false, formatValid: true, hasMx: false, reason: 'no_mx_records' });
		expect(await v('jane@catchall.test')).toMatchObject({ isValid: true, hasMx: true });
		expectError(await c.demo.post('/api/email-validate', {}), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/email-validate', { email: 42 }), 400, 'invalid_format');
		// API key works as well (permissive), and company membership is not needed
		expectOk(await c.demoKey.post('/api/email-validate', { email: 'a@b.co' }));
		expectOk(await c.admin.post('/api/email-validate', { email: 'a@b.co' }));
	});

	test('email-verify: valid / invalid / catch_all / unknown', async () => {
		const v = async (email: string) => expectOk(await c.demo.post('/api/email-verify', { email }));
		expect(await v('jane@acme.com')).toMatchObject({ status: 'valid', mx: true, smtp: true, catchAll: false, reason: null });
		expect(await v('jane@invalid.test')).toMatchObject({ status: 'invalid', mx: false, smtp: false, reason: 'no_mx_records' });
		expect(await v('jane@catchall.test')).toMatchObject({ status: 'catch_all', mx: true, catchAll: true });
		expect(await v('jane@unknown.test')).toMatchObject({ status: 'unknown' });
		expect(await v('bounce.me@acme.com')).toMatchObject({ status: 'invalid', reason: 'mailbox_not_found' });
		expect(await v('bad format')).toMatchObject({ status: 'invalid', reason: 'invalid_format' });
		expectError(await c.demo.post('/api/email-verify', { email: '' }), 400, 'missing_required_field');
	});

	test('epsimo-chat: reply + threadId, continuing a thread, lead context, errors', async () => {
		const first = expectOk(await c.demo.post('/api/epsimo-chat', { message: 'Hello there', agentId: 'asst_1' }));
		expect(first.reply).toContain('Hello there');
		expect(first.threadId).toMatch(/^thread_/);
		const second = expectOk(await c.demo.post('/api/epsimo-chat', { message: 'Again', threadId: first.threadId }));
		expect(second.threadId).toBe(first.threadId);
		expect(second.reply).toContain('Reply #2');
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[0];
		const withLead = expectOk(await c.demo.post('/api/epsimo-chat', { message: 'Pitch?', leadId: lead.id }));
		expect(withLead.reply).toContain(String(lead.companyName));
		expectError(await c.demo.post('/api/epsimo-chat', {}), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/epsimo-chat', { message: 'x', leadId: 'nope' }), 404, 'not_found');
		expectError(await c.other.post('/api/epsimo-chat', { message: 'x', threadId: first.threadId }), 404, 'not_found');
	});

	test('unipile-accounts lists the tenant accounts', async () => {
		const res = expectOk(await c.demo.get('/api/unipile-accounts'));
		expect(res.accounts.map((a: { type: string }) => a.type)).toEqual(['GOOGLE_OAUTH', 'LINKEDIN']);
		expect(Object.keys(res.accounts[0]).sort()).toEqual(['id', 'name', 'type']);
		const other = expectOk(await c.other.get('/api/unipile-accounts')).accounts;
		expect(other[0].id).not.toBe(res.accounts[0].id);
	});

	test('campaign create under both prefixes; validation', async () => {
		for (const prefix of ['/api/agent', '/api']) {
			const res = expectOk(
				await c.demoKey.post(`${prefix}/campaigns`, { name: `ABM ${prefix}`, campaignType: 'abm', status: 'active', client_id: sb.demo.clientId, goals: { targetAccounts: 10 } }),
				201,
			);
			expect(res.id).toBe(res.campaign.id);
			expect(res.campaign).toMatchObject({ name: `ABM ${prefix}`, campaignType: 'abm', status: 'active', company_id: sb.demo.companyId, goals: { targetAccounts: 10 } });
		}
		const draft = expectOk(await c.demo.post('/api/campaigns', { name: 'Nurture', campaignType: 'nurture' }), 201).campaign;
		expect(draft.status).toBe('draft');
		const list = expectOk(await c.demo.get('/api/agent/campaigns', { params: { pageSize: 1 } }));
		expect(list.data[0].id).toBe(draft.id);
		expectError(await c.demo.post('/api/campaigns', { campaignType: 'abm' }), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/campaigns', { name: 'x' }), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/campaigns', { name: 'x', campaignType: 'viral' }), 400, 'invalid_value');
		expectError(await c.demo.post('/api/campaigns', { name: 'x', campaignType: 'abm', status: 'completed' }), 400, 'invalid_value');
		expectError(await c.demo.post('/api/campaigns', { name: 'x', campaignType: 'abm', client_id: 'ghost' }), 404, 'not_found');
	});

	test('analytics/pipeline: counts leads created in the range by status', async () => {
		const res = expectOk(await c.demo.get('/api/agent/analytics/pipeline', { params: { startDate: '2024-01-01', endDate: '2025-12-31' } }));
		const total = sb.store.countLeads(sb.demo.companyId);
		expect(res.data.totalLeads).toBe(total);
		expect(Object.values(res.data.leadsByStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(total);
		const leads = sb.store.leadsOfCompany(sb.demo.companyId);
		const converted = leads.filter((l) => l.status === 'qualified' || l.status === 'customer').length;
		expect(res.data.conversionRate).toBeCloseTo(converted / total, 4);
		const recent = expectOk(await c.demo.get('/api/analytics/pipeline'));
		expect(recent.data.totalLeads).toBe(0); // seeded leads are dated before 2025-06-01
		expectError(await c.demo.get('/api/analytics/pipeline', { params: { startDate: '01/02/2025' } }), 400, 'invalid_format');
		expectError(await c.demo.get('/api/analytics/pipeline', { params: { startDate: '2025-02-01', endDate: '2025-01-01' } }), 400, 'invalid_value');
	});

	test('maintenance bugs and enhancements under both prefixes', async () => {
		const bug = expectOk(await c.demo.post('/api/maintenance/bugs', { description: 'Export is slow', userEmail: null }), 201).bug;
		expect(bug).toMatchObject({ type: 'bug', description: 'Export is slow', userEmail: null, status: 'open', company_id: sb.demo.companyId });
		const bugs = expectOk(await c.demo.get('/api/agent/maintenance/bugs')).bugs;
		expect(bugs[0].id).toBe(bug.id);
		expect(bugs.every((b: { type: string }) => b.type === 'bug')).toBe(true);
		const enh = expectOk(await c.demoKey.post('/api/agent/maintenance/enhancements', { description: 'Dark mode', userEmail: 'me@x.test' }), 201).enhancement;
		expect(enh.type).toBe('enhancement');
		expect(expectOk(await c.demo.get('/api/maintenance/enhancements')).enhancements[0].id).toBe(enh.id);
		expectError(await c.demo.post('/api/maintenance/bugs', {}), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/maintenance/bugs', { description: 'x', userEmail: 5 }), 400, 'invalid_format');
		expect(expectOk(await c.other.get('/api/maintenance/bugs')).bugs).toEqual([]);
	});

	test('enrichment/trigger queues existing lead ids (max 500) under both prefixes', async () => {
		const ids = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 3).map((l) => l.id);
		const res = expectOk(await c.demoKey.post('/api/agent/enrichment/trigger', { leadIds: [...ids, 'nope'], enrichmentType: 'technographic', priority: 'high' }));
		expect(res.jobId).toMatch(/^job_/);
		expect(res).toMatchObject({ queued: 3, notFound: ['nope'], enrichmentType: 'technographic', priority: 'high' });
		expect(sb.store.enrichmentJobs.get(res.jobId)?.leadIds).toEqual(ids);
		expectOk(await c.demo.post('/api/enrichment/trigger', { leadIds: ids }));
		expectError(await c.demo.post('/api/enrichment/trigger', {}), 400, 'missing_required_field');
		expectError(await c.demo.post('/api/enrichment/trigger', { leadIds: 'a,b' }), 400, 'invalid_format');
		expectError(await c.demo.post('/api/enrichment/trigger', { leadIds: Array.from({ length: 501 }, (_, i) => `id${i}`) }), 400, 'invalid_value');
		expectOk(await c.demo.post('/api/enrichment/trigger', { leadIds: Array.from({ length: 500 }, (_, i) => `id${i}`) }));
	});
});
