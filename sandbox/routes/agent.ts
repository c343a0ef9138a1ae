/**
 * §3.14 CLI-documented routes: POST /api/agent-api-keys (JWT only) and the Agent API routes,
 * each served under both /api/agent/<x> and /api/<x> (§5 A2).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { CAMPAIGN_CREATE_STATUSES, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, LEAD_STATUSES } from '../catalog';
import { invalidFormat, invalidValue, missingField, notFound } from '../errors';
import { agentPaths, caller, created, ok, tenant, type ApiRequest, type Ctx, type Reply, type RouteDef } from '../http';
import type { Campaign, Maintenance } from '../types';
import { bodyObject, oneOf, optObject, optString, qClamped, qString, reqString } from '../validate';
import { agentLeadSearch } from './leadSearch';

/** Max lead ids per enrichment trigger (§5 A23). */
export const MAX_ENRICHMENT_IDS = 500;

const campaignSchema = {
	type: 'object',
	required: ['name', 'campaignType'],
	properties: {
		name: { type: 'string', minLength: 1 },
		campaignType: { type: 'string', enum: CAMPAIGN_TYPES },
		status: { type: 'string', enum: CAMPAIGN_CREATE_STATUSES },
		description: { type: 'string' },
		client_id: { type: 'string' },
		startDate: { type: 'string' },
		endDate: { type: 'string' },
		goals: { type: 'object' },
	},
};

const maintenanceSchema = {
	type: 'object',
	required: ['description'],
	properties: { description: { type: 'string', minLength: 1 }, userEmail: { type: ['string', 'null'] } },
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined, fallback: string, name: string): string {
	if (value === undefined) return fallback;
	if (!DAY.test(value) || Number.isNaN(Date.parse(value))) throw invalidFormat(`'${name}' must be a date in YYYY-MM-DD format`);
	return value;
}

function pipeline(req: ApiRequest, { store }: Ctx): Reply {
	const { companyId } = tenant(req);
	const today = new Date().toISOString().slice(0, 10);
	const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
	const startDate = day(qString(req.query, 'startDate'), monthAgo, 'startDate');
	const endDate = day(qString(req.query, 'endDate'), today, 'endDate');
	if (startDate > endDate) throw invalidValue('startDate must not be after endDate');
	const from = `${startDate}T00:00:00.000Z`;
	const to = new Date(Date.parse(endDate) + 86400000).toISOString(); // exclusive
	const leadsByStatus: Record<string, number> = {};
	for (const s of LEAD_STATUSES) leadsByStatus[s] = 0;
	let totalLeads = 0;
	let scoreSum = 0;
	let scored = 0;
	for (const row of store.leads.companyRows(companyId)) {
		const rec = row.rec;
		if (rec.createdAt < from || rec.createdAt >= to) continue;
		totalLeads++;
		const status = typeof rec.status === 'string' ? rec.status : 'new';
		leadsByStatus[status] = (leadsByStatus[status] ?? 0) + 1;
		const score = Number(rec.aiLeadScore);
		if (rec.aiLeadScore !== undefined && Number.isFinite(score)) {
			scoreSum += score;
			scored++;
		}
	}
	const converted = (leadsByStatus.qualified ?? 0) + (leadsByStatus.customer ?? 0);
	return ok({
		success: true,
		data: {
			startDate,
			endDate,
			totalLeads,
			leadsByStatus,
			conversionRate: totalLeads ? Math.round((converted / totalLeads) * 10000) / 10000 : 0,
			averageLeadScore: scored ? Math.round((scoreSum / scored) * 10) / 10 : null,
		},
	});
}

function maintenanceRoutes(type: 'bug' | 'enhancement'): RouteDef[] {
	const plural = type === 'bug' ? 'bugs' : 'enhancements';
	return [
		{
			method: 'GET',
			path: agentPaths(`maintenance/${plural}`),
			auth: 'user',
			handler: (req, { store }) => {
				const { companyId } = tenant(req);
				return ok({ success: true, [plural]: store.maintenanceOf(companyId, type).reverse() });
			},
		},
		{
			method: 'POST',
			path: agentPaths(`maintenance/${plural}`),
			auth: 'user',
			body: maintenanceSchema,
			handler: (req, { store }) => {
				const { companyId, userId } = tenant(req);
				const b = bodyObject(req.body);
				const now = new Date().toISOString();
				const rec: Maintenance = {
					id: randomUUID(),
					type,
					description: reqString(b, 'description'),
					userEmail: optString(b, 'userEmail') ?? null,
					status: 'open',
					owner: userId,
					company_id: companyId,
					createdAt: now,
					updatedAt: now,
				};
				store.maintenance.insert(rec, store.nextSeq());
				return created({ success: true, [type]: rec });
			},
		},
	];
}

export const agentRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/api/agent-api-keys',
		auth: 'jwt',
		company: false,
		handler: (req, { store }) => {
			const who = caller(req);
			const b = bodyObject(req.body);
			const now = new Date().toISOString();
			const name = optString(b, 'name')?.trim() || `API Key ${now}`;
			const description = optString(b, 'description');
			const key = `lgp_${randomBytes(20).toString('hex')}`;
			const rec = { id: randomUUID(), key, keyPrefix: key.slice(0, 10), name, description, owner: who.userId, createdAt: now };
			store.apiKeys.set(key, rec);
			return ok({ success: true, apiKey: key, id: rec.id, name, keyPrefix: rec.keyPrefix, userId: who.userId, createdAt: now });
		},
	},
	{
		method: 'GET',
		path: agentPaths('campaigns'),
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const status = qString(req.query, 'status');
			if (status !== undefined) oneOf(status, CAMPAIGN_STATUSES, 'status');
			const type = qString(req.query, 'campaignType');
			if (type !== undefined) oneOf(type, CAMPAIGN_TYPES, 'campaignType');
			const clientId = qString(req.query, 'client_id');
			const page = qClamped(req.query, 'page', 1, Number.MAX_SAFE_INTEGER);
			const pageSize = qClamped(req.query, 'pageSize', 20, 100);
			const all = store
				.campaignsOf(companyId)
				.reverse()
				.filter((c) => (status === undefined || c.status === status) && (type === undefined || c.campaignType === type) && (clientId === undefined || c.client_id === clientId));
			const data = all.slice((page - 1) * pageSize, page * pageSize);
			const pagination = { page, pageSize, totalItems: all.length, totalPages: Math.ceil(all.length / pageSize) };
			// Both key names: openapi reads `data`, the CLI reads `campaigns` (§5 A25).
			return ok({ success: true, data, campaigns: data, pagination });
		},
	},
	{
		method: 'POST',
		path: agentPaths('campaigns'),
		auth: 'user',
		body: campaignSchema,
		handler: (req, { store }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const clientId = optString(b, 'client_id');
			if (clientId !== undefined && !store.clientBySlug(companyId, clientId)) throw notFound(`Client '${clientId}'`);
			const now = new Date().toISOString();
			const campaign: Campaign = {
				id: randomUUID(),
				name: reqString(b, 'name'),
				status: optString(b, 'status') ?? 'draft',
				campaignType: reqString(b, 'campaignType'),
				owner: userId,
				company_id: companyId,
				createdAt: now,
				updatedAt: now,
			};
			for (const f of ['description', 'client_id', 'startDate', 'endDate'] as const) {
				const v = optString(b, f);
				if (v !== undefined) campaign[f] = v;
			}
			const goals = optObject(b, 'goals');
			if (goals) campaign.goals = goals;
			store.campaigns.insert(campaign, store.nextSeq());
			return created({ success: true, id: campaign.id, campaign });
		},
	},
	{ method: 'GET', path: agentPaths('analytics/pipeline'), auth: 'user', handler: pipeline },
	...maintenanceRoutes('bug'),
	...maintenanceRoutes('enhancement'),
	// GET /api/leads (Agent variant) shares its route with the v1.1 list; see routes/leads.ts.
	{ method: 'GET', path: '/api/agent/leads', auth: 'user', handler: agentLeadSearch },
	{
		method: 'POST',
		path: agentPaths('enrichment/trigger'),
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const ids = b.leadIds;
			if (ids === undefined || ids === null) throw missingField('leadIds');
			if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) throw invalidFormat("'leadIds' must be an array of strings");
			if (ids.length === 0) throw missingField('leadIds', { details: 'leadIds is empty' });
			if (ids.length > MAX_ENRICHMENT_IDS) {
				throw invalidValue(`Too many leadIds: ${ids.length} (max ${MAX_ENRICHMENT_IDS})`, { recommendation: 'Split the request into chunks of at most 500 ids.' });
			}
			const enrichmentType = optString(b, 'enrichmentType') ?? 'standard';
			const priority = optString(b, 'priority') ?? null;
			const found = (ids as string[]).filter((id) => store.getLeadIn(companyId, id));
			const missing = (ids as string[]).filter((id) => !store.getLeadIn(companyId, id));
			const jobId = `job_${randomUUID().replace(/-/g, '')}`;
			store.enrichmentJobs.set(jobId, { id: jobId, company_id: companyId, owner: userId, leadIds: found, enrichmentType, priority, createdAt: new Date().toISOString() });
			return ok({ success: true, jobId, queued: found.length, notFound: missing, enrichmentType, priority });
		},
	},
];
