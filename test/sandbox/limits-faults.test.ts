import { startSandbox, type Sandbox } from '../../sandbox/server';
import { api, clients, expectError, expectOk, login, sleep } from './helpers';

describe('sandbox rate limiting', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: 20, rateLimit: 5, rateWindowMs: 1500 });
	});
	afterAll(() => sb.close());

	test('X-RateLimit-* headers on every authenticated response; 429 with Retry-After; window resets', async () => {
		sb.setOptions({ rateLimit: 5, rateWindowMs: 1500 });
		const token = await login(sb, sb.demo.email, sb.demo.password);
		const demo = api(sb, { token });
		const started = Date.now();
		const remaining: number[] = [];
		for (let i = 0; i < 5; i++) {
			const res = await demo.get('/api/clients');
			expect(res.status).toBe(200);
			expect(res.headers['x-ratelimit-limit']).toBe('5');
			remaining.push(Number(res.headers['x-ratelimit-remaining']));
			const reset = Number(res.headers['x-ratelimit-reset']);
			expect(reset).toBeGreaterThanOrEqual(Math.floor(started / 1000));
			expect(reset).toBeLessThanOrEqual(Math.ceil((started + 1500) / 1000) + 1);
		}
		expect(remaining).toEqual([4, 3, 2, 1, 0]);
		const limited = await demo.get('/api/clients');
		const body = expectError(limited, 429, 'rate_limit_exceeded');
		expect(body.recommendation).toMatch(/Retry after/);
		const retryAfter = limited.headers['retry-after'];
		expect(retryAfter).toMatch(/^\d+$/);
		expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
		expect(Number(retryAfter)).toBeLessThanOrEqual(2);
		expect(limited.headers['x-ratelimit-remaining']).toBe('0');
		// the limit is per identity: another user is not affected, the API key of the same user is
		const other = api(sb, { token: await login(sb, sb.other.email, sb.other.password) });
		expect((await other.get('/api/clients')).status).toBe(200);
		expect((await api(sb, { apiKey: sb.demo.apiKey, userId: sb.demo.userId }).get('/api/clients')).status).toBe(429);
		// the login route is not rate limited and has no headers
		const auth = await api(sb).post('/api/auth', { username: sb.demo.email, password: sb.demo.password });
		expect(auth.status).toBe(200);
		expect(auth.headers['x-ratelimit-limit']).toBeUndefined();
		await sleep(Math.max(0, started + 1550 - Date.now()));
		const after = await demo.get('/api/clients');
		expect(after.status).toBe(200);
		expect(after.headers['x-ratelimit-remaining']).toBe('4');
	});

	test('error responses of authenticated requests carry the headers; rateLimit 0 turns limiting off', async () => {
		sb.setOptions({ rateLimit: 3, rateWindowMs: 60000 });
		const demo = api(sb, { token: await login(sb, sb.demo.email, sb.demo.password) });
		const notFound = await demo.get('/api/enrich-leads/nope');
		expect(notFound.status).toBe(404);
		expect(notFound.headers['x-ratelimit-remaining']).toBe('2');
		sb.setOptions({ rateLimit: 0 });
		for (let i = 0; i < 10; i++) {
			const res = await demo.get('/api/company');
			expect(res.status).toBe(200);
			expect(res.headers['x-ratelimit-limit']).toBeUndefined();
		}
	});
});

describe('sandbox fault injection', () => {
	/** Runs `n` sequential GETs and returns the indices answered with 5xx or reset. */
	async function faultedIndices(sb: Sandbox, n: number): Promise<Array<[number, string]>> {
		const client = api(sb, { apiKey: sb.demo.apiKey, userId: sb.demo.userId });
		const out: Array<[number, string]> = [];
		for (let i = 0; i < n; i++) {
			try {
				const res = await client.get('/api/company');
				if (res.status >= 500) out.push([i, String(res.status)]);
				else expect(res.status).toBe(200);
			} catch (err) {
				out.push([i, 'reset']);
			}
		}
		return out;
	}

	test('same fault seed → same faulted request indices; different seed → different', async () => {
		const faults = { seed: 7, errorRate: 0.2, resetRate: 0.1 };
		const a = await startSandbox({ port: 0, leads: 5, rateLimit: 0, faults });
		const b = await startSandbox({ port: 0, leads: 5, rateLimit: 0, faults });
		const d = await startSandbox({ port: 0, leads: 5, rateLimit: 0, faults: { ...faults, seed: 8 } });
		try {
			const fa = await faultedIndices(a, 60);
			const fb = await faultedIndices(b, 60);
			const fd = await faultedIndices(d, 60);
			expect(fa).toEqual(fb);
			expect(fa).not.toEqual(fd);
			// roughly the configured share, with both kinds and both statuses present
			expect(fa.length).toBeGreaterThan(8);
			expect(fa.length).toBeLessThan(32);
			const kinds = new Set(fa.map(([, k]) => k));
			expect(kinds.has('reset')).toBe(true);
			expect(kinds.has('500') || kinds.has('503')).toBe(true);
			// the fault log agrees with what the client saw
			expect(a.faultLog().filter((f) => f.kind !== 'latency').map((f) => [f.index, f.kind === 'reset' ? 'reset' : String(f.status)])).toEqual(fa);
			// faulted requests are answered in the envelope before any processing
			a.setOptions({ faults: { seed: 1, errorRate: 1 } });
			const res = await api(a).get('/api/clients');
			expect(res.status === 500 || res.status === 503).toBe(true);
			expect(res.data.success).toBe(false);
			expect(['internal_error', 'service_unavailable']).toContain(res.data.errorType);
			expect(res.data.details).toMatch(/fault/);
		} finally {
			await Promise.all([a.close(), b.close(), d.close()]);
		}
	});

	test('/api/auth is exempt by default, exempt paths are configurable, the inbound webhook is never faulted', async () => {
		const sb = await startSandbox({ port: 0, leads: 5, rateLimit: 0, faults: { errorRate: 1 } });
		try {
			const token = await login(sb, sb.demo.email, sb.demo.password);
			expect((await api(sb).post('/api/auth/refresh', { refreshToken: 'x' })).status).toBe(401);
			expect((await api(sb, { token }).get('/api/clients')).status).toBeGreaterThanOrEqual(500);
			const secret = sb.store.webhookSecret(sb.webhookId);
			expectOk(await api(sb).post(`/api/webhooks/inbound/${sb.webhookId}?key=${secret}`, { e: 1 }));
			sb.setOptions({ faults: { errorRate: 1, exempt: ['/api/clients'] } });
			expectOk(await api(sb, { token }).get('/api/clients'));
			expect((await api(sb).post('/api/auth', { username: sb.demo.email, password: sb.demo.password })).status).toBeGreaterThanOrEqual(500);
			sb.setOptions({ faults: {} });
			expectOk(await api(sb, { token }).get('/api/company'));
		} finally {
			await sb.close();
		}
	});

	test('latency and latency spikes delay answers', async () => {
		const sb = await startSandbox({ port: 0, leads: 5, rateLimit: 0, faults: { latencyMs: 120 } });
		try {
			const client = api(sb, { apiKey: sb.demo.apiKey, userId: sb.demo.userId });
			let t = Date.now();
			expectOk(await client.get('/api/company'));
			expect(Date.now() - t).toBeGreaterThanOrEqual(115);
			sb.setOptions({ faults: { latencySpikeRate: 1, latencySpikeMs: 200 } });
			t = Date.now();
			expectOk(await client.get('/api/company'));
			expect(Date.now() - t).toBeGreaterThanOrEqual(195);
			expect(sb.faultLog()).toEqual([expect.objectContaining({ index: 0, kind: 'latency', delayMs: 200, path: '/api/company' })]);
			sb.setOptions({ faults: {} });
			t = Date.now();
			expectOk(await client.get('/api/company'));
			expect(Date.now() - t).toBeLessThan(100);
		} finally {
			await sb.close();
		}
	});

	test('the fault sequence restarts when faults are set at runtime', async () => {
		const sb = await startSandbox({ port: 0, leads: 5, rateLimit: 0 });
		try {
			const clients_ = await clients(sb);
			expectOk(await clients_.demoKey.get('/api/company'));
			sb.setOptions({ faults: { seed: 3, errorRate: 0.5 } });
			const first = await faultedIndices(sb, 20);
			sb.setOptions({ faults: { seed: 3, errorRate: 0.5 } });
			const second = await faultedIndices(sb, 20);
			expect(first).toEqual(second);
			expect(first.length).toBeGreaterThan(0);
		} finally {
			await sb.close();
		}
	});
});
