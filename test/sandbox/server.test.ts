import http from 'node:http';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiRoutes } from '../../sandbox/routes';
import { api, clients, expectError, expectOk } from './helpers';

/** The 57 distinct method+path pairs of the contract's endpoint table (§4, rows 1–63). */
const CONTRACT: Array<[string, string]> = [
	['POST', '/api/auth'], ['POST', '/api/auth/refresh'],
	['GET', '/api/clients'], ['POST', '/api/clients'], ['PUT', '/api/clients'], ['DELETE', '/api/clients'],
	['GET', '/api/leads'], ['POST', '/api/leads'], ['PUT', '/api/leads'], ['DELETE', '/api/leads'],
	['GET', '/api/find-lead'], ['GET', '/api/enrich-leads/:id'], ['PUT', '/api/enrich-leads/:id'],
	['GET', '/api/enrich-leads/list'], ['GET', '/api/source-leads/list'],
	['GET', '/api/company'], ['POST', '/api/company'], ['PUT', '/api/company'],
	['GET', '/api/search-history'], ['POST', '/api/search-history'], ['PUT', '/api/search-history'],
	['GET', '/api/webhook-workbench'], ['POST', '/api/webhook-workbench'],
	['GET', '/api/territory-workbench/companies'], ['POST', '/api/territory-workbench/companies'],
	['GET', '/api/settings/url'], ['POST', '/api/settings/url'], ['PUT', '/api/settings/url'],
	['GET', '/api/settings/agent'], ['POST', '/api/settings/agent'], ['PUT', '/api/settings/agent'],
	['GET', '/api/settings/sdr-ai'], ['POST', '/api/settings/sdr-ai'], ['PUT', '/api/settings/sdr-ai'],
	['POST', '/api/leads/process/enrich'], ['POST', '/api/leads/process/copyright'], ['POST', '/api/leads/process/sdr'],
	['POST', '/api/trigger'], ['GET', '/api/trigger-task-status'], ['GET', '/api/trigger-recent-runs'],
	['POST', '/api/email-validate'], ['POST', '/api/email-verify'],
	['POST', '/api/start-lead-scrape-complete'], ['GET', '/api/lead-generation-status'],
	['POST', '/api/epsimo-chat'], ['GET', '/api/unipile-accounts'],
	['POST', '/api/agent-api-keys'],
	['GET', '/api/campaigns'], ['POST', '/api/campaigns'], ['GET', '/api/analytics/pipeline'],
	['GET', '/api/maintenance/bugs'], ['POST', '/api/maintenance/bugs'],
	['GET', '/api/maintenance/enhancements'], ['POST', '/api/maintenance/enhancements'],
	['GET', '/api/admin/companies'], ['GET', '/api/admin/users'],
	['POST', '/api/enrichment/trigger'],
];
/** CLI routes also served under /api/agent (§5 A2); GET /api/agent/leads is the Agent-style search. */
const AGENT_ALIASES = ['GET campaigns', 'POST campaigns', 'GET analytics/pipeline', 'GET maintenance/bugs', 'POST maintenance/bugs', 'GET maintenance/enhancements', 'POST maintenance/enhancements', 'POST enrichment/trigger', 'GET leads'];

describe('sandbox server plumbing', () => {
	let sb: Sandbox;
	let c: Awaited<ReturnType<typeof clients>>;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 30, rateLimit: 0 });
		c = await clients(sb);
	});
	afterAll(() => sb.close());

	test('the route tables hold exactly the 57 contract pairs (+ /api/agent aliases + the inbound webhook)', () => {
		expect(new Set(CONTRACT.map(([m, p]) => `${m} ${p}`)).size).toBe(57);
		const registered = new Set<string>();
		for (const def of apiRoutes) for (const p of typeof def.path === 'string' ? [def.path] : def.path) registered.add(`${def.method} ${p}`);
		const expected = new Set([
			...CONTRACT.map(([m, p]) => `${m} ${p}`),
			...AGENT_ALIASES.map((a) => a.replace(' ', ' /api/agent/')),
			'POST /api/webhooks/inbound/:id',
		]);
		expect([...registered].sort()).toEqual([...expected].sort());
	});

	test('every contract pair and alias answers over HTTP (never "Route not found")', async () => {
		const leadId = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId)[0].id;
		const pairs = [...CONTRACT, ...AGENT_ALIASES.map((a) => a.split(' ') as [string, string]).map(([m, p]) => [m, `/api/agent/${p}`] as [string, string])];
		for (const [method, rawPath] of pairs) {
			const path = rawPath.replace(':id', leadId);
			const client = path.startsWith('/api/admin') ? c.admin : path.endsWith('/list') ? c.demoKey : c.demo;
			const res = await client.request({ method, url: path, data: method === 'GET' ? undefined : {}, params: path.endsWith('/list') ? { companyId: sb.demo.companyId, limit: 1 } : undefined });
			expect([method, path, res.status, res.data?.error?.startsWith?.('Route not found') ?? false]).toEqual([method, path, res.status, false]);
			expect(res.status).toBeLessThan(500);
			expect(typeof res.data.success).toBe('boolean');
		}
	});

	test('unknown route → 404 not_found in the envelope; trailing slash tolerated', async () => {
		const body = expectError(await c.demo.get('/api/does-not-exist'), 404, 'not_found');
		expect(body.error).toBe('Route not found: GET /api/does-not-exist');
		expectError(await c.anon.patch('/api/clients', {}), 404, 'not_found');
		expectError(await c.anon.get('/'), 404, 'not_found');
		expectOk(await c.demo.get('/api/clients/'));
	});

	test('malformed JSON → 400 invalid_format; non-object bodies → 400 invalid_format', async () => {
		// raw bodies: stop axios from re-encoding strings
		const raw = (contentType: string) => ({ headers: { 'Content-Type': contentType }, transformRequest: [(d: unknown) => d] });
		const res = await c.demo.post('/api/clients', '{"clientName": ', raw('application/json'));
		const body = expectError(res, 400, 'invalid_format');
		expect(body.error).toBe('Malformed JSON body');
		expect(body.details).toBeDefined();
		expectError(await c.demo.post('/api/leads', '[1,2', raw('text/plain')), 400, 'invalid_format');
		expectError(await c.demo.post('/api/clients', '"just a string"', raw('application/json')), 400, 'invalid_format');
		expectError(await c.demo.post('/api/webhook-workbench', [1]), 400, 'invalid_format');
		// an empty JSON body counts as {}
		expectError(await c.demo.post('/api/clients', '', raw('application/json')), 400, 'missing_required_field');
		// JSON sent as text/plain is still understood
		expectOk(await c.demo.post('/api/clients', '{"clientName":"Plain"}', raw('text/plain')), 201);
	});

	test('DELETE carries a JSON body (batch delete) through a raw request', async () => {
		const ids = sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId).slice(0, 2).map((l) => l.id);
		const payload = JSON.stringify({ ids });
		const result = await new Promise<{ status: number; body: any }>((resolve, reject) => {
			const req = http.request(
				`${sb.url}/api/leads`,
				{ method: 'DELETE', headers: { Authorization: `Bearer ${c.demoToken}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
				(res) => {
					let data = '';
					res.on('data', (d) => (data += d));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
				},
			);
			req.on('error', reject);
			req.end(payload);
		});
		expect(result).toEqual({ status: 200, body: { success: true, deleted: 2, failed: [] } });
	});

	test('request log: method, path, parsed query and body, lower-cased headers, status', async () => {
		sb.clearRequests();
		await c.demo.post('/api/search-history?x=1&x=2&y=z', { searchName: 'Logged' }, { headers: { 'X-Custom-Header': 'Yes' } });
		await c.demo.get('/api/nope');
		expect(sb.requests).toHaveLength(2);
		const [first, second] = sb.requests;
		expect(first).toMatchObject({ method: 'POST', path: '/api/search-history', query: { x: ['1', '2'], y: 'z' }, body: { searchName: 'Logged' }, status: 201 });
		expect(first.headers['x-custom-header']).toBe('Yes');
		expect(first.headers.authorization).toBe(`Bearer ${c.demoToken}`);
		expect(Object.keys(first.headers).every((k) => k === k.toLowerCase())).toBe(true);
		expect(typeof first.at).toBe('number');
		expect(second).toMatchObject({ method: 'GET', path: '/api/nope', status: 404 });
		// control routes are not recorded and expose the same log
		const viaHttp = expectOk(await c.anon.get('/__sandbox/requests')).requests;
		expect(viaHttp).toHaveLength(2);
		sb.clearRequests();
		expect(sb.requests).toHaveLength(0);
	});

	test('recordRequests: false keeps no log', async () => {
		const quiet = await startSandbox({ port: 0, leads: 1, recordRequests: false, control: false });
		try {
			await api(quiet).post('/api/auth', { username: quiet.demo.email, password: quiet.demo.password });
			expect(quiet.requests).toHaveLength(0);
			expectError(await api(quiet).get('/__sandbox/info'), 404, 'not_found');
		} finally {
			await quiet.close();
		}
	});

	test('control: /__sandbox/info and /__sandbox/options', async () => {
		const info = expectOk(await c.anon.get('/__sandbox/info'));
		expect(info.demo).toEqual(sb.demo);
		expect(info.counts.leads).toBe(sb.store.counts().leads);
		const updated = expectOk(await c.anon.post('/__sandbox/options', { taskDelayMs: 5, tokenTtl: 120 }));
		expect(updated.info.options).toMatchObject({ taskDelayMs: 5, tokenTtl: 120 });
		expect(sb.options().taskDelayMs).toBe(5);
		expectError(await c.anon.post('/__sandbox/options', { tokenTtl: 'x' }), 400, 'invalid_format');
		sb.setOptions({ taskDelayMs: 1000, tokenTtl: 3600 });
	});
});
