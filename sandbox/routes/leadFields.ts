/**
 * Lead write validation shared by the lead routes (§3.0 "Lead write rules"): the sandbox answers
 * 400 where production fails with a 500 (empty strings, `phone`, `lastName` of "."), unless the
 * production mode's `productionErrors` is on; with `invisibleLeads` any `client_id` is accepted and
 * a lead whose `client_id` is no client slug is stored invisible (sandbox/production.ts).
 */
import { randomUUID } from 'node:crypto';
import { ApiError, invalidFormat, invalidValue, missingField, notFound } from '../errors';
import { LEAD_SYSTEM_FIELDS } from '../catalog';
import { PRODUCTION_ERROR_MESSAGE, type ProductionSettings } from '../production';
import type { SandboxStore } from '../store';
import type { Lead } from '../types';
import type { Body } from '../validate';

const SYSTEM = new Set(LEAD_SYSTEM_FIELDS);

/** The production-mode settings a lead write depends on. */
export type LeadWriteMode = Pick<ProductionSettings, 'productionErrors' | 'invisibleLeads'>;

/** Production's answer to a bad field: 500, nothing stored, no hint at the field. */
const productionError = (): ApiError => new ApiError('internal_error', PRODUCTION_ERROR_MESSAGE);
const REQUIRED = new Set(['client_id', 'firstName', 'lastName']);

/**
 * Validated field changes of a lead body. System fields (`id`, `owner`, `company_id`, timestamps)
 * are ignored (they always come from the auth context); `null` clears a field on update.
 */
export function leadPatch(b: Body, mode: LeadWriteMode): Record<string, unknown> {
	const patch: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(b)) {
		if (SYSTEM.has(k)) continue;
		if (mode.productionErrors && (k === 'phone' || v === '' || (k === 'lastName' && typeof v === 'string' && v.trim() === '.'))) {
			throw productionError();
		}
		if (k === 'phone') {
			throw invalidValue("Unknown lead field 'phone'", { recommendation: "Use 'phoneNumber' for the phone number." });
		}
		if (v === '' && REQUIRED.has(k)) throw missingField(k);
		if (v === '') {
			throw invalidValue(`Field '${k}' must not be an empty string`, {
				recommendation: 'Omit fields that have no value instead of sending "".',
			});
		}
		const okType =
			v === null ||
			typeof v === 'string' ||
			typeof v === 'number' ||
			typeof v === 'boolean' ||
			(Array.isArray(v) && v.every((x) => typeof x === 'string'));
		if (!okType) throw invalidFormat(`Field '${k}' must be a string, number, boolean or array of strings`);
		if (typeof v === 'number' && !Number.isFinite(v)) throw invalidFormat(`Field '${k}' must be a finite number`);
		patch[k] = v;
	}
	for (const f of ['client_id', 'firstName', 'lastName']) {
		if (f in patch && patch[f] !== null && typeof patch[f] !== 'string') throw invalidFormat(`Field '${f}' must be a string`);
	}
	if (typeof patch.lastName === 'string' && patch.lastName.trim() === '.') {
		throw invalidValue("lastName '.' is not accepted", { recommendation: "Use '-' when the last name is unknown." });
	}
	return patch;
}

/** Whether a lead with this `client_id` is invisible (production mode: no client has it as slug). */
export function invisibleClient(store: SandboxStore, companyId: string, clientId: string, mode: LeadWriteMode): boolean {
	if (store.clientBySlug(companyId, clientId)) return false;
	if (mode.invisibleLeads) return true;
	throw notFound(`Client '${clientId}'`, {
		details: 'client_id must be the slug (client_id) of a client of your company, not its id.',
	});
}

/** A new lead (not yet stored) and whether it must be stored invisible. */
export interface NewLead {
	lead: Lead;
	invisible: boolean;
}

/** Checks the required create fields and builds a full lead record (not yet stored). */
export function newLead(store: SandboxStore, b: Body, owner: string, companyId: string, mode: LeadWriteMode): NewLead {
	const patch = leadPatch(b, mode);
	for (const f of ['client_id', 'firstName', 'lastName']) {
		const v = patch[f];
		if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw missingField(f);
	}
	const clientId = patch.client_id as string;
	const invisible = invisibleClient(store, companyId, clientId, mode);
	const now = new Date().toISOString();
	const lead: Lead = { id: randomUUID(), client_id: clientId, company_id: companyId, owner, createdAt: now, updatedAt: now };
	for (const [k, v] of Object.entries(patch)) if (v !== null) lead[k] = v;
	if (lead.fullName === undefined) lead.fullName = `${lead.firstName} ${lead.lastName}`;
	return { lead, invisible };
}

/** A validated update: the patch and the lead's new visibility (undefined = unchanged). */
export interface LeadUpdate {
	patch: Record<string, unknown>;
	invisible: boolean | undefined;
}

/** Validates an update body against an existing lead of `companyId`; returns the patch to apply. */
export function updatePatch(store: SandboxStore, b: Body, companyId: string, mode: LeadWriteMode): LeadUpdate {
	const patch = leadPatch(b, mode);
	for (const f of ['client_id', 'firstName', 'lastName']) {
		if (f in patch && (patch[f] === null || (patch[f] as string).trim() === '')) throw missingField(f);
	}
	const invisible = typeof patch.client_id === 'string' ? invisibleClient(store, companyId, patch.client_id, mode) : undefined;
	patch.updatedAt = new Date().toISOString();
	return { patch, invisible };
}

/** Applies a validated update through the table (keeps indexes and the JSON cache right). */
export function applyLeadPatch(store: SandboxStore, id: string, { patch, invisible }: LeadUpdate): Lead {
	const row = store.leads.row(id);
	if (!row) throw new ApiError('not_found', 'Lead not found');
	store.leads.update(row, patch, invisible);
	return row.rec;
}
