/** §3.5 Company (the caller's tenant) — GET/POST/PUT /api/company. */
import { alreadyExists, forbidden, notFound } from '../errors';
import { caller, created, ok, type RouteDef } from '../http';
import { bodyObject, optString, reqString } from '../validate';
import type { Company } from '../types';
import type { SandboxStore } from '../store';

function companyView(store: SandboxStore, company: Company, userId: string) {
	return { ...company, role: store.membershipOf(userId)?.role ?? null };
}

export const companyRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/company',
		auth: 'user',
		company: false,
		handler: (req, { store }) => {
			const who = caller(req);
			const company = who.companyId ? store.getCompany(who.companyId) : undefined;
			if (!company) {
				throw notFound('Company', { recommendation: 'Create a company with POST /api/company.' });
			}
			return ok({ success: true, company: companyView(store, company, who.userId) });
		},
	},
	{
		method: 'POST',
		path: '/api/company',
		auth: 'user',
		company: false,
		handler: (req, { store }) => {
			const who = caller(req);
			const name = reqString(bodyObject(req.body), 'name');
			if (who.companyId) throw alreadyExists('User already belongs to a company');
			const now = new Date().toISOString();
			const company: Company = { id: `company-${Date.now()}${Math.floor(Math.random() * 1000)}`, name, owner: who.userId, createdAt: now, updatedAt: now };
			store.addCompany(company);
			store.setMembership(who.userId, { companyId: company.id, role: 'owner' });
			return created({ success: true, company: companyView(store, company, who.userId) });
		},
	},
	{
		method: 'PUT',
		path: '/api/company',
		auth: 'user',
		company: false,
		handler: (req, { store }) => {
			const who = caller(req);
			const company = who.companyId ? store.getCompany(who.companyId) : undefined;
			if (!company) throw notFound('Company');
			const b = bodyObject(req.body);
			const id = optString(b, 'id');
			if (id !== undefined && id !== company.id) throw notFound('Company');
			if (who.role !== 'owner' && who.role !== 'admin') {
				throw forbidden('Only the company owner or an admin can update the company', {
					details: `Your role is '${who.role}'.`,
				});
			}
			company.name = reqString(b, 'name');
			company.updatedAt = new Date().toISOString();
			return ok({ success: true, company: companyView(store, company, who.userId) });
		},
	},
];
