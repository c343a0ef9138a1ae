/** Shared helpers of the sandbox tests: real HTTP over loopback with axios (never throws on status). */
import http from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Sandbox } from '../../sandbox/server';

export type Res<T = any> = AxiosResponse<T>;

export interface Creds {
	token?: string;
	apiKey?: string;
	userId?: string;
}

/** An axios client bound to the sandbox; `creds` become Bearer or x-api-key/x-user-id headers. */
export function api(sb: Sandbox, creds: Creds = {}): AxiosInstance {
	const headers: Record<string, string> = {};
	if (creds.token) headers.Authorization = `Bearer ${creds.token}`;
	if (creds.apiKey) headers['x-api-key'] = creds.apiKey;
	if (creds.userId) headers['x-user-id'] = creds.userId;
	return axios.create({
		baseURL: sb.url,
		headers,
		validateStatus: () => true,
		// A fresh agent per client: no socket reuse across tests/sandboxes.
		httpAgent: new http.Agent({ keepAlive: false }),
		maxContentLength: Infinity,
		maxBodyLength: Infinity,
	});
}

export async function login(sb: Sandbox, email: string, password: string): Promise<string> {
	const res = await api(sb).post('/api/auth', { username: email, password });
	if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.data)}`);
	return res.data.tokens.accessToken as string;
}

/** Clients for the demo owner (JWT and API key), the other tenant, the member and the admin. */
export async function clients(sb: Sandbox) {
	const [demoToken, otherToken, memberToken, adminToken] = await Promise.all([
		login(sb, sb.demo.email, sb.demo.password),
		login(sb, sb.other.email, sb.other.password),
		login(sb, sb.member.email, sb.member.password),
		login(sb, sb.admin.email, sb.admin.password),
	]);
	return {
		demoToken,
		otherToken,
		demo: api(sb, { token: demoToken }),
		demoKey: api(sb, { apiKey: sb.demo.apiKey, userId: sb.demo.userId }),
		other: api(sb, { token: otherToken }),
		otherKey: api(sb, { apiKey: sb.other.apiKey, userId: sb.other.userId }),
		member: api(sb, { token: memberToken }),
		admin: api(sb, { token: adminToken }),
		anon: api(sb),
	};
}

/** Asserts the error envelope of §2.1 and returns the body. */
export function expectError(res: Res, status: number, errorType: string): any {
	if (res.status !== status || res.data?.errorType !== errorType) {
		throw new Error(`expected ${status} ${errorType}, got ${res.status} ${JSON.stringify(res.data)}`);
	}
	expect(res.data.success).toBe(false);
	expect(typeof res.data.error).toBe('string');
	return res.data;
}

export function expectOk(res: Res, status = 200): any {
	if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.data)}`);
	expect(res.data.success).toBe(true);
	return res.data;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Decodes a JWT payload without verifying it. */
export function jwtPayload(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
