/**
 * §3.4 Bulk extraction — GET /api/enrich-leads/list and GET /api/source-leads/list.
 * API key only; `companyId` must be the caller's company; nextToken paging (default 1000, max 5000);
 * optional `fields` projection (`id` always included). Responses are assembled from cached
 * per-record JSON so a 5,000-record page costs a string join.
 */
import { forbidden } from '../errors';
import { tenant, type ApiRequest, type Ctx, type Reply, type RouteDef } from '../http';
import { decodeToken, pageAscending } from '../pagination';
import { joinJson, rowJson, type LeadTable, type Row } from '../store';
import type { Lead } from '../types';
import { qClamped, qRequired, qString } from '../validate';

function project(row: Row<Lead>, fields: string[]): string {
	const rec = row.rec;
	const out: Record<string, unknown> = { id: rec.id };
	for (const f of fields) if (f !== 'id' && rec[f] !== undefined) out[f] = rec[f];
	return JSON.stringify(out);
}

function bulkList(table: (ctx: Ctx) => LeadTable, name: string) {
	return (req: ApiRequest, ctx: Ctx): Reply => {
		const { companyId } = tenant(req);
		const requested = qRequired(req.query, 'companyId');
		if (requested !== companyId) {
			throw forbidden('companyId does not match the company of the API key owner', {
				recommendation: 'Use the id of your own company (GET /api/company).',
			});
		}
		const rawClient = qString(req.query, 'clientId');
		const clientId = rawClient === undefined || rawClient === 'ALL' || rawClient === 'DEFAULT' ? undefined : rawClient;
		const limit = qClamped(req.query, 'limit', 1000, 5000);
		const fieldsParam = qString(req.query, 'fields');
		const fields = fieldsParam
			? fieldsParam
					.split(',')
					.map((f) => f.trim())
					.filter(Boolean)
			: undefined;
		const t = table(ctx);
		const rows = clientId === undefined ? t.companyRows(companyId) : t.clientRows(companyId, clientId);
		const scope = `${name}\u0000${companyId}\u0000${clientId ?? '*'}`;
		const token = qString(req.query, 'nextToken');
		const page = pageAscending(rows, token === undefined ? undefined : decodeToken(token, scope), limit, scope);
		const summary: Record<string, number> = {};
		for (const r of page.rows) summary[r.rec.client_id] = (summary[r.rec.client_id] ?? 0) + 1;
		const meta = {
			totalReturned: page.rows.length,
			queryMethod: clientId === undefined ? 'company_id-GSI' : 'client_id-GSI',
			clientSummary: summary,
			companyId,
			clientId: clientId ?? 'ALL',
			limit,
			hasMore: page.next !== null,
		};
		const tail = `],"nextToken":${JSON.stringify(page.next)},"meta":${JSON.stringify(meta)}}`;
		if (fields) {
			// Projections are small and not cached: one string, encoded once by fastify.
			return { status: 200, json: '{"success":true,"data":[' + page.rows.map((r) => project(r, fields)).join(',') + tail };
		}
		return { status: 200, json: joinJson('{"success":true,"data":[', page.rows.map(rowJson), tail) };
	};
}

export const bulkRoutes: RouteDef[] = [
	{ method: 'GET', path: '/api/enrich-leads/list', auth: 'key', handler: bulkList((c) => c.store.leads, 'enrich') },
	{ method: 'GET', path: '/api/source-leads/list', auth: 'key', handler: bulkList((c) => c.store.sourceLeads, 'source') },
];
