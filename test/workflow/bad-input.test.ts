import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { emptyClient, harnessFor, useSandbox } from '../helpers/sandbox';
import type { Mode } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 20 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

interface Case {
	name: string;
	parameters: INodeParameters | ((ids: { client: string; record: string }) => INodeParameters);
	/** The message must name this parameter (display name). */
	parameter: string;
	problem: RegExp;
	input?: IDataObject[];
	/** Item the error is reported for (default 0). */
	item?: number;
	/** Credential mode to run with (default API key). */
	mode?: Mode;
}

/**
 * Bad input is refused before anything is sent: a NodeOperationError that names the parameter
 * and the item. Table-driven; every case also proves the sandbox saw no API request.
 */
export const cases: Case[] = [
	{ name: 'lead create without client', parameters: { resource: 'lead', operation: 'create', clientId: rl('={{ $json.none }}'), firstName: 'A', lastName: 'B', email: 'a@b.test' }, parameter: 'Client', problem: /is required/ },
	{ name: 'lead create with blank first name', parameters: ({ client }) => ({ resource: 'lead', operation: 'create', clientId: rl(client), firstName: '  ', lastName: 'B', email: 'a@b.test' }), parameter: 'First Name', problem: /is required/ },
	{ name: 'lead create with "." as last name', parameters: ({ client }) => ({ resource: 'lead', operation: 'create', clientId: rl(client), firstName: 'A', lastName: '.', email: 'a@b.test' }), parameter: 'Last Name', problem: /cannot be "\."/ },
	{ name: 'lead create with malformed email', parameters: ({ client }) => ({ resource: 'lead', operation: 'create', clientId: rl(client), firstName: 'A', lastName: 'B', email: 'not-an-email' }), parameter: 'Email', problem: /not a valid email/ },
	{ name: 'lead create with a custom field named phone', parameters: ({ client }) => ({ resource: 'lead', operation: 'create', clientId: rl(client), firstName: 'A', lastName: 'B', email: 'a@b.test', additionalFields: { customFields: { field: [{ name: 'phone', value: '1' }] } } }), parameter: 'Custom Fields', problem: /phoneNumber/ },
	{ name: 'lead create with a nameless custom field', parameters: ({ client }) => ({ resource: 'lead', operation: 'create', clientId: rl(client), firstName: 'A', lastName: 'B', email: 'a@b.test', additionalFields: { customFields: { field: [{ name: '', value: '1' }] } } }), parameter: 'Custom Fields', problem: /without a name/ },
	{ name: 'lead get many with limit 0', parameters: ({ client }) => ({ resource: 'lead', operation: 'getAll', clientId: rl(client), returnAll: false, limit: 0 }), parameter: 'Limit', problem: /between 1 and 1000/ },
	{ name: 'lead get many with limit 1001', parameters: ({ client }) => ({ resource: 'lead', operation: 'getAll', clientId: rl(client), returnAll: false, limit: 1001 }), parameter: 'Limit', problem: /between 1 and 1000/ },
	{ name: 'lead get many with a fractional limit', parameters: ({ client }) => ({ resource: 'lead', operation: 'getAll', clientId: rl(client), returnAll: false, limit: 2.5 }), parameter: 'Limit', problem: /whole number/ },
	{ name: 'lead get many without client', parameters: { resource: 'lead', operation: 'getAll', clientId: rl('={{ $json.none }}'), returnAll: true }, parameter: 'Client', problem: /is required/ },
	{ name: 'lead get without id', parameters: { resource: 'lead', operation: 'get', leadId: '={{ $json.none }}' }, parameter: 'Lead ID', problem: /is required/ },
	{ name: 'lead update without fields', parameters: { resource: 'lead', operation: 'update', leadId: 'x', updateFields: {} }, parameter: 'Update Fields', problem: /at least one field/ },
	{ name: 'lead update with only empty fields', parameters: { resource: 'lead', operation: 'update', leadId: 'x', updateFields: { title: '' } }, parameter: 'Update Fields', problem: /at least one field/ },
	{ name: 'lead update with malformed email', parameters: { resource: 'lead', operation: 'update', leadId: 'x', updateFields: { email: 'nope' } }, parameter: 'Email', problem: /not a valid email/ },
	{ name: 'lead update with "." as last name', parameters: { resource: 'lead', operation: 'update', leadId: 'x', updateFields: { lastName: '.' } }, parameter: 'Last Name', problem: /cannot be "\."/ },
	{ name: 'lead update with a custom field lastName of "."', parameters: { resource: 'lead', operation: 'update', leadId: 'x', updateFields: { customFields: { field: [{ name: 'lastName', value: '.' }] } } }, parameter: 'Last Name', problem: /cannot be "\."/ },
	{ name: 'lead delete without id', parameters: { resource: 'lead', operation: 'delete', leadId: '={{ $json.none }}' }, parameter: 'Lead ID', problem: /is required/ },
	{ name: 'lead find without email or url', parameters: { resource: 'lead', operation: 'find', email: '', linkedinUrl: '' }, parameter: 'Email', problem: /LinkedIn URL/ },
	{ name: 'lead find with malformed email', parameters: { resource: 'lead', operation: 'find', email: 'x@' }, parameter: 'Email', problem: /not a valid email/ },
	{ name: 'create many with batch size 101', parameters: ({ client }) => ({ resource: 'lead', operation: 'createMany', clientId: rl(client), firstName: 'A', lastName: 'B', email: 'a@b.test', options: { batchSize: 101 } }), parameter: 'Batch Size', problem: /between 1 and 100/ },
	{ name: 'enrich many with batch size 501', parameters: { resource: 'lead', operation: 'enrichMany', leadId: 'x', enrichmentType: 'technographic', options: { batchSize: 501 } }, parameter: 'Batch Size', problem: /between 1 and 500/ },
	{ name: 'create many with a bad second item', parameters: ({ client }) => ({ resource: 'lead', operation: 'createMany', clientId: rl(client), firstName: 'A', lastName: 'B', email: '={{ $json.email }}' }), input: [{ email: 'ok@b.test' }, { email: 'broken' }], item: 1, parameter: 'Email', problem: /not a valid email/ },
	{ name: 'create many with an unknown write mode', parameters: ({ client }) => ({ resource: 'lead', operation: 'createMany', clientId: rl(client), firstName: 'A', lastName: 'B', email: 'a@b.test', writeMode: 'bogus' }), parameter: 'Write Mode', problem: /unknown value "bogus"/ },
	{ name: 'update many without id on the third item', parameters: { resource: 'lead', operation: 'updateMany', leadId: '={{ $json.id }}', updateFields: { title: 'X' } }, input: [{ id: 'a' }, { id: 'b' }, { id: '' }], item: 2, parameter: 'Lead ID', problem: /is required/ },
	{ name: 'create many, mapped automatically, with a bad email on the second item', parameters: ({ client }) => ({ resource: 'lead', operation: 'createMany', clientId: rl(client), mappingMode: 'autoMap' }), input: [{ firstName: 'A', lastName: 'B', email: 'ok@b.test' }, { firstName: 'A', lastName: 'B', email: 'broken' }], item: 1, parameter: 'email', problem: /not a valid email/ },
	{ name: 'create many, mapped automatically, without a last name', parameters: ({ client }) => ({ resource: 'lead', operation: 'createMany', clientId: rl(client), mappingMode: 'autoMap' }), input: [{ firstName: 'A', lastName: ' ', email: 'a@b.test' }], parameter: 'lastName', problem: /missing or empty/ },
	{ name: 'create many, mapped automatically, with "." as last name', parameters: ({ client }) => ({ resource: 'lead', operation: 'createMany', clientId: rl(client), mappingMode: 'autoMap' }), input: [{ firstName: 'A', lastName: '.', email: 'a@b.test' }], parameter: 'lastName', problem: /cannot be "\."/ },
	{ name: 'create many, mapped automatically, with a phone field', parameters: ({ client }) => ({ resource: 'lead', operation: 'createMany', clientId: rl(client), mappingMode: 'autoMap' }), input: [{ firstName: 'A', lastName: 'B', email: 'a@b.test', phone: '1' }], parameter: 'phone', problem: /phoneNumber/ },
	{ name: 'update many, mapped automatically, without id', parameters: { resource: 'lead', operation: 'updateMany', mappingMode: 'autoMap' }, input: [{ id: 'a', title: 'X' }, { title: 'Y' }], item: 1, parameter: 'id', problem: /missing or empty/ },
	{ name: 'update many, mapped automatically, with nothing to change', parameters: { resource: 'lead', operation: 'updateMany', mappingMode: 'autoMap' }, input: [{ id: 'a', createdAt: '2020-01-01' }], parameter: 'id', problem: /nothing to change/ },
	{ name: 'delete many without id', parameters: { resource: 'lead', operation: 'deleteMany', leadId: '={{ $json.none }}' }, parameter: 'Lead ID', problem: /is required/ },
	{ name: 'client create with blank name', parameters: { resource: 'client', operation: 'create', clientName: ' ' }, parameter: 'Client Name', problem: /is required/ },
	{ name: 'client get without id', parameters: { resource: 'client', operation: 'get', clientRecordId: rl('={{ $json.none }}') }, parameter: 'Client', problem: /is required/ },
	{ name: 'client update without fields', parameters: ({ record }) => ({ resource: 'client', operation: 'update', clientRecordId: rl(record), updateFields: {} }), parameter: 'Update Fields', problem: /at least one field/ },
	{ name: 'client delete without id', parameters: { resource: 'client', operation: 'delete', clientRecordId: rl('={{ $json.none }}') }, parameter: 'Client', problem: /is required/ },
	{ name: 'client get many with limit 0', parameters: { resource: 'client', operation: 'getAll', returnAll: false, limit: 0 }, parameter: 'Limit', problem: /between 1/ },
	// other resources
	{ name: 'webhook create with malformed platform config JSON', parameters: { resource: 'webhook', operation: 'create', name: 'W', platform: 'generic', additionalFields: { platformConfig: '{"field_mapping": ' } }, parameter: 'Platform Config (JSON)', problem: /not valid JSON/ },
	{ name: 'webhook create with a JSON array as platform config', parameters: { resource: 'webhook', operation: 'create', name: 'W', platform: 'generic', additionalFields: { platformConfig: '[1,2]' } }, parameter: 'Platform Config (JSON)', problem: /JSON object/ },
	{ name: 'webhook create without name', parameters: { resource: 'webhook', operation: 'create', name: '={{ $json.none }}', platform: 'generic' }, parameter: 'Name', problem: /is required/ },
	{ name: 'background task trigger with malformed payload', parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: 'enrich-lead', payload: '{not json}' }, parameter: 'Payload', problem: /not valid JSON/ },
	{ name: 'background task trigger without task id', parameters: { resource: 'backgroundTask', operation: 'trigger', taskId: '={{ $json.none }}', payload: '{}' }, parameter: 'Task ID', problem: /is required/ },
	{ name: 'background task status without run id', parameters: { resource: 'backgroundTask', operation: 'getStatus', runId: '={{ $json.none }}' }, parameter: 'Run ID', problem: /is required/ },
	{ name: 'background task get many with limit 101', parameters: { resource: 'backgroundTask', operation: 'getAll', returnAll: false, limit: 101 }, parameter: 'Limit', problem: /between 1 and 100/ },
	{ name: 'lead scrape start with malformed actor input', parameters: ({ client }) => ({ resource: 'leadScrape', operation: 'start', apifyActorId: 'apify/x', input: '{"q":', clientId: rl(client) }), parameter: 'Actor Input', problem: /not valid JSON/ },
	{ name: 'lead scrape start with max leads 0', parameters: ({ client }) => ({ resource: 'leadScrape', operation: 'start', apifyActorId: 'apify/x', input: '{}', clientId: rl(client), additionalFields: { maxLeads: 0 } }), parameter: 'Max Leads', problem: /between 1 and 1000/ },
	{ name: 'lead scrape status without run id', parameters: { resource: 'leadScrape', operation: 'getStatus', runId: '={{ $json.none }}' }, parameter: 'Run ID', problem: /is required/ },
	{ name: 'search history create without name', parameters: { resource: 'searchHistory', operation: 'create', searchName: '={{ $json.none }}' }, parameter: 'Search Name', problem: /is required/ },
	{ name: 'search history create with malformed criteria', parameters: { resource: 'searchHistory', operation: 'create', searchName: 'S', additionalFields: { searchCriteria: '{"industry"' } }, parameter: 'Search Criteria (JSON)', problem: /not valid JSON/ },
	{ name: 'territory get many with min leads above max leads', parameters: ({ client }) => ({ resource: 'territoryCompany', operation: 'getAll', clientId: rl(client), returnAll: true, filters: { minLeads: 10, maxLeads: 2 } }), parameter: 'Min Leads', problem: /./ },
	{ name: 'territory upsert without company name', parameters: ({ client }) => ({ resource: 'territoryCompany', operation: 'upsert', clientId: rl(client), companyName: '={{ $json.none }}' }), parameter: 'Company Name', problem: /is required/ },
	{ name: 'company create without name', parameters: { resource: 'company', operation: 'create', name: '={{ $json.none }}' }, parameter: 'Name', problem: /is required/ },
	{ name: 'campaign create without name', parameters: { resource: 'campaign', operation: 'create', name: '={{ $json.none }}', campaignType: 'abm' }, parameter: 'Name', problem: /is required/ },
	{ name: 'analytics with start after end', parameters: { resource: 'analytics', operation: 'getPipeline', startDate: '2025-03-01', endDate: '2025-02-01' }, parameter: 'Start Date', problem: /./ },
	{ name: 'epsimo message without text', parameters: { resource: 'epsimoAi', operation: 'sendMessage', message: '={{ $json.none }}', agentId: 'a' }, parameter: 'Message', problem: /is required/ },
	{ name: 'api key create without name', parameters: { resource: 'apiKey', operation: 'create', name: '={{ $json.none }}' }, parameter: 'Name', problem: /is required/, mode: 'password' },
	{ name: 'bug report without description', parameters: { resource: 'bugReport', operation: 'create', description: '={{ $json.none }}' }, parameter: 'Description', problem: /is required/ },
	{ name: 'bug report with malformed reporter email', parameters: { resource: 'bugReport', operation: 'create', description: 'Broken', additionalFields: { userEmail: 'someone@' } }, parameter: 'User Email', problem: /not a valid email/ },
	{ name: 'run enrichment without lead id', parameters: { resource: 'leadProcessing', operation: 'runEnrichment', leadId: '={{ $json.none }}' }, parameter: 'Lead ID', problem: /is required/ },
	{ name: 'run copyright with process 11', parameters: { resource: 'leadProcessing', operation: 'runCopyright', leadId: 'x', processes: '={{ [11] }}' }, parameter: 'Processes', problem: /./ },
	{ name: 'enriched lead update without fields', parameters: { resource: 'enrichedLead', operation: 'update', leadId: 'x', updateFields: {} }, parameter: 'Update Fields', problem: /at least one field/ },
	{ name: 'bulk get many with page size 5001', parameters: { resource: 'enrichedLead', operation: 'getAll', returnAll: true, options: { pageSize: 5001 } }, parameter: 'Page Size', problem: /between 1 and 5000/ },
	{ name: 'bulk get many with a bad extra field name', parameters: { resource: 'sourceLead', operation: 'getAll', returnAll: true, options: { extraFields: 'email, bad name!' } }, parameter: 'Extra Fields', problem: /invalid field name/ },
	{ name: 'search by name without any filter', parameters: { resource: 'lead', operation: 'searchByName' }, parameter: 'Filters', problem: /needs at least one of First Name/ },
	{ name: 'upsert with malformed email', parameters: ({ client }) => ({ resource: 'lead', operation: 'upsert', clientId: rl(client), firstName: 'A', lastName: 'B', email: 'nope' }), parameter: 'Email', problem: /not a valid email/ },
];

describe('bad input is refused before any request', () => {
	test('the corpus has at least 50 cases across resources', () => {
		expect(cases.length).toBeGreaterThanOrEqual(50);
		const resources = new Set(cases.map((c) => (typeof c.parameters === 'function' ? c.parameters({ client: 'x', record: 'y' }) : c.parameters).resource));
		expect(resources.size).toBeGreaterThanOrEqual(15);
	});

	test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const sb = sandbox();
		const h = await harnessFor(sb, c.mode ?? 'apiKey');
		const parameters =
			typeof c.parameters === 'function'
				? c.parameters({ client: sb.demo.clientId, record: sb.demo.clientRecordId })
				: c.parameters;
		sb.clearRequests();
		const { error } = await h.run({ parameters }, c.input ?? [{}]);
		// a password credential logs in first; that is not a request about the bad input
		sb.requests.splice(0, sb.requests.length, ...sb.requests.filter((r) => r.path !== '/api/auth'));
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(`"${c.parameter}"`);
		expect(error?.message).toMatch(c.problem);
		expect(error?.message).toContain(`[item ${c.item ?? 0}]`);
		expect(sb.requests).toHaveLength(0);
	});

	test('with Continue On Fail the bad item becomes an error item and the others go through', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const leads = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 2);
		sb.clearRequests();
		const { items, error } = await h.run(
			{ parameters: { resource: 'lead', operation: 'get', leadId: '={{ $json.id }}' }, continueOnFail: true },
			[{ id: leads[0].id }, { id: '' }, { id: leads[1].id }],
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id ?? i.json.error)).toEqual([leads[0].id, expect.stringMatching(/"Lead ID" is required but empty \[item 1\]/), leads[1].id]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sb.requests).toHaveLength(2);
	});

	test('a batch with a bad item under Continue On Fail still sends the good ones', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items } = await h.run(
			{
				parameters: { resource: 'lead', operation: 'createMany', clientId: rl(sb.demo.clientId), firstName: 'A', lastName: 'B', email: '={{ $json.email }}' },
				continueOnFail: true,
			},
			[{ email: 'good1@cof.test' }, { email: 'bad' }, { email: 'good2@cof.test' }],
		);
		expect(items.map((i) => i.json.status ?? 'error')).toEqual(['created', 'error', 'created']);
		expect((sb.requests.find((r) => r.method === 'POST' && r.path === '/api/leads')?.body as { leads: unknown[] }).leads).toHaveLength(2);
	});

	test('Create Many: a bad Batch Size on the first item under Continue On Fail fails that item alone', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const client = emptyClient(sb, 'settings-create-many');
		sb.clearRequests();
		const { items, error } = await h.run(
			{
				parameters: { resource: 'lead', operation: 'createMany', clientId: rl(client.slug), firstName: 'A', lastName: 'B', email: '={{ $json.email }}', options: { batchSize: '={{ $json.size }}' } },
				continueOnFail: true,
			},
			[{ size: 1000, email: 'first@cof.test' }, { size: 1, email: 'second@cof.test' }, { size: 1, email: 'third@cof.test' }],
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/^Parameter "Batch Size" must be between 1 and 100/);
		expect(items.slice(1).map((i) => i.json.status)).toEqual(['created', 'created']);
		// the second item's Batch Size (1) is the batch's: one lead per request
		expect(sb.requests.filter((r) => r.method === 'POST' && r.path === '/api/leads').map((r) => (r.body as { leads: unknown[] }).leads.length)).toEqual([1, 1]);
	});

	test('Enrich Many: a bad Batch Size on the first item under Continue On Fail fails that item alone', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const ids = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 3).map((l) => l.id);
		sb.clearRequests();
		const { items, error } = await h.run(
			{
				parameters: { resource: 'lead', operation: 'enrichMany', leadId: '={{ $json.id }}', enrichmentType: 'technographic', options: { batchSize: '={{ $json.size }}' } },
				continueOnFail: true,
			},
			[{ size: 501, id: ids[0] }, { size: 1, id: ids[1] }, { size: 1, id: ids[2] }],
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/^Parameter "Batch Size" must be between 1 and 500/);
		expect(items.slice(1).map((i) => i.json.queued)).toEqual([1, 1]);
		expect(sb.requests.filter((r) => r.path === '/api/agent/enrichment/trigger').map((r) => (r.body as { leadIds: string[] }).leadIds)).toEqual([[ids[1]], [ids[2]]]);
	});
});
