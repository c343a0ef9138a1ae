import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { TRIGGER_TYPE, fire, nodeType } from './context';
import { genericReply, heyreachConnectionAccepted, heyreachReply, lemlistReply, woodpeckerBounce, woodpeckerReplyBatch } from './fixtures';
import { computeSignature } from '../../nodes/LeadGenius/trigger/verify';

const SECRET = 'lg-test-secret-5f0c';

const json = (value: unknown) => JSON.stringify(value);
const items = (fired: Awaited<ReturnType<typeof fire>>) => (fired.result.workflowData?.[0] ?? []).map((item) => item.json);

describe('node description', () => {
	const { description } = nodeType;

	it('is a POST webhook trigger that keeps the raw body', () => {
		expect(description).toMatchObject({
			name: 'leadGeniusTrigger',
			displayName: 'LeadGenius Trigger',
			icon: { light: 'file:leadgenius.svg', dark: 'file:leadgenius.dark.svg' },
			group: ['trigger'],
			version: 1,
			inputs: [],
			outputs: ['main'],
		});
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook', rawBody: true },
		]);
	});

	it('has a webhook lifecycle with nothing to register remotely: each step succeeds without touching n8n', async () => {
		const methods = (nodeType as { webhookMethods?: Record<string, Record<string, (this: unknown) => Promise<boolean>>> })
			.webhookMethods;
		expect(Object.keys(methods ?? {})).toEqual(['default']);
		expect(Object.keys(methods!.default).sort()).toEqual(['checkExists', 'create', 'delete']);
		// any use of the hook context (node parameters, static data, HTTP requests) would be a side effect
		const touched: PropertyKey[] = [];
		const context = new Proxy({}, { get: (_target, key) => (touched.push(key), undefined) });
		for (const step of ['checkExists', 'create', 'delete']) {
			await expect(methods!.default[step].call(context)).resolves.toBe(true);
		}
		expect(touched).toEqual([]);
	});

	it('declares the LeadGenius credential as optional, shown only when it is the secret source', () => {
		expect(description.credentials).toEqual([
			{
				name: 'leadGeniusApi',
				required: false,
				displayOptions: { show: { verification: ['sharedSecret', 'hmacSha256'], secretSource: ['credential'] } },
			},
		]);
	});

	it('has a Source option, one Events list per source (default All) and a password-type secret', () => {
		const byName = (name: string) => description.properties.find((property) => property.name === name);
		expect(byName('source')?.options?.map((option) => ('value' in option ? option.value : ''))).toEqual([
			'generic',
			'heyreach',
			'woodpecker',
			'lemlist',
		]);
		for (const platform of ['generic', 'heyreach', 'woodpecker', 'lemlist']) {
			const events = byName(`${platform}Events`);
			expect(events).toMatchObject({ type: 'multiOptions', default: ['*'], displayOptions: { show: { source: [platform] } } });
		}
		expect(byName('secret')).toMatchObject({ type: 'string', typeOptions: { password: true } });
	});

	it('has a codex file naming the node', () => {
		const codex = JSON.parse(readFileSync(join(__dirname, '../../nodes/LeadGenius/LeadGeniusTrigger.node.json'), 'utf8'));
		expect(codex.node).toBe(TRIGGER_TYPE);
	});
});

describe('receiving events', () => {
	it.each(['webhook', 'manual'] as const)('starts the workflow with the normalised event (%s mode)', async (mode) => {
		const fired = await fire({ source: 'heyreach' }, { body: json(heyreachReply), mode });
		expect(fired.result.noWebhookResponse).toBe(true); // the node answers the sender itself, and the execution still starts
		expect(fired.response).toEqual({ statusCode: 200, body: { received: 1, accepted: 1 } });
		expect(items(fired)).toEqual([
			{
				eventId: createHash('sha256').update(json(heyreachReply)).digest('hex'),
				event: 'EVERY_MESSAGE_REPLY_RECEIVED',
				platform: 'heyreach',
				occurredAt: '2026-01-28T16:28:03.000Z',
				lead: {
					email: 'jane.doe@acme.example',
					firstName: 'Jane',
					lastName: 'Doe',
					companyName: 'Acme GmbH',
					linkedinUrl: 'https://www.linkedin.com/in/jane-doe-42',
					title: 'VP Sales',
				},
				campaign: { id: '98765', name: 'Q1 VP Sales DACH' },
				raw: heyreachReply,
			},
		]);
	});

	it('acknowledges an event that is not selected without starting an execution', async () => {
		const fired = await fire({ source: 'heyreach', heyreachEvents: ['CONNECTION_REQUEST_ACCEPTED'] }, { body: json(heyreachReply) });
		expect(fired.result).toEqual({ noWebhookResponse: true }); // no workflowData: no execution
		expect(fired.response).toEqual({ statusCode: 200, body: { received: 1, accepted: 0 } });
	});

	it('starts the workflow for a selected event', async () => {
		const fired = await fire(
			{ source: 'heyreach', heyreachEvents: ['CONNECTION_REQUEST_ACCEPTED'] },
			{ body: json(heyreachConnectionAccepted) },
		);
		expect(items(fired).map((item) => item.event)).toEqual(['CONNECTION_REQUEST_ACCEPTED']);
	});

	it('gives one item per event of a batch, after filtering', async () => {
		const body = json([...woodpeckerReplyBatch, ...woodpeckerBounce]);
		const all = await fire({ source: 'woodpecker' }, { body });
		expect(items(all).map((item) => item.event)).toEqual(['prospect_replied', 'prospect_replied', 'prospect_bounced']);
		const replies = await fire({ source: 'woodpecker', woodpeckerEvents: ['prospect_replied'] }, { body });
		expect(items(replies).map((item) => (item.lead as { email: string }).email)).toEqual([
			'erlich@bachmanity.example',
			'monica@raviga.example',
		]);
		expect(replies.response.body).toEqual({ received: 3, accepted: 2 });
	});

	it('lets free-text event names through', async () => {
		const fired = await fire(
			{ source: 'lemlist', lemlistEvents: ['emailsBounced'], options: { additionalEvents: 'emailsReplied' } },
			{ body: json(lemlistReply) },
		);
		expect(items(fired)).toHaveLength(1);
	});

	it('acknowledges an empty batch', async () => {
		const fired = await fire({ source: 'woodpecker' }, { body: '[]' });
		expect(fired.result).toEqual({ noWebhookResponse: true });
		expect(fired.response).toEqual({ statusCode: 200, body: { received: 0, accepted: 0 } });
	});

	it('falls back to the parsed body when the host kept no raw bytes', async () => {
		const fired = await fire({ source: 'generic' }, { body: json(genericReply), withoutRawBody: true });
		expect(items(fired).map((item) => item.event)).toEqual(['reply_received']);
		const batch = await fire({ source: 'woodpecker' }, { body: json(woodpeckerReplyBatch), withoutRawBody: true });
		expect(items(batch)).toHaveLength(2);
		const nothing = await fire({ source: 'generic' }, { body: 'not json', withoutRawBody: true });
		expect(nothing.response.statusCode).toBe(400);
	});
});

describe('refusals (answered by the node, no execution)', () => {
	it.each([
		['malformed JSON', '{"event": "reply_received",'],
		['an empty body', ''],
		['a JSON string', '"reply_received"'],
		['a JSON number', '42'],
	])('answers 400 for %s', async (_label, body) => {
		const fired = await fire({ source: 'generic' }, { body, headers: { 'content-type': 'text/plain' } });
		expect(fired.result).toEqual({ noWebhookResponse: true });
		expect(fired.response).toEqual({ statusCode: 400, body: { error: 'The request body is not a JSON object or array' } });
	});

	it('answers 413 for a body over the limit (default 1 MB, configurable)', async () => {
		const big = json({ event: 'reply_received', padding: 'x'.repeat(1024 * 1024) });
		const fired = await fire({ source: 'generic' }, { body: big });
		expect(fired.result).toEqual({ noWebhookResponse: true });
		expect(fired.response).toEqual({ statusCode: 413, body: { error: 'The request body is larger than the 1024 KB limit' } });

		const small = await fire({ source: 'generic', options: { maxBodySizeKb: 1 } }, { body: json({ event: 'x', pad: 'y'.repeat(2000) }) });
		expect(small.response.statusCode).toBe(413);
		const fits = await fire({ source: 'generic', options: { maxBodySizeKb: 1 } }, { body: json({ event: 'x' }) });
		expect(items(fits)).toHaveLength(1);
	});

	it('answers 413 from the Content-Length header alone', async () => {
		const fired = await fire({ source: 'generic' }, { body: '{}', headers: { 'content-length': String(5 * 1024 * 1024) } });
		expect(fired.response.statusCode).toBe(413);
	});
});

describe('verification through the node', () => {
	const sharedSecret = { source: 'lemlist', verification: 'sharedSecret', secret: SECRET };

	it('accepts ?secret= in the URL and the default header', async () => {
		const byQuery = await fire(sharedSecret, { body: json(lemlistReply), query: { secret: SECRET } });
		expect(items(byQuery)).toHaveLength(1);
		expect(json(items(byQuery))).not.toContain(SECRET);
		const byHeader = await fire(sharedSecret, { body: json(lemlistReply), headers: { 'X-LeadGenius-Secret': SECRET } });
		expect(items(byHeader)).toHaveLength(1);
	});

	it('answers 401 for a wrong or missing secret, and never logs the secret', async () => {
		for (const query of [{ secret: 'wrong' }, {}]) {
			const fired = await fire(sharedSecret, { body: json(lemlistReply), query });
			expect(fired.result).toEqual({ noWebhookResponse: true });
			expect(fired.result.workflowData).toBeUndefined();
			expect(fired.response).toEqual({ statusCode: 401, body: { error: 'Unauthorized' } });
			expect(fired.warnings).toHaveLength(1);
			expect(fired.warnings.join()).not.toContain(SECRET);
		}
	});

	it('checks the secret before parsing (a forged malformed body gets 401, not 400)', async () => {
		const fired = await fire(sharedSecret, { body: '{not json', query: { secret: 'wrong' } });
		expect(fired.response.statusCode).toBe(401);
	});

	describe('HMAC-SHA256 with the secret from the LeadGenius credential', () => {
		const parameters = { source: 'generic', verification: 'hmacSha256', secretSource: 'credential' };
		const credential = { webhookSecret: SECRET };
		const body = json(genericReply);
		const signedHeaders = (timestamp = String(Math.floor(Date.now() / 1000)), secret = SECRET) => ({
			'X-LeadGenius-Timestamp': timestamp,
			'X-LeadGenius-Signature': computeSignature(secret, body, 'hex', timestamp),
		});

		it('accepts a correctly signed request, then refuses the same request replayed', async () => {
			const headers = signedHeaders();
			const first = await fire(parameters, { body, headers, credential, workflowId: 'wf-replay' });
			expect(items(first)).toHaveLength(1);
			const replay = await fire(parameters, { body, headers, credential, workflowId: 'wf-replay' });
			expect(replay.response.statusCode).toBe(401);
			expect(replay.warnings.join()).toContain('replay');
		});

		it('refuses a stale timestamp, a wrong key and a missing signature', async () => {
			const stale = await fire(parameters, { body, headers: signedHeaders(String(Math.floor(Date.now() / 1000) - 600)), credential });
			expect(stale.response.statusCode).toBe(401);
			const wrongKey = await fire(parameters, { body, headers: signedHeaders(undefined, 'other'), credential });
			expect(wrongKey.response.statusCode).toBe(401);
			const unsigned = await fire(parameters, { body, credential });
			expect(unsigned.response.statusCode).toBe(401);
		});

		it('refuses everything when the credential has no signing secret or is not attached', async () => {
			const noSecret = await fire(parameters, { body, headers: signedHeaders(), credential: { webhookSecret: '' } });
			expect(noSecret.response.statusCode).toBe(401);
			const noCredential = await fire(parameters, { body, headers: signedHeaders() });
			expect(noCredential.response.statusCode).toBe(401);
			expect(noCredential.warnings.join()).toContain('no secret is configured');
		});

		it('uses base64 and a custom header when configured', async () => {
			const timestamp = String(Math.floor(Date.now() / 1000));
			const fired = await fire(
				{ ...parameters, signatureEncoding: 'base64', signatureHeaderName: 'X-Hub-Signature-256', signaturePrefix: 'sha256=' },
				{
					body,
					credential,
					headers: {
						'x-leadgenius-timestamp': timestamp,
						'x-hub-signature-256': `sha256=${computeSignature(SECRET, body, 'base64', timestamp)}`,
					},
				},
			);
			expect(items(fired)).toHaveLength(1);
		});
	});
});

describe('forwarding to a LeadGenius workbench URL', () => {
	interface Received {
		url: string;
		contentType: string | undefined;
		body: unknown;
	}
	let server: http.Server;
	let base: string;
	let received: Received[];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push({
					url: req.url ?? '',
					contentType: req.headers['content-type'],
					body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
				});
				const status = req.url?.startsWith('/fail') ? 500 : 201;
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(json({ success: status === 201 }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	beforeEach(() => {
		received = [];
	});

	it('POSTs each accepted event in the platform’s own format and reports success', async () => {
		const forwardUrl = `${base}/api/webhooks/inbound/wh-1?key=workbench-key-123`;
		const fired = await fire(
			{ source: 'woodpecker', woodpeckerEvents: ['prospect_replied'], forward: true, forwardUrl },
			{ body: json([...woodpeckerReplyBatch, ...woodpeckerBounce]) },
		);
		expect(items(fired).map((item) => item.forward)).toEqual([
			{ ok: true, status: 201 },
			{ ok: true, status: 201 },
		]);
		// the bounce was not selected, so it is neither output nor forwarded
		expect(received).toHaveLength(2);
		expect(received.map((request) => request.url)).toEqual([
			'/api/webhooks/inbound/wh-1?key=workbench-key-123',
			'/api/webhooks/inbound/wh-1?key=workbench-key-123',
		]);
		expect(received[0].contentType).toContain('application/json');
		expect(received.map((request) => request.body)).toEqual(
			expect.arrayContaining([[woodpeckerReplyBatch[0]], [woodpeckerReplyBatch[1]]]),
		);
	});

	it('forwards a single-object platform body unchanged', async () => {
		await fire({ source: 'lemlist', forward: true, forwardUrl: `${base}/in` }, { body: json(lemlistReply) });
		expect(received.map((request) => request.body)).toEqual([lemlistReply]);
	});

	it('reports an HTTP error from the workbench and still outputs the event', async () => {
		const fired = await fire({ source: 'heyreach', forward: true, forwardUrl: `${base}/fail` }, { body: json(heyreachReply) });
		const [item] = items(fired);
		expect(item.event).toBe('EVERY_MESSAGE_REPLY_RECEIVED');
		expect(item.forward).toEqual({ ok: false, status: 500, error: 'The workbench answered HTTP 500' });
	});

	it('reports an unreachable workbench without leaking the URL key, and still outputs the event', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		const forwardUrl = `http://127.0.0.1:${port}/api/webhooks/inbound/wh-2?key=very-secret-key`;
		const fired = await fire({ source: 'heyreach', forward: true, forwardUrl }, { body: json(heyreachReply) });
		const [item] = items(fired);
		expect(item.raw).toEqual(heyreachReply);
		const forward = item.forward as { ok: boolean; status: number | null; error: string };
		expect(forward.ok).toBe(false);
		expect(forward.status).toBeNull();
		expect(forward.error).toEqual(expect.any(String));
		expect(forward.error).not.toContain('very-secret-key');
	});

	it('reports a URL that is not http(s)', async () => {
		const fired = await fire({ source: 'generic', forward: true, forwardUrl: 'ftp://example.com/x' }, { body: json(genericReply) });
		expect(items(fired)[0].forward).toEqual({ ok: false, status: null, error: 'The forward URL is not an http(s) URL' });
	});

	it('does not forward when forwarding is off, and adds no forward field', async () => {
		const fired = await fire({ source: 'lemlist', forwardUrl: `${base}/in` }, { body: json(lemlistReply) });
		expect(received).toHaveLength(0);
		expect(items(fired)[0]).not.toHaveProperty('forward');
	});
});
