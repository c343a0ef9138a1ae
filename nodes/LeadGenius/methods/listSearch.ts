import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

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
