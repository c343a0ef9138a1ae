/** §3.2 Clients — /api/clients (scoped by the caller's company). */
import { randomUUID } from 'node:crypto';
import { alreadyExists, ApiError, missingField, notFound } from '../errors';
import { created, ok, tenant, type RouteDef } from '../http';
import { bodyObject, optString, qBool, qString, reqString } from '../validate';
import type { Client } from '../types';

export const clientRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/clients',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const wanted = qString(req.query, 'clientId');
			if (wanted !== undefined) {
				// id first, then slug; nothing found = 200 with an empty list (§5 A5).
				const c = store.findClient(companyId, wanted);
				return ok({ success: true, clients: c ? [c] : [] });
			}
			return ok({ success: true, clients: store.clientsOf(companyId) });
		},
	},
	{
		method: 'POST',
		path: '/api/clients',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const clientName = reqString(b, 'clientName');
			const companyURL = optString(b, 'companyURL');
			const description = optString(b, 'description');
			const slug = optString(b, 'client_id')?.trim() || randomUUID();
			if (store.clientBySlug(companyId, slug)) {
				throw alreadyExists(`A client with client_id '${slug}' already exists`);
			}
			const now = new Date().toISOString();
			const client: Client = { id: randomUUID(), client_id: slug, clientName, owner: userId, company_id: companyId, createdAt: now, updatedAt: now };
			if (companyURL !== undefined) client.companyURL = companyURL;
			if (description !== undefined) client.description = description;
			store.addClient(client);
			return created({ success: true, client });
		},
	},
	{
		method: 'PUT',
		path: '/api/clients',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const b = bodyObject(req.body);
			const id = reqString(b, 'id');
			const client = store.clients.getIn(companyId, id);
			if (!client) throw notFound('Client');
			const patch: Partial<Record<'clientName' | 'companyURL' | 'description', string>> = {};
			for (const f of ['clientName', 'companyURL', 'description'] as const) {
				const v = optString(b, f);
				if (v !== undefined) patch[f] = v;
			}
			if (patch.clientName !== undefined && patch.clientName.trim() === '') throw missingField('clientName');
			Object.assign(client, patch, { updatedAt: new Date().toISOString() });
			return ok({ success: true, client });
		},
	},
	{
		method: 'DELETE',
		path: '/api/clients',
		auth: 'user',
		handler: (req, { store, production }) => {
			const { companyId } = tenant(req);
			const id = qString(req.query, 'id') ?? optString(bodyObject(req.body), 'id');
			if (!id) throw missingField('id');
			const client = store.clients.getIn(companyId, id);
			if (!client) throw notFound('Client');
			const purge = qBool(req.query, 'purge');
			const limit = production.settings.purgeTimeoutLeads;
			if (purge && limit > 0 && store.leads.clientRows(companyId, client.client_id).length > limit) {
				// Production mode: the purge times out part-way: the oldest `limit` leads are gone, the client stays.
				for (const row of store.leads.clientRows(companyId, client.client_id).slice(0, limit)) store.leads.remove(row.rec.id);
				throw new ApiError('gateway_timeout', 'Endpoint request timed out', {
					details: `The purge of a client holding more than ${limit} leads timed out; some leads were deleted, the client was not.`,
					recommendation: 'Delete the leads first (DELETE /api/leads with ids, in chunks), then the client.',
				});
			}
			store.clients.remove(client.id);
			if (purge) {
				const deletedLeads = store.leads.removeClient(companyId, client.client_id);
				return ok({ success: true, message: `Client deleted with ${deletedLeads} leads`, deletedLeads });
			}
			// Without purge the client's leads stay in place (orphaned), as in production.
			return ok({ success: true, message: 'Client deleted' });
		},
	},
];
