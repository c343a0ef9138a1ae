import { createHmac } from 'crypto';

import {
	ReplayCache,
	computeSignature,
	decodeSignature,
	parseTimestamp,
	safeEqual,
	verifyHmac,
	verifySharedSecret,
	type HmacOptions,
	type VerificationRequest,
} from '../../nodes/LeadGenius/trigger/verify';

const SECRET = 'whsec_9f2c1e7a-test-only';
const BODY = Buffer.from('{"event":"reply_received","lead":{"email":"a@b.example"}}', 'utf8');
const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const NOW_S = String(Math.floor(NOW / 1000));

function request(headers: Record<string, string | string[]> = {}, query: Record<string, unknown> = {}, rawBody: Buffer | null = BODY): VerificationRequest {
	return { rawBody, headers, query, now: NOW };
}

describe('shared secret', () => {
	const options = { secret: SECRET, location: 'headerOrQuery' as const, headerName: 'X-LeadGenius-Secret', queryParameter: 'secret' };

	it('accepts the right secret in the header (name case-insensitive) or in ?secret=', () => {
		expect(verifySharedSecret(request({ 'x-leadgenius-secret': SECRET }), options)).toEqual({ ok: true });
		expect(verifySharedSecret(request({}, { secret: SECRET }), options)).toEqual({ ok: true });
	});

	it('refuses a wrong, truncated, longer or missing secret', () => {
		expect(verifySharedSecret(request({ 'x-leadgenius-secret': 'nope' }), options).ok).toBe(false);
		expect(verifySharedSecret(request({}, { secret: SECRET.slice(0, -1) }), options).ok).toBe(false);
		expect(verifySharedSecret(request({}, { secret: `${SECRET}x` }), options).ok).toBe(false);
		expect(verifySharedSecret(request(), options)).toEqual({ ok: false, reason: 'the secret is missing from the request' });
	});

	it('refuses repeated parameters and headers instead of guessing', () => {
		expect(verifySharedSecret(request({}, { secret: [SECRET, SECRET] }), options).ok).toBe(false);
		expect(verifySharedSecret(request({ 'x-leadgenius-secret': [SECRET, SECRET] }), options).ok).toBe(false);
	});

	it('honours the location setting', () => {
		expect(verifySharedSecret(request({}, { secret: SECRET }), { ...options, location: 'header' }).ok).toBe(false);
		expect(verifySharedSecret(request({ 'x-leadgenius-secret': SECRET }), { ...options, location: 'query' }).ok).toBe(false);
		expect(verifySharedSecret(request({}, { key: SECRET }), { ...options, location: 'query', queryParameter: 'key' }).ok).toBe(true);
	});

	it('fails closed when no secret is configured, even if the request sends an empty one', () => {
		expect(verifySharedSecret(request({ 'x-leadgenius-secret': '' }, { secret: '' }), { ...options, secret: '' }).ok).toBe(false);
	});

	it('never puts the secret in the failure reason', () => {
		const result = verifySharedSecret(request({}, { secret: 'almost' }), options);
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});
});

describe('HMAC-SHA256 signature', () => {
	const base: HmacOptions = {
		secret: SECRET,
		headerName: 'X-LeadGenius-Signature',
		encoding: 'hex',
		prefix: '',
		timestampHeaderName: 'X-LeadGenius-Timestamp',
		replayWindowSeconds: 300,
	};
	const sign = (timestamp: string | null, encoding: 'hex' | 'base64' = 'hex', body: Buffer = BODY, secret = SECRET) =>
		computeSignature(secret, body, encoding, timestamp);
	const signed = (timestamp = NOW_S, signature = sign(timestamp)) => ({
		'x-leadgenius-timestamp': timestamp,
		'x-leadgenius-signature': signature,
	});

	it('computes HMAC-SHA256 over "<timestamp>.<raw body>", or the body alone', () => {
		const manual = createHmac('sha256', SECRET).update(`${NOW_S}.${BODY.toString('utf8')}`).digest('hex');
		expect(sign(NOW_S)).toBe(manual);
		expect(sign(null)).toBe(createHmac('sha256', SECRET).update(BODY).digest('hex'));
	});

	it('accepts the right signature (hex, either case) with a fresh timestamp', () => {
		expect(verifyHmac(request(signed()), base)).toEqual({ ok: true });
		expect(verifyHmac(request(signed(NOW_S, sign(NOW_S).toUpperCase())), base)).toEqual({ ok: true });
	});

	it('accepts base64 (standard, unpadded or URL-safe) when so configured', () => {
		const b64 = sign(NOW_S, 'base64');
		const options = { ...base, encoding: 'base64' as const };
		expect(verifyHmac(request(signed(NOW_S, b64)), options).ok).toBe(true);
		expect(verifyHmac(request(signed(NOW_S, b64.replace(/=$/, ''))), options).ok).toBe(true);
		expect(verifyHmac(request(signed(NOW_S, b64.replace(/\+/g, '-').replace(/\//g, '_'))), options).ok).toBe(true);
	});

	it('refuses the wrong encoding', () => {
		expect(verifyHmac(request(signed(NOW_S, sign(NOW_S, 'base64'))), base)).toEqual({
			ok: false,
			reason: 'the signature is not a hex SHA-256 digest',
		});
		expect(verifyHmac(request(signed(NOW_S, sign(NOW_S, 'hex'))), { ...base, encoding: 'base64' }).ok).toBe(false);
	});

	it('refuses a wrong signature: other secret, tampered body, other timestamp', () => {
		expect(verifyHmac(request(signed(NOW_S, sign(NOW_S, 'hex', BODY, 'other-secret'))), base)).toEqual({
			ok: false,
			reason: 'the signature does not match',
		});
		const tampered = Buffer.from(BODY.toString('utf8').replace('a@b', 'x@b'));
		expect(verifyHmac(request(signed(), {}, tampered), base).ok).toBe(false);
		expect(verifyHmac(request(signed(String(Number(NOW_S) - 1), sign(NOW_S))), base).ok).toBe(false);
	});

	it('refuses a truncated or padded signature', () => {
		const good = sign(NOW_S);
		expect(verifyHmac(request(signed(NOW_S, good.slice(0, -2))), base).ok).toBe(false);
		expect(verifyHmac(request(signed(NOW_S, good.slice(0, 32))), base).ok).toBe(false);
		expect(verifyHmac(request(signed(NOW_S, `${good}00`)), base).ok).toBe(false);
		expect(verifyHmac(request(signed(NOW_S, '')), base).ok).toBe(false);
	});

	it('refuses a missing signature or timestamp header', () => {
		expect(verifyHmac(request({ 'x-leadgenius-timestamp': NOW_S }), base)).toEqual({
			ok: false,
			reason: 'the signature header is missing',
		});
		expect(verifyHmac(request({ 'x-leadgenius-signature': sign(NOW_S) }), base)).toEqual({
			ok: false,
			reason: 'the timestamp header is missing',
		});
	});

	it('refuses a replayed request: timestamp outside the window, either way', () => {
		const old = String(Number(NOW_S) - 301);
		const future = String(Number(NOW_S) + 301);
		expect(verifyHmac(request(signed(old)), base)).toEqual({ ok: false, reason: 'the timestamp is outside the replay window' });
		expect(verifyHmac(request(signed(future)), base).ok).toBe(false);
		expect(verifyHmac(request(signed(String(Number(NOW_S) - 299))), base).ok).toBe(true);
		expect(verifyHmac(request(signed(old)), { ...base, replayWindowSeconds: 600 }).ok).toBe(true);
	});

	it('refuses an exact replay inside the window when a replay cache is given', () => {
		const options = { ...base, replayCache: new ReplayCache(), replayScope: 'wf/node' };
		const headers = signed();
		expect(verifyHmac(request(headers), options)).toEqual({ ok: true });
		expect(verifyHmac(request(headers), options)).toEqual({ ok: false, reason: 'the signature was already used (replay)' });
		// another node's cache scope is independent
		expect(verifyHmac(request(headers), { ...options, replayScope: 'wf/other' }).ok).toBe(true);
		// a new timestamp is a new signature
		const later = String(Number(NOW_S) + 1);
		expect(verifyHmac(request(signed(later)), options).ok).toBe(true);
	});

	it('does not let an invalid signature poison the replay cache', () => {
		const cache = new ReplayCache();
		const options = { ...base, replayCache: cache };
		expect(verifyHmac(request(signed(NOW_S, sign(NOW_S, 'hex', BODY, 'wrong'))), options).ok).toBe(false);
		expect(cache.size).toBe(0);
		expect(verifyHmac(request(signed()), options).ok).toBe(true);
	});

	it('accepts millisecond and ISO-8601 timestamps', () => {
		const ms = String(NOW - 1000);
		expect(verifyHmac(request(signed(ms)), base).ok).toBe(true);
		const iso = new Date(NOW - 5000).toISOString();
		expect(verifyHmac(request(signed(iso)), base).ok).toBe(true);
		expect(verifyHmac(request(signed('yesterday')), base)).toEqual({
			ok: false,
			reason: 'the timestamp is not a Unix time or ISO-8601 date',
		});
	});

	it('signs the body alone when no timestamp header is configured', () => {
		const options = { ...base, timestampHeaderName: '' };
		expect(verifyHmac(request({ 'x-leadgenius-signature': sign(null) }), options).ok).toBe(true);
		expect(verifyHmac(request({ 'x-leadgenius-signature': sign(NOW_S) }), options).ok).toBe(false);
	});

	it('handles a prefix such as "sha256="', () => {
		const options = { ...base, prefix: 'sha256=' };
		expect(verifyHmac(request(signed(NOW_S, `sha256=${sign(NOW_S)}`)), options).ok).toBe(true);
		expect(verifyHmac(request(signed(NOW_S, sign(NOW_S))), options).ok).toBe(false);
	});

	it('fails closed without a secret or without the raw body', () => {
		expect(verifyHmac(request(signed()), { ...base, secret: '' }).ok).toBe(false);
		expect(verifyHmac(request(signed(), {}, null), base)).toEqual({ ok: false, reason: 'the raw request body is not available' });
	});
});

describe('primitives', () => {
	it('safeEqual checks the length before timingSafeEqual (which would throw)', () => {
		expect(safeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
		expect(safeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
		expect(safeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
	});

	it('decodeSignature only accepts 32-byte digests', () => {
		expect(decodeSignature('ab'.repeat(32), 'hex')).toHaveLength(32);
		expect(decodeSignature('zz'.repeat(32), 'hex')).toBeNull();
		expect(decodeSignature('ab'.repeat(31), 'hex')).toBeNull();
		expect(decodeSignature(Buffer.alloc(32, 7).toString('base64'), 'base64')).toHaveLength(32);
		expect(decodeSignature(Buffer.alloc(33, 7).toString('base64'), 'base64')).toBeNull();
	});

	it('parseTimestamp reads seconds, milliseconds and ISO dates', () => {
		expect(parseTimestamp('1777636800')).toBe(1777636800000);
		expect(parseTimestamp('1777636800000')).toBe(1777636800000);
		expect(parseTimestamp('2026-05-01T12:00:00Z')).toBe(NOW);
		expect(parseTimestamp('12:00')).toBeNull();
	});

	it('ReplayCache forgets expired entries and stays bounded', () => {
		const cache = new ReplayCache(2);
		expect(cache.seen('a', 1000, 0)).toBe(false);
		expect(cache.seen('a', 1000, 500)).toBe(true);
		expect(cache.seen('a', 3000, 1001)).toBe(false); // expired, recorded again
		cache.seen('b', 5000, 1002);
		cache.seen('c', 5000, 1003);
		expect(cache.size).toBe(2);
		expect(cache.seen('a', 5000, 1004)).toBe(false); // evicted as the oldest
	});
});
