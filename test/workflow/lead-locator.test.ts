/**
 * Node version 2's lead picker (a resource locator on every lead-ID parameter): From List through
 * the searchLeads method in a real load-options context, By ID (a UUID) and By URL (a LeadGenius
 * app lead page) through real workflows against the sandbox; v1's plain Lead ID stays as it was.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeParameters, INodeProperties } from 'n8n-workflow';

import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { emptyClient, harnessFor, leadCalls as apiCalls, loadOptionsContext, useSandbox } from '../helpers/sandbox';
import type { Mode } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 120 });

const node = new LeadGenius();
const { listSearch } = node.methods;

const locator = (mode: 'list' | 'id' | 'url', value: string) => ({ __rl: true, mode, value });
const appUrl = (id: string) => `https://last.leadgenius.app/leads/${id}`;

async function pickerContext(mode: Mode): Promise<ILoadOptionsFunctions> {
	return await loadOptionsContext(sandbox(), mode, { version: 2, parameters: { resource: 'lead', operation: 'get' }, path: 'leadId' });
}

/** A lead of its own (a fresh client), so that searches and writes see only it. */
async function ownLead(tag: string, extra: IDataObject = {}): Promise<IDataObject> {
	const sb = sandbox();
	const { slug } = emptyClient(sb, tag);
	const h = await harnessFor(sb);
	const email = `${tag}@locator.test`;
	const { items, error } = await h.run({
		parameters: { resource: 'lead', operation: 'create', clientId: { __rl: true, mode: 'id', value: slug }, firstName: 'Hedy', lastName: `Lamarr${tag}`, email, additionalFields: { fullName: `Hedy Lamarr${tag}`, ...extra } },
	});
	expect(error).toBeUndefined();
	return items[0].json;
}

describe('every lead-ID parameter is a lead picker at v2 and a plain string at v1', () => {
	const leadIdProps = node.description.properties.filter((p) => p.name === 'leadId');
	const at = (version: number) => (p: INodeProperties) => {
		const v = p.displayOptions?.show?.['@version'] as unknown[] | undefined;
		return v?.some((c) => c === version || (typeof c === 'object' && (c as { _cnd: { gte: number } })._cnd.gte <= version));
	};
	const where = (p: INodeProperties) => `${String(p.displayOptions?.show?.resource)}:${String(p.displayOptions?.show?.operation)}`;

	test('the same operations have one at each version; v2 offers From List, By ID and By URL', () => {
		const v1 = leadIdProps.filter(at(1));
		const v2 = leadIdProps.filter(at(2));
		// Update Many's lead ID is Lead Fields' matched "id" at v2; Epsimo AI's optional lead is in
		// v1's Additional Fields and a picker of its own at v2
		expect([...v1.map(where), 'epsimoAi:sendMessage'].sort()).toEqual([...v2.map(where), 'lead:updateMany'].sort());
		expect(v2.map(where).sort()).toEqual(
			['enrichedLead:get', 'enrichedLead:update', 'epsimoAi:sendMessage', 'lead:delete', 'lead:deleteMany', 'lead:enrichMany', 'lead:get', 'lead:update', 'leadProcessing:runCopyright', 'leadProcessing:runEnrichment', 'leadProcessing:runSdr'].sort(),
		);
		expect(v2.filter((p) => p.required !== true).map(where)).toEqual(['epsimoAi:sendMessage']);
		for (const p of v1) expect(p.type).toBe('string');
		for (const p of v2) {
			expect(p.type).toBe('resourceLocator');
			expect(p.modes?.map((m) => m.name)).toEqual(['list', 'id', 'url']);
			expect(p.modes?.[0].typeOptions?.searchListMethod).toBe('searchLeads');
		}
		// per-item operations take the ID by expression: they default to By ID with it
		expect(v2.find((p) => where(p) === 'lead:enrichMany')?.default).toEqual({ mode: 'id', value: '={{ $json.id }}' });
		expect(v2.find((p) => where(p) === 'lead:get')?.default).toEqual({ mode: 'list', value: '' });
	});
});

describe.each<Mode>(['password', 'accessToken', 'apiKey'])('From List: searchLeads (%s credential)', (mode) => {
	test('lists the newest leads by page; a filter finds a lead by part of its full name or its email; the value is its ID', async () => {
		const sb = sandbox();
		const lead = await ownLead(`pick${mode.toLowerCase()}`);
		const ctx = await pickerContext(mode);
		const first = await listSearch.searchLeads.call(ctx);
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: `Hedy Lamarrpick${mode.toLowerCase()} (${String(lead.email)})`, value: lead.id });
		expect(first.paginationToken).toBe('2');
		const second = await listSearch.searchLeads.call(ctx, undefined, String(first.paginationToken));
		expect(second.results.map((r) => r.value)).not.toContain(lead.id);
		const byName = await listSearch.searchLeads.call(ctx, `lamarrpick${mode.toLowerCase()}`);
		expect(byName.results.map((r) => r.value)).toEqual([lead.id]);
		const byEmail = await listSearch.searchLeads.call(ctx, String(lead.email).toUpperCase());
		expect(byEmail.results.map((r) => r.value)).toEqual([lead.id]);
		expect(byEmail.paginationToken).toBeUndefined();
		const all = sb.store.leadsOfCompany(sb.demo.companyId).length;
		expect(all).toBeGreaterThan(100);
	});
});

describe('the lead picker at v2 in workflows', () => {
	test.each<['list' | 'id' | 'url', (id: string) => string]>([
		['list', (id) => id],
		['id', (id) => id],
		['url', appUrl],
		['url', (id) => `https://app.example.test/clients/acme/enriched-leads/${id}?tab=ai#top`],
	])('Lead → Get, mode %s', async (mode, value) => {
		const sb = sandbox();
		const lead = await ownLead(`get${mode}${value('x').length}`);
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({ version: 2, parameters: { resource: 'lead', operation: 'get', leadId: locator(mode, value(String(lead.id))) } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toMatchObject([{ method: 'GET', path: `/api/enrich-leads/${String(lead.id)}` }]);
		expect(items[0].json).toMatchObject({ id: lead.id, email: lead.email });
	});

	test('Update, Delete, Enriched Lead → Get/Update, Lead Processing and the per-item operations take the picked lead', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const a = await ownLead('ops-a');
		const b = await ownLead('ops-b');
		const id = String(a.id);
		const run = async (parameters: INodeParameters, input?: IDataObject[]) => {
			sb.clearRequests();
			const result = await h.run({ version: 2, parameters }, input);
			expect(result.error).toBeUndefined();
			return apiCalls(sb);
		};
		expect(await run({ resource: 'lead', operation: 'update', leadId: locator('url', appUrl(id)), updateFields: { title: 'Inventor' } })).toMatchObject([{ method: 'PUT', body: { id, title: 'Inventor' } }]);
		expect(sb.store.getLead(id)?.title).toBe('Inventor');
		expect(await run({ resource: 'enrichedLead', operation: 'get', leadId: locator('id', id) })).toMatchObject([{ method: 'GET', path: `/api/enrich-leads/${id}` }]);
		expect(await run({ resource: 'enrichedLead', operation: 'update', leadId: locator('list', id), updateFields: { aiLeadScore: '77' } })).toMatchObject([{ path: `/api/enrich-leads/${id}` }]);
		expect(await run({ resource: 'leadProcessing', operation: 'runEnrichment', leadId: locator('url', appUrl(id)), services: ['enrichment1'] })).toMatchObject([{ method: 'POST', path: '/api/leads/process/enrich', body: { leadId: id } }]);
		expect((await run({ resource: 'lead', operation: 'enrichMany', enrichmentType: 'technographic' }, [{ id }]))[0]).toMatchObject({ body: { leadIds: [id] } });
		expect(await run({ resource: 'lead', operation: 'delete', leadId: locator('id', id) })).toMatchObject([{ method: 'DELETE', query: { id } }]);
		expect(sb.store.getLead(id)).toBeUndefined();
		const many = await run({ resource: 'lead', operation: 'deleteMany', leadId: locator('id', '={{ $json.id }}') }, [{ id: b.id }]);
		expect(many).toMatchObject([{ method: 'DELETE', body: { ids: [b.id] } }]);
		expect(sb.store.getLead(String(b.id))).toBeUndefined();
	});

	test.each<[string, ReturnType<typeof locator>, RegExp]>([
		['By ID that is not a UUID', locator('id', 'lead-42'), /Not a lead ID \(a UUID\)/],
		['By URL that is no lead page', locator('url', 'https://last.leadgenius.app/clients/7c0e2f4a-1b2c-4d5e-8f90-123456789abc'), /Not a LeadGenius lead URL/],
	])('a typed-in value that fails its mode\'s check stops the workflow before it runs: %s', async (_name, leadId, why) => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		// n8n-core 1.x: "The workflow has issues…"; 2.x names the node and lists the mode's own message
		const run = h.run({ version: 2, parameters: { resource: 'lead', operation: 'get', leadId } });
		await expect(run).rejects.toThrow(/(workflow|node) has issues/);
		await run.catch((error: Error) => expect(`${error.message} ${JSON.stringify((error as { description?: unknown }).description ?? '')}`).toMatch(why));
		expect(apiCalls(sb)).toEqual([]);
	});

	test.each<[string, ReturnType<typeof locator>, RegExp]>([
		['By ID, by expression, that is not a UUID', locator('id', '={{ "lead-42" }}'), /Parameter "Lead ID" is not a lead ID: a lead ID is a UUID \(got "lead-42"\) \[item 0\]/],
		['From List with an expression giving no UUID', locator('list', '={{ "abc" }}'), /is not a lead ID/],
		['By URL, by expression, that is no lead page', locator('url', '={{ "https://last.leadgenius.app/clients/7c0e2f4a-1b2c-4d5e-8f90-123456789abc" }}'), /Lead ID parameter's value is invalid.*URL entered is incorrect/],
		['empty', locator('id', '={{ $json.none }}'), /Parameter "Lead ID" is required but empty/],
	])('bad input by expression is refused before any request: %s', async (_name, leadId, message) => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items } = await h.run({ version: 2, continueOnFail: true, parameters: { resource: 'lead', operation: 'get', leadId } });
		expect(String(items[0].json.error)).toMatch(message);
		expect(apiCalls(sb)).toEqual([]);
	});

	test('v1 workflows keep their plain Lead ID (no UUID check)', async () => {
		const sb = sandbox();
		const lead = await ownLead('v1plain');
		const h = await harnessFor(sb);
		const ok = await h.run({ version: 1, parameters: { resource: 'lead', operation: 'get', leadId: String(lead.id) } });
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json).toMatchObject({ id: lead.id });
		sb.clearRequests();
		const notUuid = await h.run({ version: 1, continueOnFail: true, parameters: { resource: 'lead', operation: 'get', leadId: 'no-such-lead' } });
		expect(apiCalls(sb)).toMatchObject([{ path: '/api/enrich-leads/no-such-lead' }]);
		expect(String(notUuid.items[0].json.error)).toMatch(/not found|404/i);
	});
});

describe('Epsimo AI → Send Message at v2: the optional lead is a lead picker', () => {
	const send = (leadId: ReturnType<typeof locator>) => ({ version: 2, parameters: { resource: 'epsimoAi', operation: 'sendMessage', message: 'Draft an opener', leadId } });

	test('a picked lead (By URL) is sent as leadId; an empty picker sends none', async () => {
		const lead = await ownLead('epsimo');
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const picked = await h.run(send(locator('url', appUrl(String(lead.id)))));
		expect(picked.error).toBeUndefined();
		expect(sb.requests.filter((r) => r.path === '/api/epsimo-chat').map((r) => r.body)).toEqual([{ message: 'Draft an opener', leadId: lead.id }]);
		expect(String((picked.items[0].json as { reply: string }).reply)).toContain('Draft an opener');
		sb.clearRequests();
		const none = await h.run(send(locator('list', '')));
		expect(none.error).toBeUndefined();
		expect(sb.requests.filter((r) => r.path === '/api/epsimo-chat').map((r) => r.body)).toEqual([{ message: 'Draft an opener' }]);
	});

	test('a lead ID by expression that is not a UUID names the parameter and sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run(send(locator('id', '={{ "lead-42" }}')));
		expect(error?.message).toMatch(/Parameter "Lead ID" is not a lead ID: a lead ID is a UUID \(got "lead-42"\) \[item 0\]/);
		expect(sb.requests.filter((r) => r.path === '/api/epsimo-chat')).toEqual([]);
	});
});
