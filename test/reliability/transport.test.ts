import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { createHarness } from '../helpers/harness';
import { scriptedServer } from '../helpers/scripted-server';
import type { Reply, Seen } from '../helpers/scripted-server';

const apiKeyCredential = (url: string) => ({
	baseUrl: url,
	authMode: 'apiKey',
	apiKey: 'lgp_transportTestKey123',
	userId: 'user-1',
	sessionToken: '',
});

const fast = { requestOptions: { baseDelayMs: 10, maxRetries: 4, maxWaitSeconds: 30 } };
const clientsOk = { status: 200, body: { success: true, clients: [{ id: 'c1', client_id: 'acme', clientName: 'Acme' }] } };
const getClients = { resource: 'client', operation: 'getAll', returnAll: true, ...fast };

/**
 * Lead operations first resolve their client (GET /api/clients?clientId=): answer that look-up,
 * and script the rest, counted on their own.
 */
function withClientLookup(handler: (req: Seen, n: number) => Reply) {
	let n = 0;
	return (req: Seen): Reply => (req.url.startsWith('/api/clients?') ? clientsOk : handler(req, n++));
}
const notLookups = (seen: Seen[]) => seen.filter((s) => !s.url.startsWith('/api/clients?'));

describe('transport: rate limits', () => {
	test('waits as Retry-After says, then succeeds', async () => {
		const server = await scriptedServer((_r, n) =>
			n < 2 ? { status: 429, headers: { 'Retry-After': '1' }, body: { success: false, error: 'slow down', errorType: 'rate_limit_exceeded' } } : clientsOk,
		);
		try {
			const started = Date.now();
			const { items, error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: getClients });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(server.seen).toHaveLength(3);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		} finally {
			await server.close();
		}
	});

	test('falls back to X-RateLimit-Reset when there is no Retry-After', async () => {
		let resetAt = 0;
		const server = await scriptedServer((_r, n) => {
			if (n === 0) {
				resetAt = Math.ceil(Date.now() / 1000) + 1;
				return { status: 429, headers: { 'X-RateLimit-Reset': String(resetAt) }, body: { success: false, error: 'limit' } };
			}
			return clientsOk;
		});
		try {
			const { error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: getClients });
			expect(error).toBeUndefined();
			const secondAt = Date.now();
			expect(secondAt).toBeGreaterThanOrEqual(resetAt * 1000 - 100);
		} finally {
			await server.close();
		}
	});

	test('a spent budget ends with an error that says the rate limit was hit and how long was waited', async () => {
		const server = await scriptedServer(() => ({ status: 429, body: { success: false, error: 'Too many requests', errorType: 'rate_limit_exceeded' } }));
		try {
			const { error } = await createHarness(apiKeyCredential(server.url)).run({
				parameters: { ...getClients, requestOptions: { baseDelayMs: 20, maxRetries: 3, maxWaitSeconds: 30 } },
			});
			expect(error?.message).toMatch(/Rate limit hit: Too many requests/);
			expect(error?.description).toMatch(/gave up after 4 rate-limited answer\(s\) and \d+\.\d s of waiting/);
			expect(server.seen).toHaveLength(4);
		} finally {
			await server.close();
		}
	});

	test('a Retry-After longer than the wait budget is not waited for', async () => {
		const server = await scriptedServer(() => ({ status: 429, headers: { 'Retry-After': '120' }, body: { success: false, error: 'later' } }));
		try {
			const started = Date.now();
			const { error } = await createHarness(apiKeyCredential(server.url)).run({
				parameters: { ...getClients, requestOptions: { maxRetries: 5, maxWaitSeconds: 10 } },
			});
			expect(error?.message).toMatch(/Rate limit hit/);
			expect(Date.now() - started).toBeLessThan(3000);
			expect(server.seen).toHaveLength(1);
		} finally {
			await server.close();
		}
	});
});

describe('transport: server faults', () => {
	test('reads are retried after 5xx and dropped connections', async () => {
		const server = await scriptedServer((_r, n) => (n === 0 ? { status: 503, body: { success: false, error: 'down' } } : n === 1 ? 'reset' : clientsOk));
		try {
			const { items, error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: getClients });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(server.seen).toHaveLength(3);
		} finally {
			await server.close();
		}
	});

	test('a read that times out is retried', async () => {
		const server = await scriptedServer((_r, n) => (n === 0 ? { delayMs: 800, then: clientsOk } : clientsOk));
		try {
			const { items, error } = await createHarness(apiKeyCredential(server.url)).run({
				parameters: { ...getClients, requestOptions: { ...fast.requestOptions, timeoutSeconds: 0.3 } },
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(server.seen).toHaveLength(2);
		} finally {
			await server.close();
		}
	});

	const createLead = {
		resource: 'lead',
		operation: 'create',
		clientId: { __rl: true, mode: 'id', value: 'acme' },
		firstName: 'A',
		lastName: 'B',
		email: 'a@b.test',
		...fast,
	};

	test("LeadGenius's lead-write 500 is not sent again, and its error names the cause", async () => {
		const server = await scriptedServer(
			withClientLookup((req) =>
				req.method === 'POST'
					? { status: 500, body: { success: false, error: 'Failed to create lead - no data returned' } }
					: { status: 200, body: { success: true, found: false, leads: [] } },
			),
		);
		try {
			const { error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: createLead });
			expect(error?.message).toMatch(/LeadGenius could not store the lead \(HTTP 500 "Failed to create lead - no data returned"\)/);
			expect(error?.description).toMatch(/"phone" \(use "phoneNumber"\), a field sent as empty text, or a last name of "\."/);
			expect(notLookups(server.seen).map((s) => `${s.method} ${s.url.split('?')[0]}`)).toEqual(['POST /api/leads', 'GET /api/find-lead']);
		} finally {
			await server.close();
		}
	});

	test('a create after a plain 5xx is looked up before every re-send, and sent again only while absent', async () => {
		const server = await scriptedServer(
			withClientLookup((req) =>
				req.method === 'POST'
					? { status: 503, body: { success: false, error: 'Service temporarily unavailable' } }
					: { status: 200, body: { success: true, found: false, leads: [] } },
			),
		);
		try {
			const { error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: createLead });
			expect(error?.message).toMatch(/A LeadGenius service is unavailable/);
			expect(error?.description).toMatch(/Sent 5 times; each answer was lost and the lead was not found stored afterwards/);
			const calls = notLookups(server.seen).map((s) => `${s.method} ${s.url.split('?')[0]}`);
			// Max Retries 4: five sends, each followed by a look-up, never two sends in a row
			expect(calls).toEqual(Array.from({ length: 5 }, () => ['POST /api/leads', 'GET /api/find-lead']).flat());
		} finally {
			await server.close();
		}
	});

	test('a create whose answer was lost but which was stored is found, not sent again', async () => {
		const stored = { id: 'lead-1', client_id: 'acme', email: 'a@b.test', firstName: 'A', lastName: 'B' };
		const server = await scriptedServer(
			withClientLookup((req) => (req.method === 'POST' ? 'reset' : { status: 200, body: { success: true, found: true, leads: [stored] } })),
		);
		try {
			const { items, error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: createLead });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject(stored);
			expect(notLookups(server.seen).map((s) => s.method)).toEqual(['POST', 'GET']);
		} finally {
			await server.close();
		}
	});

	test('a create that timed out but lands late on the server is found, not sent twice', async () => {
		let stored: Record<string, unknown> | undefined;
		const server = await scriptedServer(
			withClientLookup((req) => {
				if (req.method === 'POST') {
					// the server is slow: it stores the lead 400 ms later, after the client gave up at 250 ms
					setTimeout(() => (stored = { id: 'late-1', client_id: 'acme', email: 'a@b.test' }), 400);
					return { delayMs: 450, then: { status: 201, body: { success: true, lead: { id: 'late-1' } } } };
				}
				return { status: 200, body: { success: true, leads: stored ? [stored] : [] } };
			}),
		);
		try {
			const { items, error } = await createHarness(apiKeyCredential(server.url)).run({
				parameters: { ...createLead, requestOptions: { ...fast.requestOptions, timeoutSeconds: 0.25 } },
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: 'late-1' });
			expect(notLookups(server.seen).map((s) => s.method)).toEqual(['POST', 'GET']);
		} finally {
			await server.close();
		}
	});

	test('other 4xx answers are not retried and carry the API details', async () => {
		const server = await scriptedServer(() => ({
			status: 400,
			body: { success: false, error: 'client_id is required', errorType: 'missing_required_field', details: 'query', recommendation: 'Pass client_id' },
		}));
		try {
			const { error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: getClients });
			expect(error?.message).toBe('The request was rejected as invalid: client_id is required');
			expect(error?.description).toContain('Error type: missing_required_field');
			expect(error?.description).toContain('Recommendation: Pass client_id');
			expect(server.seen).toHaveLength(1);
		} finally {
			await server.close();
		}
	});
});

describe('transport: pagination is exactly-once', () => {
	const listLeads = {
		resource: 'lead',
		operation: 'getAll',
		clientId: { __rl: true, mode: 'id', value: 'acme' },
		returnAll: true,
		simplify: false,
		...fast,
	};

	test('a failed page is fetched again with the same token, and nothing is repeated', async () => {
		const server = await scriptedServer(withClientLookup((req, n) => {
			const token = new URL(req.url, 'http://x').searchParams.get('nextToken');
			if (n === 2) return { status: 502, body: { success: false, error: 'bad gateway' } };
			if (!token) return { status: 200, body: { success: true, leads: [{ id: 'l1' }, { id: 'l2' }], nextToken: 't2' } };
			if (token === 't2') return { status: 200, body: { success: true, leads: [{ id: 'l3' }], nextToken: 't3' } };
			return { status: 200, body: { success: true, leads: [{ id: 'l4' }], nextToken: null } };
		}));
		try {
			const { items, error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: listLeads });
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(['l1', 'l2', 'l3', 'l4']);
			const tokens = notLookups(server.seen).map((s) => new URL(s.url, 'http://x').searchParams.get('nextToken'));
			expect(tokens).toEqual([null, 't2', 't3', 't3']);
		} finally {
			await server.close();
		}
	});

	test('a token the server already sent stops with an error instead of looping', async () => {
		const server = await scriptedServer(withClientLookup(() => ({ status: 200, body: { success: true, leads: [{ id: 'x' }], nextToken: 'same' } })));
		try {
			const { error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: listLeads });
			expect(error?.message).toMatch(/same page token twice/);
			expect(notLookups(server.seen).length).toBeLessThanOrEqual(3);
		} finally {
			await server.close();
		}
	});

	test('empty pages that keep promising more stop with an error', async () => {
		const server = await scriptedServer(withClientLookup((_r, n) => ({ status: 200, body: { success: true, leads: [], nextToken: `t${n}` } })));
		try {
			const { error } = await createHarness(apiKeyCredential(server.url)).run({ parameters: listLeads });
			expect(error?.message).toMatch(/empty pages in a row/);
			expect(notLookups(server.seen)).toHaveLength(3);
		} finally {
			await server.close();
		}
	});

	test('the legacy lastKey token and data key are understood', async () => {
		const server = await scriptedServer(
			withClientLookup((req) =>
				new URL(req.url, 'http://x').searchParams.get('nextToken') === 'k1'
					? { status: 200, body: { success: true, data: [{ id: 'b' }] } }
					: { status: 200, body: { success: true, data: [{ id: 'a' }], lastKey: 'k1' } },
			),
		);
		try {
			const { items } = await createHarness(apiKeyCredential(server.url)).run({ parameters: listLeads });
			expect(items.map((i) => i.json.id)).toEqual(['a', 'b']);
		} finally {
			await server.close();
		}
	});
});

describe('session renewal', () => {
	test('a 401 right after a fresh login is an error about the credentials, not a loop', async () => {
		const server = await scriptedServer((req) =>
			req.url === '/api/auth'
				? { status: 200, body: { success: true, tokens: { accessToken: 'fresh-but-useless-token', refreshToken: 'r' } } }
				: req.url === '/api/auth/refresh'
					? { status: 401, body: { success: false, error: 'bad refresh' } }
					: { status: 401, body: { success: false, error: 'Invalid token', errorType: 'no_valid_tokens' } },
		);
		try {
			const { error } = await createHarness({
				baseUrl: server.url,
				authMode: 'password',
				email: 'ops@example.test',
				password: 'Canary-Password-991',
				sessionToken: '',
			}).run({ parameters: getClients });
			expect(error?.message).toMatch(/rejected the login even after signing in again: check the email and password/);
			expect(server.seen.length).toBeLessThanOrEqual(6);
		} finally {
			await server.close();
		}
	});
});

describe('secret canary', () => {
	test('the harness fails a run whose output contains a credential secret', async () => {
		class Leaky implements INodeType {
			description = {
				displayName: 'Leaky',
				name: 'leaky',
				group: ['transform'],
				version: 1,
				description: 'Outputs its credential',
				defaults: { name: 'Leaky' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: 'leadGeniusApi', required: true }],
				properties: [],
			} as unknown as INodeType['description'];

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const c = await this.getCredentials('leadGeniusApi');
				return [[{ json: { oops: `key=${String(c.apiKey)}` } }]];
			}
		}
		const h = createHarness(apiKeyCredential('http://127.0.0.1:9'));
		h.nodeTypes.register('test.leaky', new Leaky());
		await expect(h.run({ type: 'test.leaky', parameters: {} })).rejects.toThrow(/Secret leak/);
	});
});
