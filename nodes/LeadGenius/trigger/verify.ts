import { createHmac, timingSafeEqual } from 'crypto';

export type VerificationMethod = 'none' | 'sharedSecret' | 'hmacSha256';
export type SecretLocation = 'headerOrQuery' | 'header' | 'query';
export type SignatureEncoding = 'hex' | 'base64';

/** What the checks read from the request. Header names are looked up in lower case (as Node gives them). */
export interface VerificationRequest {
	rawBody: Buffer | null;
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, unknown>;
	/** Epoch milliseconds; injectable for tests. */
	now: number;
}

export interface SharedSecretOptions {
	secret: string;
	location: SecretLocation;
	headerName: string;
	queryParameter: string;
}

export interface HmacOptions {
	secret: string;
	headerName: string;
	encoding: SignatureEncoding;
	/** Text before the digest in the header, e.g. `sha256=`; empty for none. */
	prefix: string;
	/** Empty: the body alone is signed and there is no replay protection. */
	timestampHeaderName: string;
	replayWindowSeconds: number;
	/** Remembers accepted signatures until their timestamp leaves the window (only with a timestamp). */
	replayCache?: ReplayCache;
	/** Keeps one node's remembered signatures apart from another's (workflow id + node name). */
	replayScope?: string;
}

export type VerificationResult = { ok: true } | { ok: false; reason: string };

const OK: VerificationResult = { ok: true };
const fail = (reason: string): VerificationResult => ({ ok: false, reason });

/** Constant-time equality of two byte strings (after a length check, as timingSafeEqual requires). */
export function safeEqual(a: Buffer, b: Buffer): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}

/** A single header value; absent, empty or repeated headers give null. */
export function headerValue(headers: VerificationRequest['headers'], name: string): string | null {
	const value = headers[name.trim().toLowerCase()];
	return typeof value === 'string' && value !== '' ? value : null;
}

function queryValue(query: Record<string, unknown>, name: string): string | null {
	const value = query[name.trim()];
	return typeof value === 'string' && value !== '' ? value : null;
}

/** Shared secret sent verbatim in a header and/or the query string (`?secret=…`). */
export function verifySharedSecret(request: VerificationRequest, options: SharedSecretOptions): VerificationResult {
	if (!options.secret) return fail('no secret is configured');
	const candidates: string[] = [];
	if (options.location !== 'query' && options.headerName.trim() !== '') {
		const value = headerValue(request.headers, options.headerName);
		if (value !== null) candidates.push(value);
	}
	if (options.location !== 'header' && options.queryParameter.trim() !== '') {
		const value = queryValue(request.query, options.queryParameter);
		if (value !== null) candidates.push(value);
	}
	if (candidates.length === 0) return fail('the secret is missing from the request');
	const expected = Buffer.from(options.secret, 'utf8');
	// Every candidate is compared, so the time taken does not tell which one matched.
	const matches = candidates.map((candidate) => safeEqual(Buffer.from(candidate, 'utf8'), expected));
	return matches.includes(true) ? OK : fail('the secret does not match');
}

/** The bytes that are signed: `<timestamp>.<raw body>` with a timestamp, else the raw body alone. */
export function signedContent(rawBody: Buffer, timestamp?: string | null): Buffer {
	return timestamp ? Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), rawBody]) : rawBody;
}

/** HMAC-SHA256 of the signed content, in the given encoding. What a sender puts in the signature header. */
export function computeSignature(
	secret: string,
	rawBody: Buffer | string,
	encoding: SignatureEncoding,
	timestamp?: string | null,
): string {
	const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
	return createHmac('sha256', secret).update(signedContent(body, timestamp)).digest(encoding);
}

const HEX_DIGEST = /^[0-9a-f]{64}$/i;
// 32 bytes in base64: 43 characters and one `=` (the `=` may be dropped; URL-safe letters are accepted).
const BASE64_DIGEST = /^[A-Za-z0-9+/_-]{43}=?$/;

/** The 32 digest bytes of a signature written in `encoding`, or null when it is not such a digest. */
export function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | null {
	const value = text.trim();
	if (encoding === 'hex') return HEX_DIGEST.test(value) ? Buffer.from(value, 'hex') : null;
	if (!BASE64_DIGEST.test(value)) return null;
	const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	return bytes.length === 32 ? bytes : null;
}

/** Epoch ms of a timestamp header: Unix seconds, Unix milliseconds (above 1e12) or an ISO-8601 date. */
export function parseTimestamp(text: string): number | null {
	const value = text.trim();
	if (/^\d+$/.test(value)) {
		const number = Number(value);
		return number > 1e12 ? number : number * 1000;
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? null : parsed;
}

/**
 * HMAC-SHA256 over the raw body (or `<timestamp>.<raw body>` when a timestamp header is configured),
 * compared in constant time. With a timestamp: the request must be within the replay window, and a
 * signature already accepted inside the window is refused (exact replays).
 */
export function verifyHmac(request: VerificationRequest, options: HmacOptions): VerificationResult {
	if (!options.secret) return fail('no secret is configured');
	if (request.rawBody === null) return fail('the raw request body is not available');
	const header = headerValue(request.headers, options.headerName);
	if (header === null) return fail('the signature header is missing');
	const prefix = options.prefix;
	if (prefix && !header.startsWith(prefix)) return fail('the signature does not start with the expected prefix');
	const provided = decodeSignature(header.slice(prefix.length), options.encoding);
	if (provided === null) return fail(`the signature is not a ${options.encoding} SHA-256 digest`);

	let timestamp: string | null = null;
	let timestampMs = 0;
	const windowMs = Math.max(0, options.replayWindowSeconds) * 1000;
	if (options.timestampHeaderName.trim() !== '') {
		timestamp = headerValue(request.headers, options.timestampHeaderName);
		if (timestamp === null) return fail('the timestamp header is missing');
		const parsed = parseTimestamp(timestamp);
		if (parsed === null) return fail('the timestamp is not a Unix time or ISO-8601 date');
		if (Math.abs(request.now - parsed) > windowMs) return fail('the timestamp is outside the replay window');
		timestampMs = parsed;
	}

	const expected = createHmac('sha256', options.secret).update(signedContent(request.rawBody, timestamp)).digest();
	if (!safeEqual(provided, expected)) return fail('the signature does not match');

	if (timestamp !== null && options.replayCache) {
		const key = `${options.replayScope ?? ''}\u0000${expected.toString('hex')}`;
		if (options.replayCache.seen(key, timestampMs + windowMs, request.now)) {
			return fail('the signature was already used (replay)');
		}
	}
	return OK;
}

/**
 * Signatures accepted recently, each kept until its timestamp leaves the replay window. In memory and per
 * n8n process (a queue-mode deployment with several webhook processes does not share it); bounded in size.
 * Pruned on use: no timers.
 */
export class ReplayCache {
	private readonly entries = new Map<string, number>();

	constructor(private readonly maxEntries = 10000) {}

	/** True when `key` was recorded and has not expired; otherwise records it until `expiresAt` (epoch ms). */
	seen(key: string, expiresAt: number, now: number): boolean {
		this.prune(now);
		const known = this.entries.get(key);
		if (known !== undefined && known >= now) return true;
		this.entries.set(key, expiresAt);
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value;
			if (oldest === undefined) break;
			this.entries.delete(oldest);
		}
		return false;
	}

	get size(): number {
		return this.entries.size;
	}

	private prune(now: number): void {
		for (const [key, expiresAt] of this.entries) {
			if (expiresAt < now) this.entries.delete(key);
		}
	}
}
