/** §3.3 Leads — /api/leads (single + batch by body shape), /api/find-lead, /api/enrich-leads/{id}. */
import { ApiError, invalidFormat, invalidValue, missingField, notFound } from '../errors';
import { created, ok, tenant, type RouteDef } from '../http';
import { decodeToken, pageAscending } from '../pagination';
import { joinJson, normaliseEmail, rowJson } from '../store';
import type { Lead } from '../types';
import { bodyObject, has, qClamped, qRequired, qString, type Body } from '../validate';
import { applyLeadPatch, newLead, updatePatch } from './leadFields';
import { agentLeadSearch } from './leadSearch';

/** Batch limit of create/update/delete (§5 A23). */
export const MAX_BATCH = 100;

function batchArray(b: Body, field: 'leads' | 'ids'): unknown[] {
	const items = b[field];
	if (!Array.isArray(items)) throw invalidFormat(`'${field}' must be an array`);
	if (items.length === 0) throw invalidValue(`'${field}' must contain at least one element`);
	if (items.length > MAX_BATCH) {
		throw invalidValue(`Too many ${field === 'leads' ? 'leads' : 'ids'} in one request: ${items.length} (max ${MAX_BATCH})`, {
			recommendation: 'Split the batch into chunks of 50.',
		});
	}
	return items;
}

export const leadRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/leads',
		auth: 'user',
		handler: (req, ctx) => {
			// §5 A3: page/pageSize present → Agent-style search; otherwise the v1.1 client listing.
			// A deployment whose Agent API lives under /api/agent only has no search here (production mode).
			if (ctx.production.agentSearchOnLeads && (has(req.query, 'page') || has(req.query, 'pageSize'))) return agentLeadSearch(req, ctx);
			const { companyId } = tenant(req);
			const clientId = qRequired(req.query, 'client_id');
			const limit = qClamped(req.query, 'limit', 100, 1000);
			const scope = `leads\u0000${companyId}\u0000${clientId}`;
			const token = qString(req.query, 'nextToken');
			const after = token === undefined ? undefined : decodeToken(token, scope);
			const page = pageAscending(ctx.store.leads.clientRows(companyId, clientId), after, limit, scope);
			const n = page.rows.length;
			return {
				status: 200,
				json: joinJson('{"success":true,"leads":[', page.rows.map(rowJson), `],"total":${n},"count":${n},"nextToken":${JSON.stringify(page.next)}}`),
			};
		},
	},
	{
		method: 'POST',
		path: '/api/leads',
		auth: 'user',
		handler: (req, { store, production }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const mode = production.settings;
			if (!('leads' in b)) {
				const { lead, invisible } = newLead(store, b, userId, companyId, mode);
				return created({ success: true, lead: store.insertLead(lead, invisible) });
			}
			// Batch: structural problems fail the request; bad rows are skipped (by e-mail).
			const items = batchArray(b, 'leads');
			const rows = items.map((item, i) => {
				if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalidFormat(`leads[${i}] must be a JSON object`);
				return item as Body;
			});
			const skipped: string[] = [];
			const errors: Array<{ index: number; email: string | null; errorType: string; error: string }> = [];
			const seen = new Set<string>();
			let createdCount = 0;
			rows.forEach((row, index) => {
				const email = typeof row.email === 'string' && row.email ? row.email : null;
				try {
					const { lead, invisible } = newLead(store, row, userId, companyId, mode);
					if (email) {
						const key = lead.client_id + '\u0000' + normaliseEmail(email);
						const dup = seen.has(key) || store.leads.findByEmail(companyId, email).some((r) => r.rec.client_id === lead.client_id);
						if (dup) throw new ApiError('already_exists', `A lead with e-mail ${email} already exists in client ${lead.client_id}`);
						seen.add(key);
					}
					// Production mode: only a fraction of the accepted rows is really stored; all are claimed.
					if (production.persistBatchRow()) store.insertLead(lead, invisible);
					createdCount++;
				} catch (err) {
					if (!(err instanceof ApiError)) throw err;
					skipped.push(email ?? `leads[${index}]`);
					errors.push({ index, email, errorType: err.errorType, error: err.message });
				}
			});
			return created({ success: true, created: createdCount, skipped, errors });
		},
	},
	{
		method: 'PUT',
		path: '/api/leads',
		auth: 'user',
		handler: (req, { store, production }) => {
			const { companyId } = tenant(req);
			const b = bodyObject(req.body);
			const mode = production.settings;
			if (!('leads' in b)) {
				const id = b.id;
				if (id === undefined || id === null || id === '') throw missingField('id');
				if (typeof id !== 'string') throw invalidFormat("Field 'id' must be a string");
				if (!store.getLeadIn(companyId, id)) throw notFound('Lead');
				const lead = applyLeadPatch(store, id, updatePatch(store, b, companyId, mode));
				return ok({ success: true, lead });
			}
			const items = batchArray(b, 'leads');
			// Validate every row first so a bad row changes nothing.
			const planned = items.map((item, i) => {
				if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalidFormat(`leads[${i}] must be a JSON object`);
				const row = item as Body;
				if (typeof row.id !== 'string' || row.id === '') throw missingField(`leads[${i}].id`);
				return { id: row.id, update: updatePatch(store, row, companyId, mode) };
			});
			const failed: string[] = [];
			let updated = 0;
			for (const { id, update } of planned) {
				if (!store.getLeadIn(companyId, id)) {
					failed.push(id);
					continue;
				}
				applyLeadPatch(store, id, update);
				updated++;
			}
			return ok({ success: true, updated, failed });
		},
	},
	{
		method: 'DELETE',
		path: '/api/leads',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const single = qString(req.query, 'id');
			if (single !== undefined) {
				if (!store.getLeadIn(companyId, single)) throw notFound('Lead');
				store.leads.remove(single);
				return ok({ success: true, deleted: 1 });
			}
			const b = bodyObject(req.body);
			if (!('ids' in b)) throw missingField('id', { details: 'Pass ?id=<leadId> or a JSON body { "ids": [...] }.' });
			const ids = batchArray(b, 'ids');
			if (ids.some((x) => typeof x !== 'string')) throw invalidFormat("'ids' must be an array of strings");
			const failed: string[] = [];
			let deleted = 0;
			for (const id of ids as string[]) {
				if (store.getLeadIn(companyId, id)) {
					store.leads.remove(id);
					deleted++;
				} else failed.push(id);
			}
			return ok({ success: true, deleted, failed });
		},
	},
	{
		method: 'GET',
		path: '/api/find-lead',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const email = qString(req.query, 'email');
			const linkedinUrl = qString(req.query, 'linkedinUrl');
			const clientId = qString(req.query, 'client_id');
			if (email === undefined && linkedinUrl === undefined) {
				throw missingField('email', { details: 'Pass email and/or linkedinUrl.' });
			}
			let candidates = email !== undefined ? store.leads.findByEmail(companyId, email) : store.leads.findByLinkedin(companyId, linkedinUrl as string);
			if (email !== undefined && linkedinUrl !== undefined) {
				const byUrl = new Set(store.leads.findByLinkedin(companyId, linkedinUrl));
				candidates = candidates.filter((r) => byUrl.has(r));
			}
			const leads: Lead[] = candidates.filter((r) => clientId === undefined || r.rec.client_id === clientId).map((r) => r.rec);
			return ok({ success: true, found: leads.length > 0, leads });
		},
	},
	{
		method: 'GET',
		path: '/api/enrich-leads/:id',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const lead = store.getLeadIn(companyId, req.params.id);
			if (!lead) throw notFound('Lead');
			return ok({ success: true, lead });
		},
	},
	{
		method: 'PUT',
		path: '/api/enrich-leads/:id',
		auth: 'user',
		handler: (req, { store, production }) => {
			const { companyId } = tenant(req);
			const id = req.params.id;
			if (!store.getLeadIn(companyId, id)) throw notFound('Lead');
			if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
				throw invalidFormat('Request body must be a JSON object of lead fields');
			}
			const lead = applyLeadPatch(store, id, updatePatch(store, req.body as Body, companyId, production.settings));
			return ok({ success: true, lead });
		},
	},
];
