import { randomUUID } from 'node:crypto';

import type { Sandbox } from '../../sandbox/server';
import { leadCalls as apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

// 1,000 seeded leads in the demo client: enough for an enrichment run of 1,200 ids (with unknown ones)
const sandbox = useSandbox({ leads: 1000, rateLimit: 0 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

function addLead(sb: Sandbox, fields: Record<string, unknown>, company = sb.demo, clientId = company.clientId) {
	const now = new Date().toISOString();
	return sb.store.insertLead({
		id: randomUUID(),
		client_id: clientId,
		company_id: company.companyId,
		owner: company.userId,
		createdAt: now,
		updatedAt: now,
		...fields,
	});
}

describe('Lead → Search by Name', () => {
	test('Return All pages through the Agent API search; filters are case-insensitive substrings', async () => {
		const sb = sandbox();
		const ids: string[] = [];
		for (let k = 0; k < 120; k++) ids.push(addLead(sb, { firstName: `Al${k}`, lastName: 'Quixote', fullName: `Al${k} Quixote`, email: `al${k}@mancha.test` }).id);
		for (let k = 0; k < 10; k++) ids.push(addLead(sb, { firstName: `Bo${k}`, lastName: 'de Quixote', email: `bo${k}@mancha.test` }, sb.demo, sb.secondClientId).id);
		addLead(sb, { firstName: 'Elsewhere', lastName: 'Quixote', email: 'x@other.test' }, sb.other); // another tenant
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'lead', operation: 'searchByName', filters: { lastName: 'quix' }, returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb).map((c) => [c.method, c.path, c.query])).toEqual([
			['GET', '/api/agent/leads', { lastName: 'quix', page: '1', pageSize: '100' }],
			['GET', '/api/agent/leads', { lastName: 'quix', page: '2', pageSize: '100' }],
		]);
		expect(items).toHaveLength(130);
		expect(items.map((i) => i.json.id).sort()).toEqual([...ids].sort());
		// simplified by default
		expect(Object.keys(items[0].json)).not.toContain('owner');
		expect(items[0].json).toMatchObject({ lastName: expect.stringMatching(/Quixote/) });
	});

	test('Limit asks for one page of that size; several filters narrow; Simplify off returns every field', async () => {
		const sb = sandbox();
		addLead(sb, { firstName: 'Sancho', lastName: 'Panza', email: 'sancho@barataria.test', companyName: 'Barataria Isle' });
		addLead(sb, { firstName: 'Sancha', lastName: 'Panza', email: 'sancha@elsewhere.test', companyName: 'Elsewhere' });
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'lead',
				operation: 'searchByName',
				filters: { firstName: 'SANCH', companyName: 'barataria', email: '' },
				returnAll: false,
				limit: 5,
				simplify: false,
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([
			expect.objectContaining({ path: '/api/agent/leads', query: { firstName: 'SANCH', companyName: 'barataria', page: '1', pageSize: '5' } }),
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ firstName: 'Sancho', owner: sb.demo.userId, company_id: sb.demo.companyId });
	});

	test('At least one name filter is required, checked before sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const none = await h.run({ parameters: { resource: 'lead', operation: 'searchByName', filters: {}, returnAll: true } });
		expect(none.error?.message).toMatch(
			/Parameter "Filters" needs at least one of First Name, Last Name, Full Name, Email, Company Name \[item 0\]/,
		);
		const onlyStatus = await h.run({ parameters: { resource: 'lead', operation: 'searchByName', filters: { status: 'new' }, returnAll: true } });
		expect(onlyStatus.error?.message).toMatch(/needs at least one of/);
		expect(apiCalls(sb)).toHaveLength(0);
	});
});

describe('Lead → Enrich Many', () => {
	test('1,200 lead IDs from 1,200 items go out as 3 requests of at most 500; every item gets its fate', async () => {
		const sb = sandbox();
		const known = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 1000).map((l) => l.id);
		expect(known).toHaveLength(1000);
		const unknown = Array.from({ length: 200 }, (_, k) => `missing-${k}`);
		const input = [...known, ...unknown].map((id) => ({ id }));
		const jobsBefore = sb.store.enrichmentJobs.size;
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run(
			{ parameters: { resource: 'lead', operation: 'enrichMany', idSource: 'item', leadId: '={{ $json.id }}', enrichmentType: 'technographic' } },
			input,
		);
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls.map((c) => [c.method, c.path])).toEqual(Array(3).fill(['POST', '/api/agent/enrichment/trigger']));
		const sent = calls.map((c) => (c.body as { leadIds: string[] }).leadIds);
		expect(sent.map((s) => s.length)).toEqual([500, 500, 200]);
		expect(sent.flat()).toEqual(input.map((i) => i.id));
		expect(calls.every((c) => (c.body as { enrichmentType: string }).enrichmentType === 'technographic')).toBe(true);
		expect(calls[0].body).not.toHaveProperty('priority');

		expect(sb.store.enrichmentJobs.size).toBe(jobsBefore + 3);
		expect(items).toHaveLength(1200);
		items.forEach((item, k) => expect(item.pairedItem).toEqual({ item: k }));
		const jobOf = (k: number) => (items[k].json.jobIds as string[])[0];
		expect(new Set([jobOf(0), jobOf(499), jobOf(500), jobOf(999), jobOf(1000), jobOf(1199)]).size).toBe(3);
		expect(jobOf(0)).toBe(jobOf(499));
		expect(items[0].json).toEqual({ leadIds: [known[0]], queued: 1, notFound: [], jobIds: [jobOf(0)], enrichmentType: 'technographic' });
		expect(items[1100].json).toMatchObject({ leadIds: ['missing-100'], queued: 0, notFound: ['missing-100'] });
		expect(sb.store.enrichmentJobs.get(jobOf(0))?.leadIds).toEqual(known.slice(0, 500));
	});

	test('A list of IDs per item, with priority, de-duplicated and chunked at the Batch Size', async () => {
		const sb = sandbox();
		const leads = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map((l) => l.id);
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items, error } = await h.run(
			{
				parameters: {
					resource: 'lead',
					operation: 'enrichMany',
					idSource: 'list',
					leadIds: '={{ $json.ids }}',
					enrichmentType: 'firmographic',
					options: { priority: 'high', batchSize: 3 },
				},
			},
			[{ ids: [leads[0], leads[1], leads[2], leads[3]] }, { ids: `${leads[3]}, ${leads[4]} ,${leads[4]}` }],
		);
		expect(error).toBeUndefined();
		const bodies = apiCalls(sb).map((c) => c.body);
		expect(bodies).toEqual([
			{ leadIds: [leads[0], leads[1], leads[2]], enrichmentType: 'firmographic', priority: 'high' },
			{ leadIds: [leads[3], leads[4]], enrichmentType: 'firmographic', priority: 'high' },
		]);
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({ leadIds: leads.slice(0, 4), queued: 4, notFound: [], priority: 'high' });
		expect((items[0].json.jobIds as string[]).length).toBe(2);
		expect(items[1].json).toMatchObject({ leadIds: [leads[3], leads[4]], queued: 2 });
		expect(items[1].json.jobIds).toEqual([(items[0].json.jobIds as string[])[1]]);
	});

	test('An item without IDs fails alone (Continue On Fail) and sends nothing for itself', async () => {
		const sb = sandbox();
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[0].id;
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run(
			{
				parameters: { resource: 'lead', operation: 'enrichMany', idSource: 'list', leadIds: '={{ $json.ids }}', enrichmentType: 'technographic' },
				continueOnFail: true,
			},
			[{ ids: [] }, { ids: [lead] }],
		);
		expect(error).toBeUndefined();
		expect(apiCalls(sb).map((c) => c.body)).toEqual([{ leadIds: [lead], enrichmentType: 'technographic' }]);
		expect(items[0].json.error).toMatch(/Parameter "Lead IDs" is required but empty \[item 0\]/);
		expect(items[1].json).toMatchObject({ leadIds: [lead], queued: 1 });

		sb.clearRequests();
		const stopped = await h.run(
			{ parameters: { resource: 'lead', operation: 'enrichMany', idSource: 'list', leadIds: '={{ $json.ids }}', enrichmentType: 'technographic' } },
			[{ ids: [] }, { ids: [lead] }],
		);
		expect(stopped.error?.message).toMatch(/Lead IDs/);
		expect(apiCalls(sb)).toHaveLength(0);
	});
});

describe('Lead → Create or Update', () => {
	const base = (sb: Sandbox, extra: Record<string, unknown> = {}) => ({
		resource: 'lead',
		operation: 'upsert',
		clientId: rl(sb.demo.clientId),
		firstName: 'Dulcinea',
		lastName: 'del Toboso',
		email: 'Dulcinea@Toboso.test',
		...extra,
	});

	test('Creates the lead when no lead of the client has the email, then updates it', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const first = await h.run({ parameters: base(sb, { additionalFields: { title: 'Lady', notes: '' } }) });
		expect(first.error).toBeUndefined();
		expect(apiCalls(sb).map((c) => [c.method, c.path, c.query, c.body])).toEqual([
			['GET', '/api/find-lead', { email: 'Dulcinea@Toboso.test', client_id: sb.demo.clientId }, undefined],
			[
				'POST',
				'/api/leads',
				{},
				{ client_id: sb.demo.clientId, firstName: 'Dulcinea', lastName: 'del Toboso', email: 'Dulcinea@Toboso.test', title: 'Lady' },
			],
		]);
		const created = first.items[0].json as { id: string; operation: string };
		expect(created).toMatchObject({ operation: 'created', email: 'Dulcinea@Toboso.test', title: 'Lady', company_id: sb.demo.companyId });
		expect(sb.store.getLead(created.id)?.title).toBe('Lady');

		sb.clearRequests();
		const second = await h.run({ parameters: base(sb, { email: 'dulcinea@toboso.test', additionalFields: { title: 'Princess', city: 'El Toboso' } }) });
		expect(second.error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls.map((c) => [c.method, c.path])).toEqual([
			['GET', '/api/find-lead'],
			['PUT', '/api/leads'],
		]);
		expect(calls[1].body).toEqual({
			id: created.id,
			firstName: 'Dulcinea',
			lastName: 'del Toboso',
			email: 'dulcinea@toboso.test',
			title: 'Princess',
			city: 'El Toboso',
		});
		expect(second.items[0].json).toMatchObject({ operation: 'updated', id: created.id, title: 'Princess', city: 'El Toboso' });
		expect(sb.store.getLead(created.id)).toMatchObject({ title: 'Princess', city: 'El Toboso' });
		expect(sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).filter((l) => String(l.email).toLowerCase() === 'dulcinea@toboso.test')).toHaveLength(1);
	});

	test('The same email in another client is a different lead: created there', async () => {
		const sb = sandbox();
		addLead(sb, { firstName: 'Rocinante', lastName: 'Horse', email: 'rocinante@stable.test' });
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: base(sb, { clientId: rl(sb.secondClientId), firstName: 'Rocinante', lastName: 'Horse', email: 'rocinante@stable.test' }),
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].query).toEqual({ email: 'rocinante@stable.test', client_id: sb.secondClientId });
		expect(items[0].json).toMatchObject({ operation: 'created', client_id: sb.secondClientId });
	});

	test('Match By LinkedIn URL finds the lead by its profile URL and updates its email', async () => {
		const sb = sandbox();
		const url = 'https://www.linkedin.com/in/alonso-quijano';
		const existing = addLead(sb, { firstName: 'Alonso', lastName: 'Quijano', email: 'old@mancha.test', linkedinUrl: url });
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: base(sb, { firstName: 'Alonso', lastName: 'Quijano', email: 'knight@mancha.test', matchBy: 'linkedinUrl', matchLinkedinUrl: url }),
		});
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/find-lead', query: { linkedinUrl: url, client_id: sb.demo.clientId } });
		expect(calls[1]).toMatchObject({ method: 'PUT', path: '/api/leads', body: { id: existing.id, email: 'knight@mancha.test', linkedinUrl: url } });
		expect(items[0].json).toMatchObject({ operation: 'updated', id: existing.id, email: 'knight@mancha.test' });
		expect(sb.store.getLead(existing.id)?.email).toBe('knight@mancha.test');

		// no lead with that URL: created, with the URL stored
		sb.clearRequests();
		const fresh = await h.run({
			parameters: base(sb, { email: 'new@mancha.test', matchBy: 'linkedinUrl', matchLinkedinUrl: 'https://www.linkedin.com/in/nobody-yet' }),
		});
		expect(apiCalls(sb).map((c) => c.method)).toEqual(['GET', 'POST']);
		expect(fresh.items[0].json).toMatchObject({ operation: 'created', linkedinUrl: 'https://www.linkedin.com/in/nobody-yet' });
	});

	test('Several matching leads: refuses to guess, changes nothing', async () => {
		const sb = sandbox();
		const url = 'https://www.linkedin.com/in/twin';
		const a = addLead(sb, { firstName: 'Twin', lastName: 'A', email: 'a@twins.test', linkedinUrl: url });
		const b = addLead(sb, { firstName: 'Twin', lastName: 'B', email: 'b@twins.test', linkedinUrl: url });
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({ parameters: base(sb, { email: 'c@twins.test', matchBy: 'linkedinUrl', matchLinkedinUrl: url }) });
		expect(error?.message).toMatch(/2 leads of client .* match LinkedIn URL .*: cannot tell which one to update \[item 0\]/);
		expect(error?.description).toContain(a.id);
		expect(error?.description).toContain(b.id);
		expect(apiCalls(sb).map((c) => c.method)).toEqual(['GET']);
	});

	test('Bad input sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const badEmail = await h.run({ parameters: base(sb, { email: 'not-an-email' }) });
		expect(badEmail.error?.message).toMatch(/Parameter "Email" is not a valid email address/);
		const dot = await h.run({ parameters: base(sb, { lastName: '.' }) });
		expect(dot.error?.message).toMatch(/Parameter "Last Name" cannot be "."/);
		const noUrl = await h.run({ parameters: base(sb, { matchBy: 'linkedinUrl', matchLinkedinUrl: '={{ "" }}' }) });
		expect(noUrl.error?.message).toMatch(/Parameter "LinkedIn URL" is required but empty/);
		expect(apiCalls(sb)).toHaveLength(0);
	});
});
