/**
 * Node version 2's Lead Fields (n8n's resource mapper) on Create Many and Update Many: both
 * mapping modes through real n8n-core workflows against the sandbox, the schema method in a real
 * load-options context, bad input, and v1's Mapping Mode still served to v1 workflows.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, ResourceMapperField, ResourceMapperValue } from 'n8n-workflow';

import { SAMPLE_LEADS } from '../../nodes/LeadGenius/actions/lead/mapper';
import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { emptyClient, harnessFor, leadCalls as apiCalls, loadOptionsContext, useSandbox } from '../helpers/sandbox';
import type { Mode } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 30 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const { resourceMapping } = new LeadGenius().methods;

async function schemaFor(parameters: INodeParameters, mode: Mode = 'apiKey'): Promise<ResourceMapperField[]> {
	return (await resourceMapping.getLeadFields.call(await loadOptionsContext(sandbox(), mode, { version: 2, parameters, path: 'leadFields' }))).fields;
}

const defineBelow = (value: ResourceMapperValue['value'], schema: ResourceMapperField[], extra: Partial<ResourceMapperValue> = {}): ResourceMapperValue => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema,
	attemptToConvertTypes: false,
	convertFieldsToString: false,
	...extra,
});

const autoMap = (schema: ResourceMapperField[] = []): ResourceMapperValue => ({
	mappingMode: 'autoMapInputData',
	value: null,
	matchingColumns: [],
	schema,
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});

describe('Lead Fields schema (getLeadFields)', () => {
	test.each<Mode>(['password', 'accessToken', 'apiKey'])('Create Many: catalogue first names/email required, plus the client\'s custom fields only (%s credential)', async (mode) => {
		const sb = sandbox();
		const { slug } = emptyClient(sb, 'schema');
		const other = emptyClient(sb, 'schema-other');
		const h = await harnessFor(sb);
		const seed = [
			{ firstName: 'A', lastName: 'B', email: 'a@schema.test', favouriteColour: 'teal', seats: 12, aiLeadScore: 91, vip: true },
		];
		expect((await h.run({ parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), mappingMode: 'autoMap' } }, seed)).error).toBeUndefined();
		const elsewhere = [{ firstName: 'C', lastName: 'D', email: 'c@schema.test', onlyElsewhere: 'x' }];
		expect((await h.run({ parameters: { resource: 'lead', operation: 'createMany', clientId: rl(other.slug), mappingMode: 'autoMap' } }, elsewhere)).error).toBeUndefined();

		const fields = await schemaFor({ resource: 'lead', operation: 'createMany', clientId: rl(slug) }, mode);
		const byId = new Map(fields.map((f) => [f.id, f]));
		expect(fields.slice(0, 3).map((f) => [f.id, f.required])).toEqual([
			['firstName', true],
			['lastName', true],
			['email', true],
		]);
		expect(fields.filter((f) => f.required).map((f) => f.id)).toEqual(['firstName', 'lastName', 'email']);
		// the catalogue: person, company and AI fields, typed by what the stored leads hold
		for (const id of ['companyName', 'linkedinUrl', 'phoneNumber', 'notes', 'enrichment10', 'message1']) expect(byId.get(id)).toMatchObject({ type: 'string', display: true });
		expect(byId.get('aiLeadScore')?.type).toBe('number');
		// the client's custom fields, inferred from its leads
		expect(byId.get('favouriteColour')).toMatchObject({ displayName: 'Favourite Colour', type: 'string', required: false });
		expect(byId.get('seats')).toMatchObject({ type: 'number' });
		expect(byId.get('vip')).toMatchObject({ type: 'boolean' });
		expect(byId.has('onlyElsewhere')).toBe(false);
		// what LeadGenius sets itself, the client, and the refused phone are never offered
		for (const id of ['id', 'owner', 'company_id', 'client_id', 'createdAt', 'updatedAt', 'phone']) expect(byId.has(id)).toBe(false);
		expect(new Set(fields.map((f) => f.id)).size).toBe(fields.length);
	});

	test('the client may be given by its record ID; the sample is at most 200 leads', async () => {
		const sb = sandbox();
		const { slug, recordId } = emptyClient(sb, 'schema-many');
		const h = await harnessFor(sb);
		const input = Array.from({ length: 230 }, (_, k) => ({ firstName: 'N', lastName: `L${k}`, email: `n${k}@sample.test`, ...(k === 0 ? { oldestOnly: 'x' } : {}), ...(k === 229 ? { newestOnly: 'y' } : {}) }));
		expect((await h.run({ parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), mappingMode: 'autoMap', writeMode: 'unverified' } }, input)).error).toBeUndefined();
		sb.clearRequests();
		const fields = await schemaFor({ resource: 'lead', operation: 'createMany', clientId: rl(recordId) });
		const ids = fields.map((f) => f.id);
		expect(ids).toContain('newestOnly');
		expect(ids).not.toContain('oldestOnly'); // lead 1 of 230 is not among the newest 200
		const searches = apiCalls(sb).filter((r) => r.path === '/api/agent/leads');
		expect(searches.map((r) => r.query.client_id)).toEqual([slug, slug]);
		expect(searches.reduce((n, r) => n + Number(r.query.pageSize), 0)).toBe(SAMPLE_LEADS);
	});

	test('Update Many: the Lead ID is the one required field and the match; no client needed', async () => {
		const fields = await schemaFor({ resource: 'lead', operation: 'updateMany' });
		expect(fields[0]).toMatchObject({ id: 'id', required: true, defaultMatch: true, canBeUsedToMatch: true });
		expect(fields.filter((f) => f.required).map((f) => f.id)).toEqual(['id']);
		expect(fields.filter((f) => f.canBeUsedToMatch).map((f) => f.id)).toEqual(['id']);
		expect(fields.map((f) => f.id)).toEqual(expect.arrayContaining(['firstName', 'lastName', 'email', 'companyName', 'aiLeadScore']));
	});
});

describe('Create Many v2', () => {
	test('Map Automatically sends each input item\'s fields (system fields and empty values left out) and stores them', async () => {
		const sb = sandbox();
		const { slug } = emptyClient(sb, 'v2-auto');
		const h = await harnessFor(sb);
		const input = [
			{ firstName: 'Grace', lastName: 'Hopper', email: ' grace@v2auto.test ', companyName: 'Navy', shoeSize: 38, notes: '' },
			{ id: 'old-id', owner: 'x', client_id: 'elsewhere', createdAt: '2020-01-01', firstName: 'Alan', lastName: 'Turing', email: 'alan@v2auto.test' },
		];
		sb.clearRequests();
		const { items, error } = await h.run({ version: 2, parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), leadFields: autoMap() } }, input);
		expect(error).toBeUndefined();
		const posts = apiCalls(sb).filter((r) => r.method === 'POST' && r.path === '/api/leads');
		expect((posts[0].body as { leads: unknown[] }).leads).toEqual([
			{ client_id: slug, firstName: 'Grace', lastName: 'Hopper', email: 'grace@v2auto.test', companyName: 'Navy', shoeSize: 38 },
			{ client_id: slug, firstName: 'Alan', lastName: 'Turing', email: 'alan@v2auto.test' },
		]);
		expect(items.map((i) => i.json.status)).toEqual(['created', 'created']);
		const stored = sb.store.leadsOfClient(sb.demo.companyId, slug);
		expect(stored.map((l) => [l.email, l.shoeSize])).toEqual([
			['grace@v2auto.test', 38],
			['alan@v2auto.test', undefined],
		]);
	});

	test('Map Each Field Manually resolves each field per item, converts it to the schema type, and leaves out removed and empty fields', async () => {
		const sb = sandbox();
		const { slug } = emptyClient(sb, 'v2-below');
		const h = await harnessFor(sb);
		const schema = await schemaFor({ resource: 'lead', operation: 'createMany', clientId: rl(slug) });
		const withCustom: ResourceMapperField[] = [
			...schema.map((f) => (f.id === 'title' ? { ...f, removed: true } : f)),
			{ id: 'seats', displayName: 'Seats', type: 'number', required: false, defaultMatch: false, display: true },
		];
		const value = {
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			email: '={{ $json.mail }}',
			companyName: '={{ $json.company }}',
			seats: '={{ $json.seats }}',
			title: 'Removed Title',
			city: '',
		};
		const input = [
			{ first: 'Ada', last: 'Lovelace', mail: 'ada@v2below.test', company: 'Engines', seats: '12' },
			{ first: 'Charles', last: 'Babbage', mail: 'charles@v2below.test', company: ' ', seats: 3 },
		];
		sb.clearRequests();
		const { items, error } = await h.run({ version: 2, parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), leadFields: defineBelow(value, withCustom) } }, input);
		expect(error).toBeUndefined();
		const [post] = apiCalls(sb).filter((r) => r.method === 'POST' && r.path === '/api/leads');
		expect((post.body as { leads: unknown[] }).leads).toEqual([
			{ client_id: slug, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@v2below.test', companyName: 'Engines', seats: 12 },
			{ client_id: slug, firstName: 'Charles', lastName: 'Babbage', email: 'charles@v2below.test', seats: 3 },
		]);
		expect(items.map((i) => i.json.status)).toEqual(['created', 'created']);
		expect(sb.store.leadsOfClient(sb.demo.companyId, slug).map((l) => l.seats)).toEqual([12, 3]);
	});

	test('a v1 workflow keeps its Mapping Mode: the same parameters still run at version 1', async () => {
		const sb = sandbox();
		const { slug } = emptyClient(sb, 'v1-kept');
		const h = await harnessFor(sb);
		const { items, error } = await h.run(
			{ version: 1, parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), mappingMode: 'defineBelow', firstName: '={{ $json.f }}', lastName: 'L', email: '={{ $json.e }}' } },
			[{ f: 'One', e: 'one@v1kept.test' }],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'created', firstName: 'One', email: 'one@v1kept.test' });
		// and v1's parameters mean nothing at v2: Lead Fields (default: field by field, nothing mapped) decides
		const v2 = await h.run(
			{ version: 2, continueOnFail: true, parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), mappingMode: 'autoMap' } },
			[{ firstName: 'A', lastName: 'B', email: 'ab@v1kept.test' }],
		);
		expect(v2.items[0].json.error).toMatch(/Parameter "Lead Fields" field "firstName" is missing or empty \[item 0\]/);
	});
});

describe('Update Many v2', () => {
	const leadsOf = (n: number) => {
		const sb = sandbox();
		return sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, n);
	};

	test('Map Automatically takes the lead ID from "id" and every other field as a change', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const input = leadsOf(2).map((l) => ({ id: l.id, status: 'v2-auto', createdAt: l.createdAt }));
		sb.clearRequests();
		const { items, error } = await h.run({ version: 2, parameters: { resource: 'lead', operation: 'updateMany', leadFields: autoMap() } }, input);
		expect(error).toBeUndefined();
		const [put] = apiCalls(sb);
		expect((put.body as { leads: unknown[] }).leads).toEqual(input.map((l) => ({ id: l.id, status: 'v2-auto' })));
		expect(items.map((i) => i.json.status)).toEqual(['updated', 'updated']);
		for (const l of input) expect(sb.store.getLead(String(l.id))?.status).toBe('v2-auto');
	});

	test('Map Each Field Manually sends the matched Lead ID and the mapped changes', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const schema = await schemaFor({ resource: 'lead', operation: 'updateMany' });
		const input = leadsOf(2).map((l, k) => ({ leadId: l.id, stage: `below-${k}` }));
		sb.clearRequests();
		const { items, error } = await h.run(
			{
				version: 2,
				parameters: {
					resource: 'lead',
					operation: 'updateMany',
					leadFields: defineBelow({ id: '={{ $json.leadId }}', status: '={{ $json.stage }}', notes: '' }, schema, { matchingColumns: ['id'] }),
				},
			},
			input,
		);
		expect(error).toBeUndefined();
		const [put] = apiCalls(sb);
		expect((put.body as { leads: unknown[] }).leads).toEqual(input.map((l) => ({ id: l.leadId, status: l.stage })));
		expect(items.map((i) => i.json.status)).toEqual(['updated', 'updated']);
		input.forEach((l) => expect(sb.store.getLead(String(l.leadId))?.status).toBe(l.stage));
	});
});

describe('Lead Fields bad input is refused before any request', () => {
	const cases: Array<{ name: string; operation: 'createMany' | 'updateMany'; leadFields: (schema: ResourceMapperField[]) => ResourceMapperValue; input: IDataObject[]; item?: number; message: RegExp }> = [
		{ name: 'create, field by field, without a last name on item 1', operation: 'createMany', leadFields: (s) => defineBelow({ firstName: 'A', lastName: '={{ $json.last }}', email: 'a@bad.test' }, s), input: [{ last: 'B' }, { last: ' ' }], item: 1, message: /Parameter "Lead Fields" field "lastName" is missing or empty \[item 1\]/ },
		{ name: 'create, field by field, with a malformed email', operation: 'createMany', leadFields: (s) => defineBelow({ firstName: 'A', lastName: 'B', email: 'nope' }, s), input: [{}], message: /field "email" is not a valid email address/ },
		{ name: 'create, field by field, with "." as last name', operation: 'createMany', leadFields: (s) => defineBelow({ firstName: 'A', lastName: '.', email: 'a@bad.test' }, s), input: [{}], message: /field "lastName" cannot be "\."/ },
		{ name: 'create, field by field, with a number that is not one', operation: 'createMany', leadFields: (s) => defineBelow({ firstName: 'A', lastName: 'B', email: 'a@bad.test', aiLeadScore: '={{ $json.score }}' }, s.map((f) => (f.id === 'aiLeadScore' ? { ...f, type: 'number' as const } : f))), input: [{ score: 'high' }], message: /Invalid input for 'aiLeadScore'.*\[item 0\]/ },
		{ name: 'create, mapped automatically, with a phone field', operation: 'createMany', leadFields: () => autoMap(), input: [{ firstName: 'A', lastName: 'B', email: 'a@bad.test', phone: '1' }], message: /Input field "phone" is not accepted by LeadGenius: name it phoneNumber/ },
		{ name: 'create, mapped automatically, with a bad email on item 1', operation: 'createMany', leadFields: () => autoMap(), input: [{ firstName: 'A', lastName: 'B', email: 'a@bad.test' }, { firstName: 'A', lastName: 'B', email: 'broken' }], item: 1, message: /Input field "email" is not a valid email address.*\[item 1\]/ },
		{ name: 'update, field by field, without a lead ID', operation: 'updateMany', leadFields: (s) => defineBelow({ id: '={{ $json.none }}', status: 'x' }, s, { matchingColumns: ['id'] }), input: [{}], message: /field "id" is missing or empty/ },
		{ name: 'update, field by field, with nothing to change', operation: 'updateMany', leadFields: (s) => defineBelow({ id: 'abc', status: '' }, s, { matchingColumns: ['id'] }), input: [{}], message: /field "id" is the only field: there is nothing to change/ },
		{ name: 'update, mapped automatically, without id', operation: 'updateMany', leadFields: () => autoMap(), input: [{ id: 'a', title: 'X' }, { title: 'Y' }], item: 1, message: /Input field "id" is missing or empty \[item 1\]/ },
	];

	test.each(cases)('$name', async ({ operation, leadFields, input, item, message }) => {
		const sb = sandbox();
		const { slug } = emptyClient(sb, 'bad-v2');
		const h = await harnessFor(sb);
		const schema = await schemaFor({ resource: 'lead', operation, clientId: rl(slug) });
		sb.clearRequests();
		const parameters = { resource: 'lead', operation, ...(operation === 'createMany' ? { clientId: rl(slug) } : {}), leadFields: leadFields(schema) } as INodeParameters;
		const { items } = await h.run({ version: 2, continueOnFail: true, parameters }, input);
		const failed = items.findIndex((i) => i.json.error !== undefined);
		expect(failed).toBe(item ?? 0);
		expect(String(items[failed].json.error)).toMatch(message);
		// nothing of the bad item was sent (and with one item, nothing at all)
		const writes = apiCalls(sb).filter((r) => r.method !== 'GET');
		if (input.length === 1) expect(writes).toEqual([]);
		if (v2Auto(parameters) && input.length > 1) expect(writes.every((w) => (w.body as { leads: unknown[] }).leads.length === input.length - 1)).toBe(true);
	});
});

function v2Auto(parameters: INodeParameters): boolean {
	return (parameters.leadFields as ResourceMapperValue).mappingMode === 'autoMapInputData';
}

/** LeadGenius whose execution counts its parameter reads by name. */
class CountingLeadGenius extends LeadGenius {
	reads = new Map<string, number>();

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const self = counting;
		const read = this.getNodeParameter.bind(this);
		(this as { getNodeParameter: unknown }).getNodeParameter = (name: string, ...rest: unknown[]) => {
			self.reads.set(name, (self.reads.get(name) ?? 0) + 1);
			return (read as (...args: unknown[]) => unknown)(name, ...rest);
		};
		return await LeadGenius.prototype.execute.call(this);
	}
}
const counting = new CountingLeadGenius();

describe('Map Automatically keeps its speed', () => {
	test('the mapper is read once per execution, not once per item (field by field reads only its per-item values)', async () => {
		const sb = sandbox();
		const { slug } = emptyClient(sb, 'v2-speed');
		const h = await harnessFor(sb);
		h.nodeTypes.register('test.countingLeadGenius', counting);
		const n = 300;
		const input = Array.from({ length: n }, (_, k) => ({ firstName: 'S', lastName: `P${k}`, email: `s${k}@speed.test` }));
		const auto = await h.run({ type: 'test.countingLeadGenius', version: 2, parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), leadFields: autoMap(), writeMode: 'unverified' } }, input);
		expect(auto.error).toBeUndefined();
		expect(auto.items).toHaveLength(n);
		const mapperReads = (reads: Map<string, number>) => [...reads].filter(([name]) => name.startsWith('leadFields')).map(([name, count]) => `${name}×${count}`);
		expect(mapperReads(counting.reads)).toEqual(['leadFields.mappingMode×1']);

		counting.reads.clear();
		const schema = await schemaFor({ resource: 'lead', operation: 'createMany', clientId: rl(slug) });
		const value = { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', email: '={{ $json.email.replace("@", "+2@") }}' };
		const below = await h.run({ type: 'test.countingLeadGenius', version: 2, parameters: { resource: 'lead', operation: 'createMany', clientId: rl(slug), leadFields: defineBelow(value, schema), writeMode: 'unverified' } }, input);
		expect(below.error).toBeUndefined();
		expect(mapperReads(counting.reads).sort()).toEqual(['leadFields.mappingMode×1', 'leadFields.schema×1', `leadFields.value×${n}`]);
	});
});
