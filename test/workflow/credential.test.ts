import { BASE_URL_EXPRESSION, normalizeBaseUrl } from '../../credentials/base-url';
import { LeadGeniusApi } from '../../credentials/LeadGeniusApi.credentials';
import { createHarness } from '../helpers/harness';
import { apiCalls, credentialsFor, harnessFor, loginToken, useSandbox } from '../helpers/sandbox';
import type { Mode } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 50 });

const getClients = { parameters: { resource: 'client', operation: 'getAll', returnAll: true } };

describe('LeadGenius API credential', () => {
	test.each<Mode>(['password', 'accessToken', 'apiKey'])('%s mode works and sends only its own headers', async (mode) => {
		const sb = sandbox();
		const h = await harnessFor(sb, mode);
		sb.clearRequests();
		const { items, error } = await h.run(getClients);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.client_id)).toContain(sb.demo.clientId);
		const calls = apiCalls(sb);
		expect(calls).toHaveLength(1);
		const headers = calls[0].headers;
		if (mode === 'apiKey') {
			expect(headers['x-api-key']).toBe(sb.demo.apiKey);
			expect(headers['x-user-id']).toBe(sb.demo.userId);
			expect(headers.authorization).toBeUndefined();
		} else {
			expect(headers.authorization).toMatch(/^Bearer ey/);
			expect(headers['x-api-key']).toBeUndefined();
			expect(headers['x-user-id']).toBeUndefined();
		}
		const logins = sb.requests.filter((r) => r.path === '/api/auth');
		expect(logins).toHaveLength(mode === 'password' ? 1 : 0);
	});

	test('a Base URL with trailing slashes is used without them by login, requests and the credential test', async () => {
		const sb = sandbox();
		const h = createHarness({ ...(await credentialsFor(sb, 'password')), baseUrl: `${sb.url}///` });
		sb.clearRequests();
		const { items, error } = await h.run(getClients);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.client_id)).toContain(sb.demo.clientId);
		expect(sb.requests.map((r) => r.path)).toEqual(['/api/auth', '/api/clients']);
		// The credential test is an n8n expression; it must apply the same rule as normalizeBaseUrl.
		const test = new LeadGeniusApi().test.request;
		expect(test.baseURL).toBe(BASE_URL_EXPRESSION);
		const js = String(test.baseURL).replace(/^=\{\{|\}\}$/g, '');
		for (const raw of [`${sb.url}`, `${sb.url}/`, `${sb.url}//`, 'https://x.example/base/']) {
			const evaluated = new Function('$credentials', `return ${js};`)({ baseUrl: raw });
			expect(evaluated).toBe(normalizeBaseUrl(raw));
		}
		expect(normalizeBaseUrl('https://x.example/base///')).toBe('https://x.example/base');
	});

	test('Email & Password logs in once and reuses the token across items and runs', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password');
		sb.clearRequests();
		await h.run(getClients, [{}, {}, {}]);
		await h.run(getClients);
		expect(sb.requests.filter((r) => r.path === '/api/auth')).toHaveLength(1);
		expect(apiCalls(sb)).toHaveLength(4);
		expect(h.credentials.get('1')?.sessionToken).toMatch(/^ey/);
	});

	test('a wrong password says so and never echoes it', async () => {
		const sb = sandbox();
		const secret = 'Wr0ng-Pa55word-XYZ';
		const h = createHarness({ ...(await credentialsFor(sb, 'password')), password: secret });
		sb.clearRequests();
		const { error } = await h.run(getClients);
		expect(error?.message).toMatch(/wrong email or password/);
		expect(error?.message).toContain(sb.demo.email);
		expect(JSON.stringify(error)).not.toContain(secret);
		expect(apiCalls(sb).filter((r) => r.path !== '/api/auth/refresh')).toHaveLength(0);
	});

	test('an expired pasted token says it has expired', async () => {
		const sb = sandbox();
		sb.setOptions({ tokenTtl: 0.5 });
		const token = await loginToken(sb);
		sb.setOptions({ tokenTtl: 3600 });
		await new Promise((r) => setTimeout(r, 700));
		const h = createHarness({ ...(await credentialsFor(sb, 'accessToken')), accessToken: token });
		const { error } = await h.run(getClients);
		expect(error?.message).toMatch(/access token has expired/);
		expect(JSON.stringify(error)).not.toContain(token);
	});

	test('a bad API key says the key was rejected and never echoes it', async () => {
		const sb = sandbox();
		const key = 'lgp_notarealkey1234567890';
		const h = createHarness({ ...(await credentialsFor(sb, 'apiKey')), apiKey: key });
		const { error } = await h.run(getClients);
		expect(error?.message).toMatch(/rejected the API key/);
		expect(JSON.stringify(error)).not.toContain(key);
		expect(JSON.stringify(error)).not.toContain('notarealkey');
	});

	test('a token that expires mid-run is renewed without a failed item', async () => {
		const sb = sandbox();
		sb.setOptions({ tokenTtl: 1, faults: { latencyMs: 40 } });
		try {
			const h = await harnessFor(sb, 'password');
			const leads = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 40);
			sb.clearRequests();
			const started = Date.now();
			const { items, error } = await h.run(
				{ parameters: { resource: 'lead', operation: 'get', leadId: '={{ $json.id }}' } },
				leads.map((l) => ({ id: l.id })),
			);
			expect(Date.now() - started).toBeGreaterThan(1500); // the run outlived at least one token
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(leads.map((l) => l.id));
			expect(items.some((i) => i.json.error)).toBe(false);
			const renewals = sb.requests.filter((r) => r.path === '/api/auth' || r.path === '/api/auth/refresh');
			expect(renewals.length).toBeGreaterThanOrEqual(2);
			// renewal prefers the refresh token
			expect(renewals.some((r) => r.path === '/api/auth/refresh' && r.status === 200)).toBe(true);
			const expired = sb.requests.filter((r) => r.status === 401);
			expect(expired.length).toBeGreaterThanOrEqual(1);
			// one 401 per renewal: an expired token goes out the way that lets n8n renew on its first 401
			expect(expired.filter((r) => !r.path.startsWith('/api/auth')).length).toBeLessThanOrEqual(renewals.filter((r) => r.status === 200).length);
			const seq = sb.requests.map((r) => `${r.path.startsWith('/api/auth') ? 'auth' : 'api'}:${r.status}`);
			for (let k = 1; k < seq.length; k++) expect(`${seq[k - 1]} ${seq[k]}`).not.toBe('api:401 api:401');
		} finally {
			sb.setOptions({ tokenTtl: 3600, faults: {} });
		}
	});

	test('a refused refresh token falls back to a fresh login', async () => {
		const sb = sandbox();
		const h = createHarness({
			...(await credentialsFor(sb, 'password')),
			sessionToken: 'eyJexpired.eyJexpired.signature',
			refreshToken: 'not-a-valid-refresh-token',
		});
		sb.clearRequests();
		const { error } = await h.run(getClients);
		expect(error).toBeUndefined();
		const paths = sb.requests.map((r) => `${r.path} ${r.status}`);
		// the token does not decode to a live JWT: the request goes out the way that lets n8n renew on its one 401
		expect(paths).toEqual([
			'/api/clients 401',
			'/api/auth/refresh 401',
			'/api/auth 200',
			'/api/clients 200',
		]);
	});
});

describe('Tenant isolation', () => {
	test("user B cannot read, change or delete user A's client and leads", async () => {
		const sb = sandbox();
		const b = await harnessFor(sb, 'password', sb.other);
		const rl = (value: string) => ({ __rl: true, mode: 'id', value });
		const get = await b.run({ parameters: { resource: 'client', operation: 'get', clientRecordId: rl(sb.demo.clientRecordId) } });
		expect(get.error?.message).toMatch(/No client found/);
		const update = await b.run({
			parameters: { resource: 'client', operation: 'update', clientRecordId: rl(sb.demo.clientRecordId), updateFields: { description: 'hijacked' } },
		});
		expect(update.error?.message).toMatch(/Not found/);
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[0];
		const readLead = await b.run({ parameters: { resource: 'lead', operation: 'get', leadId: lead.id } });
		expect(readLead.error?.message).toMatch(/Not found/);
		const del = await b.run({ parameters: { resource: 'lead', operation: 'delete', leadId: lead.id } });
		expect(del.error?.message).toMatch(/Not found/);
		const list = await b.run({ parameters: { resource: 'lead', operation: 'getAll', clientId: rl(sb.demo.clientId), returnAll: true } });
		expect(list.items).toHaveLength(0);
		expect(sb.store.getLead(lead.id)).toBeDefined();
		expect(sb.store.getClient(sb.demo.clientRecordId)?.description).not.toBe('hijacked');
	});
});
