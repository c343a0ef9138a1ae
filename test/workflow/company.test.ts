import type { Account } from '../../sandbox/server';
import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 10 });

/** Password credentials of a seeded user without an API key (only email/password are used). */
const asAccount = (user: { email: string; password: string; userId: string }) => user as unknown as Account;

describe('Company resource', () => {
	test('Get outputs the caller\'s company with their role', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'company', operation: 'get' } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/company' })]);
		const stored = sb.store.getCompany(sb.demo.companyId)!;
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: sb.demo.companyId, name: stored.name, role: 'owner' });
	});

	test('Update renames the company', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const before = sb.store.getCompany(sb.demo.companyId)!.name;
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'company', operation: 'update', name: '  Renamed Co  ' } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'PUT', path: '/api/company', body: { name: 'Renamed Co' } })]);
		expect(items[0].json).toMatchObject({ id: sb.demo.companyId, name: 'Renamed Co' });
		expect(sb.store.getCompany(sb.demo.companyId)!.name).toBe('Renamed Co');
		await h.run({ parameters: { resource: 'company', operation: 'update', name: before } });
		expect(sb.store.getCompany(sb.demo.companyId)!.name).toBe(before);
	});

	test('Update by a plain member is refused by LeadGenius', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password', asAccount(sb.member));
		const before = sb.store.getCompany(sb.demo.companyId)!.name;
		const { error } = await h.run({ parameters: { resource: 'company', operation: 'update', name: 'Hijacked' } });
		expect(error?.message).toMatch(/owner or an admin|forbidden|403|permission/i);
		expect(sb.store.getCompany(sb.demo.companyId)!.name).toBe(before);
	});

	test('Update with an empty name fails before sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'company', operation: 'update', name: ' ' } });
		expect(error?.message).toMatch(/Parameter "Name" is required but empty \[item 0\]/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Create makes a company for a user without one; a second create is refused', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password', asAccount(sb.admin));
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'company', operation: 'create', name: 'Admin Labs' } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'POST', path: '/api/company', body: { name: 'Admin Labs' } })]);
		const id = String(items[0].json.id);
		expect(items[0].json).toMatchObject({ name: 'Admin Labs', owner: sb.admin.userId, role: 'owner' });
		expect(sb.store.getCompany(id)?.name).toBe('Admin Labs');
		expect(sb.store.membershipOf(sb.admin.userId)).toMatchObject({ companyId: id, role: 'owner' });

		const again = await harnessFor(sb);
		const { error: conflict } = await again.run({ parameters: { resource: 'company', operation: 'create', name: 'Second' } });
		expect(conflict?.message).toMatch(/already/i);
	});
});
