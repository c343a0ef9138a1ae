/**
 * The output schemas n8n's editor shows before the first run (nodes/LeadGenius/__schema__, n8n's
 * layout: `v<version>/<resource>/<operation>.json`, and `v<version>.json` for the trigger, which
 * has neither) hold what the operations really output: each is checked against real outputs,
 * from workflows against the sandbox and from the trigger fired with each platform's events.
 * An output that gains or loses a required field, gains a field the schema does not know, or
 * changes a field's type fails here.
 *
 * After a deliberate output change: `UPDATE_SCHEMAS=1 npx jest -w 1 test/conformance/output-schemas.test.ts`
 * rewrites the files from the outputs (required = present in every output), then review the diff.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { emptyClient, harnessFor, useSandbox } from '../helpers/sandbox';
import { fire } from '../trigger/context';
import { genericFlat, genericReply, heyreachConnectionAccepted, heyreachReply, heyreachUnknown, lemlistInviteAccepted, lemlistReply, woodpeckerBounce, woodpeckerReplyBatch } from '../trigger/fixtures';

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** The JSON Schema subset the files use. */
export interface Schema {
	type?: JsonType | JsonType[];
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
}

const SCHEMA_DIR = join(__dirname, '../../nodes/LeadGenius/__schema__');
const UPDATE = process.env.UPDATE_SCHEMAS === '1';

function typeOf(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value as JsonType;
}

/**
 * Our validator (no dependency): every problem of `value` against `schema`, as `path: problem`.
 * Stricter than JSON Schema on one point: a field the schema does not list is a problem, so an
 * output that gains a field fails as one that loses a required field does.
 */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
	const problems: string[] = [];
	const allowed = schema.type === undefined ? undefined : ([] as JsonType[]).concat(schema.type);
	const actual = typeOf(value);
	if (allowed && !allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
		return [`${path}: is ${actual}, the schema says ${allowed.join(' or ')}`];
	}
	if (actual === 'object' && schema.properties) {
		const record = value as Record<string, unknown>;
		for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: required, missing`);
		for (const [key, v] of Object.entries(record)) {
			const sub = schema.properties[key];
			if (!sub) problems.push(`${path}.${key}: not in the schema`);
			else problems.push(...validate(sub, v, `${path}.${key}`));
		}
	}
	if (actual === 'array' && schema.items) (value as unknown[]).forEach((v, k) => problems.push(...validate(schema.items!, v, `${path}[${k}]`)));
	return problems;
}

/** A schema every one of `values` satisfies (used only to rewrite the files on request). */
function infer(values: unknown[]): Schema {
	const types = [...new Set(values.map(typeOf))];
	const merged: JsonType[] = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
	const schema: Schema = { type: merged.length === 1 ? merged[0] : merged.sort() };
	const objects = values.filter((v): v is Record<string, unknown> => typeOf(v) === 'object');
	if (objects.length) {
		const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))].sort();
		schema.properties = Object.fromEntries(keys.map((k) => [k, infer(objects.filter((o) => k in o).map((o) => o[k]))]));
		schema.required = keys.filter((k) => objects.every((o) => k in o));
	}
	const arrays = values.filter((v): v is unknown[] => Array.isArray(v));
	const elements = arrays.flat();
	if (elements.length) schema.items = infer(elements);
	return schema;
}

/** `opaque`: top-level fields whose content is the sender's own (kept as a bare type). */
function check(file: string, outputs: IDataObject[], opaque: string[] = []) {
	const path = join(SCHEMA_DIR, file);
	expect(outputs.length).toBeGreaterThan(0);
	if (UPDATE) {
		const schema = infer(outputs);
		for (const key of opaque) if (schema.properties?.[key]) schema.properties[key] = { type: schema.properties[key].type };
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, `${JSON.stringify(schema, null, '\t')}\n`);
	}
	const schema = JSON.parse(readFileSync(path, 'utf8')) as Schema;
	expect(schema.type).toBe('object');
	expect(outputs.flatMap((o, k) => validate(schema, o, `$[${k}]`))).toEqual([]);
}

describe('our schema validator', () => {
	const schema: Schema = { type: 'object', properties: { id: { type: 'string' }, n: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['id'] };
	test('accepts what the schema says', () => {
		expect(validate(schema, { id: 'a', n: 1.5, tags: ['x'] })).toEqual([]);
		expect(validate(schema, { id: 'a' })).toEqual([]);
	});
	test('refuses a lost required field, a gained field and a changed type', () => {
		expect(validate(schema, { n: 1 })).toEqual(['$.id: required, missing']);
		expect(validate(schema, { id: 'a', extra: true })).toEqual(['$.extra: not in the schema']);
		expect(validate(schema, { id: 1 })).toEqual(['$.id: is integer, the schema says string']);
		expect(validate(schema, { id: 'a', tags: ['x', 2] })).toEqual(['$.tags[1]: is integer, the schema says string']);
	});
});

const sandbox = useSandbox({ leads: 40 });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('LeadGenius v2 outputs match their __schema__ files', () => {
	const run = async (parameters: INodeParameters, input?: IDataObject[]) => {
		const h = await harnessFor(sandbox(), 'apiKey');
		const { items, error } = await h.run({ version: 2, parameters }, input);
		expect(error).toBeUndefined();
		return items.map((i) => i.json);
	};
	/** The outputs of several runs, one after the other. */
	const runs = async (...parameterSets: INodeParameters[]) => {
		const out: IDataObject[] = [];
		for (const parameters of parameterSets) out.push(...(await run(parameters)));
		return out;
	};

	test('Client: Create, Get, Get Many, Update, Delete', async () => {
		// two of each write, with different optional fields: what is required is what every output has
		const created = await runs({ resource: 'client', operation: 'create', clientName: 'Schema Client', additionalFields: { description: 'For the schema test' } }, { resource: 'client', operation: 'create', clientName: 'Schema Client Bare' });
		check('v2.0.0/client/create.json', created);
		const id = String(created[0].id);
		check('v2.0.0/client/get.json', await runs({ resource: 'client', operation: 'get', clientRecordId: rl(id) }, { resource: 'client', operation: 'get', clientRecordId: rl(String(created[1].id)) }));
		check('v2.0.0/client/getAll.json', await run({ resource: 'client', operation: 'getAll', returnAll: true }));
		check('v2.0.0/client/update.json', await runs({ resource: 'client', operation: 'update', clientRecordId: rl(id), updateFields: { clientName: 'Schema Client 2' } }, { resource: 'client', operation: 'update', clientRecordId: rl(String(created[1].id)), updateFields: { description: 'Now described' } }));
		check('v2.0.0/client/delete.json', await run({ resource: 'client', operation: 'delete', clientRecordId: rl(id) }));
	});

	test('Lead: Create, Get, Get Many, Update, Delete', async () => {
		const sb = sandbox();
		const created = await runs({ resource: 'lead', operation: 'create', clientId: rl(sb.demo.clientId), firstName: 'Schema', lastName: 'Lead', email: 'schema@lead.test', additionalFields: { companyName: 'Schemas Inc' } }, { resource: 'lead', operation: 'create', clientId: rl(sb.demo.clientId), firstName: 'Bare', lastName: 'Lead', email: 'bare@lead.test' });
		check('v2.0.0/lead/create.json', created);
		const id = String(created[0].id);
		const existing = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 5);
		check('v2.0.0/lead/get.json', await runs({ resource: 'lead', operation: 'get', leadId: rl(id) }, { resource: 'lead', operation: 'get', leadId: rl(existing[0].id) }, { resource: 'lead', operation: 'get', leadId: rl(String(created[1].id)) }));
		check('v2.0.0/lead/getAll.json', await run({ resource: 'lead', operation: 'getAll', clientId: rl(sb.demo.clientId), returnAll: true }));
		check('v2.0.0/lead/update.json', await runs({ resource: 'lead', operation: 'update', leadId: rl(id), updateFields: { title: 'Tester' } }, { resource: 'lead', operation: 'update', leadId: rl(String(created[1].id)), updateFields: { notes: 'Noted' } }));
		check('v2.0.0/lead/delete.json', await run({ resource: 'lead', operation: 'delete', leadId: rl(id) }));
	});

	test('Enriched Lead: Get, Get Many, Update', async () => {
		const sb = sandbox();
		const { slug } = emptyClient(sb, 'schema-enriched');
		const leads = await run({ resource: 'lead', operation: 'createMany', clientId: rl(slug), leadFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false } }, [
			{ firstName: 'E', lastName: 'One', email: 'e1@schema.test' },
			{ firstName: 'E', lastName: 'Two', email: 'e2@schema.test' },
		]);
		const seeded = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 3);
		check('v2.0.0/enrichedLead/get.json', (await Promise.all([...leads.map((l) => String(l.id)), ...seeded.map((l) => l.id)].map(async (id) => await run({ resource: 'enrichedLead', operation: 'get', leadId: rl(id) })))).flat());
		check('v2.0.0/enrichedLead/getAll.json', await run({ resource: 'enrichedLead', operation: 'getAll', returnAll: true }));
		check('v2.0.0/enrichedLead/update.json', await runs({ resource: 'enrichedLead', operation: 'update', leadId: rl(String(leads[0].id)), updateFields: { aiLeadScore: '80' } }, { resource: 'enrichedLead', operation: 'update', leadId: rl(String(leads[1].id)), updateFields: { notes: 'Noted' } }));
	});
});

describe('the LeadGenius Trigger event matches __schema__/v1.0.0.json', () => {
	test('events of every platform', async () => {
		const events: IDataObject[] = [];
		const fired = [
			await fire({ source: 'heyreach' }, { body: JSON.stringify(heyreachReply) }),
			await fire({ source: 'heyreach', heyreachEvents: ['CONNECTION_REQUEST_ACCEPTED'] }, { body: JSON.stringify(heyreachConnectionAccepted) }),
			await fire({ source: 'woodpecker' }, { body: JSON.stringify(woodpeckerReplyBatch) }),
			await fire({ source: 'lemlist' }, { body: JSON.stringify(lemlistReply) }),
			await fire({ source: 'generic' }, { body: JSON.stringify(genericReply) }),
			await fire({ source: 'heyreach' }, { body: JSON.stringify(heyreachUnknown) }),
			await fire({ source: 'woodpecker' }, { body: JSON.stringify(woodpeckerBounce) }),
			await fire({ source: 'lemlist' }, { body: JSON.stringify(lemlistInviteAccepted) }),
			await fire({ source: 'generic' }, { body: JSON.stringify(genericFlat) }),
		];
		for (const f of fired) for (const item of f.result.workflowData?.[0] ?? []) events.push(item.json);
		expect(new Set(events.map((e) => e.platform))).toEqual(new Set(['heyreach', 'woodpecker', 'lemlist', 'generic']));
		// `raw` is the event exactly as the platform sent it: its fields are the platform's, not ours
		check('v1.0.0.json', events, ['raw']);
	});
});
