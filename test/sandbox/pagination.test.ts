import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clients, expectError, expectOk } from './helpers';

describe('sandbox pagination', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;
	const LEADS = 12000;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: LEADS, rateLimit: 0 });
		c = await clients(sb);
	});
	afterAll(() => sb.close());

	test('GET /api/leads: every lead exactly once across pages; re-fetching a token returns the same page', async () => {
		const seen: string[] = [];
		const tokens: Array<string | undefined> = [undefined];
		let token: string | undefined;
		let pages = 0;
		do {
			const res = expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, limit: 1000, nextToken: token } }));
			seen.push(...res.leads.map((l: { id: string }) => l.id));
			expect(res.total).toBe(res.leads.length);
			token = res.nextToken ?? undefined;
			if (token) tokens.push(token);
			pages++;
		} while (token);
		expect(pages).toBe(12);
		expect(new Set(seen).size).toBe(LEADS);
		expect(seen).toEqual(sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map((l) => l.id));
		// re-fetch page 5 twice
		const a = (await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, limit: 1000, nextToken: tokens[4] } })).data;
		const b = (await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, limit: 1000, nextToken: tokens[4] } })).data;
		expect(a.leads.map((l: { id: string }) => l.id)).toEqual(b.leads.map((l: { id: string }) => l.id));
		expect(a.leads[0].id).toBe(seen[4000]);
		expect(a.nextToken).toBe(b.nextToken);
	});

	test('pages stay exactly-once when leads are added and deleted between pages', async () => {
		const slug = sb.secondClientId;
		const p1 = expectOk(await c.demo.get('/api/leads', { params: { client_id: slug, limit: 5 } }));
		const p1ids = p1.leads.map((l: { id: string }) => l.id);
		// delete the last lead of page 1 and add a new lead at the end
		expectOk(await c.demo.delete('/api/leads', { params: { id: p1ids[4] } }));
		const added = expectOk(await c.demo.post('/api/leads', { client_id: slug, firstName: 'Late', lastName: 'Comer' }), 201).lead.id;
		const rest: string[] = [];
		let token = p1.nextToken;
		while (token) {
			const res = expectOk(await c.demo.get('/api/leads', { params: { client_id: slug, limit: 5, nextToken: token } }));
			rest.push(...res.leads.map((l: { id: string }) => l.id));
			token = res.nextToken;
		}
		const all = [...p1ids, ...rest];
		expect(new Set(all).size).toBe(all.length);
		expect(rest[rest.length - 1]).toBe(added);
		expect(all.filter((id) => id !== p1ids[4])).toEqual(sb.store.leadsOfClient(sb.demo.companyId, slug).map((l) => l.id));
	});

	test('malformed token → 400 invalid_format; token of another listing → 400 invalid_value', async () => {
		expectError(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, nextToken: '%%%not-base64' } }), 400, 'invalid_format');
		const other = expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.secondClientId, limit: 2 } })).nextToken;
		expectError(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, nextToken: other } }), 400, 'invalid_value');
	});

	test('bulk enrich-leads list: 5000-record pages, every lead of the company exactly once, meta', async () => {
		const seen: string[] = [];
		let token: string | undefined;
		const sizes: number[] = [];
		const firstPageToken: string[] = [];
		do {
			const res = expectOk(await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, limit: 5000, nextToken: token } }));
			sizes.push(res.data.length);
			seen.push(...res.data.map((l: { id: string }) => l.id));
			expect(res.meta.totalReturned).toBe(res.data.length);
			expect(res.meta.queryMethod).toBe('company_id-GSI');
			const summed = Object.values(res.meta.clientSummary as Record<string, number>).reduce((x, y) => x + y, 0);
			expect(summed).toBe(res.data.length);
			token = res.nextToken ?? undefined;
			if (token && firstPageToken.length === 0) firstPageToken.push(token);
		} while (token);
		const expected = sb.store.leadsOfCompany(sb.demo.companyId).map((l) => l.id);
		expect(sizes[0]).toBe(5000);
		expect(sizes[1]).toBe(5000);
		expect(seen.length).toBe(expected.length);
		expect(new Set(seen).size).toBe(expected.length);
		expect(seen).toEqual(expected);
		// re-fetching page 2 gives the same records
		const again = expectOk(await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, limit: 5000, nextToken: firstPageToken[0] } }));
		expect(again.data.map((l: { id: string }) => l.id)).toEqual(seen.slice(5000, 10000));
	});

	test('bulk: default limit 1000, clamp at 5000, clientId filter (ALL/DEFAULT = every client), fields projection', async () => {
		const def = expectOk(await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId } }));
		expect(def.data).toHaveLength(1000);
		const clamped = expectOk(await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, limit: 9000 } }));
		expect(clamped.data).toHaveLength(5000);
		for (const all of ['ALL', 'DEFAULT']) {
			const r = expectOk(await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, clientId: all, limit: 5 } }));
			expect(r.meta.queryMethod).toBe('company_id-GSI');
		}
		const second = expectOk(await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, clientId: sb.secondClientId } }));
		expect(second.meta.queryMethod).toBe('client_id-GSI');
		expect(second.data.length).toBe(sb.store.countLeads(sb.demo.companyId, sb.secondClientId));
		expect(second.meta.clientSummary).toEqual({ [sb.secondClientId]: second.data.length });
		expect(second.nextToken).toBeNull();
		const projected = expectOk(
			await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, limit: 3, fields: 'email, companyName,aiLeadScore,unknownField' } }),
		);
		for (const rec of projected.data) {
			expect(Object.keys(rec).every((k) => ['id', 'email', 'companyName', 'aiLeadScore'].includes(k))).toBe(true);
			expect(rec.id).toBeDefined();
			expect(rec.email).toBeDefined();
		}
		expect(Object.keys(projected.data[0])).not.toContain('firstName');
	});

	test('bulk source-leads list pages the raw source table', async () => {
		let token: string | undefined;
		const seen = new Set<string>();
		do {
			const res = expectOk(await c.demoKey.get('/api/source-leads/list', { params: { companyId: sb.demo.companyId, limit: 5000, nextToken: token } }));
			for (const l of res.data) {
				expect(l.aiLeadScore).toBeUndefined();
				seen.add(l.id);
			}
			token = res.nextToken ?? undefined;
		} while (token);
		expect(seen.size).toBe(sb.store.countSourceLeads(sb.demo.companyId));
		expect(seen.size).toBe(LEADS + 12);
		// a token of the enriched list is not valid here
		const enrichToken = expectOk(await c.demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, limit: 1 } })).nextToken;
		expectError(await c.demoKey.get('/api/source-leads/list', { params: { companyId: sb.demo.companyId, nextToken: enrichToken } }), 400, 'invalid_value');
	});

	test('search history: cursor paging newest first, nextCursor = nextToken, filters', async () => {
		const ids: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const res = expectOk(await c.demo.get('/api/search-history', { params: { limit: 7, cursor } }));
			expect(res.count).toBe(res.items.length);
			expect(res.nextCursor).toBe(res.nextToken);
			ids.push(...res.items.map((i: { id: string }) => i.id));
			cursor = res.nextCursor ?? undefined;
			pages++;
		} while (cursor);
		const expected = sb.store.searchHistoryOf(sb.demo.companyId).map((h) => h.id).reverse();
		expect(ids).toEqual(expected);
		expect(pages).toBe(Math.ceil(expected.length / 7));
		const def = expectOk(await c.demo.get('/api/search-history'));
		expect(def.items).toHaveLength(20);
		const completed = expectOk(await c.demo.get('/api/search-history', { params: { status: 'completed', limit: 100 } })).items;
		expect(completed.length).toBeGreaterThan(0);
		expect(completed.every((i: { status: string }) => i.status === 'completed')).toBe(true);
		const dates = def.items.map((i: { createdAt: string }) => i.createdAt);
		expect([...dates].sort().reverse()).toEqual(dates);
		expectError(await c.demo.get('/api/search-history', { params: { status: 'weird' } }), 400, 'invalid_value');
		// a cursor is bound to its filters
		const filteredCursor = expectOk(await c.demo.get('/api/search-history', { params: { status: 'completed', limit: 1 } })).nextCursor;
		expectError(await c.demo.get('/api/search-history', { params: { cursor: filteredCursor } }), 400, 'invalid_value');
	});

	test('Agent-style lead search: page/pageSize on /api/leads and /api/agent/leads, substring filters', async () => {
		const res = expectOk(await c.demo.get('/api/leads', { params: { page: 2, pageSize: 50 } }));
		const total = sb.store.countLeads(sb.demo.companyId);
		expect(res.pagination).toEqual({ page: 2, pageSize: 50, totalItems: total, totalPages: Math.ceil(total / 50) });
		const newestFirst = sb.store.leadsOfCompany(sb.demo.companyId).reverse();
		expect(res.data.map((l: { id: string }) => l.id)).toEqual(newestFirst.slice(50, 100).map((l) => l.id));
		expect(res.leads).toBeUndefined();
		const agent = expectOk(await c.demo.get('/api/agent/leads'));
		expect(agent.data).toHaveLength(20);
		expect(agent.pagination.pageSize).toBe(20);
		expect(expectOk(await c.demo.get('/api/agent/leads', { params: { pageSize: 1000 } })).data).toHaveLength(100);
		const target = newestFirst[123];
		const needle = String(target.lastName).slice(1, 4).toUpperCase();
		const found = expectOk(await c.demoKey.get('/api/agent/leads', { params: { lastName: needle, firstName: String(target.firstName).toLowerCase(), pageSize: 100 } }));
		const expected = newestFirst.filter(
			(l) => String(l.lastName).toLowerCase().includes(needle.toLowerCase()) && String(l.firstName).toLowerCase().includes(String(target.firstName).toLowerCase()),
		);
		expect(found.pagination.totalItems).toBe(expected.length);
		expect(found.data.map((l: { id: string }) => l.id)).toEqual(expected.slice(0, 100).map((l) => l.id));
		const byEmail = expectOk(await c.demo.get('/api/leads', { params: { pageSize: 5, email: String(target.email).toUpperCase() } }));
		expect(byEmail.data.map((l: { id: string }) => l.id)).toEqual([target.id]);
	});

	test('campaigns: page/pageSize, data and campaigns both present, filters', async () => {
		const total = sb.store.campaignsOf(sb.demo.companyId).length;
		const p1 = expectOk(await c.demo.get('/api/agent/campaigns', { params: { pageSize: 10 } }));
		expect(p1.data).toHaveLength(10);
		expect(p1.campaigns).toEqual(p1.data);
		expect(p1.pagination).toMatchObject({ totalItems: total, totalPages: Math.ceil(total / 10) });
		const p3 = expectOk(await c.demo.get('/api/campaigns', { params: { pageSize: 10, page: 3 } }));
		expect(p3.data).toHaveLength(total - 20);
		const ids = new Set([...p1.data, ...expectOk(await c.demo.get('/api/campaigns', { params: { pageSize: 10, page: 2 } })).data, ...p3.data].map((x: { id: string }) => x.id));
		expect(ids.size).toBe(total);
		const active = expectOk(await c.demo.get('/api/campaigns', { params: { status: 'active', pageSize: 100 } })).data;
		expect(active.length).toBeGreaterThan(0);
		expect(active.every((x: { status: string }) => x.status === 'active')).toBe(true);
		expectError(await c.demo.get('/api/campaigns', { params: { status: 'bogus' } }), 400, 'invalid_value');
	});
});
