import type { TerritoryCompany } from '../../sandbox/types';
import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 400, rateLimit: 0 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Territory Company resource', () => {
	test('Get Many lists the client\'s companies, most leads first', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: { resource: 'territoryCompany', operation: 'getAll', clientId: rl(sb.demo.clientId), returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/territory-workbench/companies', query: { client_id: sb.demo.clientId } }),
		]);
		const stored = sb.store.territoryOf(sb.demo.companyId, sb.demo.clientId);
		expect(stored.length).toBeGreaterThan(5);
		expect(items.map((i) => i.json.id).sort()).toEqual(stored.map((c) => c.id).sort());
		const totals = items.map((i) => i.json.totalLeads as number);
		expect(totals).toEqual([...totals].sort((a, b) => b - a));
	});

	test('Get Many with Limit returns that many', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const { items } = await h.run({
			parameters: { resource: 'territoryCompany', operation: 'getAll', clientId: rl(sb.demo.clientId), returnAll: false, limit: 2 },
		});
		expect(items).toHaveLength(2);
	});

	test('Get Many sends every filter and the result matches them', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const stored = sb.store.territoryOf(sb.demo.companyId, sb.demo.clientId);
		const industry = stored[0].industry as string;
		const dates = stored.map((c) => c.lastActivityDate).sort();
		const startDate = dates[0];
		const endDate = dates[dates.length - 1];
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'territoryCompany',
				operation: 'getAll',
				clientId: rl(sb.demo.clientId),
				returnAll: true,
				filters: {
					sortBy: 'companyName',
					sortDirection: 'asc',
					industry: industry.toUpperCase(),
					minLeads: 1,
					maxLeads: 1000,
					search: '',
					startDate,
					endDate,
				},
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].query).toEqual({
			client_id: sb.demo.clientId,
			sortBy: 'companyName',
			sortDirection: 'asc',
			industry: industry.toUpperCase(),
			minLeads: '1',
			maxLeads: '1000',
			startDate,
			endDate,
		});
		const expected = stored
			.filter((c) => c.industry?.toLowerCase() === industry.toLowerCase() && c.totalLeads >= 1 && c.totalLeads <= 1000)
			.map((c) => c.companyName)
			.sort((a, b) => a.localeCompare(b));
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.companyName)).toEqual(expected);
	});

	test('Get Many search narrows by name or domain', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const target = sb.store.territoryOf(sb.demo.companyId, sb.demo.clientId)[0];
		sb.clearRequests();
		const { items } = await h.run({
			parameters: {
				resource: 'territoryCompany',
				operation: 'getAll',
				clientId: rl(sb.demo.clientId),
				returnAll: true,
				filters: { search: target.companyName, sortDirection: 'desc' },
			},
		});
		expect(apiCalls(sb)[0].query).toMatchObject({ search: target.companyName, sortDirection: 'desc' });
		expect(items.map((i) => i.json.id)).toContain(target.id);
	});

	test('Get Many refuses bad input before sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const run = (params: Record<string, unknown>) =>
			h.run({ parameters: { resource: 'territoryCompany', operation: 'getAll', returnAll: true, clientId: rl(sb.demo.clientId), ...params } });
		expect((await run({ clientId: rl('={{ "  " }}') })).error?.message).toMatch(/Parameter "Client" is required but empty/);
		expect((await run({ filters: { minLeads: 10, maxLeads: 2 } })).error?.message).toMatch(/Parameter "Min Leads" \(10\) is greater than "Max Leads" \(2\)/);
		expect((await run({ filters: { startDate: 'yesterday' } })).error?.message).toMatch(/Parameter "Start Date" is not a valid date/);
		expect(
			(await run({ filters: { startDate: '2025-03-01', endDate: '2025-01-01' } })).error?.message,
		).toMatch(/Parameter "Start Date" is after "End Date"/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Create or Update creates, then updates by name (any case), then by record ID', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const first = await h.run({
			parameters: {
				resource: 'territoryCompany',
				operation: 'upsert',
				clientId: rl(sb.demo.clientId),
				companyName: 'Zephyr Robotics',
				additionalFields: { companyDomain: 'zephyr.test', industry: 'Robotics', country: '', totalLeads: 4, qualifiedLeads: 1, averageLeadScore: 55.5 },
			},
		});
		expect(first.error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/territory-workbench/companies' });
		expect(apiCalls(sb)[0].body).toEqual({
			client_id: sb.demo.clientId,
			companyName: 'Zephyr Robotics',
			companyDomain: 'zephyr.test',
			industry: 'Robotics',
			totalLeads: 4,
			qualifiedLeads: 1,
			averageLeadScore: 55.5,
		});
		const created = first.items[0].json as unknown as TerritoryCompany & { created: boolean };
		expect(created).toMatchObject({ companyName: 'Zephyr Robotics', totalLeads: 4, created: true, client_id: sb.demo.clientId });

		const second = await h.run({
			parameters: {
				resource: 'territoryCompany',
				operation: 'upsert',
				clientId: rl(sb.demo.clientId),
				companyName: 'zephyr robotics',
				additionalFields: { totalLeads: 9, lastActivityDate: '2025-06-01T10:00:00.000Z' },
			},
		});
		expect(second.items[0].json).toMatchObject({ id: created.id, totalLeads: 9, created: false, lastActivityDate: '2025-06-01T10:00:00.000Z' });

		const third = await h.run({
			parameters: {
				resource: 'territoryCompany',
				operation: 'upsert',
				clientId: rl(sb.demo.clientId),
				companyName: 'Zephyr Robotics GmbH',
				additionalFields: { id: created.id },
			},
		});
		expect(apiCalls(sb).at(-1)?.body).toEqual({ client_id: sb.demo.clientId, companyName: 'Zephyr Robotics GmbH', id: created.id });
		expect(third.items[0].json).toMatchObject({ id: created.id, companyName: 'Zephyr Robotics GmbH', created: false });
		const matches = sb.store.territoryOf(sb.demo.companyId, sb.demo.clientId).filter((c) => c.id === created.id);
		expect(matches).toHaveLength(1);
		expect(matches[0]).toMatchObject({ companyName: 'Zephyr Robotics GmbH', totalLeads: 9, companyDomain: 'zephyr.test' });
	});

	test('Create or Update with an unknown record ID reports not found', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const { error } = await h.run({
			parameters: {
				resource: 'territoryCompany',
				operation: 'upsert',
				clientId: rl(sb.demo.clientId),
				companyName: 'Nobody',
				additionalFields: { id: 'missing' },
			},
		});
		expect(error?.message).toMatch(/not found|404/i);
	});

	test('Create or Update refuses a fractional lead count before sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({
			parameters: {
				resource: 'territoryCompany',
				operation: 'upsert',
				clientId: rl(sb.demo.clientId),
				companyName: 'Half',
				additionalFields: { totalLeads: 2.5 },
			},
		});
		expect(error?.message).toMatch(/Parameter "Total Leads" must be a whole number/);
		expect(apiCalls(sb)).toHaveLength(0);
	});
});
