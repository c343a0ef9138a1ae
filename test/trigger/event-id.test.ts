/**
 * `eventId`: the same for the same delivery in every n8n process (what a workflow de-duplicates on in
 * queue mode), different for a different delivery.
 */
import { createHash } from 'node:crypto';

import { fire } from './context';
import { genericReply, woodpeckerBounce, woodpeckerReplyBatch } from './fixtures';
import { computeSignature } from '../../nodes/LeadGenius/trigger/verify';

const SECRET = 'lg-event-id-secret';
const hmac = {
	source: 'generic',
	verification: 'hmacSha256',
	secret: SECRET,
	signatureHeaderName: 'x-leadgenius-signature',
	timestampHeaderName: 'x-leadgenius-timestamp',
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ids = (fired: Awaited<ReturnType<typeof fire>>) => (fired.result.workflowData?.[0] ?? []).map((item) => item.json.eventId);

function signed(body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
	return {
		body,
		headers: { 'x-leadgenius-timestamp': timestamp, 'x-leadgenius-signature': computeSignature(SECRET, body, 'hex', timestamp) },
	};
}

/**
 * The trigger as a second n8n process loads it: a fresh copy of the node's modules, so nothing held in
 * memory (the replay cache) is shared with the first.
 */
function otherProcessFire(): typeof fire {
	let isolated: typeof fire | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		isolated = (require('./context') as typeof import('./context')).fire;
	});
	return isolated!;
}

describe('eventId', () => {
	it('is the SHA-256 of the signed content <timestamp>.<body> with HMAC and a timestamp', async () => {
		const body = JSON.stringify(genericReply);
		const now = String(Math.floor(Date.now() / 1000));
		const ok = await fire(hmac, signed(body, now));
		expect(ok.response.statusCode).toBe(200);
		expect(ids(ok)).toEqual([sha256(`${now}.${body}`)]);
	});

	it('is the same when the same signed request reaches another process, which does not refuse it by itself', async () => {
		const body = JSON.stringify({ ...genericReply, lead: { ...genericReply.lead, email: 'replayed@acme.example' } });
		const request = signed(body);
		const first = await fire(hmac, request);
		expect(first.response.statusCode).toBe(200);
		// Same process: the in-memory replay cache refuses it.
		const again = await fire(hmac, request);
		expect(again.response).toEqual({ statusCode: 401, body: { error: 'Unauthorized' } });
		// Another process has its own cache: accepted, with the same eventId (what the workflow de-duplicates on).
		const elsewhere = await otherProcessFire()(hmac, request);
		expect(elsewhere.response.statusCode).toBe(200);
		expect(ids(elsewhere)).toEqual(ids(first));
		expect(ids(first)[0]).toMatch(/^[0-9a-f]{64}$/);
	});

	it('does not depend on the workflow, the node, the time of receipt or the secret', async () => {
		const body = JSON.stringify(genericReply);
		const a = await fire({ source: 'generic' }, { body, workflowId: 'wf-a' });
		await new Promise((resolve) => setTimeout(resolve, 5));
		const b = await otherProcessFire()({ source: 'generic', verification: 'sharedSecret', secret: 'other' }, {
			body,
			workflowId: 'wf-b',
			headers: { 'x-leadgenius-secret': 'other' },
		});
		expect(ids(a)).toEqual([sha256(body)]);
		expect(ids(b)).toEqual(ids(a));
	});

	it('differs for a new delivery: another timestamp, or other bytes', async () => {
		const body = JSON.stringify({ ...genericReply, lead: { ...genericReply.lead, email: 'twice@acme.example' } });
		const now = Math.floor(Date.now() / 1000);
		const first = await fire(hmac, signed(body, String(now)));
		const resent = await fire(hmac, signed(body, String(now - 1)));
		expect(resent.response.statusCode).toBe(200);
		expect(ids(resent)[0]).not.toBe(ids(first)[0]);
		const reformatted = await fire({ source: 'generic' }, { body: JSON.stringify(genericReply, null, 2) });
		const compact = await fire({ source: 'generic' }, { body: JSON.stringify(genericReply) });
		expect(ids(reformatted)[0]).not.toBe(ids(compact)[0]);
	});

	it('numbers the events of a batch by their position in the request, whatever the event filter keeps', async () => {
		const body = JSON.stringify([...woodpeckerReplyBatch, ...woodpeckerBounce]);
		const digest = sha256(body);
		const all = await fire({ source: 'woodpecker' }, { body });
		expect(ids(all)).toEqual([`${digest}:0`, `${digest}:1`, `${digest}:2`]);
		const bounces = await fire({ source: 'woodpecker', woodpeckerEvents: ['prospect_bounced'] }, { body });
		expect(ids(bounces)).toEqual([`${digest}:2`]);
		expect(new Set(ids(all)).size).toBe(3);
	});

	it('is stable without raw bytes too (from the parsed body)', async () => {
		const body = JSON.stringify(genericReply);
		const a = await fire({ source: 'generic' }, { body, withoutRawBody: true });
		const b = await otherProcessFire()({ source: 'generic' }, { body, withoutRawBody: true });
		expect(ids(a)).toEqual([sha256(JSON.stringify(genericReply))]);
		expect(ids(b)).toEqual(ids(a));
	});
});
