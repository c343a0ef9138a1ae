/** §3.8 Territory workbench — GET / POST (upsert) /api/territory-workbench/companies. */
import { randomUUID } from 'node:crypto';
import { TERRITORY_SORT_FIELDS } from '../catalog';
import { invalidFormat, invalidValue, notFound } from '../errors';
import { ok, tenant, type RouteDef } from '../http';
import type { TerritoryCompany } from '../types';
import { bodyObject, oneOf, optString, qInt, qRequired, qString, reqString } from '../validate';

const SYSTEM = new Set(['id', 'owner', 'company_id', 'createdAt', 'updatedAt', 'client_id']);
const INT_FIELDS = ['totalLeads', 'qualifiedLeads'];

function isoDate(value: string, name: string): number {
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw invalidFormat(`Query parameter '${name}' must be an ISO date`);
	return ms;
}

export const territoryRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/territory-workbench/companies',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const q = req.query;
			const clientId = qRequired(q, 'client_id');
			const sortBy = qString(q, 'sortBy');
			if (sortBy !== undefined) oneOf(sortBy, TERRITORY_SORT_FIELDS, 'sortBy');
			const dir = (qString(q, 'sortDirection') ?? 'desc').toLowerCase();
			oneOf(dir, ['asc', 'desc'], 'sortDirection');
			const industry = qString(q, 'industry')?.toLowerCase();
			const minLeads = qInt(q, 'minLeads');
			const maxLeads = qInt(q, 'maxLeads');
			const search = qString(q, 'search')?.toLowerCase();
			const start = qString(q, 'startDate');
			const end = qString(q, 'endDate');
			const startMs = start === undefined ? undefined : isoDate(start, 'startDate');
			let endMs = end === undefined ? undefined : isoDate(end, 'endDate');
			if (end !== undefined && endMs !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(end)) endMs += 86400000 - 1; // whole end day
			const companies = store.territoryOf(companyId, clientId).filter((c) => {
				if (industry !== undefined && (c.industry ?? '').toLowerCase() !== industry) return false;
				if (minLeads !== undefined && c.totalLeads < minLeads) return false;
				if (maxLeads !== undefined && c.totalLeads > maxLeads) return false;
				if (search !== undefined && !c.companyName.toLowerCase().includes(search) && !(c.companyDomain ?? '').toLowerCase().includes(search)) return false;
				const last = Date.parse(c.lastActivityDate);
				if (startMs !== undefined && last < startMs) return false;
				if (endMs !== undefined && last > endMs) return false;
				return true;
			});
			const key = sortBy ?? 'totalLeads';
			const sign = dir === 'asc' ? 1 : -1;
			companies.sort((a, b) => {
				const x = a[key] as string | number;
				const y = b[key] as string | number;
				const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
				return cmp * sign || a.companyName.localeCompare(b.companyName);
			});
			return ok({ success: true, companies, count: companies.length });
		},
	},
	{
		method: 'POST',
		path: '/api/territory-workbench/companies',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const clientId = reqString(b, 'client_id');
			if (!store.clientBySlug(companyId, clientId)) throw notFound(`Client '${clientId}'`);
			const id = optString(b, 'id');
			if (b.companyName !== undefined) reqString(b, 'companyName');
			for (const f of INT_FIELDS) {
				if (b[f] !== undefined && (typeof b[f] !== 'number' || !Number.isInteger(b[f]) || (b[f] as number) < 0)) {
					throw invalidValue(`Field '${f}' must be a non-negative integer`);
				}
			}
			if (b.averageLeadScore !== undefined && typeof b.averageLeadScore !== 'number') throw invalidFormat("Field 'averageLeadScore' must be a number");
			let rec: TerritoryCompany | undefined;
			if (id !== undefined) {
				rec = store.territory.getIn(companyId, id);
				if (!rec) throw notFound('Territory company');
			} else {
				const name = reqString(b, 'companyName').trim().toLowerCase();
				rec = store.territoryOf(companyId, clientId).find((c) => c.companyName.trim().toLowerCase() === name);
			}
			const now = new Date().toISOString();
			const isNew = rec === undefined;
			if (!rec) {
				rec = {
					id: randomUUID(),
					companyName: reqString(b, 'companyName'),
					totalLeads: 0,
					qualifiedLeads: 0,
					averageLeadScore: 0,
					lastActivityDate: now,
					client_id: clientId,
					company_id: companyId,
					owner: userId,
					createdAt: now,
					updatedAt: now,
				};
				store.territory.insert(rec, store.nextSeq());
			}
			for (const [k, v] of Object.entries(b)) if (!SYSTEM.has(k) && v !== undefined && v !== null) rec[k] = v;
			rec.updatedAt = now;
			return { status: isNew ? 201 : 200, body: { success: true, company: rec, created: isNew } };
		},
	},
];
