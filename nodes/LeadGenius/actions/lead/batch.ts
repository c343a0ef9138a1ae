import type { IDataObject } from 'n8n-workflow';

import { batchOperation } from '../batch';
import { clientLocator, collection, num, required } from '../fields';
import type { Params } from '../params';
import { leadFieldsFromInput, mappingModeProperty, mapsAutomatically, SYSTEM_FIELDS, whenMappedBelow } from './auto-map';
import { additionalLeadFields, leadFieldsFrom, updateLeadFields } from './fields';
import { leadBody, NEW_LEAD_REQUIRED, newLeadFieldProperties } from './new-lead';

const batchOptions = collection('options', 'Options', [
	num('batchSize', 'Batch Size', 50, {
		typeOptions: { minValue: 1, maxValue: 100 },
		description: 'Leads per request (LeadGenius accepts at most 100 per request)',
	}),
]);

function batchSize(p: Params): number {
	const options = p.collection('options');
	if (options.batchSize === undefined) return 50;
	return p.int('options.batchSize', { min: 1, max: 100, fallback: 50 });
}

function idList(value: unknown): Set<string> {
	const out = new Set<string>();
	if (Array.isArray(value)) {
		for (const v of value) {
			const key = typeof v === 'object' && v ? (v as IDataObject).id ?? (v as IDataObject).email : v;
			if (key !== undefined && key !== null) out.add(String(key).toLowerCase());
		}
	}
	return out;
}

function reasons(value: unknown): Map<string, string> {
	const out = new Map<string, string>();
	if (Array.isArray(value)) {
		for (const v of value) {
			if (v && typeof v === 'object') {
				const key = (v as IDataObject).email ?? (v as IDataObject).id;
				const reason = (v as IDataObject).reason ?? (v as IDataObject).error;
				if (key !== undefined && reason !== undefined) out.set(String(key).toLowerCase(), String(reason));
			}
		}
	}
	return out;
}

export const createMany = batchOperation({
	value: 'createMany',
	name: 'Create Many',
	action: 'Create many leads',
	description: 'Create one lead per input item, sent in batches; outputs each lead\'s fate',
	routes: ['POST /api/leads (batch)'],
	properties: [
		clientLocator(),
		mappingModeProperty,
		...whenMappedBelow([...newLeadFieldProperties(), additionalLeadFields()]),
		batchOptions,
	],
	record: ({ p }) =>
		mapsAutomatically(p)
			? // the Client parameter decides the client in both modes
				{ client_id: p.locator('clientId'), ...leadFieldsFromInput(p, [...SYSTEM_FIELDS, 'client_id'], NEW_LEAD_REQUIRED) }
			: leadBody(p),
	chunkSize: batchSize,
	sendChunk: async (api, records, itemIndex) => {
		const answer = await api.request<IDataObject>({
			method: 'POST',
			path: '/api/leads',
			body: { leads: records },
			itemIndex,
		});
		// Prefer the per-row errors (exact, by index); fall back to the documented e-mail list.
		const byIndex = new Map<number, IDataObject>();
		for (const e of (Array.isArray(answer.errors) ? answer.errors : []) as IDataObject[]) {
			if (typeof e?.index === 'number') byIndex.set(e.index, e);
		}
		const skipped = byIndex.size > 0 ? new Set<string>() : idList(answer.skipped);
		const why = reasons(answer.skipped);
		const created = new Map<string, IDataObject>();
		for (const lead of (answer.leads ?? []) as IDataObject[]) {
			if (lead?.email) created.set(String(lead.email).toLowerCase(), lead);
		}
		return records.map((record, k) => {
			const email = String(record.email ?? '').toLowerCase();
			const rowError = byIndex.get(k);
			if (rowError || skipped.has(email)) {
				return {
					status: 'skipped',
					reason: String(
						rowError?.error ?? why.get(email) ?? 'LeadGenius skipped it (duplicate email in this client or invalid lead)',
					),
					...(rowError?.errorType ? { errorType: rowError.errorType } : {}),
					email: record.email,
					client_id: record.client_id,
				};
			}
			return { status: 'created', ...(created.get(email) ?? record) };
		});
	},
});

export const updateMany = batchOperation({
	value: 'updateMany',
	name: 'Update Many',
	action: 'Update many leads',
	description: 'Update one lead per input item, sent in batches; outputs each lead\'s fate',
	routes: ['PUT /api/leads (batch)'],
	properties: [
		mappingModeProperty,
		...whenMappedBelow([required('leadId', 'Lead ID', { description: 'The lead record ID' }), updateLeadFields()]),
		batchOptions,
	],
	record: ({ p }) => {
		if (mapsAutomatically(p)) {
			const { id, ...changes } = leadFieldsFromInput(p, SYSTEM_FIELDS.filter((f) => f !== 'id'), ['id']);
			if (Object.keys(changes).length === 0) {
				p.failInput('id', 'is the only field: there is nothing to change', 'Map Automatically sends every other field of the input item as a change.');
			}
			return { id: String(id), ...changes };
		}
		const fields = leadFieldsFrom(p, 'updateFields');
		if (Object.keys(fields).length === 0) p.fail('updateFields', 'needs at least one field to change');
		return { id: p.str('leadId', { required: true }), ...fields };
	},
	chunkSize: batchSize,
	sendChunk: async (api, records, itemIndex) => {
		const answer = await api.request<IDataObject>({ method: 'PUT', path: '/api/leads', body: { leads: records }, itemIndex });
		const failed = idList(answer.failed ?? answer.notFound);
		return records.map((r) =>
			failed.has(String(r.id).toLowerCase())
				? { status: 'failed', id: r.id, reason: 'not found' }
				: { status: 'updated', id: r.id },
		);
	},
});

export const deleteMany = batchOperation({
	value: 'deleteMany',
	name: 'Delete Many',
	action: 'Delete many leads',
	description: 'Delete one lead per input item, sent in batches of IDs; outputs each lead\'s fate',
	routes: ['DELETE /api/leads (batch)'],
	properties: [required('leadId', 'Lead ID', { description: 'The lead record ID' }), batchOptions],
	record: ({ p }) => ({ id: p.str('leadId', { required: true }) }),
	chunkSize: batchSize,
	sendChunk: async (api, records, itemIndex) => {
		const answer = await api.request<IDataObject>({
			method: 'DELETE',
			path: '/api/leads',
			body: { ids: records.map((r) => r.id) as unknown as IDataObject[] },
			itemIndex,
		});
		const failed = idList(answer.failed ?? answer.notFound);
		return records.map((r) =>
			failed.has(String(r.id).toLowerCase())
				? { status: 'failed', id: r.id, reason: 'not found' }
				: { status: 'deleted', id: r.id },
		);
	},
});
