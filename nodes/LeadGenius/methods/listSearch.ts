import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { AGENT_LEAD_SEARCH_STYLE, AGENT_LEADS_PATH } from '../actions/lead/search';
import { LeadGeniusClient, pickArray } from '../transport/client';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
}

async function clients(fn: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const api = await LeadGeniusClient.create(fn);
	const answer = await api.request<IDataObject>({ method: 'GET', path: '/api/clients' });
	return pickArray(answer, ['clients', 'data']);
}

/** Leads shown per page of the lead picker (one Agent API search page). */
const LEAD_PAGE = 50;

/** A lead as the picker shows it: its name, then its email. */
function leadLabel(lead: IDataObject): string {
	const name = [lead.firstName, lead.lastName].filter((v) => typeof v === 'string' && v !== '').join(' ');
	const shown = String(lead.fullName || name || lead.email || lead.id);
	return lead.email && lead.email !== shown ? `${shown} (${String(lead.email)})` : shown;
}

function byName(a: { name: string }, b: { name: string }) {
	return a.name.localeCompare(b.name);
}

/** Pickers for resource locators. Each works in every credential mode the API allows. */
export const listSearch = {
	/** Clients by name; the value is the client_id slug (what leads refer to). */
	async searchClients(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const results = (await clients(this))
			.filter((c) => matches(filter, c.clientName, c.client_id))
			.map((c) => ({ name: `${String(c.clientName ?? c.client_id)} (${String(c.client_id)})`, value: String(c.client_id) }))
			.sort(byName);
		return { results };
	},

	/** Clients by name; the value is the record ID (what client Update/Delete need). */
	async searchClientRecords(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const results = (await clients(this))
			.filter((c) => matches(filter, c.clientName, c.client_id, c.id))
			.map((c) => ({ name: String(c.clientName ?? c.id), value: String(c.id) }))
			.sort(byName);
		return { results };
	},

	/**
	 * Leads of every client, newest first, through the Agent API lead search (GET {agent}/leads,
	 * the endpoint of Lead → Search by Name). A filter is looked for in the full name and the
	 * email (two searches, merged); the value is the lead record ID. Pages by page number.
	 */
	async searchLeads(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const api = await LeadGeniusClient.create(this);
		const page = Number(paginationToken ?? 1) || 1;
		const search = async (qs: IDataObject) => {
			const { tokenParam, limitParam, itemKeys } = AGENT_LEAD_SEARCH_STYLE;
			const answer = await api.request<IDataObject>({ method: 'GET', path: AGENT_LEADS_PATH, qs: { ...qs, [tokenParam]: page, [limitParam]: LEAD_PAGE } });
			return pickArray(answer, itemKeys);
		};
		const needle = filter?.trim();
		const pages = needle ? await Promise.all([search({ fullName: needle }), search({ email: needle })]) : [await search({})];
		const seen = new Set<string>();
		const results: INodeListSearchResult['results'] = [];
		for (const lead of pages.flat()) {
			const id = String(lead.id ?? '');
			if (id === '' || seen.has(id)) continue;
			seen.add(id);
			results.push({ name: leadLabel(lead), value: id });
		}
		const more = pages.some((p) => p.length === LEAD_PAGE);
		return { results, ...(more ? { paginationToken: String(page + 1) } : {}) };
	},

	/** Workbench webhooks by name; the value is the webhook ID. */
	async searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const api = await LeadGeniusClient.create(this);
		const answer = await api.request<IDataObject>({ method: 'GET', path: '/api/webhook-workbench' });
		const results = pickArray(answer, ['webhooks', 'data'])
			.filter((w) => matches(filter, w.name, w.platform, w.id))
			.map((w) => ({ name: `${String(w.name ?? w.id)} (${String(w.platform ?? 'generic')})`, value: String(w.id) }))
			.sort(byName);
		return { results };
	},
};
