import type { INodeProperties } from 'n8n-workflow';

import { fromV2, onlyV1 } from '../fields';
import type { Params } from '../params';

/** A lead record ID: LeadGenius gives every lead a UUID. */
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const IS_UUID = new RegExp(`^${UUID}$`);

/**
 * A lead page of the LeadGenius app, e.g. https://last.leadgenius.app/leads/<id>. The API
 * documentation shows no app URLs: this pattern is a guess (any host; a path ending in
 * lead/, leads/, enriched-leads/ or enrich-leads/ and the lead's UUID, then anything).
 */
const LEAD_URL = `^https?://[^/]+/(?:[^?#]*/)?(?:leads?|enriched-leads|enrich-leads)/(${UUID})(?:[/?#].*)?$`;

/**
 * The lead picker of node version 2: From List (the Agent API lead search, searchLeads), By ID
 * (a UUID) and By URL (a LeadGenius app lead page). `base` is the v1 string parameter: v1 keeps it
 * unchanged, v2 gets the locator under the same name.
 */
export function leadIdProperties(base: INodeProperties, defaultMode: 'list' | 'id' = 'list'): INodeProperties[] {
	return [...onlyV1([base]), ...fromV2([leadLocator(base, defaultMode)])];
}

/** The lead picker itself (named, labelled and described as `base`); `required: false` for an optional lead. */
export function leadLocator(base: INodeProperties, defaultMode: 'list' | 'id' = 'list', required = true): INodeProperties {
	const fallback = typeof base.default === 'string' ? base.default : '';
	return {
		displayName: base.displayName,
		name: base.name,
		type: 'resourceLocator',
		default: { mode: defaultMode, value: defaultMode === 'id' ? fallback : '' },
		...(required ? { required } : {}),
		description: base.description,
		...(base.displayOptions ? { displayOptions: base.displayOptions } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search by name or email…',
				typeOptions: { searchListMethod: 'searchLeads', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7c0e2f4a-1b2c-4d5e-8f90-123456789abc',
				validation: [{ type: 'regex', properties: { regex: `^${UUID}$`, errorMessage: 'Not a lead ID (a UUID)' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://last.leadgenius.app/leads/7c0e2f4a-1b2c-4d5e-8f90-123456789abc',
				validation: [{ type: 'regex', properties: { regex: LEAD_URL, errorMessage: 'Not a LeadGenius lead URL' } }],
				extractValue: { type: 'regex', regex: LEAD_URL },
			},
		],
	} as INodeProperties;
}

/**
 * The lead ID a lead parameter holds: v1's string as it always was read; v2's locator value
 * (the URL mode's ID taken out by n8n), which must be a UUID.
 */
export function readLeadId(p: Params, name = 'leadId'): string {
	if (p.version < 2) return p.str(name, { required: true });
	return leadIdFromLocator(p, name, true);
}

/** A v2 lead picker's ID, checked to be a UUID; '' when an optional picker is left empty. */
export function leadIdFromLocator(p: Params, name: string, required: boolean): string {
	const id = p.locator(name, { required });
	if (id !== '' && !IS_UUID.test(id)) p.fail(name, `is not a lead ID: a lead ID is a UUID (got ${JSON.stringify(id)})`);
	return id;
}
