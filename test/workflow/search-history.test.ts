import type { INodeParameters } from 'n8n-workflow';

import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 10, rateLimit: 0 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const byNewest = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);

describe('Search History resource', () => {
	test('Create sends every field in its API form and outputs the stored record', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'searchHistory',
				operation: 'create',
				searchName: 'SaaS CTOs in Berlin',
				additionalFields: {
					searchDescription: 'Q3 push',
					searchCriteria: '{"industry": "SaaS", "location": "Berlin"}',
					searchFilters: '{"companySize": "50-200"}',
					clientId: rl(sb.demo.clientId),
					clientName: 'Demo Client',
					icpId: 'icp-9',
					icpName: 'ICP 9',
					apifyActorId: 'apify/linkedin-people-search',
					category: 'prospecting',
					tags: 'q3, berlin, ',
				},
			},
		});
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/search-history' });
		expect(calls[0].body).toEqual({
			searchName: 'SaaS CTOs in Berlin',
			searchDescription: 'Q3 push',
			searchCriteria: { industry: 'SaaS', location: 'Berlin' },
			searchFilters: { companySize: '50-200' },
			client_id: sb.demo.clientId,
			clientName: 'Demo Client',
			icpId: 'icp-9',
			icpName: 'ICP 9',
			apifyActorId: 'apify/linkedin-people-search',
			category: 'prospecting',
			tags: ['q3', 'berlin'],
		});
		expect(items[0].json).toMatchObject({ searchName: 'SaaS CTOs in Berlin', status: 'initiated', company_id: sb.demo.companyId });
		expect(sb.store.getSearchHistory(String(items[0].json.id))).toMatchObject({ icpId: 'icp-9', tags: ['q3', 'berlin'] });
	});

	test('Create with only a name sends only the name', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({ parameters: { resource: 'searchHistory', operation: 'create', searchName: 'Bare' } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].body).toEqual({ searchName: 'Bare' });
	});

	test('Create with invalid JSON criteria names the parameter and sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({
			parameters: {
				resource: 'searchHistory',
				operation: 'create',
				searchName: 'Broken',
				additionalFields: { searchCriteria: '{"industry": ' },
			},
		});
		expect(error?.message).toMatch(/Parameter "Search Criteria \(JSON\)" is not valid JSON/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Get Many Return All follows the cursor across pages, newest first', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		// one record per input item: enough for more than one 100-record page
		const created = await h.run(
			{ parameters: { resource: 'searchHistory', operation: 'create', searchName: '={{ "Run " + $json.n }}' } },
			Array.from({ length: 80 }, (_, n) => ({ n })),
		);
		expect(created.items).toHaveLength(80);
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'searchHistory', operation: 'getAll', returnAll: true } });
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(2);
		expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/search-history', query: { limit: '100' } });
		expect(calls[0].query.cursor).toBeUndefined();
		expect(calls[1].query.cursor).toEqual(expect.any(String));
		const stored = sb.store.searchHistoryOf(sb.demo.companyId);
		expect(stored.length).toBeGreaterThan(100);
		const ids = items.map((i) => i.json.id);
		expect(new Set(ids).size).toBe(stored.length);
		expect([...ids].sort()).toEqual(stored.map((s) => s.id).sort());
		expect(items[0].json.searchName).toBe('Run 79');
	});

	test('Get Many with Limit asks for that many', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items } = await h.run({ parameters: { resource: 'searchHistory', operation: 'getAll', returnAll: false, limit: 5 } });
		expect(items).toHaveLength(5);
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0].query).toEqual({ limit: '5' });
	});

	test('Get Many filters by client, status, ICP and category', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'searchHistory',
				operation: 'getAll',
				returnAll: true,
				filters: { clientId: rl(sb.demo.clientId), status: 'completed', icpId: 'icp-1', category: 'prospecting' },
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].query).toEqual({
			client_id: sb.demo.clientId,
			status: 'completed',
			icpId: 'icp-1',
			category: 'prospecting',
			limit: '100',
		});
		const expected = sb.store
			.searchHistoryOf(sb.demo.companyId)
			.filter((s) => s.client_id === sb.demo.clientId && s.status === 'completed' && s.icpId === 'icp-1' && s.category === 'prospecting');
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.id)).toEqual([...expected].sort(byNewest).map((s) => s.id));
	});

	test('Update sets status, metrics and extra fields', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const created = await h.run({ parameters: { resource: 'searchHistory', operation: 'create', searchName: 'To finish' } });
		const id = String(created.items[0].json.id);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'searchHistory',
				operation: 'update',
				searchHistoryId: id,
				updateFields: {
					status: 'completed',
					totalLeadsFound: 120,
					totalLeadsSaved: 118,
					totalLeadsFailed: 2,
					providerType: 'apify',
					runId: 'apify_run_1',
					extraFields: '{"error": null, "durationSeconds": 42, "status": "failed"}',
				},
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'PUT', path: '/api/search-history' });
		// the named Status wins over the one in the extra JSON
		expect(apiCalls(sb)[0].body).toEqual({
			id,
			error: null,
			durationSeconds: 42,
			status: 'completed',
			totalLeadsFound: 120,
			totalLeadsSaved: 118,
			totalLeadsFailed: 2,
			providerType: 'apify',
			runId: 'apify_run_1',
		});
		expect(items[0].json).toMatchObject({ id, status: 'completed', totalLeadsSaved: 118, completedAt: expect.any(String) });
		expect(sb.store.getSearchHistory(id)).toMatchObject({ status: 'completed', totalLeadsFound: 120, durationSeconds: 42 });
	});

	test('Update refuses an empty change, an id in the extra JSON and a bad number, before sending', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const run = (updateFields: INodeParameters) =>
			h.run({ parameters: { resource: 'searchHistory', operation: 'update', searchHistoryId: 'abc', updateFields } });
		expect((await run({})).error?.message).toMatch(/Parameter "Update Fields" needs at least one field to change/);
		expect((await run({ extraFields: '{"id": "other"}' })).error?.message).toMatch(/Parameter "Extra Fields \(JSON\)" cannot contain "id"/);
		expect((await run({ totalLeadsFound: 1.5 })).error?.message).toMatch(/Parameter "Total Leads Found" must be a whole number/);
		expect((await run({ extraFields: '[1]' })).error?.message).toMatch(/Parameter "Extra Fields \(JSON\)" must be a JSON object/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Update of an unknown record reports not found', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const { error } = await h.run({
			parameters: { resource: 'searchHistory', operation: 'update', searchHistoryId: 'missing', updateFields: { status: 'running' } },
		});
		expect(error?.message).toMatch(/not found|404/i);
	});
});
