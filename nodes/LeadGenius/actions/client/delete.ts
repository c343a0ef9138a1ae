import type { IDataObject } from 'n8n-workflow';

import { findClient } from '../client-slug';
import { bool, clientLocator } from '../fields';
import { forEachStoredLead } from '../lead/write';
import { mapConcurrent } from '../parallel';
import { compact } from '../params';
import { operation } from '../builders';

/** Lead IDs per DELETE /api/leads request (LeadGenius's batch limit). */
const DELETE_BATCH = 100;

/**
 * Client → Delete. LeadGenius's own purge (`?purge=true`) times out above about 1,000 leads and
 * leaves the client half emptied, so Purge Leads deletes the leads first, in batches of IDs (as
 * LeadGenius's guides advise), then the client with `purge=true` for anything left.
 */
export const deleteClient = operation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a client',
	routes: ['DELETE /api/clients?id', 'GET /api/clients?clientId', 'DELETE /api/leads (batch)'],
	properties: [
		clientLocator({ name: 'clientRecordId', use: 'record' }),
		bool('purge', 'Purge Leads', false, {
			description:
				"Whether to also delete every lead of the client. The node deletes them in batches of 100 first, then the client: LeadGenius's own purge times out above about 1,000 leads.",
		}),
	],
	read: (p) => ({ id: p.locator('clientRecordId'), purge: p.bool('purge') }),
	run: async ({ id, purge }, { api, i }) => {
		let leadsDeleted = 0;
		if (purge) {
			const client = (await findClient(api, id, i)).byId;
			if (client && typeof client.client_id === 'string') {
				const ids: string[] = [];
				await forEachStoredLead(api, client.client_id, i, (records) => {
					for (const r of records) if (typeof r.id === 'string') ids.push(r.id);
				});
				const batches: string[][] = [];
				for (let k = 0; k < ids.length; k += DELETE_BATCH) batches.push(ids.slice(k, k + DELETE_BATCH));
				const deleted = await mapConcurrent(batches, api.parallel, async (batch) => {
					const answer = await api.request<IDataObject>({
						method: 'DELETE',
						path: '/api/leads',
						body: { ids: batch as unknown as IDataObject[] },
						itemIndex: i,
					});
					return typeof answer.deleted === 'number' ? answer.deleted : batch.length;
				});
				leadsDeleted = deleted.reduce((a, b) => a + b, 0);
			}
		}
		const answer = await api.request<IDataObject>({
			method: 'DELETE',
			path: '/api/clients',
			qs: compact({ id, purge: purge ? 'true' : undefined }),
			itemIndex: i,
		});
		return { ...answer, id, deleted: true, ...(purge ? { leadsDeleted: leadsDeleted + Number(answer.deletedLeads ?? 0) } : {}) };
	},
});
