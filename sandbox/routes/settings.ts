/**
 * §3.9 Settings — GET/POST/PUT /api/settings/{url,agent,sdr-ai}: one record per company and kind.
 * Bodies are validated by a JSON schema with `additionalProperties: false` (unknown field → 400
 * invalid_value); system fields echoed back from a GET are accepted and ignored.
 */
import { randomUUID } from 'node:crypto';
import { SETTINGS_FIELDS, SETTINGS_SYSTEM_FIELDS, type SettingsKind } from '../catalog';
import { alreadyExists, notFound } from '../errors';
import { created, ok, tenant, type RouteDef } from '../http';
import type { SettingsRecord } from '../types';
import { bodyObject } from '../validate';

function schemaOf(kind: SettingsKind): object {
	const properties: Record<string, object> = {};
	for (const f of SETTINGS_FIELDS[kind]) properties[f] = { type: ['string', 'null'] };
	for (const f of SETTINGS_SYSTEM_FIELDS) properties[f] = {};
	return { type: 'object', additionalProperties: false, properties };
}

/** Field values of a body: strings are set, `null`/"" clear the field. */
function changes(kind: SettingsKind, body: Record<string, unknown>): Array<[string, string | null]> {
	const out: Array<[string, string | null]> = [];
	for (const f of SETTINGS_FIELDS[kind]) {
		if (!(f in body)) continue;
		const v = body[f];
		out.push([f, typeof v === 'string' && v !== '' ? v : null]);
	}
	return out;
}

function routesFor(kind: SettingsKind): RouteDef[] {
	const path = `/api/settings/${kind}`;
	const label = `${kind} settings`;
	return [
		{
			method: 'GET',
			path,
			auth: 'user',
			handler: (req, { store }) => {
				const { companyId } = tenant(req);
				return ok({ success: true, settings: store.getSettings(companyId, kind) ?? null });
			},
		},
		{
			method: 'POST',
			path,
			auth: 'user',
			body: schemaOf(kind),
			handler: (req, { store }) => {
				const { companyId, userId } = tenant(req);
				if (store.getSettings(companyId, kind)) {
					throw alreadyExists(`The company already has ${label}`, { recommendation: `Use PUT ${path} to change them.` });
				}
				const now = new Date().toISOString();
				const rec: SettingsRecord = { id: randomUUID(), company_id: companyId, owner: userId, createdAt: now, updatedAt: now };
				for (const [f, v] of changes(kind, bodyObject(req.body))) if (v !== null) rec[f] = v;
				store.putSettings(kind, rec);
				return created({ success: true, settings: rec });
			},
		},
		{
			method: 'PUT',
			path,
			auth: 'user',
			body: schemaOf(kind),
			handler: (req, { store }) => {
				const { companyId } = tenant(req);
				const rec = store.getSettings(companyId, kind);
				if (!rec) throw notFound(label, { recommendation: `Create them first with POST ${path}.` });
				const b = bodyObject(req.body);
				if (typeof b.id === 'string' && b.id !== rec.id) throw notFound(label);
				for (const [f, v] of changes(kind, b)) {
					if (v === null) delete rec[f];
					else rec[f] = v;
				}
				rec.updatedAt = new Date().toISOString();
				return ok({ success: true, settings: rec });
			},
		},
	];
}

export const settingsRoutes: RouteDef[] = [...routesFor('url'), ...routesFor('agent'), ...routesFor('sdr-ai')];
