/**
 * Production mode of the sandbox (issue 12, sandbox/production.ts): every behaviour alone, then
 * `production: true` together, over real HTTP on loopback.
 */
import type { AxiosInstance } from 'axios';
import { PRODUCTION_DEFAULTS, PRODUCTION_ERROR_MESSAGE, PRODUCTION_PRESET, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { api, clients, expectError, expectOk, login, type Res } from './helpers';

type Lead = Record<string, unknown>;

let clientCounter = 0;

/** A fresh client of the demo company; returns its slug and record id. */
async function newClient(demo: AxiosInstance, name = 'prod'): Promise<{ slug: string; id: string }> {
	const slug = `${name}-${++clientCounter}`;
	const c = expectOk(await demo.post('/api/clients', { clientName: `Client ${slug}`, client_id: slug }), 201).client;
	return { slug, id: c.id };
}

const leadRows = (client: string, n: number, tag: string, from = 0): Lead[] =>
	Array.from({ length: n }, (_, i) => ({ client_id: client, firstName: 'Ada', lastName: `L${from + i}`, email: `${tag}-${from + i}@example.test` }));

/** Batch-creates `rows` in chunks of 100; returns the answers. */
async function batchCreate(demo: AxiosInstance, rows: Lead[]): Promise<any[]> {
	const out: any[] = [];
	for (let i = 0; i < rows.length; i += 100) out.push(expectOk(await demo.post('/api/leads', { leads: rows.slice(i, i + 100) }), 201));
	return out;
}

/** E-mails of the stored leads (invisible included) of the demo company with this tag. */
const storedEmails = (sb: Sandbox, tag: string): string[] =>
	sb.store
		.allLeadsOf(sb.demo.companyId)
		.map((l) => String(l.email))
		.filter((e) => e.startsWith(`${tag}-`));

/** Every id any list or search of the demo company returns for `slug` (and company-wide). */
async function listedIds(sb: Sandbox, demo: AxiosInstance, demoKey: AxiosInstance, slug: string, email: string): Promise<Set<string>> {
	const ids = new Set<string>();
	const add = (res: Res, key: string): void => {
		expect(res.status).toBe(200);
		for (const l of res.data[key] as Array<{ id: string }>) ids.add(l.id);
	};
	add(await demo.get('/api/leads', { params: { client_id: slug, limit: 1000 } }), 'leads');
	add(await demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, clientId: slug, limit: 5000 } }), 'data');
	add(await demoKey.get('/api/enrich-leads/list', { params: { companyId: sb.demo.companyId, limit: 5000, fields: 'id,email' } }), 'data');
	add(await demoKey.get('/api/source-leads/list', { params: { companyId: sb.demo.companyId, clientId: slug } }), 'data');
	add(await demo.get('/api/find-lead', { params: { email } }), 'leads');
	add(await demo.get('/api/find-lead', { params: { email, client_id: slug } }), 'leads');
	add(await demo.get('/api/agent/leads', { params: { email, pageSize: 100 } }), 'data');
	add(await demo.get('/api/agent/leads', { params: { client_id: slug, pageSize: 100 } }), 'data');
	add(await demo.get('/api/leads', { params: { email, page: 1, pageSize: 100 } }), 'data');
	add(await demo.get('/api/agent/leads', { params: { pageSize: 100 } }), 'data'); // newest first, no filter
	return ids;
}

/** Id of the newest lead of the demo company (invisible included). */
const lastLeadId = (s: Sandbox): string => {
	const all = s.store.allLeadsOf(s.demo.companyId);
	return all[all.length - 1].id as string;
};

/** Sends one request and reports how it ended: an HTTP status, or the network error code. */
async function outcome(p: Promise<Res>): Promise<number | string> {
	try {
		return (await p).status;
	} catch (err) {
		const e = err as { code?: string; message?: string };
		return e.code ?? e.message ?? 'error';
	}
}

describe('sandbox production mode, one behaviour at a time', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 20, rateLimit: 0 });
		c = await clients(sb);
	});
	afterAll(() => sb.close());
	// Every test starts from the kind defaults and switches on what it tests.
	beforeEach(() => sb.setOptions({ production: false, faults: {} }));

	test('defaults: every behaviour off; options() reports them', () => {
		expect(sb.options()).toMatchObject({ ...PRODUCTION_DEFAULTS });
		expect(PRODUCTION_DEFAULTS).toEqual({
			production: false,
			batchPersistRate: 1,
			invisibleLeads: false,
			productionErrors: false,
			purgeTimeoutLeads: 0,
			agentPrefix: 'both',
			resetAfterWriteRate: 0,
		});
	});

	describe('batchPersistRate', () => {
		test('1 (default): every accepted row of a batch is stored', async () => {
			const { slug } = await newClient(c.demo);
			const answers = await batchCreate(c.demo, leadRows(slug, 150, 'bp1'));
			expect(answers.reduce((n, a) => n + a.created, 0)).toBe(150);
			expect(storedEmails(sb, 'bp1')).toHaveLength(150);
			expect(sb.store.countLeads(sb.demo.companyId, slug)).toBe(150);
		});

		test('0: the answer claims every row (201, success, created, same skipped/errors), nothing is stored', async () => {
			const { slug } = await newClient(c.demo);
			// two genuinely bad rows: a duplicate e-mail and a missing lastName
			const rows = [...leadRows(slug, 3, 'bp0'), { client_id: slug, firstName: 'Dup', lastName: 'X', email: 'bp0-0@example.test' }, { client_id: slug, firstName: 'NoLast', email: 'bp0-nolast@example.test' }];
			sb.setOptions({ batchPersistRate: 1 });
			const { slug: kind } = await newClient(c.demo);
			const kindAnswer = expectOk(await c.demo.post('/api/leads', { leads: rows.map((r) => ({ ...r, client_id: kind, email: String(r.email).replace('bp0', 'bp0k') })) }), 201);

			sb.setOptions({ batchPersistRate: 0 });
			const res = await c.demo.post('/api/leads', { leads: rows });
			const body = expectOk(res, 201);
			expect(body.created).toBe(3);
			expect(body.created).toBe(kindAnswer.created);
			expect(body.skipped).toEqual(['bp0-0@example.test', 'bp0-nolast@example.test']);
			expect(body.errors.map((e: any) => [e.index, e.errorType])).toEqual(kindAnswer.errors.map((e: any) => [e.index, e.errorType]));
			expect(body.errors.map((e: any) => e.errorType)).toEqual(['already_exists', 'missing_required_field']);
			expect(storedEmails(sb, 'bp0')).toEqual([]);
			expect(expectOk(await c.demo.get('/api/leads', { params: { client_id: slug } })).leads).toEqual([]);
			// a single create is not a batch: it is stored
			expectOk(await c.demo.post('/api/leads', leadRows(slug, 1, 'bp0single')[0]), 201);
			expect(storedEmails(sb, 'bp0single')).toHaveLength(1);
		});

		test('0.3: about 30 % of the rows are stored, deterministic by the fault seed', async () => {
			const run = async (seed: number): Promise<string[]> => {
				const s = await startSandbox({ port: 0, leads: 5, rateLimit: 0, batchPersistRate: 0.3, faults: { seed } });
				try {
					const demo = api(s, { token: await login(s, s.demo.email, s.demo.password) });
					const { slug } = await newClient(demo);
					const answers = await batchCreate(demo, leadRows(slug, 1000, 'bp3'));
					expect(answers.reduce((n, a) => n + a.created, 0)).toBe(1000);
					for (const a of answers) expect(a.skipped).toEqual([]);
					const stored = storedEmails(s, 'bp3');
					expect(s.store.countLeads(s.demo.companyId, slug)).toBe(stored.length);
					return stored;
				} finally {
					await s.close();
				}
			};
			const a = await run(7);
			const b = await run(7);
			const other = await run(8);
			expect(a.length).toBeGreaterThan(240);
			expect(a.length).toBeLessThan(360);
			expect(b).toEqual(a);
			expect(other).not.toEqual(a);
			expect(other.length).toBeGreaterThan(240);
			expect(other.length).toBeLessThan(360);
		}, 180_000); // three sandboxes; generous for a loaded CI machine
	});

	describe('invisibleLeads', () => {
		test('default: a client record id or an unknown client_id is refused with 404, on create, batch and update', async () => {
			const { slug, id } = await newClient(c.demo);
			for (const client of [id, 'no-such-client']) {
				const body = expectError(await c.demo.post('/api/leads', { client_id: client, firstName: 'A', lastName: 'B', email: 'inv-default@example.test' }), 404, 'not_found');
				expect(body.details).toMatch(/slug/);
				const batch = expectOk(await c.demo.post('/api/leads', { leads: [{ client_id: client, firstName: 'A', lastName: 'B', email: 'inv-default@example.test' }] }), 201);
				expect(batch.created).toBe(0);
				expect(batch.errors[0].errorType).toBe('not_found');
			}
			const lead = expectOk(await c.demo.post('/api/leads', { client_id: slug, firstName: 'A', lastName: 'B' }), 201).lead;
			expectError(await c.demo.put('/api/leads', { id: lead.id, client_id: id }), 404, 'not_found');
			expect(storedEmails(sb, 'inv-default')).toEqual([]);
		});

		test('on: a lead under the record id (or an unknown value) is stored (201) and listed nowhere; by id it is reachable', async () => {
			sb.setOptions({ invisibleLeads: true });
			const { slug, id } = await newClient(c.demo);
			const visible = expectOk(await c.demo.post('/api/leads', { client_id: slug, firstName: 'Vis', lastName: 'Ible', email: 'inv-visible@example.test' }), 201).lead;
			const single = expectOk(await c.demo.post('/api/leads', { client_id: id, firstName: 'In', lastName: 'Visible', email: 'inv-single@example.test' }), 201).lead;
			expect(single.client_id).toBe(id);
			const batch = expectOk(await c.demo.post('/api/leads', { leads: leadRows(id, 2, 'inv-batch') }), 201);
			expect(batch).toMatchObject({ created: 2, skipped: [] });
			const unknown = expectOk(await c.demo.post('/api/leads', { client_id: 'no-such-client', firstName: 'Un', lastName: 'Known', email: 'inv-unknown@example.test' }), 201).lead;

			const hidden = sb.store.invisibleLeadsOf(sb.demo.companyId).map((l) => l.email);
			expect(hidden).toEqual(['inv-single@example.test', 'inv-batch-0@example.test', 'inv-batch-1@example.test', 'inv-unknown@example.test']);
			const all = sb.store.allLeadsOf(sb.demo.companyId);
			expect(all.map((l) => l.email)).toEqual(expect.arrayContaining([...hidden, 'inv-visible@example.test']));
			expect(all).toHaveLength(sb.store.leadsOfCompany(sb.demo.companyId).length + 4);
			expect(sb.store.leadsOfCompany(sb.demo.companyId).map((l) => l.email)).not.toContain('inv-single@example.test');
			const hiddenIds = sb.store.invisibleLeadsOf(sb.demo.companyId).map((l) => l.id as string);

			for (const email of ['inv-single@example.test', 'inv-batch-0@example.test', 'inv-unknown@example.test']) {
				const seen = await listedIds(sb, c.demo, c.demoKey, slug, email);
				for (const hid of hiddenIds) expect(seen.has(hid)).toBe(false);
				// listed nowhere, not even by the value it was stored under
				const byRecord = await listedIds(sb, c.demo, c.demoKey, id, email);
				for (const hid of hiddenIds) expect(byRecord.has(hid)).toBe(false);
			}
			expect((await listedIds(sb, c.demo, c.demoKey, slug, 'inv-visible@example.test')).has(visible.id)).toBe(true);
			// the id still reaches it (primary-key access), and a later write with the slug makes it visible
			expect(expectOk(await c.demo.get(`/api/enrich-leads/${single.id}`)).lead.email).toBe('inv-single@example.test');
			expectOk(await c.demo.put('/api/leads', { id: single.id, client_id: slug }));
			const listed = expectOk(await c.demo.get('/api/leads', { params: { client_id: slug } })).leads.map((l: Lead) => l.id);
			expect(listed).toEqual([visible.id, single.id]);
			expect(expectOk(await c.demo.get('/api/find-lead', { params: { email: 'inv-single@example.test' } })).found).toBe(true);
			// …and an update to the record id hides a visible lead
			expectOk(await c.demo.put(`/api/enrich-leads/${visible.id}`, { client_id: id }));
			expect(expectOk(await c.demo.get('/api/leads', { params: { client_id: slug } })).leads.map((l: Lead) => l.id)).toEqual([single.id]);
			expect(expectOk(await c.demo.get('/api/find-lead', { params: { email: 'inv-visible@example.test' } })).found).toBe(false);
			// deleting by id works for an invisible lead
			expectOk(await c.demo.delete('/api/leads', { params: { id: unknown.id } }));
			expect(sb.store.getLead(unknown.id)).toBeUndefined();
			expect(sb.store.invisibleLeadsOf(sb.demo.companyId).map((l) => l.id)).not.toContain(unknown.id);
		});
	});

	describe('productionErrors', () => {
		const bad: Array<[string, Lead]> = [
			['phone', { phone: '+1 555 0100' }],
			['empty optional field', { companyName: '' }],
			['empty required field', { firstName: '' }],
			['lastName "."', { lastName: '.' }],
		];

		test('default: 400 with a helpful message', async () => {
			const { slug } = await newClient(c.demo);
			for (const [, extra] of bad) {
				const res = await c.demo.post('/api/leads', { client_id: slug, firstName: 'A', lastName: 'B', email: 'pe-default@example.test', ...extra });
				expect(res.status).toBe(400);
				expect(res.data.error).not.toBe(PRODUCTION_ERROR_MESSAGE);
			}
			expect(storedEmails(sb, 'pe-default')).toEqual([]);
		});

		test('on: 500 "Failed to create lead - no data returned" on create and update; nothing stored or changed', async () => {
			sb.setOptions({ productionErrors: true });
			const { slug } = await newClient(c.demo);
			for (const [what, extra] of bad) {
				const res = await c.demo.post('/api/leads', { client_id: slug, firstName: 'A', lastName: 'B', email: 'pe-on@example.test', ...extra });
				const body = expectError(res, 500, 'internal_error');
				expect([what, body.error]).toEqual([what, PRODUCTION_ERROR_MESSAGE]);
				expect(body).toEqual({ success: false, error: PRODUCTION_ERROR_MESSAGE, errorType: 'internal_error' });
			}
			expect(storedEmails(sb, 'pe-on')).toEqual([]);
			expect(sb.store.countLeads(sb.demo.companyId, slug)).toBe(0);
			// updates (single, batch, by path) answer the same and change nothing
			const lead = expectOk(await c.demo.post('/api/leads', { client_id: slug, firstName: 'A', lastName: 'B', email: 'pe-ok@example.test' }), 201).lead;
			for (const [, extra] of bad) {
				expect(expectError(await c.demo.put('/api/leads', { id: lead.id, ...extra }), 500, 'internal_error').error).toBe(PRODUCTION_ERROR_MESSAGE);
				expect(expectError(await c.demo.put('/api/leads', { leads: [{ id: lead.id, ...extra }] }), 500, 'internal_error').error).toBe(PRODUCTION_ERROR_MESSAGE);
				expect(expectError(await c.demo.put(`/api/enrich-leads/${lead.id}`, extra), 500, 'internal_error').error).toBe(PRODUCTION_ERROR_MESSAGE);
			}
			expect(sb.store.getLead(lead.id)).toMatchObject({ firstName: 'A', lastName: 'B' });
			expect(sb.store.getLead(lead.id)).not.toHaveProperty('phone');
			// in a batch create the bad row is skipped with that error, the good rows are created
			const batch = expectOk(await c.demo.post('/api/leads', { leads: [{ client_id: slug, firstName: 'A', lastName: '.', email: 'pe-batch-bad@example.test' }, ...leadRows(slug, 1, 'pe-batch')] }), 201);
			expect(batch).toMatchObject({ created: 1, skipped: ['pe-batch-bad@example.test'], errors: [{ index: 0, errorType: 'internal_error', error: PRODUCTION_ERROR_MESSAGE }] });
			expect(storedEmails(sb, 'pe-batch')).toEqual(['pe-batch-0@example.test']);
		});
	});

	describe('purgeTimeoutLeads', () => {
		const clientWithLeads = async (n: number): Promise<{ slug: string; id: string }> => {
			const cl = await newClient(c.demo, 'purge');
			await batchCreate(c.demo, leadRows(cl.slug, n, cl.slug));
			expect(sb.store.countLeads(sb.demo.companyId, cl.slug)).toBe(n);
			return cl;
		};
		const clientExists = async (id: string): Promise<boolean> => expectOk(await c.demo.get('/api/clients', { params: { clientId: id } })).clients.length === 1;

		test('0 (default): any purge succeeds', async () => {
			const { slug, id } = await clientWithLeads(120);
			expect(expectOk(await c.demo.delete('/api/clients', { params: { id, purge: 'true' } })).deletedLeads).toBe(120);
			expect(sb.store.countLeads(sb.demo.companyId, slug)).toBe(0);
			expect(await clientExists(id)).toBe(false);
		});

		test('N: above N leads the purge deletes the oldest N and answers 504, the client stays; at most N it succeeds', async () => {
			sb.setOptions({ purgeTimeoutLeads: 50 });
			const { slug, id } = await clientWithLeads(120);
			const oldest = sb.store.leadsOfClient(sb.demo.companyId, slug).map((l) => l.id);
			const first = expectError(await c.demo.delete('/api/clients', { params: { id, purge: 'true' } }), 504, 'gateway_timeout');
			expect(first.recommendation).toMatch(/Delete the leads first/);
			expect(sb.store.countLeads(sb.demo.companyId, slug)).toBe(70);
			expect(sb.store.leadsOfClient(sb.demo.companyId, slug).map((l) => l.id)).toEqual(oldest.slice(50));
			expect(await clientExists(id)).toBe(true);
			expectError(await c.demo.delete('/api/clients', { params: { id, purge: 'true' } }), 504, 'gateway_timeout');
			expect(sb.store.countLeads(sb.demo.companyId, slug)).toBe(20);
			expect(expectOk(await c.demo.delete('/api/clients', { params: { id, purge: 'true' } })).deletedLeads).toBe(20);
			expect(await clientExists(id)).toBe(false);
			// exactly N leads: fine; a delete without purge is not affected
			const exact = await clientWithLeads(50);
			expect(expectOk(await c.demo.delete('/api/clients', { params: { id: exact.id, purge: 'true' } })).deletedLeads).toBe(50);
			const keep = await clientWithLeads(60);
			expectOk(await c.demo.delete('/api/clients', { params: { id: keep.id } }));
			expect(sb.store.countLeads(sb.demo.companyId, keep.slug)).toBe(60);
		});
	});

	describe('agentPrefix', () => {
		const notFound = (res: Res, method: string, path: string): void => {
			const body = expectError(res, 404, 'not_found');
			expect(body.error).toBe(`Route not found: ${method} ${path}`);
		};

		test('both (default): the Agent API answers under /api/agent and /api', async () => {
			expectOk(await c.demo.get('/api/agent/campaigns'));
			expectOk(await c.demo.get('/api/campaigns'));
			expect(expectOk(await c.demo.get('/api/leads', { params: { page: 1, pageSize: 5 } })).pagination).toBeDefined();
		});

		test('/api/agent: only there; /api/<x> is "Route not found" (even without credentials); v1.1 routes unaffected', async () => {
			sb.setOptions({ agentPrefix: '/api/agent' });
			expectOk(await c.demo.get('/api/agent/campaigns'));
			expectOk(await c.demo.get('/api/agent/leads', { params: { pageSize: 5 } }));
			expectOk(await c.demo.get('/api/agent/analytics/pipeline'));
			expectOk(await c.demo.post('/api/agent/maintenance/bugs', { description: 'x' }), 201);
			notFound(await c.demo.get('/api/campaigns'), 'GET', '/api/campaigns');
			notFound(await c.anon.get('/api/campaigns'), 'GET', '/api/campaigns');
			notFound(await c.demo.post('/api/campaigns', { name: 'n', campaignType: 'email' }), 'POST', '/api/campaigns');
			notFound(await c.demo.get('/api/analytics/pipeline'), 'GET', '/api/analytics/pipeline');
			notFound(await c.demo.post('/api/enrichment/trigger', { leadIds: ['x'] }), 'POST', '/api/enrichment/trigger');
			expect(sb.store.campaignsOf(sb.demo.companyId).filter((x) => x.name === 'n')).toEqual([]);
			// GET /api/leads is the v1.1 list only: page/pageSize do not turn it into the Agent search
			expectError(await c.demo.get('/api/leads', { params: { page: 1, pageSize: 5 } }), 400, 'missing_required_field');
			const v11 = expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, page: 1, pageSize: 5, limit: 3 } }));
			expect(v11.leads).toHaveLength(3);
			expect(v11.total).toBe(3); // item 4: total is the page size
			expectOk(await c.demo.get('/api/clients'));
			expectOk(await c.demo.post('/api/agent-api-keys', { name: 'k' }));
		});

		test('/api: only there; /api/agent/<x> is "Route not found"; v1.1 routes unaffected', async () => {
			sb.setOptions({ agentPrefix: '/api' });
			expectOk(await c.demo.get('/api/campaigns'));
			expectOk(await c.demo.get('/api/analytics/pipeline'));
			expect(expectOk(await c.demo.get('/api/leads', { params: { page: 1, pageSize: 5 } })).data).toHaveLength(5);
			notFound(await c.demo.get('/api/agent/campaigns'), 'GET', '/api/agent/campaigns');
			notFound(await c.demo.get('/api/agent/leads'), 'GET', '/api/agent/leads');
			notFound(await c.demo.get('/api/agent/maintenance/bugs'), 'GET', '/api/agent/maintenance/bugs');
			expect(expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, limit: 4 } })).leads).toHaveLength(4);
			expectOk(await c.demo.post('/api/agent-api-keys', { name: 'k' }));
		});
	});

	describe('resetAfterWriteRate', () => {
		test('1: the write is committed, the client sees a reset; logged (status 0, fault log); auth, GET and /__sandbox unaffected', async () => {
			const { slug } = await newClient(c.demo);
			sb.setOptions({ resetAfterWriteRate: 1 });
			sb.clearRequests();
			const res = await outcome(c.demo.post('/api/leads', { client_id: slug, firstName: 'R', lastName: 'W', email: 'raw1-x@example.test' }));
			expect(['ECONNRESET', 'socket hang up']).toContain(res);
			expect(storedEmails(sb, 'raw1')).toEqual(['raw1-x@example.test']);
			const [logged] = sb.requests.filter((r) => r.path === '/api/leads');
			expect(logged).toMatchObject({ method: 'POST', status: 0 });
			expect(sb.faultLog()).toEqual([expect.objectContaining({ index: 0, kind: 'reset-after-write', method: 'POST', path: '/api/leads' })]);
			// a failed write is answered (nothing was committed, nothing to lose)
			expect(await outcome(c.demo.post('/api/leads', { client_id: slug, firstName: 'R' }))).toBe(400);
			expect(await outcome(c.anon.post('/api/auth', { username: sb.demo.email, password: sb.demo.password }))).toBe(200);
			expect(await outcome(c.demo.get('/api/clients'))).toBe(200);
			expect(await outcome(c.anon.get('/__sandbox/info'))).toBe(200);
			expect(await outcome(c.anon.post('/__sandbox/options', {}))).toBe(200);
		});

		test('0.25 over 400 writes: about a quarter reset, every write committed, deterministic by the fault seed', async () => {
			const run = async (seed: number): Promise<boolean[]> => {
				const s = await startSandbox({ port: 0, leads: 5, rateLimit: 0, resetAfterWriteRate: 0.25, faults: { seed } });
				try {
					const demo = api(s, { token: await login(s, s.demo.email, s.demo.password) });
					const resets: boolean[] = [];
					for (let i = 0; i < 400; i++) {
						// mix of creates, updates and deletes of the write kinds
						const kind = i % 4;
						let r: number | string;
						if (kind === 3) r = await outcome(demo.delete('/api/leads', { params: { id: lastLeadId(s) } }));
						else if (kind === 2) r = await outcome(demo.put('/api/leads', { id: lastLeadId(s), jobTitle: `t${i}` }));
						else r = await outcome(demo.post('/api/leads', { client_id: s.demo.clientId, firstName: 'R', lastName: `W${i}`, email: `raw-${i}@example.test` }));
						if (r !== 200 && r !== 201) expect(['ECONNRESET', 'socket hang up']).toContain(r);
						resets.push(r !== 200 && r !== 201);
					}
					// 200 creates, 100 of them deleted again: 100 stored, whatever the answers were
					expect(storedEmails(s, 'raw')).toHaveLength(100);
					const n = resets.filter(Boolean).length;
					expect(s.faultLog().filter((f) => f.kind === 'reset-after-write')).toHaveLength(n);
					expect(s.requests.filter((r) => r.status === 0)).toHaveLength(n);
					return resets;
				} finally {
					await s.close();
				}
			};
			const a = await run(3);
			const count = a.filter(Boolean).length;
			expect(count).toBeGreaterThan(70);
			expect(count).toBeLessThan(130);
			expect(await run(3)).toEqual(a);
			expect(await run(4)).not.toEqual(a);
		}, 180_000); // 1,200 sequential requests over three sandboxes; generous for a loaded CI machine
	});

	test('/__sandbox/options accepts and reports the production options; bad values are 400', async () => {
		const set = await c.anon.post('/__sandbox/options', { batchPersistRate: 0.5, invisibleLeads: true, agentPrefix: '/api', purgeTimeoutLeads: 7, resetAfterWriteRate: 0.01, productionErrors: true });
		expect(expectOk(set).info.options).toMatchObject({ batchPersistRate: 0.5, invisibleLeads: true, agentPrefix: '/api', purgeTimeoutLeads: 7, resetAfterWriteRate: 0.01, productionErrors: true, production: false });
		expect(sb.options()).toMatchObject({ batchPersistRate: 0.5, agentPrefix: '/api' });
		for (const badBody of [{ batchPersistRate: 2 }, { resetAfterWriteRate: -0.1 }, { agentPrefix: '/x' }, { purgeTimeoutLeads: 1.5 }, { invisibleLeads: 'yes' }, { production: 1 }]) {
			expectError(await c.anon.post('/__sandbox/options', badBody), 400, 'invalid_format');
		}
		expect(sb.options().batchPersistRate).toBe(0.5); // a refused change changes nothing
		const prod = expectOk(await c.anon.post('/__sandbox/options', { production: true, purgeTimeoutLeads: 5 })).info.options;
		expect(prod).toMatchObject({ ...PRODUCTION_PRESET, purgeTimeoutLeads: 5 });
		expect(expectOk(await c.anon.get('/__sandbox/info')).options).toMatchObject({ production: true, agentPrefix: '/api/agent' });
		expect(() => sb.setOptions({ batchPersistRate: 1.5 })).toThrow(/batchPersistRate/);
	});
});

describe('sandbox --production: everything together', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 20, rateLimit: 0, production: true });
		c = await clients(sb);
	});
	afterAll(() => sb.close());

	test('the preset: batch persist 0, invisible leads, production errors, purge timeout 1000, Agent prefix /api/agent, no reset after write', async () => {
		expect(PRODUCTION_PRESET).toEqual({
			production: true,
			batchPersistRate: 0,
			invisibleLeads: true,
			productionErrors: true,
			purgeTimeoutLeads: 1000,
			agentPrefix: '/api/agent',
			resetAfterWriteRate: 0,
		});
		expect(sb.options()).toMatchObject({ ...PRODUCTION_PRESET });
		const { slug, id } = await newClient(c.demo);
		// batch: claimed, not stored
		expect(expectOk(await c.demo.post('/api/leads', { leads: leadRows(slug, 5, 'all-batch') }), 201).created).toBe(5);
		expect(storedEmails(sb, 'all-batch')).toEqual([]);
		// one at a time: stored and visible
		expectOk(await c.demo.post('/api/leads', { client_id: slug, firstName: 'One', lastName: 'Good', email: 'all-one@example.test' }), 201);
		expect(expectOk(await c.demo.get('/api/leads', { params: { client_id: slug } })).leads.map((l: Lead) => l.email)).toEqual(['all-one@example.test']);
		// record id: stored, invisible
		const inv = expectOk(await c.demo.post('/api/leads', { client_id: id, firstName: 'In', lastName: 'Visible', email: 'all-inv@example.test' }), 201).lead;
		expect(sb.store.invisibleLeadsOf(sb.demo.companyId).map((l) => l.id)).toEqual([inv.id]);
		expect(expectOk(await c.demo.get('/api/find-lead', { params: { email: 'all-inv@example.test' } })).found).toBe(false);
		// bad field: 500
		expect(expectError(await c.demo.post('/api/leads', { client_id: slug, firstName: 'A', lastName: 'B', phone: '1' }), 500, 'internal_error').error).toBe(PRODUCTION_ERROR_MESSAGE);
		// Agent API under /api/agent only
		expectOk(await c.demo.get('/api/agent/campaigns'));
		expectError(await c.demo.get('/api/campaigns'), 404, 'not_found');
		// purge above 1000 leads: 504 (leads arranged directly: batch creates do not persist here)
		const big = await newClient(c.demo, 'big');
		for (let i = 0; i < 1001; i++) {
			sb.store.insertLead({ id: `big-${i}`, client_id: big.slug, company_id: sb.demo.companyId, owner: sb.demo.userId, firstName: 'B', lastName: `${i}`, createdAt: '', updatedAt: '' });
		}
		expectError(await c.demo.delete('/api/clients', { params: { id: big.id, purge: 'true' } }), 504, 'gateway_timeout');
		expect(sb.store.countLeads(sb.demo.companyId, big.slug)).toBe(1);
		expect(expectOk(await c.demo.delete('/api/clients', { params: { id: big.id, purge: 'true' } })).deletedLeads).toBe(1);
		// no reset after write: every write above was answered
		expect(sb.faultLog()).toEqual([]);
	});

	test('explicit options win over the preset (start-up and runtime); production: false turns everything off', async () => {
		const opts: SandboxOptions = { port: 0, leads: 5, production: true, batchPersistRate: 0.3, agentPrefix: 'both', resetAfterWriteRate: 0.05, invisibleLeads: false };
		const s = await startSandbox(opts);
		try {
			expect(s.options()).toMatchObject({ production: true, batchPersistRate: 0.3, agentPrefix: 'both', resetAfterWriteRate: 0.05, invisibleLeads: false, productionErrors: true, purgeTimeoutLeads: 1000 });
			s.setOptions({ production: false });
			expect(s.options()).toMatchObject({ ...PRODUCTION_DEFAULTS });
			s.setOptions({ production: true, productionErrors: false });
			expect(s.options()).toMatchObject({ ...PRODUCTION_PRESET, productionErrors: false });
			s.setOptions({ purgeTimeoutLeads: 3 }); // one field: the others keep their value
			expect(s.options()).toMatchObject({ ...PRODUCTION_PRESET, productionErrors: false, purgeTimeoutLeads: 3 });
		} finally {
			await s.close();
		}
		await expect(startSandbox({ port: 0, leads: 1, agentPrefix: '/nope' as never })).rejects.toThrow(/agentPrefix/);
	});
});
