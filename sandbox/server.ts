/**
 * The LeadGenius Pro API sandbox: a faithful local implementation of the contract
 * (shared LEADGENIUS_API.md §1–§5) on fastify, with deterministic seed data, rate limiting,
 * fault injection, background runs and a request log for tests.
 */
import { performance } from 'node:perf_hooks';
import { parse as parseQueryString } from 'node:querystring';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { authenticate, TokenService, type AuthMode, type Identity } from './auth';
import { ApiError, forbidden, invalidFormat, invalidValue, missingField } from './errors';
import { FaultInjector, type FaultOptions, type FaultRecord } from './faults';
import { isAgentRoute, paths, type ApiRequest, type Ctx, type RouteDef, type RuntimeConfig } from './http';
import { pickProduction, ProductionMode, type ProductionOptions, type ProductionSettings } from './production';
import { RateLimiter } from './ratelimit';
import { apiRoutes } from './routes';
import { controlRoutes } from './routes/control';
import { seedStore, type Account, type PlainUser } from './seed';
import { SandboxStore } from './store';
import { TaskRunner, type TaskControl } from './tasks';
import type { Query } from './validate';

export type { Account, PlainUser } from './seed';
export type { FaultOptions, FaultRecord } from './faults';
export type { AgentPrefix, ProductionOptions, ProductionSettings } from './production';
export { PRODUCTION_DEFAULTS, PRODUCTION_PRESET, PRODUCTION_ERROR_MESSAGE } from './production';
export type { TaskControl, RunView, RunStatus } from './tasks';
export type { SandboxStore, StoreCounts } from './store';

declare module 'fastify' {
	interface FastifyContextConfig {
		lgAuth?: AuthMode;
		lgCompany?: boolean;
		/** An Agent API route (answers only under the configured `agentPrefix`). */
		lgAgent?: boolean;
	}
	interface FastifyRequest {
		lgWho?: Identity;
		lgStart?: number;
	}
}

/**
 * Options of `startSandbox`. The production-mode fields (`production`, `batchPersistRate`,
 * `invisibleLeads`, `productionErrors`, `purgeTimeoutLeads`, `agentPrefix`, `resetAfterWriteRate`)
 * come from `ProductionOptions` (sandbox/production.ts); explicit ones win over `production: true`.
 */
export interface SandboxOptions extends ProductionOptions {
	/** 0 = any free port (tests). Default 5680. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Demo account e-mail (default demo@leadgenius.test). */
	email?: string;
	/** Demo account password (default demo-pass-1). */
	password?: string;
	/** Access-token lifetime in seconds; may be fractional. Default 3600. */
	tokenTtl?: number;
	/** Requests per window per identity (owner); 0 = off. Default 100. */
	rateLimit?: number;
	/** Rate-limit window length in ms (default 60000); shorten it in tests. */
	rateWindowMs?: number;
	/** Seeded enriched leads in the demo client (and as many source leads). Default 1000. */
	leads?: number;
	/** PRNG seed of all seeded data. Default 42. */
	seed?: number;
	/** Background runs become terminal after this many ms. Default 1000. */
	taskDelayMs?: number;
	faults?: FaultOptions;
	/** Keep a request log (default true; benchmarks turn it off). */
	recordRequests?: boolean;
	/** No access log on stderr (default true for programmatic use; the CLI sets false). */
	quiet?: boolean;
	/** Serve the /__sandbox control routes (default true). */
	control?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** HTTP status sent; 0 when the socket was reset by fault injection. */
	status: number;
	/** Epoch ms when the request arrived. */
	at: number;
}

/**
 * What `setOptions` changes at runtime. Production-mode fields: `production` (true = the preset,
 * false = every behaviour off) is applied first, then the explicit fields of the same call; fields
 * not given keep their current value. Any production field given restarts its counters.
 */
export type RuntimeOptions = Partial<Pick<SandboxOptions, 'tokenTtl' | 'rateLimit' | 'rateWindowMs' | 'taskDelayMs' | 'faults'>> & ProductionOptions;

/** Current runtime options as reported by `Sandbox.options()` and GET /__sandbox/info. */
export type CurrentOptions = Required<Pick<SandboxOptions, 'tokenTtl' | 'rateLimit' | 'rateWindowMs' | 'taskDelayMs'>> & { faults: Required<FaultOptions> } & ProductionSettings;

export interface Sandbox {
	/** Base URL (host root), e.g. http://127.0.0.1:5680; routes live under /api. */
	url: string;
	port: number;
	/** The demo user: owner of the demo company. */
	demo: Account;
	/** A second tenant (own company, client and a few leads) for isolation tests. */
	other: Account;
	/** Platform administrator (may call /api/admin/*); belongs to no company. */
	admin: PlainUser;
	/** Plain member of the demo company (403 on PUT /api/company). */
	member: PlainUser;
	/** Slug of the demo company's second client (12 leads). */
	secondClientId: string;
	/** Id of the demo company's seeded inbound webhook. */
	webhookId: string;
	/** Live request log (oldest first). */
	requests: RecordedRequest[];
	clearRequests(): void;
	/** Direct access to the data. */
	store: SandboxStore;
	/** Steer background runs: fail/complete/hang/cancel a run, failNext/hangNext, waitFor. */
	tasks: TaskControl;
	/** Shorthand for `tasks.fail(runId, error)`. */
	failRun(runId: string, error?: string): boolean;
	/** Faults injected since the fault options were last set. */
	faultLog(): FaultRecord[];
	/** Current runtime options (production-mode settings included). */
	options(): CurrentOptions;
	setOptions(partial: RuntimeOptions): void;
	/** Wall-clock milliseconds the seed took. */
	seedMs: number;
	/** CPU milliseconds (user + system, all threads) the seed took; unaffected by other processes. */
	seedCpuMs: number;
	close(): Promise<void>;
}

/** Request-log bound: the oldest tenth is dropped when it is reached. */
const MAX_LOG = 100_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const pathOf = (url: string): string => {
	const q = url.indexOf('?');
	return q < 0 ? url : url.slice(0, q);
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

/** The sandbox's answer to an unknown route (also an Agent route under the wrong `agentPrefix`). */
const routeNotFound = (method: string, path: string): ApiError =>
	new ApiError('not_found', `Route not found: ${method} ${path}`, { details: 'No such endpoint in the LeadGenius Pro API.' });

/** Body text → JSON value; empty → undefined; malformed → 400 invalid_format. */
function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch (err) {
		throw invalidFormat('Malformed JSON body', { details: (err as Error).message });
	}
}

/** Maps an Ajv error (fastify schema validation) to the contract's errorTypes. */
function validationError(errors: NonNullable<FastifyError['validation']>): ApiError {
	const e = errors[0];
	const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
	const params = e.params as Record<string, unknown>;
	switch (e.keyword) {
		case 'required':
			return missingField(String(params.missingProperty));
		case 'minLength':
			return params.limit === 1 ? missingField(field) : invalidValue(`Field '${field}' ${e.message}`);
		case 'type':
			return invalidFormat(field ? `Field '${field}' must be ${String(params.type).replace(',', ' or ')}` : 'Request body must be a JSON object');
		case 'additionalProperties':
			return invalidValue(`Unknown field '${String(params.additionalProperty)}'`);
		case 'enum':
			return invalidValue(`Invalid ${field}`, { details: `Allowed values: ${(params.allowedValues as string[]).join(', ')}` });
		default:
			return invalidValue(`Field '${field}' ${e.message ?? 'is invalid'}`);
	}
}

function toApiError(err: FastifyError | ApiError | Error): ApiError {
	if (err instanceof ApiError) return err;
	const fe = err as FastifyError;
	if (fe.validation) return validationError(fe.validation);
	switch (fe.code) {
		case 'FST_ERR_CTP_BODY_TOO_LARGE':
			return invalidValue('Request body is too large', { status: 413 });
		case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
			return invalidFormat('Unsupported content type', { status: 415 });
		case 'FST_ERR_CTP_EMPTY_JSON_BODY':
		case 'FST_ERR_CTP_INVALID_JSON_BODY':
			return invalidFormat('Malformed JSON body');
	}
	if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
		return invalidFormat(fe.message || 'Bad request', { status: fe.statusCode });
	}
	return new ApiError('internal_error', 'Internal server error', { details: err.message });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const host = opts.host ?? '127.0.0.1';
	const store = new SandboxStore();
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	const seeded = seedStore(store, {
		seed: opts.seed ?? 42,
		leads: opts.leads ?? 1000,
		email: opts.email ?? 'demo@leadgenius.test',
		password: opts.password ?? 'demo-pass-1',
	});
	const seedMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	const seedCpuMs = (cpu.user + cpu.system) / 1000;

	const config: RuntimeConfig = {
		tokenTtl: opts.tokenTtl ?? 3600,
		rateLimit: opts.rateLimit ?? 100,
		rateWindowMs: opts.rateWindowMs ?? 60000,
		taskDelayMs: opts.taskDelayMs ?? 1000,
	};
	const tasks = new TaskRunner(() => config.taskDelayMs);
	const tokens = new TokenService(store, () => config.tokenTtl);
	const limiter = new RateLimiter(() => ({ limit: config.rateLimit, windowMs: config.rateWindowMs }));
	const faults = new FaultInjector();
	faults.configure(opts.faults);
	// Production mode draws from the fault seed (one seed for every injected misbehaviour).
	const production = new ProductionMode(pickProduction(opts), () => faults.options.seed);
	const ctx: Ctx = { store, tasks, tokens, config, seed: seeded, production };
	const recording = opts.recordRequests ?? true;
	const quiet = opts.quiet ?? true;
	const requests: RecordedRequest[] = [];

	const app: FastifyInstance = Fastify({
		logger: false,
		bodyLimit: 32 * 1024 * 1024,
		forceCloseConnections: true,
		routerOptions: { ignoreTrailingSlash: true },
		ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false, useDefaults: false, allowUnionTypes: true } },
	});

	// ---- bodies: JSON (malformed → 400 invalid_format), form-encoded, anything else tolerated ----
	app.removeAllContentTypeParsers();
	app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
		try {
			done(null, parseJson(body as string));
		} catch (err) {
			done(err as Error, undefined);
		}
	});
	app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
		done(null, { ...parseQueryString(body as string) });
	});
	app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
		const text = body as string;
		const t = text.trimStart();
		try {
			done(null, t.startsWith('{') || t.startsWith('[') ? parseJson(text) : text === '' ? undefined : text);
		} catch (err) {
			done(err as Error, undefined);
		}
	});

	const record = (request: FastifyRequest, status: number): void => {
		if (!recording) return;
		const path = pathOf(request.url);
		if (path.startsWith('/__sandbox')) return;
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(request.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
		if (requests.length >= MAX_LOG) requests.splice(0, MAX_LOG / 10); // keep memory bounded in long runs
		requests.push({
			method: request.method,
			path,
			query: { ...(request.query as Record<string, string | string[]>) },
			body: request.body,
			headers,
			status,
			at: request.lgStart ?? Date.now(),
		});
	};

	// ---- lifecycle: faults → authentication → rate limit → company membership ----
	app.addHook('onRequest', async (request, reply) => {
		request.lgStart = Date.now();
		const decision = faults.decide(request.method, pathOf(request.url));
		if (decision) {
			if (decision.delayMs > 0) await sleep(decision.delayMs);
			if (decision.kind === 'reset') {
				record(request, 0);
				reply.hijack();
				request.raw.socket?.destroy();
				return;
			}
			if (decision.kind === 'error') {
				throw decision.status === 503
					? new ApiError('service_unavailable', 'Service temporarily unavailable', { details: 'Injected by the sandbox fault injector' })
					: new ApiError('internal_error', 'Internal server error', { details: 'Injected by the sandbox fault injector' });
			}
		}
		const cfg = request.routeOptions.config;
		if (cfg?.lgAgent && !production.agentRouteServed(request.routeOptions.url ?? '')) {
			throw routeNotFound(request.method, pathOf(request.url));
		}
		const mode = cfg?.lgAuth;
		if (!mode || mode === 'none') return;
		const who = authenticate(store, tokens, request.headers, mode);
		request.lgWho = who;
		const rl = limiter.hit(who.userId);
		if (rl) {
			reply.header('X-RateLimit-Limit', String(rl.limit));
			reply.header('X-RateLimit-Remaining', String(rl.remaining));
			reply.header('X-RateLimit-Reset', String(Math.ceil(rl.resetAtMs / 1000)));
			if (!rl.allowed) {
				const retryAfter = Math.max(1, Math.ceil((rl.resetAtMs - Date.now()) / 1000));
				throw new ApiError('rate_limit_exceeded', 'Rate limit exceeded', {
					details: `${rl.limit} requests per ${config.rateWindowMs / 1000} s per user`,
					recommendation: `Retry after ${retryAfter} seconds.`,
					headers: { 'Retry-After': String(retryAfter) },
				});
			}
		}
		if (cfg.lgCompany && !who.companyId) {
			throw forbidden('User is not a member of any company', {
				recommendation: 'Create a company with POST /api/company or ask an owner to invite you.',
			});
		}
	});

	app.addHook('onSend', async (request, reply, payload) => {
		record(request, reply.statusCode);
		return payload;
	});

	if (!quiet) {
		app.addHook('onResponse', async (request, reply) => {
			const ms = Date.now() - (request.lgStart ?? Date.now());
			process.stderr.write(`${new Date().toISOString()} ${request.method} ${request.url} ${reply.statusCode} ${ms}ms\n`);
		});
	}

	app.setErrorHandler((err: FastifyError, _request, reply) => {
		const apiErr = toApiError(err);
		if (apiErr.headers) for (const [k, v] of Object.entries(apiErr.headers)) reply.header(k, v);
		reply.code(apiErr.status).send(apiErr.toBody());
	});

	app.setNotFoundHandler((request, reply) => {
		reply.code(404).send(routeNotFound(request.method, pathOf(request.url)).toBody());
	});

	// ---- routes ----
	let sandbox: Sandbox | undefined;
	const register = (def: RouteDef): void => {
		const agent = isAgentRoute(def);
		for (const url of paths(def)) {
			app.route({
				method: def.method,
				url,
				schema: def.body ? { body: def.body } : undefined,
				config: { lgAuth: def.auth, lgCompany: def.company ?? (def.auth !== 'none' && def.auth !== 'admin'), lgAgent: agent },
				preValidation: def.body
					? async (request) => {
							if (request.body === undefined || request.body === null) request.body = {};
						}
					: undefined,
				handler: async (request, reply) => {
					const apiReq: ApiRequest = {
						method: request.method,
						path: pathOf(request.url),
						query: request.query as Query,
						body: request.body,
						params: request.params as Record<string, string>,
						headers: request.headers,
						origin: `${request.protocol}://${request.headers.host ?? `${host}:${sandbox?.port ?? 0}`}`,
						who: request.lgWho,
					};
					const out = await def.handler(apiReq, ctx);
					if (production.settings.resetAfterWriteRate > 0 && WRITE_METHODS.has(request.method) && !faults.isExempt(apiReq.path)) {
						// Production mode: the write is committed, then the answer is lost (socket reset).
						const n = production.resetAfterWrite();
						if (n !== null) {
							faults.logResetAfterWrite(n, request.method, apiReq.path);
							record(request, 0);
							reply.hijack();
							request.raw.socket?.destroy();
							return reply;
						}
					}
					reply.code(out.status ?? 200);
					if ('json' in out) return reply.type('application/json; charset=utf-8').send(out.json);
					return reply.send(out.body);
				},
			});
		}
	};
	for (const def of apiRoutes) register(def);

	const currentOptions = (): CurrentOptions => ({ ...config, faults: { ...faults.options }, ...production.settings });
	const setOptions = (partial: RuntimeOptions): void => {
		// Production options first: an invalid value throws before anything changed.
		const prod = pickProduction(partial);
		if (Object.keys(prod).length > 0) production.configure(prod);
		if (partial.tokenTtl !== undefined) config.tokenTtl = partial.tokenTtl;
		if (partial.taskDelayMs !== undefined) config.taskDelayMs = partial.taskDelayMs;
		if (partial.rateLimit !== undefined || partial.rateWindowMs !== undefined) {
			if (partial.rateLimit !== undefined) config.rateLimit = partial.rateLimit;
			if (partial.rateWindowMs !== undefined) config.rateWindowMs = partial.rateWindowMs;
			limiter.reset();
		}
		if (partial.faults !== undefined) {
			faults.configure(partial.faults);
			production.restart();
		}
	};

	if (opts.control ?? true) {
		const info = () => ({
			url: sandbox?.url,
			demo: seeded.demo,
			other: seeded.other,
			admin: seeded.admin,
			member: seeded.member,
			secondClientId: seeded.secondClientId,
			webhookId: seeded.webhookId,
			options: currentOptions(),
			counts: store.counts(),
		});
		for (const def of controlRoutes({
			info,
			requests: () => requests,
			clearRequests: () => {
				requests.length = 0;
			},
			faultLog: () => [...faults.log],
			setOptions,
		}))
			register(def);
	}

	await app.listen({ port: opts.port ?? 5680, host });
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : (opts.port ?? 5680);
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	sandbox = {
		url,
		port,
		demo: seeded.demo,
		other: seeded.other,
		admin: seeded.admin,
		member: seeded.member,
		secondClientId: seeded.secondClientId,
		webhookId: seeded.webhookId,
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		store,
		tasks,
		failRun: (runId, error) => tasks.fail(runId, error),
		faultLog: () => [...faults.log],
		options: currentOptions,
		setOptions,
		seedMs,
		seedCpuMs,
		close: async () => {
			tasks.close();
			await app.close();
		},
	};
	return sandbox;
}
