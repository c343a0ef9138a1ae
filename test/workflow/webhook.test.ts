import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 10, rateLimit: 0 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Webhook resource', () => {
	test('Create sends the platform config as a JSON string and outputs a working webhookUrl', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				name: 'Lemlist replies',
				platform: 'lemlist',
				additionalFields: {
					description: 'Replies from lemlist',
					clientId: rl(sb.demo.clientId),
					platformConfig: '{ "field_mapping": { "email": "leadEmail" } }',
				},
			},
		});
		expect(error).toBeUndefined();
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/webhook-workbench' });
		expect(calls[0].body).toEqual({
			name: 'Lemlist replies',
			platform: 'lemlist',
			description: 'Replies from lemlist',
			client_id: sb.demo.clientId,
			platformConfig: '{"field_mapping":{"email":"leadEmail"}}',
		});
		const out = items[0].json as Record<string, string>;
		expect(out).toMatchObject({ name: 'Lemlist replies', platform: 'lemlist', client_id: sb.demo.clientId, isActive: true });
		expect(out.webhookUrl).toMatch(new RegExp(`/api/webhooks/inbound/${out.id}\\?key=\\w+`));
		expect(sb.store.getWebhook(out.id)?.platformConfig).toBe('{"field_mapping":{"email":"leadEmail"}}');

		// the URL is the one the platform calls
		const res = await fetch(out.webhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ type: 'emailsReplied', leadEmail: 'a@b.test' }),
		});
		expect(res.status).toBe(200);
		expect(sb.store.webhookEvents(out.id)).toHaveLength(1);
	});

	test('Create with only name and platform sends only those', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'webhook', operation: 'create', name: 'Generic hook', platform: 'generic' } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0].body).toEqual({ name: 'Generic hook', platform: 'generic' });
		expect(items[0].json.webhookUrl).toEqual(expect.any(String));
	});

	test('Invalid platform config JSON names the parameter and sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const before = sb.store.webhooksOf(sb.demo.companyId).length;
		const { error } = await h.run({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				name: 'Broken',
				platform: 'heyreach',
				additionalFields: { platformConfig: '{ field_mapping: }' },
			},
		});
		expect(error?.message).toMatch(/Parameter "Platform Config \(JSON\)" is not valid JSON.*\[item 0\]/);
		expect(apiCalls(sb)).toHaveLength(0);
		expect(sb.store.webhooksOf(sb.demo.companyId)).toHaveLength(before);
	});

	test('A JSON array as platform config is refused too', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { error } = await h.run({
			parameters: { resource: 'webhook', operation: 'create', name: 'Arr', platform: 'generic', additionalFields: { platformConfig: '[]' } },
		});
		expect(error?.message).toMatch(/Parameter "Platform Config \(JSON\)" must be a JSON object/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Get Many lists every webhook with its URL, or up to Limit', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'webhook', operation: 'getAll', returnAll: true } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/webhook-workbench', query: {} })]);
		const stored = sb.store.webhooksOf(sb.demo.companyId);
		expect(stored.length).toBeGreaterThanOrEqual(3);
		expect(items.map((i) => i.json.id).sort()).toEqual(stored.map((w) => w.id).sort());
		for (const item of items) expect(item.json.webhookUrl).toContain(`/api/webhooks/inbound/${item.json.id}?key=`);

		const one = await h.run({ parameters: { resource: 'webhook', operation: 'getAll', returnAll: false, limit: 1 } });
		expect(one.items).toHaveLength(1);
	});

	test('Get Many filters by client and platform', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items } = await h.run({
			parameters: {
				resource: 'webhook',
				operation: 'getAll',
				returnAll: true,
				filters: { clientId: rl(sb.demo.clientId), platform: 'heyreach' },
			},
		});
		expect(apiCalls(sb)[0].query).toEqual({ client_id: sb.demo.clientId, platform: 'heyreach' });
		expect(items.map((i) => i.json.id)).toEqual([sb.webhookId]);
	});
});
