/**
 * §3.13 Integrations — POST /api/start-lead-scrape-complete, GET /api/lead-generation-status,
 * POST /api/epsimo-chat, GET /api/unipile-accounts.
 * A scrape run is a background run (Apify statuses): when it succeeds it adds `maxLeads` source
 * leads to the client and completes its search-history record; when it fails the record is failed.
 */
import { randomUUID } from 'node:crypto';
import { missingField, notFound } from '../errors';
import { ok, tenant, type RouteDef } from '../http';
import { Prng, hash32 } from '../prng';
import type { SearchHistory } from '../types';
import { bodyObject, optInt, optObject, optString, qRequired, reqString } from '../validate';

const FIRST = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn'];
const LAST = ['Reed', 'Hayes', 'Brooks', 'Price', 'Bennett', 'Ward', 'Foster', 'Gray', 'Hughes', 'Sanders'];
const TITLES = ['Head of Sales', 'VP Marketing', 'Founder', 'CTO', 'Growth Lead', 'Procurement Manager'];

export const integrationRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/api/start-lead-scrape-complete',
		auth: 'user',
		handler: (req, { store, tasks }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const apifyActorId = reqString(b, 'apifyActorId');
			const input = optObject(b, 'input');
			if (input === undefined) throw missingField('input');
			const clientId = reqString(b, 'client_id');
			const client = store.clientBySlug(companyId, clientId);
			if (!client) throw notFound(`Client '${clientId}'`);
			const maxLeads = optInt(b, 'maxLeads', 1, 1000) ?? 25;
			const shId = optString(b, 'searchHistoryId');
			let sh: SearchHistory | undefined;
			if (shId !== undefined) {
				sh = store.searchHistory.getIn(companyId, shId);
				if (!sh) throw notFound('Search history record');
			}
			const now = new Date().toISOString();
			if (!sh) {
				sh = {
					id: randomUUID(),
					searchName: optString(b, 'searchName') ?? `Apify run of ${apifyActorId}`,
					status: 'initiated',
					owner: userId,
					company_id: companyId,
					client_id: clientId,
					clientName: client.clientName,
					apifyActorId,
					searchCriteria: input,
					category: 'prospecting',
					createdAt: now,
					updatedAt: now,
					totalLeadsFound: 0,
					totalLeadsSaved: 0,
					totalLeadsFailed: 0,
					error: null,
				};
				const icpId = optString(b, 'icpId');
				if (icpId !== undefined) sh.icpId = icpId;
				store.searchHistory.insert(sh, store.nextSeq());
			}
			const record = sh;
			const run = tasks.create({
				kind: 'scrape',
				taskId: apifyActorId,
				companyId,
				owner: userId,
				payload: { input, client_id: clientId, maxLeads },
				meta: { searchHistoryId: record.id },
				complete: (r) => {
					const rng = new Prng(hash32(r.id));
					const at = new Date().toISOString();
					for (let i = 0; i < maxLeads; i++) {
						const first = rng.pick(FIRST);
						const last = rng.pick(LAST);
						const domain = `${rng.pick(['nimbus', 'quartz', 'harbor', 'ember', 'atlas'])}${rng.int(100)}.com`;
						store.insertSourceLead({
							id: randomUUID(),
							client_id: clientId,
							company_id: companyId,
							owner: userId,
							firstName: first,
							lastName: last,
							fullName: `${first} ${last}`,
							email: `${first}.${last}.${i}@${domain}`.toLowerCase(),
							title: rng.pick(TITLES),
							companyName: domain.replace(/\d*\.com$/, '').replace(/^./, (c) => c.toUpperCase()),
							companyDomain: domain,
							linkedinUrl: `https://www.linkedin.com/in/${first}-${last}-${r.id.slice(-6)}-${i}`.toLowerCase(),
							source: 'apify',
							sourceRunId: r.id,
							createdAt: at,
							updatedAt: at,
						});
					}
					Object.assign(record, { status: 'completed', totalLeadsFound: maxLeads, totalLeadsSaved: maxLeads, totalLeadsFailed: 0, error: null, completedAt: at, updatedAt: at });
					return { totalLeadsFound: maxLeads, totalLeadsSaved: maxLeads };
				},
				failed: (_r, error) => {
					const at = new Date().toISOString();
					Object.assign(record, { status: 'failed', error, completedAt: at, updatedAt: at });
				},
			});
			Object.assign(record, { status: 'running', runId: run.id, providerType: 'apify', apifyActorId, updatedAt: now });
			return ok({ success: true, runId: run.id, searchHistoryId: record.id, status: 'RUNNING' });
		},
	},
	{
		method: 'GET',
		path: '/api/lead-generation-status',
		auth: 'user',
		handler: (req, { store, tasks }) => {
			const { companyId } = tenant(req);
			const run = tasks.find(qRequired(req.query, 'runId'));
			if (!run || run.kind !== 'scrape' || run.companyId !== companyId) throw notFound('Run');
			const status = tasks.apifyStatusOf(run);
			const sh = store.getSearchHistory(String(run.meta.searchHistoryId));
			return ok({
				success: true,
				runId: run.id,
				status,
				totalLeadsFound: status === 'SUCCEEDED' ? (sh?.totalLeadsFound ?? 0) : 0,
				totalLeadsSaved: status === 'SUCCEEDED' ? (sh?.totalLeadsSaved ?? 0) : 0,
				error: run.error,
				searchHistoryId: run.meta.searchHistoryId,
				startedAt: new Date(run.createdAtMs).toISOString(),
				finishedAt: run.finishedAtMs === null ? null : new Date(run.finishedAtMs).toISOString(),
			});
		},
	},
	{
		method: 'POST',
		path: '/api/epsimo-chat',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const message = reqString(b, 'message');
			const agentId = optString(b, 'agentId') ?? null;
			const threadIdIn = optString(b, 'threadId');
			const leadId = optString(b, 'leadId');
			optString(b, 'projectId');
			const lead = leadId === undefined ? undefined : store.getLeadIn(companyId, leadId);
			if (leadId !== undefined && !lead) throw notFound('Lead');
			let thread = threadIdIn === undefined ? undefined : store.threads.get(threadIdIn);
			if (thread && thread.company_id !== companyId) thread = undefined;
			if (threadIdIn !== undefined && !thread) throw notFound('Thread');
			if (!thread) {
				thread = { id: `thread_${randomUUID().replace(/-/g, '')}`, company_id: companyId, owner: userId, agentId, messages: [] };
				store.threads.set(thread.id, thread);
			}
			const at = new Date().toISOString();
			thread.messages.push({ role: 'user', content: message, at });
			const about = lead ? ` about ${String(lead.fullName ?? lead.firstName)} at ${String(lead.companyName ?? 'their company')}` : '';
			const reply = `[sandbox assistant ${agentId ?? 'default'}] Reply #${Math.ceil(thread.messages.length / 2)}${about}: I received "${message.slice(0, 200)}".`;
			thread.messages.push({ role: 'assistant', content: reply, at });
			return ok({ success: true, reply, threadId: thread.id, agentId, messageCount: thread.messages.length });
		},
	},
	{
		method: 'GET',
		path: '/api/unipile-accounts',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const accounts = store.unipileOf(companyId).map(({ id, name, type }) => ({ id, name, type }));
			return ok({ success: true, accounts });
		},
	},
];

