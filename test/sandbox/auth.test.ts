import { startSandbox, type Sandbox } from '../../sandbox/server';
import { api, clients, expectError, expectOk, jwtPayload, login, sleep } from './helpers';

describe('sandbox auth', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 50, rateLimit: 0, tokenTtl: 1 });
	});
	afterAll(() => sb.close());
	afterEach(() => sb.setOptions({ tokenTtl: 1 }));

	test('POST /api/auth returns the token bundle; the access token carries the documented claims', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const before = Date.now() / 1000;
		const res = await api(sb).post('/api/auth', { username: sb.demo.email, password: sb.demo.password });
		const body = expectOk(res);
		expect(Object.keys(body.tokens).sort()).toEqual(['accessToken', 'expiresIn', 'idToken', 'refreshToken']);
		expect(body.tokens.expiresIn).toBe(3600);
		const claims = jwtPayload(body.tokens.accessToken);
		expect(claims.sub).toBe(sb.demo.userId);
		expect(claims.token_use).toBe('access');
		expect(claims.username).toBe(sb.demo.email);
		expect(claims.exp as number).toBeGreaterThanOrEqual(before + 3599);
		expect(claims.exp as number).toBeLessThan(before + 3602);
		expect(typeof claims.iat).toBe('number');
		expect(JSON.parse(Buffer.from(body.tokens.accessToken.split('.')[0], 'base64url').toString()).alg).toBe('HS256');
		expect(jwtPayload(body.tokens.idToken).token_use).toBe('id');
		// the token works
		expectOk(await api(sb, { token: body.tokens.accessToken }).get('/api/clients'));
	});

	test('email is an alias of username; e-mail matching is case-insensitive', async () => {
		expectOk(await api(sb).post('/api/auth', { email: sb.demo.email.toUpperCase(), password: sb.demo.password }));
	});

	test('login errors: missing fields 400, wrong password / unknown user 401 no_valid_credentials', async () => {
		expectError(await api(sb).post('/api/auth', { password: 'x' }), 400, 'missing_required_field');
		expectError(await api(sb).post('/api/auth', { username: sb.demo.email }), 400, 'missing_required_field');
		expectError(await api(sb).post('/api/auth', { username: sb.demo.email, password: 'wrong' }), 401, 'no_valid_credentials');
		expectError(await api(sb).post('/api/auth', { username: 'nobody@x.test', password: 'x' }), 401, 'no_valid_credentials');
		expectError(await api(sb).post('/api/auth', { username: 5, password: 'x' }), 400, 'invalid_format');
	});

	test('refresh issues a new working access token; bad refresh token 401 no_valid_tokens; missing 400', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const first = (await api(sb).post('/api/auth', { username: sb.demo.email, password: sb.demo.password })).data.tokens;
		const res = await api(sb).post('/api/auth/refresh', { refreshToken: first.refreshToken });
		const body = expectOk(res);
		expect(body.tokens.refreshToken).toBe(first.refreshToken);
		expect(body.tokens.accessToken).not.toBe(first.accessToken);
		expectOk(await api(sb, { token: body.tokens.accessToken }).get('/api/company'));
		expectError(await api(sb).post('/api/auth/refresh', { refreshToken: 'lgr_nope' }), 401, 'no_valid_tokens');
		expectError(await api(sb).post('/api/auth/refresh', {}), 400, 'missing_required_field');
	});

	test('expired access token → 401 token_expired (tokenTtl 1 s), refresh recovers', async () => {
		sb.setOptions({ tokenTtl: 1 });
		const tokens = (await api(sb).post('/api/auth', { username: sb.demo.email, password: sb.demo.password })).data.tokens;
		expect(tokens.expiresIn).toBe(1);
		expectOk(await api(sb, { token: tokens.accessToken }).get('/api/clients'));
		await sleep(1100);
		const expired = expectError(await api(sb, { token: tokens.accessToken }).get('/api/clients'), 401, 'token_expired');
		expect(expired.recommendation).toMatch(/refresh|log in/i);
		sb.setOptions({ tokenTtl: 60 });
		const fresh = (await api(sb).post('/api/auth/refresh', { refreshToken: tokens.refreshToken })).data.tokens;
		expectOk(await api(sb, { token: fresh.accessToken }).get('/api/clients'));
	});

	test('fractional tokenTtl is honoured with millisecond precision', async () => {
		sb.setOptions({ tokenTtl: 0.3 });
		const token = await login(sb, sb.demo.email, sb.demo.password);
		expectOk(await api(sb, { token }).get('/api/clients'));
		await sleep(350);
		expectError(await api(sb, { token }).get('/api/clients'), 401, 'token_expired');
	});

	test('bad signature, garbage and id tokens → 401 no_valid_tokens; no credentials → 401 no_valid_credentials', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const tokens = (await api(sb).post('/api/auth', { username: sb.demo.email, password: sb.demo.password })).data.tokens;
		const [h, p, s] = tokens.accessToken.split('.');
		const flipped = s.slice(0, -2) + (s.endsWith('AA') ? 'BB' : 'AA');
		expectError(await api(sb, { token: `${h}.${p}.${flipped}` }).get('/api/clients'), 401, 'no_valid_tokens');
		// a forged payload (other sub) with the original signature
		const forged = Buffer.from(JSON.stringify({ ...jwtPayload(tokens.accessToken), sub: sb.other.userId })).toString('base64url');
		expectError(await api(sb, { token: `${h}.${forged}.${s}` }).get('/api/clients'), 401, 'no_valid_tokens');
		// alg none
		const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		expectError(await api(sb, { token: `${none}.${p}.` }).get('/api/clients'), 401, 'no_valid_tokens');
		expectError(await api(sb, { token: 'not-a-jwt' }).get('/api/clients'), 401, 'no_valid_tokens');
		expectError(await api(sb, { token: tokens.idToken }).get('/api/clients'), 401, 'no_valid_tokens');
		const none401 = expectError(await api(sb).get('/api/clients'), 401, 'no_valid_credentials');
		expect(none401.recommendation).toBeDefined();
	});

	test('accessToken cookie is accepted like a Bearer token', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const token = await login(sb, sb.demo.email, sb.demo.password);
		const res = await api(sb).get('/api/company', { headers: { Cookie: `theme=dark; accessToken=${token}` } });
		expect(expectOk(res).company.id).toBe(sb.demo.companyId);
	});

	test('API key pairs: valid pair works; key without x-user-id, unknown key, key of another user → 401', async () => {
		const ok = expectOk(await api(sb, { apiKey: sb.demo.apiKey, userId: sb.demo.userId }).get('/api/company'));
		expect(ok.company.id).toBe(sb.demo.companyId);
		const noUser = expectError(await api(sb, { apiKey: sb.demo.apiKey }).get('/api/company'), 401, 'no_valid_credentials');
		expect(noUser.error).toMatch(/x-user-id/);
		expectError(await api(sb, { apiKey: 'lgp_unknown', userId: sb.demo.userId }).get('/api/company'), 401, 'no_valid_credentials');
		expectError(await api(sb, { apiKey: sb.demo.apiKey, userId: sb.other.userId }).get('/api/company'), 401, 'no_valid_credentials');
		// header names are case-insensitive; `Authorization: Bearer lgp_…` counts as the key
		expectOk(await api(sb).get('/api/company', { headers: { 'X-API-Key': sb.demo.apiKey, 'X-User-Id': sb.demo.userId } }));
		expectOk(await api(sb, { token: sb.demo.apiKey, userId: sb.demo.userId }).get('/api/company'));
	});

	test('POST /api/agent-api-keys: JWT only; the new key works with x-user-id = sub', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const c = await clients(sb);
		const body = expectOk(await c.demo.post('/api/agent-api-keys', { name: 'n8n', description: 'test' }));
		expect(body.apiKey).toMatch(/^lgp_[0-9a-f]{40}$/);
		expect(body.keyPrefix).toBe(body.apiKey.slice(0, 10));
		expect(body.name).toBe('n8n');
		expect(sb.store.apiKeysOf(sb.demo.userId).some((k) => k.key === body.apiKey)).toBe(true);
		expectOk(await api(sb, { apiKey: body.apiKey, userId: sb.demo.userId }).get('/api/clients'));
		expectError(await api(sb, { apiKey: body.apiKey, userId: sb.other.userId }).get('/api/clients'), 401, 'no_valid_credentials');
		const withKey = expectError(await c.demoKey.post('/api/agent-api-keys', { name: 'x' }), 401, 'no_valid_credentials');
		expect(withKey.error).toMatch(/JWT/);
		expectError(await c.anon.post('/api/agent-api-keys', {}), 401, 'no_valid_credentials');
		// name is optional
		expect(expectOk(await c.demo.post('/api/agent-api-keys', {})).name).toMatch(/^API Key /);
	});

	test('bulk routes need an API key: a JWT gets 401 no_valid_credentials with a recommendation', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const c = await clients(sb);
		for (const path of ['/api/enrich-leads/list', '/api/source-leads/list']) {
			const body = expectError(await c.demo.get(path, { params: { companyId: sb.demo.companyId } }), 401, 'no_valid_credentials');
			expect(body.recommendation).toMatch(/API key/i);
			expectOk(await c.demoKey.get(path, { params: { companyId: sb.demo.companyId, limit: 1 } }));
		}
	});

	test('admin routes: admin JWT 200; owner JWT and API keys 403; no credentials 401', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const c = await clients(sb);
		const companies = expectOk(await c.admin.get('/api/admin/companies')).companies;
		expect(companies.map((x: { id: string }) => x.id).sort()).toEqual([sb.demo.companyId, sb.other.companyId].sort());
		const users = expectOk(await c.admin.get('/api/admin/users')).users;
		expect(users.find((u: { id: string }) => u.id === sb.member.userId)).toMatchObject({ role: 'member', company_id: sb.demo.companyId });
		for (const path of ['/api/admin/companies', '/api/admin/users']) {
			expectError(await c.demo.get(path), 403, 'insufficient_permissions');
			expectError(await c.demoKey.get(path), 403, 'insufficient_permissions');
			expectError(await c.anon.get(path), 401, 'no_valid_credentials');
		}
	});

	test('a user without a company gets 403 on company-scoped routes and 404 on GET /api/company', async () => {
		sb.setOptions({ tokenTtl: 3600 });
		const c = await clients(sb);
		const e = expectError(await c.admin.get('/api/clients'), 403, 'insufficient_permissions');
		expect(e.recommendation).toMatch(/POST \/api\/company/);
		expectError(await c.admin.get('/api/company'), 404, 'not_found');
	});
});
