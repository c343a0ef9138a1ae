import { createHash } from 'crypto';

import { signedContent } from './verify';

/**
 * A stable identifier of one delivered event, the same in every n8n process that receives the same
 * bytes: SHA-256 (hex) of what identifies the delivery, i.e. the signed content `<timestamp>.<raw body>`
 * when HMAC verification reads a timestamp header, else the raw body alone. An event of a batch
 * (several events in one request) gets `:<position>` (0-based, counted before the event filter) after
 * the digest. Nothing secret goes in: the digest is of bytes the sender sent.
 *
 * A replay of a request (the same bytes, the same timestamp) gives the same ids, wherever it lands, so a
 * queue-mode workflow can refuse it across processes with an atomic claim on `eventId` in a store they
 * all share (docs/trigger.md: Redis Increment, then If = 1).
 */
export function deliveryDigest(rawBody: Buffer, timestamp: string | null): string {
	return createHash('sha256').update(signedContent(rawBody, timestamp)).digest('hex');
}

/** The ids of the `count` events of one delivery, in the order the request listed them. */
export function eventIds(digest: string, count: number): string[] {
	if (count === 1) return [digest];
	return Array.from({ length: count }, (_, position) => `${digest}:${position}`);
}
