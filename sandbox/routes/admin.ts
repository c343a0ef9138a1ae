/** §3.14.9 Admin — GET /api/admin/companies, GET /api/admin/users (platform admin Bearer JWT only). */
import { ok, type RouteDef } from '../http';

export const adminRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/admin/companies',
		auth: 'admin',
		handler: (_req, { store }) => {
			const companies = store.listCompanies().map((c) => ({
				...c,
				memberCount: store.membersOf(c.id).length,
				clientCount: store.clientsOf(c.id).length,
				leadCount: store.countLeads(c.id),
			}));
			return ok({ success: true, companies, count: companies.length });
		},
	},
	{
		method: 'GET',
		path: '/api/admin/users',
		auth: 'admin',
		handler: (_req, { store }) => {
			const users = store.listUsers().map((u) => {
				const m = store.membershipOf(u.id);
				return {
					id: u.id,
					email: u.email,
					name: u.name,
					company_id: m?.companyId ?? null,
					role: m?.role ?? null,
					isPlatformAdmin: u.platformAdmin,
					status: u.status,
					createdAt: u.createdAt,
				};
			});
			return ok({ success: true, users, count: users.length });
		},
	},
];
