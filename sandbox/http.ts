/**
 * The route-table machinery shared by every group in `routes/`: a route is a row
 * (method, paths, auth mode, optional body schema, handler) and handlers return plain data.
 */
import type { Identity, AuthMode, TokenService } from './auth';
import { ApiError, forbidden } from './errors';
import type { SandboxStore } from './store';
import type { TaskRunner } from './tasks';
import type { Query } from './validate';
import type { SeedResult } from './seed';
import type { ProductionMode } from './production';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Mutable runtime settings (see `Sandbox.setOptions`). */
export interface RuntimeConfig {
	tokenTtl: number;
	rateLimit: number;
	rateWindowMs: number;
	taskDelayMs: number;
}

/** Everything a handler may use besides the request. */
export interface Ctx {
	readonly store: SandboxStore;
	readonly tasks: TaskRunner;
	readonly tokens: TokenService;
	readonly config: RuntimeConfig;
	readonly seed: SeedResult;
	/** Production-mode behaviours (sandbox/production.ts), changeable at runtime. */
	readonly production: ProductionMode;
}

export interface ApiRequest {
	readonly method: string;
	readonly path: string;
	readonly query: Query;
	readonly body: unknown;
	readonly params: Record<string, string>;
	readonly headers: Record<string, string | string[] | undefined>;
	/** `http://host:port` as the caller addressed us (from the Host header). */
	readonly origin: string;
	/** The authenticated caller (undefined on `auth: 'none'` routes). */
	readonly who: Identity | undefined;
}

/** A handler's answer: a value to serialise, or pre-serialised JSON (hot paths). */
export type Reply = { status?: number; body: unknown } | { status?: number; json: string | Buffer };

export interface RouteDef {
	method: Method;
	/** One path or several aliases (e.g. `/api/agent/campaigns` and `/api/campaigns`). */
	path: string | readonly string[];
	auth: AuthMode;
	/** The caller must belong to a company (403 otherwise). Default: true unless auth is none/admin. */
	company?: boolean;
	/** JSON schema of the body, validated by fastify before the handler runs. */
	body?: object;
	handler: (req: ApiRequest, ctx: Ctx) => Reply | Promise<Reply>;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const created = (body: unknown): Reply => ({ status: 201, body });

/** The caller (throws if a route forgot to require authentication). */
export function caller(req: ApiRequest): Identity {
	if (!req.who) throw new ApiError('no_valid_credentials', 'No valid credentials provided');
	return req.who;
}

export interface Tenant {
	userId: string;
	companyId: string;
	identity: Identity;
}

/** The caller and their company (403 with a recommendation when they have none, §1.5.5). */
export function tenant(req: ApiRequest): Tenant {
	const who = caller(req);
	if (!who.companyId) {
		throw forbidden('User is not a member of any company', {
			recommendation: 'Create a company with POST /api/company or ask an owner to invite you.',
		});
	}
	return { userId: who.userId, companyId: who.companyId, identity: who };
}

export function paths(def: RouteDef): readonly string[] {
	return typeof def.path === 'string' ? [def.path] : def.path;
}

/** Serves a route under `/api/agent/<x>` and `/api/<x>` (§3.14, §5 A2). */
export const agentPaths = (x: string): string[] => [`/api/agent/${x}`, `/api/${x}`];

/** An Agent API route is one served under `/api/agent/…` (its `/api/…` alias included). */
export const isAgentRoute = (def: RouteDef): boolean => paths(def).some((p) => p.startsWith('/api/agent/'));
