/** §3.6 Search history — GET (cursor paging, newest first) / POST / PUT /api/search-history. */
import { randomUUID } from 'node:crypto';
import { SEARCH_STATUSES } from '../catalog';
import { invalidFormat, notFound } from '../errors';
import { created, ok, tenant, type RouteDef } from '../http';
import { decodeToken, pageDescending } from '../pagination';
import type { SearchHistory, SearchStatus } from '../types';
import { bodyObject, oneOf, optString, qClamped, qString, reqString } from '../validate';

const SYSTEM = new Set(['id', 'owner', 'company_id', 'createdAt', 'updatedAt']);
const METRICS = ['totalLeadsFound', 'totalLeadsSaved', 'totalLeadsFailed'];
const CORE = new Set(['searchName', 'status', ...METRICS]);

const createSchema = {
	type: 'object',
	required: ['searchName'],
	properties: {
		searchName: { type: 'string', minLength: 1 },
		searchDescription: { type: 'string' },
		searchCriteria: { type: 'object' },
		searchFilters: { type: 'object' },
		client_id: { type: 'string' },
		clientName: { type: 'string' },
		icpId: { type: 'string' },
		icpName: { type: 'string' },
		apifyActorId: { type: 'string' },
		category: { type: 'string' },
		tags: { type: 'array', items: { type: 'string' } },
	},
};

export const searchHistoryRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/search-history',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const q = req.query;
			const clientId = qString(q, 'client_id');
			const status = qString(q, 'status');
			if (status !== undefined) oneOf(status, SEARCH_STATUSES, 'status');
			const icpId = qString(q, 'icpId');
			const category = qString(q, 'category');
			const limit = qClamped(q, 'limit', 20, 100);
			const scope = ['search', companyId, clientId, status, icpId, category].join('\u0000');
			const cursor = qString(q, 'cursor') ?? qString(q, 'nextToken');
			const before = cursor === undefined ? undefined : decodeToken(cursor, scope, 'cursor');
			const page = pageDescending(store.searchHistory.rows(companyId), before, limit, scope, (r) =>
				(clientId === undefined || r.client_id === clientId) &&
				(status === undefined || r.status === status) &&
				(icpId === undefined || r.icpId === icpId) &&
				(category === undefined || r.category === category),
			);
			const items = page.rows.map((r) => r.rec);
			return ok({ success: true, items, count: items.length, nextCursor: page.next, nextToken: page.next });
		},
	},
	{
		method: 'POST',
		path: '/api/search-history',
		auth: 'user',
		body: createSchema,
		handler: (req, { store }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const clientId = optString(b, 'client_id');
			if (clientId !== undefined && !store.clientBySlug(companyId, clientId)) throw notFound(`Client '${clientId}'`);
			const now = new Date().toISOString();
			const rec: SearchHistory = {
				id: randomUUID(),
				searchName: reqString(b, 'searchName'),
				status: 'initiated',
				owner: userId,
				company_id: companyId,
				createdAt: now,
				updatedAt: now,
				totalLeadsFound: 0,
				totalLeadsSaved: 0,
				totalLeadsFailed: 0,
				error: null,
			};
			for (const [k, v] of Object.entries(b)) if (!SYSTEM.has(k) && k !== 'status' && v !== null && v !== undefined) rec[k] = v;
			store.searchHistory.insert(rec, store.nextSeq());
			return created({ success: true, searchHistory: rec });
		},
	},
	{
		method: 'PUT',
		path: '/api/search-history',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const b = bodyObject(req.body);
			const rec = store.searchHistory.getIn(companyId, reqString(b, 'id'));
			if (!rec) throw notFound('Search history record');
			const status = optString(b, 'status');
			if (status !== undefined) oneOf(status, SEARCH_STATUSES, 'status');
			for (const m of METRICS) {
				if (b[m] !== undefined && b[m] !== null && (typeof b[m] !== 'number' || !Number.isInteger(b[m]))) {
					throw invalidFormat(`Field '${m}' must be an integer`);
				}
			}
			for (const [k, v] of Object.entries(b)) {
				if (SYSTEM.has(k) || v === undefined) continue;
				if (v === null) {
					if (k === 'error') rec.error = null;
					else if (!CORE.has(k)) delete rec[k];
				} else rec[k] = v;
			}
			if (status !== undefined) rec.status = status as SearchStatus;
			if ((status === 'completed' || status === 'failed') && b.completedAt === undefined && rec.completedAt === undefined) {
				rec.completedAt = new Date().toISOString();
			}
			rec.updatedAt = new Date().toISOString();
			return ok({ success: true, searchHistory: rec });
		},
	},
];
