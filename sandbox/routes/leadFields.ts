/**
 * Lead write validation shared by the lead routes (§3.0 "Lead write rules"): the sandbox answers
 * 400 where production would fail with a 500 (empty strings, `phone`, `lastName` of ".").
 */
import { randomUUID } from 'node:crypto';
import { ApiError, invalidFormat, invalidValue, missingField, notFound } from '../errors';
import { LEAD_SYSTEM_FIELDS } from '../catalog';
import type { SandboxStore } from '../store';
import type { Lead } from '../types';
import type { Body } from '../validate';

const SYSTEM = new Set(LEAD_SYSTEM_FIELDS);
const REQUIRED = new Set(['client_id', 'firstName', 'lastName']);

/**
 * Validated field changes of a lead body. System fields (`id`, `owner`, `company_id`, timestamps)
 * are ignored (they always come from the auth context); `null` clears a field on update.
 */
export function leadPatch(b: Body): Record<string, unknown> {
	const patch: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(b)) {
		if (SYSTEM.has(k)) continue;
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

/** Checks the required create fields and builds a full lead record (not yet stored). */
export function newLead(store: SandboxStore, b: Body, owner: string, companyId: string): Lead {
	const patch = leadPatch(b);
	for (const f of ['client_id', 'firstName', 'lastName']) {
		const v = patch[f];
		if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw missingField(f);
	}
	const clientId = patch.client_id as string;
	if (!store.clientBySlug(companyId, clientId)) {
		throw notFound(`Client '${clientId}'`, {
			details: 'client_id must be the slug (client_id) of a client of your company, not its id.',
		});
	}
	const now = new Date().toISOString();
	const lead: Lead = { id: randomUUID(), client_id: clientId, company_id: companyId, owner, createdAt: now, updatedAt: now };
	for (const [k, v] of Object.entries(patch)) if (v !== null) lead[k] = v;
	if (lead.fullName === undefined) lead.fullName = `${lead.firstName} ${lead.lastName}`;
	return lead;
}

/** Validates an update body against an existing lead of `companyId`; returns the patch to apply. */
export function updatePatch(store: SandboxStore, b: Body, companyId: string): Record<string, unknown> {
	const patch = leadPatch(b);
	for (const f of ['client_id', 'firstName', 'lastName']) {
		if (f in patch && (patch[f] === null || (patch[f] as string).trim() === '')) throw missingField(f);
	}
	if (typeof patch.client_id === 'string' && !store.clientBySlug(companyId, patch.client_id)) {
		throw notFound(`Client '${patch.client_id}'`);
	}
	patch.updatedAt = new Date().toISOString();
	return patch;
}

/** Applies a validated patch through the table (keeps indexes and the JSON cache right). */
export function applyLeadPatch(store: SandboxStore, id: string, patch: Record<string, unknown>): Lead {
	const row = store.leads.row(id);
	if (!row) throw new ApiError('not_found', 'Lead not found');
	store.leads.update(row, patch);
	return row.rec;
}
