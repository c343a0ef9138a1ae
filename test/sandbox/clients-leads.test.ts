import { startSandbox, type Sandbox } from '../../sandbox/server';
import { clients, expectError, expectOk } from './helpers';

describe('sandbox clients and leads', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 120, rateLimit: 0 });
		c = await clients(sb);
	});
	afterAll(() => sb.close());

	describe('clients', () => {
		test('list, get by id or slug, empty list when unknown', async () => {
			const list = expectOk(await c.demo.get('/api/clients')).clients;
			expect(list.map((x: { client_id: string }) => x.client_id)).toEqual([sb.demo.clientId, sb.secondClientId]);
			const byId = expectOk(await c.demo.get('/api/clients', { params: { clientId: sb.demo.clientRecordId } })).clients;
			expect(byId).toHaveLength(1);
			expect(byId[0]).toMatchObject({ id: sb.demo.clientRecordId, client_id: sb.demo.clientId, company_id: sb.demo.companyId, owner: sb.demo.userId });
			expect(expectOk(await c.demo.get('/api/clients', { params: { clientId: sb.demo.clientId } })).clients[0].id).toBe(sb.demo.clientRecordId);
			expect(expectOk(await c.demo.get('/api/clients', { params: { clientId: 'nope' } })).clients).toEqual([]);
		});

		test('create (generated or custom slug), duplicate slug 409, missing clientName 400', async () => {
			const gen = expectOk(await c.demo.post('/api/clients', { clientName: 'Acme', companyURL: 'https://acme.test', description: 'd' }), 201).client;
			expect(gen.client_id).toMatch(/^[0-9a-f-]{36}$/);
			expect(gen).toMatchObject({ clientName: 'Acme', companyURL: 'https://acme.test', description: 'd', owner: sb.demo.userId, company_id: sb.demo.companyId });
			const custom = expectOk(await c.demo.post('/api/clients', { clientName: 'Hist', client_id: 'historic-leads' }), 201).client;
			expect(custom.client_id).toBe('historic-leads');
			expectError(await c.demo.post('/api/clients', { clientName: 'Again', client_id: 'historic-leads' }), 409, 'already_exists');
			// the same slug is free in another tenant
			expectOk(await c.other.post('/api/clients', { clientName: 'Theirs', client_id: 'historic-leads' }), 201);
			expectError(await c.demo.post('/api/clients', { description: 'x' }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/clients', { clientName: '' }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/clients', { clientName: 42 }), 400, 'invalid_format');
		});

		test('update is partial; missing id 400; unknown id 404', async () => {
			const cl = expectOk(await c.demo.post('/api/clients', { clientName: 'Before', description: 'keep' }), 201).client;
			const upd = expectOk(await c.demo.put('/api/clients', { id: cl.id, clientName: 'After' })).client;
			expect(upd).toMatchObject({ id: cl.id, clientName: 'After', description: 'keep', client_id: cl.client_id });
			expect(sb.store.getClient(cl.id)?.clientName).toBe('After');
			expectError(await c.demo.put('/api/clients', { clientName: 'x' }), 400, 'missing_required_field');
			expectError(await c.demo.put('/api/clients', { id: 'nope', clientName: 'x' }), 404, 'not_found');
		});

		test('delete leaves leads orphaned; purge deletes them and reports deletedLeads', async () => {
			const a = expectOk(await c.demo.post('/api/clients', { clientName: 'A', client_id: 'del-a' }), 201).client;
			const b = expectOk(await c.demo.post('/api/clients', { clientName: 'B', client_id: 'del-b' }), 201).client;
			for (const slug of ['del-a', 'del-b']) {
				const leads = [1, 2, 3].map((i) => ({ client_id: slug, firstName: 'F' + i, lastName: 'L', email: `${slug}${i}@x.test` }));
				expect(expectOk(await c.demo.post('/api/leads', { leads }), 201).created).toBe(3);
			}
			expect(expectOk(await c.demo.delete('/api/clients', { params: { id: a.id } })).success).toBe(true);
			expect(sb.store.getClient(a.id)).toBeUndefined();
			expect(sb.store.countLeads(sb.demo.companyId, 'del-a')).toBe(3);
			const purged = expectOk(await c.demo.delete('/api/clients', { params: { id: b.id, purge: 'true' } }));
			expect(purged.deletedLeads).toBe(3);
			expect(sb.store.countLeads(sb.demo.companyId, 'del-b')).toBe(0);
			expectError(await c.demo.delete('/api/clients', { params: { id: b.id } }), 404, 'not_found');
			expectError(await c.demo.delete('/api/clients'), 400, 'missing_required_field');
		});
	});

	describe('leads', () => {
		test('create one lead: 201 with system fields; validation errors', async () => {
			const body = { client_id: sb.demo.clientId, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.test', phoneNumber: '+44 1', aiLeadScore: '91', customScore: 7 };
			const lead = expectOk(await c.demo.post('/api/leads', body), 201).lead;
			expect(lead).toMatchObject({ ...body, owner: sb.demo.userId, company_id: sb.demo.companyId, fullName: 'Ada Lovelace' });
			expect(lead.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(sb.store.getLead(lead.id)?.email).toBe('ada@analytical.test');
			// API key works for creation too
			expectOk(await c.demoKey.post('/api/leads', { client_id: sb.demo.clientId, firstName: 'K', lastName: 'Ey' }), 201);

			const base = { client_id: sb.demo.clientId, firstName: 'A', lastName: 'B' };
			for (const missing of ['client_id', 'firstName', 'lastName'] as const) {
				const b: Record<string, string> = { ...base };
				delete b[missing];
				const e = expectError(await c.demo.post('/api/leads', b), 400, 'missing_required_field');
				expect(e.error).toContain(missing);
			}
			expectError(await c.demo.post('/api/leads', { ...base, firstName: '' }), 400, 'missing_required_field');
			expectError(await c.demo.post('/api/leads', { ...base, client_id: 'no-such-client' }), 404, 'not_found');
			expectError(await c.demo.post('/api/leads', { ...base, client_id: sb.demo.clientRecordId }), 404, 'not_found');
			expectError(await c.demo.post('/api/leads', { ...base, title: '' }), 400, 'invalid_value');
			const phone = expectError(await c.demo.post('/api/leads', { ...base, phone: '123' }), 400, 'invalid_value');
			expect(phone.recommendation).toMatch(/phoneNumber/);
			expectError(await c.demo.post('/api/leads', { ...base, lastName: '.' }), 400, 'invalid_value');
			expectError(await c.demo.post('/api/leads', { ...base, nested: { a: 1 } }), 400, 'invalid_format');
			expectError(await c.demo.post('/api/leads', [base]), 400, 'invalid_format');
		});

		test('batch create: 201 {created, skipped}; duplicates by e-mail within a client are skipped; >100 → 400', async () => {
			const slug = sb.secondClientId;
			const rows = [
				{ client_id: slug, firstName: 'B1', lastName: 'X', email: 'b1@batch.test' },
				{ client_id: slug, firstName: 'B2', lastName: 'X', email: 'b2@batch.test' },
				{ client_id: slug, firstName: 'B3', lastName: 'X', email: 'B1@batch.test' }, // duplicate in batch (case-insensitive)
				{ client_id: slug, firstName: '', lastName: 'X', email: 'bad@batch.test' }, // invalid row
				{ client_id: 'ghost', firstName: 'G', lastName: 'X', email: 'ghost@batch.test' }, // unknown client
			];
			const before = sb.store.countLeads(sb.demo.companyId, slug);
			const res = expectOk(await c.demo.post('/api/leads', { leads: rows }), 201);
			expect(res.created).toBe(2);
			expect(res.skipped).toEqual(['B1@batch.test', 'bad@batch.test', 'ghost@batch.test']);
			expect(sb.store.countLeads(sb.demo.companyId, slug)).toBe(before + 2);
			// re-sending skips the existing e-mails
			const again = expectOk(await c.demo.post('/api/leads', { leads: rows.slice(0, 2) }), 201);
			expect(again).toMatchObject({ created: 0, skipped: ['b1@batch.test', 'b2@batch.test'] });
			const many = Array.from({ length: 101 }, (_, i) => ({ client_id: slug, firstName: 'M', lastName: String(i) }));
			expectError(await c.demo.post('/api/leads', { leads: many }), 400, 'invalid_value');
			expect(expectOk(await c.demo.post('/api/leads', { leads: many.slice(0, 100) }), 201).created).toBe(100);
			expectError(await c.demo.post('/api/leads', { leads: 'x' }), 400, 'invalid_format');
			expectError(await c.demo.post('/api/leads', { leads: [] }), 400, 'invalid_value');
		});

		test('update one lead (partial), batch update with failed ids, errors', async () => {
			const lead = expectOk(await c.demo.post('/api/leads', { client_id: sb.demo.clientId, firstName: 'Up', lastName: 'Date', title: 'CTO' }), 201).lead;
			const upd = expectOk(await c.demo.put('/api/leads', { id: lead.id, title: 'CEO', notes: 'called' })).lead;
			expect(upd).toMatchObject({ id: lead.id, firstName: 'Up', title: 'CEO', notes: 'called' });
			expect(sb.store.getLead(lead.id)?.title).toBe('CEO');
			expectError(await c.demo.put('/api/leads', { title: 'x' }), 400, 'missing_required_field');
			expectError(await c.demo.put('/api/leads', { id: 'nope', title: 'x' }), 404, 'not_found');
			expectError(await c.demo.put('/api/leads', { id: lead.id, email: '' }), 400, 'invalid_value');
			const ids = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 3).map((l) => l.id);
			const batch = expectOk(await c.demo.put('/api/leads', { leads: [...ids.map((id) => ({ id, status: 'contacted' })), { id: 'missing-id', status: 'x' }] }));
			expect(batch).toMatchObject({ updated: 3, failed: ['missing-id'] });
			for (const id of ids) expect(sb.store.getLead(id)?.status).toBe('contacted');
			expectError(await c.demo.put('/api/leads', { leads: [{ status: 'x' }] }), 400, 'missing_required_field');
		});

		test('changing client_id moves a lead between client listings (target client must exist)', async () => {
			const lead = expectOk(await c.demo.post('/api/leads', { client_id: sb.demo.clientId, firstName: 'Mo', lastName: 'Ver' }), 201).lead;
			const before = sb.store.countLeads(sb.demo.companyId, sb.secondClientId);
			expectError(await c.demo.put('/api/leads', { id: lead.id, client_id: 'ghost' }), 404, 'not_found');
			expectOk(await c.demo.put('/api/leads', { id: lead.id, client_id: sb.secondClientId }));
			expect(sb.store.countLeads(sb.demo.companyId, sb.secondClientId)).toBe(before + 1);
			expect(sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).some((l) => l.id === lead.id)).toBe(false);
			const listed = expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.secondClientId, limit: 1000 } })).leads;
			expect(listed[listed.length - 1].id).toBe(lead.id);
			expect(listed[listed.length - 1].client_id).toBe(sb.secondClientId);
		});

		test('delete one lead (?id) and many (body ids); errors', async () => {
			const made = expectOk(
				await c.demo.post('/api/leads', { leads: [1, 2, 3, 4].map((i) => ({ client_id: sb.demo.clientId, firstName: 'D' + i, lastName: 'X' })) }),
				201,
			);
			expect(made.created).toBe(4);
			const ids = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(-4).map((l) => l.id);
			expect(expectOk(await c.demo.delete('/api/leads', { params: { id: ids[0] } })).deleted).toBe(1);
			expect(sb.store.getLead(ids[0])).toBeUndefined();
			expectError(await c.demo.delete('/api/leads', { params: { id: ids[0] } }), 404, 'not_found');
			const res = expectOk(await c.demo.delete('/api/leads', { data: { ids: [ids[1], ids[2], 'nope'] } }));
			expect(res).toMatchObject({ deleted: 2, failed: ['nope'] });
			expect(sb.store.getLead(ids[1])).toBeUndefined();
			expect(sb.store.getLead(ids[3])).toBeDefined();
			expectError(await c.demo.delete('/api/leads'), 400, 'missing_required_field');
			expectError(await c.demo.delete('/api/leads', { data: { ids: 'x' } }), 400, 'invalid_format');
			expectError(await c.demo.delete('/api/leads', { data: { ids: Array.from({ length: 101 }, (_, i) => `id${i}`) } }), 400, 'invalid_value');
		});

		test('find-lead by e-mail (case-insensitive) and LinkedIn URL, narrowed by client_id', async () => {
			const target = { ...sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[5] };
			const byEmail = expectOk(await c.demo.get('/api/find-lead', { params: { email: String(target.email).toUpperCase() } }));
			expect(byEmail.found).toBe(true);
			expect(byEmail.leads.map((l: { id: string }) => l.id)).toEqual([target.id]);
			const byUrl = expectOk(await c.demo.get('/api/find-lead', { params: { linkedinUrl: `${target.linkedinUrl}/` } }));
			expect(byUrl.leads[0].id).toBe(target.id);
			const narrowed = expectOk(await c.demo.get('/api/find-lead', { params: { email: target.email, client_id: sb.secondClientId } }));
			expect(narrowed).toMatchObject({ found: false, leads: [] });
			// the e-mail index follows updates
			expectOk(await c.demo.put('/api/leads', { id: target.id, email: 'moved@else.test' }));
			expect(expectOk(await c.demo.get('/api/find-lead', { params: { email: target.email } })).found).toBe(false);
			expect(expectOk(await c.demo.get('/api/find-lead', { params: { email: 'moved@else.test' } })).leads[0].id).toBe(target.id);
			expectError(await c.demo.get('/api/find-lead'), 400, 'missing_required_field');
		});

		test('GET/PUT /api/enrich-leads/{id}', async () => {
			const target = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[7];
			expect(expectOk(await c.demo.get(`/api/enrich-leads/${target.id}`)).lead).toEqual(target);
			const upd = expectOk(await c.demo.put(`/api/enrich-leads/${target.id}`, { aiLeadScore: '88', message1: 'Hello', id: 'ignored' })).lead;
			expect(upd).toMatchObject({ id: target.id, aiLeadScore: '88', message1: 'Hello' });
			expect(sb.store.getLead(target.id)?.message1).toBe('Hello');
			expectError(await c.demo.get('/api/enrich-leads/nope'), 404, 'not_found');
			expectError(await c.demo.put('/api/enrich-leads/nope', { a: 'b' }), 404, 'not_found');
			expectError(await c.demo.put(`/api/enrich-leads/${target.id}`, [1, 2]), 400, 'invalid_format');
		});

		test('v1.1 list: client_id required, limit default/clamp, total = count = page length', async () => {
			expectError(await c.demo.get('/api/leads'), 400, 'missing_required_field');
			const all = sb.store.countLeads(sb.demo.companyId, sb.demo.clientId);
			expect(all).toBeGreaterThan(100);
			const def = expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId } }));
			expect(def.leads).toHaveLength(100);
			expect(def.total).toBe(100);
			expect(def.count).toBe(100);
			expect(typeof def.nextToken).toBe('string');
			const big = expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, limit: 5000 } }));
			expect(big.leads).toHaveLength(all); // clamped to 1000 ≥ all
			expect(big.nextToken).toBeNull();
			expect(expectOk(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, limit: 0 } })).leads).toHaveLength(1);
			expectError(await c.demo.get('/api/leads', { params: { client_id: sb.demo.clientId, limit: 'ten' } }), 400, 'invalid_value');
			expect(big.leads.every((l: { client_id: string }) => l.client_id === sb.demo.clientId)).toBe(true);
		});
	});
});
