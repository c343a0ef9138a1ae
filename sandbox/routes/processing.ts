/**
 * §3.10 Lead processing — POST /api/leads/process/{enrich,copyright,sdr}.
 * Reads the company's settings, starts one background run per selected item and returns at once.
 * An item is skipped when it is not configured, or when its target lead field already has a value
 * and `overwrite` is false. When a run completes, a placeholder value is written into the field:
 *   enrich: companyUrl → companyUrl, emailFinder → email, enrichment<N> → enrichment<N>
 *   copyright: process N → enrichment<N>
 *   sdr: field F → F
 */
import { randomBytes } from 'node:crypto';
import { ENRICH_SERVICES, SDR_FIELDS, enrichTargetField, type SettingsKind } from '../catalog';
import { invalidFormat, invalidValue, missingField, notFound } from '../errors';
import { ok, tenant, type ApiRequest, type Ctx, type Reply, type RouteDef } from '../http';
import { hash32 } from '../prng';
import type { Lead, SettingsRecord } from '../types';
import { bodyObject, optArray, optBoolean, reqString } from '../validate';

type Kind = 'enrich' | 'copyright' | 'sdr';

interface Item {
	/** Value echoed in triggered/skipped (string, or integer for copyright). */
	label: string | number;
	settingKey: string;
	field: string;
	taskId: string;
}

const SETTINGS_OF: Record<Kind, SettingsKind> = { enrich: 'url', copyright: 'agent', sdr: 'sdr-ai' };
const SELECTOR: Record<Kind, string> = { enrich: 'services', copyright: 'processes', sdr: 'fields' };

function enrichItem(service: string): Item {
	return { label: service, settingKey: service, field: enrichTargetField(service), taskId: `enrich-${service}` };
}
function copyrightItem(n: number): Item {
	return { label: n, settingKey: `enrichment${n}AgentId`, field: `enrichment${n}`, taskId: `copyright-process-${n}` };
}
function sdrItem(field: string): Item {
	return { label: field, settingKey: `${field}AgentId`, field, taskId: `sdr-ai-${field}` };
}

const ALL: Record<Kind, () => Item[]> = {
	enrich: () => ENRICH_SERVICES.map(enrichItem),
	copyright: () => Array.from({ length: 10 }, (_, i) => copyrightItem(i + 1)),
	sdr: () => SDR_FIELDS.map(sdrItem),
};

/** Parses the selector array into items (400 invalid_value on unknown values). */
function selected(kind: Kind, raw: unknown[]): Item[] {
	const items: Item[] = [];
	const seen = new Set<string>();
	for (const v of raw) {
		let item: Item;
		if (kind === 'copyright') {
			// Integers 1–10 (n8n) or "enrichment<N>" strings (AUTO); echoed as integers (§5 A17).
			let n: number | undefined;
			if (typeof v === 'number' && Number.isInteger(v)) n = v;
			else if (typeof v === 'string' && /^(enrichment)?\d+$/.test(v)) n = Number(v.replace('enrichment', ''));
			else throw invalidFormat("'processes' must be an array of integers 1–10");
			if (n < 1 || n > 10) throw invalidValue(`Invalid process ${JSON.stringify(v)}: must be between 1 and 10`);
			item = copyrightItem(n);
		} else {
			if (typeof v !== 'string') throw invalidFormat(`'${SELECTOR[kind]}' must be an array of strings`);
			const allowed = kind === 'enrich' ? ENRICH_SERVICES : SDR_FIELDS;
			if (!allowed.includes(v)) {
				throw invalidValue(`Unknown ${kind === 'enrich' ? 'service' : 'SDR field'} '${v}'`, { details: `Allowed: ${allowed.join(', ')}` });
			}
			item = kind === 'enrich' ? enrichItem(v) : sdrItem(v);
		}
		if (!seen.has(item.taskId)) {
			seen.add(item.taskId);
			items.push(item);
		}
	}
	return items;
}

const filled = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Deterministic placeholder written by a completed run. */
export function placeholder(kind: Kind, item: Item, lead: Lead, settings: SettingsRecord): string {
	const name = String(lead.fullName ?? `${lead.firstName ?? ''} ${lead.lastName ?? ''}`.trim());
	const domain = String(lead.companyDomain ?? 'example.com');
	const h = hash32(`${lead.id}:${item.field}`);
	if (kind === 'enrich') {
		if (item.field === 'companyUrl') return `https://www.${domain}`;
		if (item.field === 'email') {
			const part = (s: unknown): string => String(s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
			return `${part(lead.firstName)}.${part(lead.lastName)}@${domain}`;
		}
		return `[sandbox] ${item.field} result from ${settings[item.settingKey]} for ${String(lead.companyName ?? name)}`;
	}
	if (kind === 'copyright') return `[sandbox] copy by agent ${settings[item.settingKey]} (process ${item.label}) for ${name}`;
	const score = h % 101;
	switch (item.field) {
		case 'aiLeadScore':
		case 'aiRiskScore':
		case 'aiProductFitScore':
			return String(score);
		case 'aiQualification':
			return score >= 70 ? 'Qualified' : score >= 40 ? 'Nurture' : 'Unqualified';
		case 'aiEngagementLevel':
			return ['High', 'Medium', 'Low'][h % 3];
		default:
			if (item.field.startsWith('message')) {
				return `Hi ${String(lead.firstName ?? 'there')}, [sandbox ${item.field}] a note about ${String(lead.companyName ?? 'your team')}.`;
			}
			return `[sandbox] ${item.field} for ${name}`;
	}
}

function processLead(kind: Kind) {
	return (req: ApiRequest, { store, tasks }: Ctx): Reply => {
		const { companyId, userId } = tenant(req);
		const b = bodyObject(req.body);
		const leadId = reqString(b, 'leadId');
		const selector = optArray(b, SELECTOR[kind]);
		const overwrite = optBoolean(b, 'overwrite') ?? false;
		const items = selector === undefined ? undefined : selected(kind, selector);
		const lead = store.getLeadIn(companyId, leadId);
		if (!lead) throw notFound('Lead');
		const settings = store.getSettings(companyId, SETTINGS_OF[kind]);
		if (!settings) {
			throw missingField(`${SETTINGS_OF[kind]} settings`, {
				details: `The company has no ${SETTINGS_OF[kind]} settings.`,
				recommendation: `Configure them first with POST /api/settings/${SETTINGS_OF[kind]}.`,
			});
		}
		// Omitted selector = every configured item.
		const candidates = items ?? ALL[kind]().filter((it) => filled(settings[it.settingKey]));
		const unixSeconds = Math.floor(Date.now() / 1000);
		const batchTag = `${kind}-process-${unixSeconds}-${randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6)}`;
		const runIds: string[] = [];
		const triggered: Array<string | number> = [];
		const skipped: Array<string | number> = [];
		for (const item of candidates) {
			if (!filled(settings[item.settingKey]) || (!overwrite && filled(lead[item.field]))) {
				skipped.push(item.label);
				continue;
			}
			const run = tasks.create({
				kind: 'process',
				taskId: item.taskId,
				companyId,
				owner: userId,
				payload: { leadId, field: item.field, overwrite },
				tags: [batchTag, `lead:${leadId}`],
				batchTag,
				meta: { leadId, field: item.field },
				complete: () => {
					const row = store.leads.row(leadId);
					if (!row || row.rec.company_id !== companyId) throw new Error(`Lead ${leadId} no longer exists`);
					const current = store.getSettings(companyId, SETTINGS_OF[kind]) ?? settings;
					const value = placeholder(kind, item, row.rec, current);
					store.leads.update(row, { [item.field]: value, updatedAt: new Date().toISOString() });
					return { leadId, field: item.field, value };
				},
			});
			runIds.push(run.id);
			triggered.push(item.label);
		}
		return ok({ success: true, runIds, batchTag, triggered, skipped, leadId });
	};
}

export const processingRoutes: RouteDef[] = [
	{ method: 'POST', path: '/api/leads/process/enrich', auth: 'user', handler: processLead('enrich') },
	{ method: 'POST', path: '/api/leads/process/copyright', auth: 'user', handler: processLead('copyright') },
	{ method: 'POST', path: '/api/leads/process/sdr', auth: 'user', handler: processLead('sdr') },
];
