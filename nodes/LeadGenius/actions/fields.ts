import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Small builders for the parameters operations share, so each operation reads like a table row. */

export function text(
	name: string,
	displayName: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'string', default: '', ...extra } as INodeProperties;
}

export function required(name: string, displayName: string, extra: Partial<INodeProperties> = {}) {
	return text(name, displayName, { required: true, ...extra });
}

export function secret(name: string, displayName: string, extra: Partial<INodeProperties> = {}) {
	return text(name, displayName, { typeOptions: { password: true }, ...extra });
}

export function bool(name: string, displayName: string, def = false, extra: Partial<INodeProperties> = {}) {
	// n8n's lint reads a boolean parameter's default only from a literal, hence `false` then the caller's.
	return { displayName, name, type: 'boolean', default: false, ...(def ? { default: true } : {}), ...extra } as INodeProperties;
}

export function num(name: string, displayName: string, def: number, extra: Partial<INodeProperties> = {}) {
	return { displayName, name, type: 'number', default: def, ...extra } as INodeProperties;
}

export function json(name: string, displayName: string, def = '{}', extra: Partial<INodeProperties> = {}) {
	return { displayName, name, type: 'json', default: def, ...extra } as INodeProperties;
}

/** The property, shown only where `conditions` also hold (merged into its own show conditions). */
export function showWhen(prop: INodeProperties, conditions: NonNullable<INodeProperties['displayOptions']>['show']): INodeProperties {
	return { ...prop, displayOptions: { ...(prop.displayOptions ?? {}), show: { ...(prop.displayOptions?.show ?? {}), ...conditions } } };
}

/** Options sorted by name, as n8n's lint rules expect. */
export function sortOptions<T extends INodePropertyOptions>(options: T[]): T[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** An options or multi-options field: plain strings become options named as their value; sorted by name. */
function optionsField(
	type: 'options' | 'multiOptions',
	name: string,
	displayName: string,
	values: Array<string | INodePropertyOptions>,
	def: string | string[],
	extra: Partial<INodeProperties>,
): INodeProperties {
	return {
		displayName,
		name,
		type,
		options: sortOptions(values.map((v) => (typeof v === 'string' ? { name: v, value: v } : v))),
		default: def,
		...extra,
	} as INodeProperties;
}

export function choice(
	name: string,
	displayName: string,
	values: Array<string | INodePropertyOptions>,
	def: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return optionsField('options', name, displayName, values, def, extra);
}

export function multi(name: string, displayName: string, values: Array<string | INodePropertyOptions>, extra: Partial<INodeProperties> = {}): INodeProperties {
	return optionsField('multiOptions', name, displayName, values, [], extra);
}

export function collection(
	name: string,
	displayName: string,
	values: INodeProperties[],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...values].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		...extra,
	} as INodeProperties;
}

/** Return All + Limit, the pair every list offers. */
export function returnAllAndLimit(maxLimit?: number, def = 50): INodeProperties[] {
	return [
		bool('returnAll', 'Return All', false, { description: 'Whether to return all results or only up to a given limit' }),
		num('limit', 'Limit', def, {
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		}),
	];
}

/**
 * Client picker. Leads, searches, webhooks and territory records refer to a client by its slug
 * (`client_id`); client Update/Delete use the record ID. The list shows names and returns the
 * right one of the two.
 */
/** An optional Client picker (slug), e.g. a filter or a collection field. */
export function optionalClient(description: string): INodeProperties {
	return clientLocator({ required: false, description });
}

export function clientLocator(
	opts: { name?: string; displayName?: string; use?: 'slug' | 'record'; required?: boolean; description?: string } = {},
): INodeProperties {
	const use = opts.use ?? 'slug';
	return {
		displayName: opts.displayName ?? 'Client',
		name: opts.name ?? 'clientId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		// n8n's lint: leave `required` out rather than set it to false
		...((opts.required ?? true) ? { required: true } : {}),
		description:
			opts.description ??
			(use === 'slug'
				? 'The client (its client_id slug, not the record ID)'
				: 'The client record (its ID, not the client_id slug)'),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: use === 'slug' ? 'searchClients' : 'searchClientRecords',
					searchable: true,
				},
			},
			{
				displayName: use === 'slug' ? 'By Client ID (Slug)' : 'By ID',
				name: 'id',
				type: 'string',
				placeholder: use === 'slug' ? 'acme-corp' : 'e.g. 5b9cb5db-…',
			},
		],
	} as INodeProperties;
}

/** Webhook picker (workbench webhooks). */
export function webhookLocator(): INodeProperties {
	return {
		displayName: 'Webhook',
		name: 'webhookId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. wh-…' },
		],
	} as INodeProperties;
}

/** Node versions (docs/versioning.md): `@version` show conditions for parameters that differ. */
export const V1_ONLY = { '@version': [1] };
export const FROM_V2 = { '@version': [{ _cnd: { gte: 2 } }] };

/** The properties, shown only at node version 1 (saved v1 workflows keep them). */
export function onlyV1(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((prop) => showWhen(prop, V1_ONLY));
}

/** The properties, shown from node version 2 on. */
export function fromV2(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((prop) => showWhen(prop, FROM_V2));
}
