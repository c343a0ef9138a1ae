import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { LeadGeniusClient, PageStyle } from '../../transport/client';
import { isLeadWrite500, isOutcomeUnknown, timedOut } from '../../transport/errors';
import { unwrap } from '../builders';
import { BULK_STYLE } from '../bulk';
import { mapConcurrent } from '../parallel';
import { companyIdOf } from '../bulk-access';

/**
 * The one write-verification helper: creates that happen exactly once, and read-backs that tell
 * which leads a client really holds. LeadGenius can carry out a create and lose the answer (a 5xx,
 * a reset, a timeout), and its batch create answers 201 for leads it never stores; so a create
 * whose outcome is unknown is looked up before it is sent again, and "created" means seen stored.
 */

/** The v1.1 lead list (`GET /api/leads?client_id=`): pages of up to 1,000 by `nextToken`. */
export const LEAD_LIST_STYLE: PageStyle = {
	itemKeys: ['leads', 'data', 'items'],
	tokenParam: 'nextToken',
	tokenKeys: ['nextToken', 'lastKey'],
	limitParam: 'limit',
	maxPageSize: 1000,
};

/** How a lead can be found again: its e-mail, else its LinkedIn URL (within its client). */
export function leadKey(lead: IDataObject): string | undefined {
	if (typeof lead.email === 'string' && lead.email !== '') return `e:${lead.email.trim().toLowerCase()}`;
	if (typeof lead.linkedinUrl === 'string' && lead.linkedinUrl !== '') return `l:${lead.linkedinUrl.trim()}`;
	return undefined;
}

export function canVerify(lead: IDataObject): boolean {
	return leadKey(lead) !== undefined;
}

/** The stored lead of `lead`'s client with the same e-mail (or LinkedIn URL), if there is one. */
export async function findStoredLead(api: LeadGeniusClient, lead: IDataObject, itemIndex: number): Promise<IDataObject | undefined> {
	const byEmail = typeof lead.email === 'string' && lead.email !== '';
	const qs: IDataObject = { client_id: lead.client_id, ...(byEmail ? { email: lead.email } : { linkedinUrl: lead.linkedinUrl }) };
	const answer = await api.request<IDataObject>({ method: 'GET', path: '/api/find-lead', qs, itemIndex });
	const leads = (answer?.leads ?? answer?.data ?? []) as IDataObject[];
	return leads.find((l) => l && (l.client_id === undefined || l.client_id === lead.client_id));
}

export interface CreateOutcome {
	/** The stored lead. */
	lead: IDataObject;
	/** Requests sent (POSTs). */
	sends: number;
	/** The answer was lost, and the lead was found stored afterwards. */
	recovered: boolean;
}

/** One lead to create, and the input item it belongs to. */
export interface CreateJob {
	lead: IDataObject;
	itemIndex: number;
}

/** Finds which of the jobs' leads are stored: job index → stored lead. */
export type StoredLookup = (jobs: CreateJob[]) => Promise<Map<number, IDataObject>>;

/** Looks each lead up on its own (`GET /api/find-lead`). */
export const findEach: (api: LeadGeniusClient) => StoredLookup = (api) => async (jobs) => {
	const found = new Map<number, IDataObject>();
	await mapConcurrent(jobs, api.parallel, async (job, k) => {
		const stored = await findStoredLead(api, job.lead, job.itemIndex);
		if (stored) found.set(k, stored);
	});
	return found;
};

/**
 * Create each lead exactly once (`POST /api/leads`, single), `api.parallel` at a time, in rounds.
 * A failure that proves nothing was stored (4xx, refused connection) is that lead's error. An
 * unknown outcome (5xx, reset, timeout) is settled by `lookup` once the round is over: stored means
 * created; absent means it is sent again in the next round, up to the Max Retries of Request
 * Options. LeadGenius's 500 for a field it cannot store is looked up but never sent again. A lead
 * with neither e-mail nor LinkedIn URL cannot be looked up, so its unknown outcome is an error that
 * says so. Returns each job's outcome, in order.
 */
export async function createEachOnce(api: LeadGeniusClient, jobs: CreateJob[], lookup: StoredLookup): Promise<Array<CreateOutcome | Error>> {
	const results: Array<CreateOutcome | Error> = new Array(jobs.length);
	let open = jobs.map((_, k) => k);
	for (let round = 0; open.length > 0; round++) {
		const unsettled: number[] = [];
		const failures = new Map<number, Error>();
		let late = false;
		await mapConcurrent(open, api.parallel, async (k) => {
			const { lead, itemIndex } = jobs[k];
			try {
				const answer = await api.request<IDataObject>({ method: 'POST', path: '/api/leads', body: lead, itemIndex });
				results[k] = { lead: unwrap(answer ?? {}, 'lead'), sends: round + 1, recovered: false };
			} catch (error) {
				const unknown = isOutcomeUnknown(error);
				if (!unknown && !isLeadWrite500(error)) results[k] = error as Error;
				else if (!canVerify(lead)) results[k] = unverifiable(api, error as Error, itemIndex);
				else {
					unsettled.push(k);
					failures.set(k, error as Error);
					late ||= timedOut(error);
				}
			}
		});
		if (unsettled.length === 0) break;
		if (late) await waitForLateWrites(api);
		let found: Map<number, IDataObject>;
		try {
			found = await lookup(unsettled.map((k) => jobs[k]));
		} catch (error) {
			for (const k of unsettled) results[k] = error as Error;
			break;
		}
		open = [];
		unsettled.forEach((k, n) => {
			const stored = found.get(n);
			const error = failures.get(k)!;
			if (stored) results[k] = { lead: stored, sends: round + 1, recovered: true };
			else if (!isOutcomeUnknown(error) || round >= api.retry.maxRetries) {
				if (isOutcomeUnknown(error)) appendNote(error, `Sent ${round + 1} times; each answer was lost and the lead was not found stored afterwards.`);
				results[k] = error;
			} else open.push(k);
		});
		if (open.length > 0) await sleep(api.backoff(round));
	}
	return results;
}

/**
 * A write that timed out may still be under way on the server: give it the time it was given (at
 * most 10 s) before looking, so a late write is found rather than sent twice.
 */
export async function waitForLateWrites(api: LeadGeniusClient): Promise<void> {
	await sleep(Math.min(api.retry.timeoutMs, 10_000));
}

/** Create one lead exactly once (see `createEachOnce`), looked up by `GET /api/find-lead`; throws its error. */
export async function createLeadOnce(api: LeadGeniusClient, lead: IDataObject, itemIndex: number): Promise<CreateOutcome> {
	const [outcome] = await createEachOnce(api, [{ lead, itemIndex }], findEach(api));
	if (outcome instanceof Error) throw outcome;
	return outcome;
}

/** The error for a create whose outcome is unknown and cannot be looked up. */
export function unverifiable(api: LeadGeniusClient, cause: Error, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		api.node,
		`Could not tell whether LeadGenius stored the lead: ${cause.message} [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'The answer to the create was lost, and a lead without an email or a LinkedIn URL cannot be looked up to check. It was not sent again, so that it cannot be created twice: check the client in LeadGenius before running this item again.',
		},
	);
}

function appendNote(error: Error, note: string): void {
	const e = error as Error & { description?: string | null };
	e.description = e.description ? `${e.description}\n${note}` : note;
}

/**
 * Starts what `forEachStoredLead` will need before it is called (the company id of the bulk list,
 * for an API key), so that a read-back after a long write does not wait for it. A failure here is
 * dropped: the read-back asks again and reports it.
 */
export function prepareStoredLeadsRead(api: LeadGeniusClient, itemIndex: number): void {
	if (api.authMode === 'apiKey') companyIdOf(api, itemIndex).catch(() => undefined);
}

/**
 * Every stored lead of a client, page by page (id, email, LinkedIn URL at least): the bulk list with
 * only those fields (pages of 5,000) for an API key, else the v1.1 list (pages of 1,000).
 */
export async function forEachStoredLead(
	api: LeadGeniusClient,
	clientSlug: string,
	itemIndex: number,
	onPage: (records: IDataObject[]) => void,
): Promise<void> {
	if (api.authMode === 'apiKey') {
		const companyId = await companyIdOf(api, itemIndex);
		await api.paginate(
			{
				method: 'GET',
				path: '/api/enrich-leads/list',
				qs: { companyId, clientId: clientSlug, fields: 'id,email,linkedinUrl,client_id' },
				itemIndex,
			},
			BULK_STYLE,
			{ returnAll: true, onPage },
		);
	} else {
		await api.paginate(
			{ method: 'GET', path: '/api/leads', qs: { client_id: clientSlug }, itemIndex },
			LEAD_LIST_STYLE,
			{ returnAll: true, onPage },
		);
	}
}

/** Every stored lead of a client by `leadKey` (the read-back after a batch create). */
export async function storedLeadsOf(api: LeadGeniusClient, clientSlug: string, itemIndex: number): Promise<Map<string, IDataObject>> {
	const stored = new Map<string, IDataObject>();
	await forEachStoredLead(api, clientSlug, itemIndex, (records) => {
		for (const r of records) {
			const key = leadKey(r);
			if (key !== undefined && !stored.has(key)) stored.set(key, r);
			// a lead with both is found by either
			if (typeof r.linkedinUrl === 'string' && r.linkedinUrl !== '' && key?.startsWith('e:')) {
				const urlKey = `l:${r.linkedinUrl.trim()}`;
				if (!stored.has(urlKey)) stored.set(urlKey, r);
			}
		}
	});
	return stored;
}
