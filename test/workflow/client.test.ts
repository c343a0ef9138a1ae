import type { RuntimeOptions } from '../../sandbox/server';
import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 30 });

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Client resource', () => {
	test('Create sends the client and outputs the stored record', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'client',
				operation: 'create',
				clientName: 'Acme Corp',
				additionalFields: { companyURL: 'https://acme.example', description: '', client_id: 'acme-corp' },
			},
		});
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/clients' });
		// empty strings are never sent
		expect(calls[0].body).toEqual({ clientName: 'Acme Corp', companyURL: 'https://acme.example', client_id: 'acme-corp' });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ clientName: 'Acme Corp', client_id: 'acme-corp', company_id: sb.demo.companyId });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(sb.store.clientBySlug(sb.demo.companyId, 'acme-corp')?.clientName).toBe('Acme Corp');
	});

	test('Get finds a client by record ID, and says so when there is none', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const ok = await h.run({
			parameters: { resource: 'client', operation: 'get', clientRecordId: locator(sb.demo.clientRecordId) },
		});
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'GET', path: '/api/clients', query: { clientId: sb.demo.clientRecordId } });
		expect(ok.items[0].json).toMatchObject({ id: sb.demo.clientRecordId, client_id: sb.demo.clientId });

		const missing = await h.run({ parameters: { resource: 'client', operation: 'get', clientRecordId: locator('nope') } });
		expect(missing.error?.message).toMatch(/No client found with ID "nope"/);
	});

	test('Get Many returns all clients, or up to Limit', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const all = await h.run({ parameters: { resource: 'client', operation: 'getAll', returnAll: true } });
		const stored = sb.store.clientsOf(sb.demo.companyId);
		expect(all.items.map((i) => i.json.id).sort()).toEqual(stored.map((c) => c.id).sort());
		const one = await h.run({ parameters: { resource: 'client', operation: 'getAll', returnAll: false, limit: 1 } });
		expect(one.items).toHaveLength(1);
	});

	test('Update changes only the given fields', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items } = await h.run({
			parameters: {
				resource: 'client',
				operation: 'update',
				clientRecordId: locator(sb.demo.clientRecordId),
				updateFields: { description: 'Key account' },
			},
		});
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'PUT', path: '/api/clients', body: { id: sb.demo.clientRecordId, description: 'Key account' } });
		expect(items[0].json.description).toBe('Key account');
		expect(sb.store.getClient(sb.demo.clientRecordId)?.description).toBe('Key account');
	});

	test('Delete with Purge Leads removes the client and its leads', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const created = await h.run({
			parameters: { resource: 'client', operation: 'create', clientName: 'Short-lived', additionalFields: { client_id: 'short-lived' } },
		});
		const record = created.items[0].json as { id: string; client_id: string };
		await h.run(
			{
				parameters: {
					resource: 'lead',
					operation: 'createMany',
					clientId: locator('short-lived'),
					firstName: '={{ $json.first }}',
					lastName: 'Doe',
					email: '={{ $json.first }}@short.test',
				},
			},
			[{ first: 'ann' }, { first: 'bob' }],
		);
		expect(sb.store.leadsOfClient(sb.demo.companyId, 'short-lived')).toHaveLength(2);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'client', operation: 'delete', clientRecordId: locator(record.id), purge: true },
		});
		expect(error).toBeUndefined();
		// the leads go first, in batches of IDs; then the client, with purge for anything left
		expect(apiCalls(sb).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/clients', 'GET /api/leads', 'DELETE /api/leads', 'DELETE /api/clients']);
		expect(apiCalls(sb)[3]).toMatchObject({ method: 'DELETE', path: '/api/clients', query: { id: record.id, purge: 'true' } });
		expect(items[0].json).toMatchObject({ success: true, id: record.id, deleted: true, leadsDeleted: 2 });
		expect(sb.store.getClient(record.id)).toBeUndefined();
		expect(sb.store.leadsOfClient(sb.demo.companyId, 'short-lived')).toHaveLength(0);
	});

	test("Delete with Purge Leads empties a client of 2,500 leads although LeadGenius's own purge times out above 1,000", async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const created = await h.run({ parameters: { resource: 'client', operation: 'create', clientName: 'Big one', additionalFields: { client_id: 'big-one' } } });
		const recordId = String(created.items[0].json.id);
		const now = new Date().toISOString();
		for (let k = 0; k < 2500; k++) {
			sb.store.insertLead({ id: `big-${k}`, client_id: 'big-one', company_id: sb.demo.companyId, owner: sb.demo.userId, firstName: 'B', lastName: `${k}`, email: `big${k}@one.test`, createdAt: now, updatedAt: now });
		}
		sb.setOptions({ purgeTimeoutLeads: 1000 } as RuntimeOptions);
		try {
			const { items, error } = await h.run({ parameters: { resource: 'client', operation: 'delete', clientRecordId: locator(recordId), purge: true } });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ deleted: true, leadsDeleted: 2500 });
			expect(sb.store.getClient(recordId)).toBeUndefined();
			expect(sb.store.leadsOfCompany(sb.demo.companyId).filter((l) => l.client_id === 'big-one')).toHaveLength(0);
		} finally {
			sb.setOptions({ purgeTimeoutLeads: 0 } as RuntimeOptions);
		}
	});

	test('Delete without purge leaves the leads', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const created = await h.run({
			parameters: { resource: 'client', operation: 'create', clientName: 'Keep leads', additionalFields: { client_id: 'keep-leads' } },
		});
		await h.run({
			parameters: { resource: 'lead', operation: 'create', clientId: locator('keep-leads'), firstName: 'Kim', lastName: 'Lee', email: 'kim@keep.test' },
		});
		sb.clearRequests();
		await h.run({ parameters: { resource: 'client', operation: 'delete', clientRecordId: locator(String(created.items[0].json.id)) } });
		expect(apiCalls(sb)[0].query).toEqual({ id: created.items[0].json.id });
		expect(sb.store.leadsOfClient(sb.demo.companyId, 'keep-leads')).toHaveLength(1);
	});
});
