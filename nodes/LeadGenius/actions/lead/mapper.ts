import type { FieldType, IDataObject, INodeProperties, ResourceMapperField } from 'n8n-workflow';

import type { LeadGeniusClient } from '../../transport/client';
import { ENRICHED_LEAD_FIELDS, SYSTEM_FIELDS } from '../catalog';
import { compact } from '../params';
import type { Params } from '../params';
import { AUTO_MAP_HELP_V2, checkLeadFields, leadFieldsFromInput } from './auto-map';
import { NEW_LEAD_REQUIRED } from './new-lead';
import { AGENT_LEAD_SEARCH_STYLE, AGENT_LEADS_PATH } from './search';

/**
 * Node version 2's field mapping for Create Many and Update Many: n8n's `resourceMapper`
 * parameter ("Map Automatically" / "Map Each Field Manually"). Its schema comes from the
 * `getLeadFields` method (methods/resourceMapping.ts): the lead field catalogue plus the custom
 * fields found on up to SAMPLE_LEADS of the client's leads (the API lists no custom fields).
 */
export const LEAD_FIELDS_PARAMETER = 'leadFields';

/** n8n's value for Map Automatically (the resource mapper's mappingMode). */
const AUTO_MAP = 'autoMapInputData';

/** How many stored leads are read to find the custom fields a client uses. */
export const SAMPLE_LEADS = 200;

export type MapperOperation = 'createMany' | 'updateMany';

export function leadFieldsMapper(operation: MapperOperation): INodeProperties {
	return {
		displayName: 'Lead Fields',
		name: LEAD_FIELDS_PARAMETER,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description:
			operation === 'createMany'
				? "Each lead's fields: mapped automatically from the input item's fields of the same name, or set one by one"
				: "Each lead's ID and the fields to change: mapped automatically from the input item's fields of the same name, or set one by one",
		typeOptions: {
			// the client's custom fields are part of the schema: a new client, a new schema
			loadOptionsDependsOn: operation === 'createMany' ? ['clientId.value'] : [],
			resourceMapper: {
				resourceMapperMethod: 'getLeadFields',
				mode: operation === 'createMany' ? 'add' : 'update',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				...(operation === 'updateMany'
					? { matchingFieldsLabels: { title: 'Lead to Update', description: 'Leads are matched by their record ID', hint: 'The lead record ID' } }
					: {}),
			},
		},
	};
}

/** Fields LeadGenius sets itself (and the client, which the Client parameter decides): never in the schema. */
const NOT_MAPPED: ReadonlySet<string> = new Set([...SYSTEM_FIELDS, 'client_id']);

/** The catalogue's writable lead fields, first the ones every new lead needs. */
function catalogue(): Array<[id: string, displayName: string]> {
	const fields = ENRICHED_LEAD_FIELDS.filter(([id]) => !NOT_MAPPED.has(id)).map(([id, name]): [string, string] => [id, name]);
	const first = fields.filter(([id]) => NEW_LEAD_REQUIRED.includes(id));
	return [...first, ...fields.filter(([id]) => !NEW_LEAD_REQUIRED.includes(id))];
}

/** The n8n field type of a stored value: what the leads hold is what the mapper offers. */
function typeOf(value: unknown): FieldType | undefined {
	if (typeof value === 'number') return 'number';
	if (typeof value === 'boolean') return 'boolean';
	if (typeof value === 'string') return 'string';
	if (Array.isArray(value)) return 'array';
	if (value && typeof value === 'object') return 'object';
	return undefined;
}

/** "aiLeadScore" → "Ai Lead Score", "enrichment_11" → "Enrichment 11": a custom field's display name. */
function displayNameOf(id: string): string {
	const words = id
		.replace(/[_-]+/g, ' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([a-zA-Z])([0-9])/g, '$1 $2')
		.trim();
	return words.replace(/\b\w/g, (c) => c.toUpperCase()) || id;
}

/**
 * The mapper's schema. `samples` are stored leads (of the client for Create Many): they type the
 * catalogue's fields and bring in the custom fields the catalogue does not know.
 */
export function leadMapperSchema(operation: MapperOperation, samples: IDataObject[]): ResourceMapperField[] {
	const seen = new Map<string, FieldType>();
	for (const lead of samples) {
		for (const key in lead) {
			const type = typeOf(lead[key]);
			if (type && !seen.has(key)) seen.set(key, type);
		}
	}
	const out: ResourceMapperField[] = [];
	if (operation === 'updateMany') {
		out.push({ id: 'id', displayName: 'Lead ID', required: true, defaultMatch: true, canBeUsedToMatch: true, display: true, type: 'string' });
	}
	const known = new Set<string>();
	for (const [id, displayName] of catalogue()) {
		known.add(id);
		out.push({
			id,
			displayName,
			required: operation === 'createMany' && NEW_LEAD_REQUIRED.includes(id),
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: seen.get(id) ?? 'string',
		});
	}
	const custom = [...seen.keys()].filter((id) => !known.has(id) && !NOT_MAPPED.has(id) && id !== 'phone').sort();
	for (const id of custom) {
		out.push({ id, displayName: displayNameOf(id), required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: seen.get(id) });
	}
	return out;
}

/** Up to SAMPLE_LEADS stored leads, newest first (of one client when `clientSlug` is given). */
export async function sampleLeads(api: LeadGeniusClient, clientSlug?: string): Promise<IDataObject[]> {
	return await api.paginate(
		{ method: 'GET', path: AGENT_LEADS_PATH, qs: clientSlug ? { client_id: clientSlug } : {} },
		AGENT_LEAD_SEARCH_STYLE,
		{ returnAll: false, limit: SAMPLE_LEADS },
	);
}

/** What one execution reads of the mapper once: the mode, and the fields not to send (`leave` and the removed ones). */
interface MapperPlan {
	auto: boolean;
	skip: ReadonlySet<string>;
}

/** Whether Lead Fields is set to Map Automatically. */
export function mapsAutomaticallyV2(p: Params): boolean {
	return p.raw<string>(`${LEAD_FIELDS_PARAMETER}.mappingMode`, 'defineBelow') === AUTO_MAP;
}

function plan(p: Params, leave: ReadonlySet<string>): MapperPlan {
	return p.once(`${LEAD_FIELDS_PARAMETER}:plan`, () => {
		const auto = mapsAutomaticallyV2(p);
		const skip = new Set(leave);
		if (!auto) {
			const schema = p.raw<ResourceMapperField[] | undefined>(`${LEAD_FIELDS_PARAMETER}.schema`, []);
			for (const field of Array.isArray(schema) ? schema : []) if (field.removed) skip.add(field.id);
		}
		return { auto, skip };
	});
}

/**
 * One item's lead fields from Lead Fields (v2). Map Automatically: the input item's fields, as v1's
 * Map Automatically takes them (the mapper is not read per item). Field by field: the mapped
 * values as n8n resolved and type-checked them for this item, empty ones and removed fields left out.
 */
export function leadFieldsFromMapper(
	p: Params,
	leave: ReadonlySet<string>,
	requiredFields: readonly string[],
	into?: IDataObject,
): IDataObject {
	const { auto, skip } = plan(p, leave);
	if (auto) return leadFieldsFromInput(p, leave, requiredFields, into, AUTO_MAP_HELP_V2);
	const value = p.raw<IDataObject | null>(`${LEAD_FIELDS_PARAMETER}.value`, {}) ?? {};
	const fields = compact(value, skip, into);
	checkLeadFields(fields, requiredFields, (field, problem) => p.fail(LEAD_FIELDS_PARAMETER, `field "${field}" ${problem}`));
	return fields;
}
