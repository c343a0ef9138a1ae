/**
 * Tokens and identity resolution (§1.2–§1.5).
 *
 * JWTs are HS256, signed with `node:crypto` (a per-sandbox random secret). `jose` 6 is an
 * ES module: Node 20.19+ can `require()` it, but Jest's module runtime cannot, and the sandbox is
 * started in-process by Jest suites, so the ~40 lines below replace it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors';
import type { SandboxStore } from './store';
import type { Role, User } from './types';

export interface AccessClaims {
	sub: string;
	exp: number; // seconds since epoch, millisecond precision (may be fractional)
	iat: number;
	token_use: 'access';
	username: string;
	client_id: string;
	jti: string;
	iss: string;
	scope: string;
}

export interface TokenBundle {
	accessToken: string;
	idToken: string;
	refreshToken: string;
	expiresIn: number;
}

export interface Identity {
	userId: string;
	user: User;
	via: 'jwt' | 'cookie' | 'apiKey';
	companyId: string | null;
	role: Role | null;
	isAdmin: boolean;
}

/** Route authentication modes (see §5 A16). */
export type AuthMode =
	| 'none' // no credentials needed
	| 'user' // Bearer JWT (or accessToken cookie) or API key pair
	| 'jwt' // Bearer JWT only (POST /api/agent-api-keys)
	| 'key' // API key pair only (bulk list routes)
	| 'admin'; // Bearer JWT of a platform administrator

const ISSUER = 'https://sandbox.leadgenius.test';
const APP_CLIENT_ID = 'leadgenius-sandbox';

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export class TokenService {
	private readonly secret = randomBytes(32);
	private readonly header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'sandbox-hs256' }));

	constructor(
		private readonly store: SandboxStore,
		private readonly ttlSeconds: () => number,
	) {}

	sign(payload: object): string {
		const body = this.header + '.' + b64url(JSON.stringify(payload));
		return body + '.' + createHmac('sha256', this.secret).update(body).digest('base64url');
	}

	/** Returns the payload if the signature is ours; never checks expiry. */
	verifySignature(token: string): Record<string, unknown> | undefined {
		const parts = token.split('.');
		if (parts.length !== 3) return undefined;
		let header: { alg?: unknown };
		try {
			header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		} catch {
			return undefined;
		}
		if (header.alg !== 'HS256') return undefined;
		const expected = createHmac('sha256', this.secret).update(parts[0] + '.' + parts[1]).digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
		try {
			const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
			return payload && typeof payload === 'object' ? payload : undefined;
		} catch {
			return undefined;
		}
	}

	/** Issues an access token, an id token and a stored opaque refresh token. */
	issue(user: User, refreshToken?: string): TokenBundle {
		const ttl = this.ttlSeconds();
		const nowMs = Date.now();
		const iat = Math.floor(nowMs / 1000);
		const exp = Math.round(nowMs + ttl * 1000) / 1000;
		const jti = randomBytes(8).toString('hex');
		const access: AccessClaims = {
			sub: user.id,
			exp,
			iat,
			token_use: 'access',
			username: user.email,
			client_id: APP_CLIENT_ID,
			jti,
			iss: ISSUER,
			scope: 'aws.cognito.signin.user.admin',
		};
		const id = {
			sub: user.id,
			exp,
			iat,
			token_use: 'id',
			aud: APP_CLIENT_ID,
			iss: ISSUER,
			email: user.email,
			email_verified: true,
			name: user.name,
			'cognito:username': user.email,
		};
		let refresh = refreshToken;
		if (!refresh) {
			refresh = 'lgr_' + randomBytes(32).toString('base64url');
			this.store.refreshTokens.set(refresh, { userId: user.id, issuedAt: nowMs });
		}
		return { accessToken: this.sign(access), idToken: this.sign(id), refreshToken: refresh, expiresIn: ttl };
	}

	/** Identity of a Bearer/cookie access token, or an ApiError (no_valid_tokens / token_expired). */
	identityOfToken(token: string, via: 'jwt' | 'cookie'): Identity {
		const payload = this.verifySignature(token);
		if (!payload) {
			throw new ApiError('no_valid_tokens', 'Invalid or malformed access token', {
				recommendation: 'Log in again with POST /api/auth and send tokens.accessToken as the Bearer token.',
			});
		}
		if (payload.token_use !== 'access') {
			throw new ApiError('no_valid_tokens', 'Token is not an access token', {
				details: `token_use is ${JSON.stringify(payload.token_use)}`,
				recommendation: 'Use tokens.accessToken (not the idToken or refreshToken) as the Bearer token.',
			});
		}
		if (typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now()) {
			throw new ApiError('token_expired', 'Access token has expired', {
				recommendation: 'Refresh with POST /api/auth/refresh or log in again with POST /api/auth.',
			});
		}
		const user = typeof payload.sub === 'string' ? this.store.getUser(payload.sub) : undefined;
		if (!user || user.status !== 'active') {
			throw new ApiError('no_valid_tokens', 'Token subject is not an active user');
		}
		return identityOf(this.store, user, via);
	}
}

export function identityOf(store: SandboxStore, user: User, via: Identity['via']): Identity {
	const m = store.membershipOf(user.id);
	return {
		userId: user.id,
		user,
		via,
		companyId: m?.companyId ?? null,
		role: m?.role ?? null,
		isAdmin: user.platformAdmin,
	};
}

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
	const v = headers[name];
	const s = Array.isArray(v) ? v[0] : v;
	return s === undefined || s === '' ? undefined : s.trim();
};

function cookieToken(headers: Headers): string | undefined {
	const raw = header(headers, 'cookie');
	if (!raw) return undefined;
	for (const part of raw.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === 'accessToken') return decodeURIComponent(part.slice(eq + 1).trim());
	}
	return undefined;
}

const NO_CREDENTIALS = (): ApiError =>
	new ApiError('no_valid_credentials', 'No valid credentials provided', {
		recommendation:
			'Send Authorization: Bearer <accessToken> (from POST /api/auth) or the x-api-key and x-user-id headers.',
	});

const API_KEY_NEEDED = (): ApiError =>
	new ApiError('no_valid_credentials', 'This endpoint requires API key authentication', {
		details: 'Bulk extraction endpoints do not accept JWT Bearer tokens.',
		recommendation:
			'An API key is needed: send x-api-key (an lgp_… key from POST /api/agent-api-keys) and x-user-id (your user id, the JWT sub).',
	});

/** Resolves the caller for a route of the given mode; throws the right 401/403 ApiError. */
export function authenticate(store: SandboxStore, tokens: TokenService, headers: Headers, mode: Exclude<AuthMode, 'none'>): Identity {
	const authz = header(headers, 'authorization');
	const bearerMatch = authz ? /^Bearer\s+(.+)$/i.exec(authz) : null;
	const bearer = bearerMatch ? bearerMatch[1].trim() : undefined;
	const cookie = cookieToken(headers);
	// Old docs allow `Authorization: Bearer lgp_…`; it is treated as the API key.
	const apiKey = header(headers, 'x-api-key') ?? (bearer?.startsWith('lgp_') ? bearer : undefined);
	const jwt = bearer && !bearer.startsWith('lgp_') ? bearer : undefined;

	const byKey = (): Identity => {
		const userId = header(headers, 'x-user-id');
		if (!userId) {
			throw new ApiError('no_valid_credentials', 'x-user-id header is required with x-api-key', {
				recommendation: 'Send x-user-id with the Cognito sub (user id) of the API key owner.',
			});
		}
		const record = store.apiKeys.get(apiKey as string);
		if (!record) throw new ApiError('no_valid_credentials', 'Invalid API key');
		if (record.owner !== userId) {
			throw new ApiError('no_valid_credentials', 'API key does not belong to the given x-user-id');
		}
		const user = store.getUser(userId);
		if (!user || user.status !== 'active') throw new ApiError('no_valid_credentials', 'API key owner is not an active user');
		return identityOf(store, user, 'apiKey');
	};

	if (mode === 'key') {
		if (apiKey) return byKey();
		if (jwt || cookie) throw API_KEY_NEEDED();
		throw NO_CREDENTIALS();
	}

	// getAuthContext order: cookies, then Bearer, then API key; the first identity wins.
	let firstError: ApiError | undefined;
	for (const [token, via] of [[cookie, 'cookie'], [jwt, 'jwt']] as const) {
		if (!token) continue;
		try {
			const who = tokens.identityOfToken(token, via);
			if (mode === 'admin' && !who.isAdmin) {
				throw new ApiError('insufficient_permissions', 'Administrator access required', {
					recommendation: 'Call admin routes with the Bearer token of a platform administrator.',
				});
			}
			return who;
		} catch (err) {
			if (err instanceof ApiError && err.status === 403) throw err;
			firstError ??= err as ApiError;
		}
	}
	if (apiKey && mode !== 'jwt') {
		try {
			const who = byKey();
			if (mode === 'admin') {
				throw new ApiError('insufficient_permissions', 'Administrator access required', {
					details: 'Admin routes need an administrator web session or admin Bearer JWT; API keys are not accepted.',
				});
			}
			return who;
		} catch (err) {
			if (err instanceof ApiError && err.status === 403) throw err;
			firstError ??= err as ApiError;
		}
	}
	if (firstError) throw firstError;
	if (apiKey && mode === 'jwt') {
		throw new ApiError('no_valid_credentials', 'This endpoint requires a Bearer JWT', {
			details: 'API keys cannot be used to mint API keys.',
			recommendation: 'Log in with POST /api/auth and send Authorization: Bearer <accessToken>.',
		});
	}
	throw NO_CREDENTIALS();
}
