import type { IDataObject } from 'n8n-workflow';

import type { LeadGeniusClient } from '../../transport/client';
import { isOutcomeUnknown, timedOut } from '../../transport/errors';
import { batchOperation } from '../batch';
import { omit } from '../builders';
import type { SettleEntry } from '../batch';
import type { Hints } from '../types';
import { leadClientSlug } from '../client-slug';
import { SYSTEM_FIELDS } from '../catalog';
import { choice, clientLocator, collection, fromV2, num, onlyV1, required } from '../fields';
import type { Params } from '../params';
import { leadFieldsFromInput, mappingModeProperty, mapsAutomatically, whenMappedBelow } from './auto-map';
import { additionalLeadFields, leadFieldsFrom, updateLeadFields } from './fields';
import { leadIdProperties, readLeadId } from './locator';
import { leadFieldsFromMapper, leadFieldsMapper, LEAD_FIELDS_PARAMETER, mapsAutomaticallyV2 } from './mapper';
import { leadBody, NEW_LEAD_REQUIRED, newLeadFieldProperties } from './new-lead';
import { createEachOnce, findEach, leadKey, prepareStoredLeadsRead, storedLeadsOf, waitForLateWrites } from './write';
import type { StoredLookup } from './write';

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

/** Internal status of a batch row LeadGenius claims it created, until the read-back says. */
const PENDING = 'pending verification';
/** The same, for a row whose batch timed out: the server may still be storing it. */
const PENDING_LATE = 'pending verification (timed out)';

const writeModeProperty = choice(
	'writeMode',
	'Write Mode',
	[
		{
			name: 'Batches, Verified',
			value: 'verified',
			description:
				"Send batches of up to 100 leads, then read the client's leads back and send again, one by one, every lead LeadGenius did not store. Its batch create can answer success and store nothing; this mode never reports a lead created that is not stored.",
		},
		{
			name: 'One Request per Lead',
			value: 'single',
			description:
				'Send each lead on its own (LeadGenius documents its single create as reliable); Parallel Requests under Request Options sets how many at once. More requests than batches.',
		},
		{
			name: 'Batches, Trust the Answer',
			value: 'unverified',
			description:
				'Fastest, but LeadGenius may not store a batch it accepted: rows come out with status "accepted", not "created". Use only where the deployment is known to store batches.',
		},
	],
	'verified',
	{
		noDataExpression: true,
		description:
			"How leads are sent and checked. LeadGenius's batch create is known to answer 201 and store nothing, so the default verifies every lead by reading the client back.",
	},
);

type WriteMode = 'verified' | 'single' | 'unverified';

function writeMode(p: Params): WriteMode {
	const mode = p.raw<string>('writeMode', 'verified');
	if (mode !== 'verified' && mode !== 'single' && mode !== 'unverified') p.fail('writeMode', `has an unknown value "${mode}"`);
	return mode;
}

/**
 * The client of every record as its slug (the invisible-lead guard); a record whose client cannot
 * be resolved gets that error instead, and nothing of it is sent.
 */
async function withClientSlugs(api: LeadGeniusClient, records: IDataObject[], itemIndexes: number[], hints: Hints) {
	return await Promise.all(
		records.map(async (record, k): Promise<IDataObject | Error> => {
			try {
				const slug = await leadClientSlug(api, String(record.client_id), itemIndexes[k], hints);
				return slug === record.client_id ? record : { ...record, client_id: slug };
			} catch (error) {
				return error as Error;
			}
		}),
	);
}

const LOST = Symbol('answer lost');
const LOST_LATE = Symbol('answer lost to a timeout');

/** A batch whose outcome is unknown becomes a marker; any other failure stays a rejection. */
function lostAnswer(error: unknown): typeof LOST | typeof LOST_LATE {
	if (!isOutcomeUnknown(error)) throw error;
	return timedOut(error) ? LOST_LATE : LOST;
}

/** POST one batch; each row comes back skipped (with the reason) or as `fate` (pending or accepted). */
async function postBatch(api: LeadGeniusClient, records: IDataObject[], itemIndex: number, fate: string): Promise<IDataObject[]> {
	const request = api.request<IDataObject>({ method: 'POST', path: '/api/leads', body: { leads: records }, itemIndex });
	// The answer was lost: whatever was stored is found by the read-back. Other failures fail the chunk.
	const answer = fate === PENDING ? await request.catch((error: unknown) => lostAnswer(error)) : await request;
	if (answer === LOST || answer === LOST_LATE) return records.map((record) => ({ ...record, status: answer === LOST ? PENDING : PENDING_LATE }));
	// Prefer the per-row errors (exact, by index); fall back to the documented e-mail list.
	const byIndex = new Map<number, IDataObject>();
	for (const e of (Array.isArray(answer.errors) ? answer.errors : []) as IDataObject[]) {
		if (typeof e?.index === 'number') byIndex.set(e.index, e);
	}
	const skipped = byIndex.size > 0 ? new Set<string>() : idList(answer.skipped);
	const why = reasons(answer.skipped);
	return records.map((record, k) => {
		const email = String(record.email ?? '').toLowerCase();
		const rowError = byIndex.get(k);
		if (rowError || skipped.has(email)) {
			return {
				status: 'skipped',
				reason: String(rowError?.error ?? why.get(email) ?? 'LeadGenius skipped it (duplicate email in this client or invalid lead)'),
				...(rowError?.errorType ? { errorType: rowError.errorType } : {}),
				email: record.email,
				client_id: record.client_id,
			};
		}
		// pending rows: status last, where verify() keeps it when it marks the row created (in place)
		return fate === PENDING ? { ...record, status: fate } : { status: fate, ...record };
	});
}

/** The lead as it was sent (its client resolved to the slug), from a pending row's output. */
function sentLead(e: SettleEntry): IDataObject {
	return omit(e.json ?? e.record, 'status');
}

/** Looks leads up by reading their clients back (one read-back per client, not one request per lead). */
const readBack: (api: LeadGeniusClient) => StoredLookup = (api) => async (jobs) => {
	const found = new Map<number, IDataObject>();
	const byClient = new Map<string, number[]>();
	jobs.forEach((job, k) => {
		const slug = String(job.lead.client_id);
		const group = byClient.get(slug);
		if (group) group.push(k);
		else byClient.set(slug, [k]);
	});
	for (const [slug, ks] of byClient) {
		const stored = await storedLeadsOf(api, slug, jobs[ks[0]].itemIndex);
		for (const k of ks) {
			const key = leadKey(jobs[k].lead);
			const lead = key === undefined ? undefined : stored.get(key);
			if (lead) found.set(k, lead);
		}
	}
	return found;
};

/**
 * Pending rows (LeadGenius claimed them created): found in their client's read-back means created;
 * missing ones are sent again one by one, exactly once (settled by further read-backs).
 */
async function verify(api: LeadGeniusClient, entries: SettleEntry[], hints: Hints): Promise<void> {
	const pending = entries.filter((e) => e.json?.status === PENDING || e.json?.status === PENDING_LATE);
	if (pending.length === 0) return;
	if (pending.some((e) => e.json?.status === PENDING_LATE)) await waitForLateWrites(api);
	// the pending row itself stands for the lead in the look-up (its extra `status` is no lead field)
	const jobs = pending.map((e) => ({ lead: e.json as IDataObject, itemIndex: e.itemIndex }));
	let found: Map<number, IDataObject>;
	try {
		found = await readBack(api)(jobs);
	} catch (error) {
		for (const e of pending) {
			e.json = undefined;
			e.error = error as Error;
		}
		return;
	}
	const claimedBy = new Map<unknown, number>();
	const missing: number[] = [];
	pending.forEach((e, k) => {
		const row = jobs[k].lead;
		const stored = found.get(k);
		if (leadKey(row) === undefined) {
			e.json = {
				status: 'unverified',
				reason: 'LeadGenius claimed it created this lead, which has neither an email nor a LinkedIn URL to look it up by',
				...sentLead(e),
			};
		} else if (!stored) {
			missing.push(k);
		} else if (claimedBy.has(stored.id)) {
			e.json = { status: 'skipped', reason: `Same lead as item ${claimedBy.get(stored.id)}`, email: row.email, client_id: row.client_id, id: stored.id };
		} else {
			claimedBy.set(stored.id, e.itemIndex);
			// the row is ours (made by postBatch): marked in place, `{ ...lead, status, id }` as before
			row.status = 'created';
			row.id = stored.id;
		}
	});
	if (missing.length === 0) return;
	const resend = missing.map((k) => ({ lead: sentLead(pending[k]), itemIndex: pending[k].itemIndex }));
	const outcomes = await createEachOnce(api, resend, readBack(api));
	missing.forEach((k, n) => {
		const outcome = outcomes[n];
		const e = pending[k];
		if (outcome instanceof Error) {
			e.json = undefined;
			e.error = outcome;
		} else e.json = { ...resend[n].lead, status: 'created', id: outcome.lead.id, resent: true };
	});
	hints.addExecutionHints?.({
		message: `LeadGenius answered that it created ${missing.length} lead(s) of a batch that it did not store; they were sent again one by one (see "resent" in the output).`,
		location: 'outputPane',
	});
}

/** Input fields Map Automatically does not send: what LeadGenius sets, and (Create Many) the client. */
const CREATE_LEAVES: ReadonlySet<string> = new Set([...SYSTEM_FIELDS, 'client_id']);
const UPDATE_LEAVES: ReadonlySet<string> = new Set(SYSTEM_FIELDS.filter((f) => f !== 'id'));

export const createMany = batchOperation({
	value: 'createMany',
	name: 'Create Many',
	action: 'Create many leads',
	description: "Create one lead per input item, sent in batches and verified; outputs each lead's fate",
	routes: ['POST /api/leads (batch)', 'POST /api/leads (single)', 'GET /api/leads', 'GET /api/enrich-leads/list', 'GET /api/find-lead'],
	properties: [
		clientLocator(),
		// v1: the hand-built Mapping Mode; v2: n8n's resource mapper (docs/versioning.md)
		...onlyV1([mappingModeProperty, ...whenMappedBelow([...newLeadFieldProperties(), additionalLeadFields()])]),
		...fromV2([leadFieldsMapper('createMany')]),
		writeModeProperty,
		batchOptions,
	],
	settings: (p) => {
		const mode = writeMode(p);
		// One Request per Lead: one lead per chunk, so Parallel Requests (which runs chunks side by side) bounds it
		return { mode, size: mode === 'single' ? 1 : batchSize(p) };
	},
	record: (p) => {
		if (p.version >= 2) return leadFieldsFromMapper(p, CREATE_LEAVES, NEW_LEAD_REQUIRED, { client_id: p.locator('clientId') });
		return mapsAutomatically(p)
			? // the Client parameter decides the client in both modes
				leadFieldsFromInput(p, CREATE_LEAVES, NEW_LEAD_REQUIRED, { client_id: p.locator('clientId') })
			: leadBody(p);
	},
	sendChunk: async ({ fn, api, settings: { mode } }, records, itemIndexes) => {
		const resolved = await withClientSlugs(api, records, itemIndexes, fn);
		if (mode === 'single') {
			const ks = resolved.map((_, k) => k).filter((k) => !(resolved[k] instanceof Error));
			const jobs = ks.map((k) => ({ lead: resolved[k] as IDataObject, itemIndex: itemIndexes[k] }));
			const outcomes = await createEachOnce(api, jobs, findEach(api));
			const out: Array<IDataObject | Error> = [...resolved];
			ks.forEach((k, n) => {
				const o = outcomes[n];
				out[k] = o instanceof Error ? o : { ...jobs[n].lead, status: 'created', id: o.lead.id, ...(o.recovered ? { recovered: true } : {}) };
			});
			return out;
		}
		const sendable = resolved.filter((r): r is IDataObject => !(r instanceof Error));
		const first = itemIndexes[resolved.findIndex((r) => !(r instanceof Error))];
		// what the read-back needs goes out beside the first batch, not after the last: one round trip less
		if (mode === 'verified' && sendable.length) prepareStoredLeadsRead(api, first);
		const sent = sendable.length ? await postBatch(api, sendable, first, mode === 'verified' ? PENDING : 'accepted') : [];
		let next = 0;
		return resolved.map((r) => (r instanceof Error ? r : sent[next++]));
	},
	settle: async ({ fn, api, settings: { mode } }, entries) => {
		if (mode === 'verified') await verify(api, entries, fn);
	},
});

export const updateMany = batchOperation({
	value: 'updateMany',
	name: 'Update Many',
	action: 'Update many leads',
	description: 'Update one lead per input item, sent in batches; outputs each lead\'s fate',
	routes: ['PUT /api/leads (batch)'],
	properties: [
		...onlyV1([
			mappingModeProperty,
			...whenMappedBelow([required('leadId', 'Lead ID', { description: 'The lead record ID' }), updateLeadFields()]),
		]),
		...fromV2([leadFieldsMapper('updateMany')]),
		batchOptions,
	],
	settings: (p) => ({ size: batchSize(p) }),
	record: (p) => {
		const v2 = p.version >= 2;
		if (v2 || mapsAutomatically(p)) {
			const fields = v2 ? leadFieldsFromMapper(p, UPDATE_LEAVES, ['id']) : leadFieldsFromInput(p, UPDATE_LEAVES, ['id']);
			let changes = 0;
			for (const key in fields) if (key !== 'id') changes++;
			if (changes === 0) {
				const why = 'is the only field: there is nothing to change';
				if (v2 && !mapsAutomaticallyV2(p)) p.fail(LEAD_FIELDS_PARAMETER, `field "id" ${why}`, 'Map at least one lead field besides the Lead ID.');
				p.failInput('id', why, 'Map Automatically sends every other field of the input item as a change.');
			}
			fields.id = String(fields.id);
			return fields;
		}
		const fields = leadFieldsFrom(p, 'updateFields');
		if (Object.keys(fields).length === 0) p.fail('updateFields', 'needs at least one field to change');
		return { id: p.str('leadId', { required: true }), ...fields };
	},
	sendChunk: async ({ api }, records, itemIndexes) => {
		const itemIndex = itemIndexes[0];
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
	properties: [...leadIdProperties(required('leadId', 'Lead ID', { description: 'The lead record ID' }), 'id'), batchOptions],
	settings: (p) => ({ size: batchSize(p) }),
	record: (p) => ({ id: readLeadId(p) }),
	sendChunk: async ({ api }, records, itemIndexes) => {
		const itemIndex = itemIndexes[0];
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
