import { NodeOperationError, sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
} from 'n8n-workflow';

import { normalizeBaseUrl } from '../../../credentials/base-url';
import { describeFailure, toNodeApiError } from './errors';
import type { HttpFailure } from './errors';
import { RateGate } from './gate';

export const CREDENTIAL_TYPE = 'leadGeniusApi';

export type AuthMode = 'password' | 'accessToken' | 'apiKey';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Absolute path on the host, e.g. `/api/leads`; a leading `{agent}` stands for the Agent API prefix. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/**
	 * Whether sending the request twice cannot create anything twice. Defaults to true for GET,
	 * PUT and DELETE, false for POST: a POST that failed on a 5xx or a dropped connection is
	 * reported, never blindly repeated.
	 */
	idempotent?: boolean;
	itemIndex?: number;
}

export interface RetryPolicy {
	/** Retries after a 429 or (idempotent requests only) a 5xx or network failure. */
	maxRetries: number;
	/** Upper bound on the total time spent waiting between retries of one request. */
	maxWaitSeconds: number;
	/** First backoff step when the server gives no hint; doubles each retry, with jitter. */
	baseDelayMs: number;
	/** How long one attempt may wait for an answer before it counts as a (retryable) timeout. */
	timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, maxWaitSeconds: 300, baseDelayMs: 1000, timeoutMs: 300_000 };

/** How much an execution sends at once (Request Options → Parallel Requests, Max Requests per Minute). */
export interface Throughput {
	/** Requests in flight at once: items (per-item operations) or chunks (batch operations). */
	parallel: number;
	/** Pacing of all the execution's requests; 0 = none (only 429 answers slow it down). */
	maxPerMinute: number;
}

export const DEFAULT_THROUGHPUT: Throughput = { parallel: 1, maxPerMinute: 0 };

/** How a paginated list is read: where the items are, how the continuation token travels. */
export interface PageStyle {
	/** Response keys that may hold the page's records, tried in order. */
	itemKeys: string[];
	/** Query parameter that carries the continuation token back. */
	tokenParam: string;
	/** Response keys that may hold the next token, tried in order. */
	tokenKeys: string[];
	limitParam: string;
	/** The largest page the endpoint serves. */
	maxPageSize: number;
	/**
	 * Page-number lists (Agent API `page`/`pageSize`): `tokenParam` carries the page number (1, 2, …),
	 * every page has the same size, and paging stops at `pagination.totalPages` (or `totalPages`),
	 * or at a short page when the answer gives no total. `tokenKeys` is not used.
	 */
	pageNumbers?: boolean;
}

export interface PageRequest {
	returnAll: boolean;
	/** Records wanted when not returnAll. */
	limit?: number;
	/** Page size to ask for (defaults to the endpoint maximum). */
	pageSize?: number;
	/** Called with each page as it arrives; when given, records are not collected. */
	onPage?: (records: IDataObject[], page: IDataObject) => void;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

function lowerCaseKeys(headers: Record<string, unknown> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
	return out;
}

type Host = Pick<IExecuteFunctions, 'getNode' | 'getCredentials'> & {
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequestWithAuthentication'>;
};

/** Placeholder at the start of a path for the credential's Agent API prefix. */
const AGENT = '{agent}';

/** Consecutive empty pages that still carry a token before paging stops with an error. */
const MAX_EMPTY_PAGES = 3;

/**
 * The one place that talks HTTP to LeadGenius: authentication (via n8n's credential helpers,
 * which also renew the session token on 401), retries and backoff, error mapping and pagination.
 * One instance lives for one node execution, so per-execution look-ups are cached here.
 */
export class LeadGeniusClient {
	/** The execution's one rate-limit gate: 429 pauses and pacing, for every request sent here. */
	private readonly gate: RateGate;
	/** Requests an operation may have in flight at once (Parallel Requests): see actions/parallel.ts. */
	readonly parallel: number;

	private constructor(
		private readonly host: Host,
		private credentials: ICredentialDataDecryptedObject,
		public retry: RetryPolicy,
		throughput: Throughput,
	) {
		this.parallel = Math.max(1, Math.floor(throughput.parallel) || 1);
		this.gate = new RateGate(Math.max(0, Math.floor(throughput.maxPerMinute) || 0));
	}

	static async create(
		host: IExecuteFunctions | ILoadOptionsFunctions,
		retry: RetryPolicy = DEFAULT_RETRY,
		throughput: Throughput = DEFAULT_THROUGHPUT,
	): Promise<LeadGeniusClient> {
		const credentials = await host.getCredentials(CREDENTIAL_TYPE);
		return new LeadGeniusClient(host as unknown as Host, credentials, retry, throughput);
	}

	get node(): INode {
		return this.host.getNode();
	}

	get authMode(): AuthMode {
		return (this.credentials.authMode as AuthMode | undefined) ?? 'password';
	}

	get baseUrl(): string {
		return normalizeBaseUrl(this.credentials.baseUrl);
	}

	/** Path prefix of the Agent API routes (campaigns, analytics, maintenance, …). */
	get agentPrefix(): string {
		const raw = String(this.credentials.agentPrefix ?? '/api/agent').trim() || '/api/agent';
		return `/${raw.replace(/^\/+|\/+$/g, '')}`;
	}

	/** Secret values of the credential, scrubbed from every error. */
	get secrets(): string[] {
		return ['password', 'accessToken', 'apiKey', 'sessionToken', 'refreshToken', 'webhookSecret']
			.map((k) => this.credentials[k])
			.filter((v): v is string => typeof v === 'string' && v.length > 0);
	}

	/** Send one request, retrying what is safe to retry, and return the parsed JSON answer. */
	async request<T = IDataObject>(req: ApiRequest): Promise<T> {
		const idempotent = req.idempotent ?? req.method !== 'POST';
		const agentRoute = req.path.startsWith(AGENT);
		const path = agentRoute ? this.agentPrefix + req.path.slice(AGENT.length) : req.path;
		const options: IHttpRequestOptions = {
			method: req.method,
			url: `${this.baseUrl}${path}`,
			json: true,
			timeout: this.retry.timeoutMs,
		};
		if (req.qs && Object.keys(req.qs).length) options.qs = dropUndefined(req.qs);
		if (req.body !== undefined) options.body = req.body;

		let waitedMs = 0;
		let rateLimited = 0;
		const giveUp = (failure: HttpFailure, note: string | undefined) =>
			toNodeApiError(failure, {
				node: this.node,
				itemIndex: req.itemIndex,
				authMode: this.authMode,
				method: req.method,
				path,
				secrets: this.secrets,
				agentPrefix: agentRoute ? this.agentPrefix : undefined,
				body: req.body,
				note,
			});
		for (let attempt = 0; ; attempt++) {
			let failure: HttpFailure;
			// A 429 answered to any request of this execution pauses this one too, within its budget.
			const pausedMs = this.gate.pausedMs();
			if (pausedMs > 0) {
				if (pausedMs > this.retry.maxWaitSeconds * 1000 - waitedMs) {
					throw giveUp(
						{ status: 429, headers: {}, message: 'Rate limit exceeded' },
						`Rate limit: this run was told to wait ${(pausedMs / 1000).toFixed(1)} s, more than this request's remaining wait budget (${this.retry.maxWaitSeconds} s in all). Lower the request rate (Max Requests per Minute) or raise the limits under Request Options.`,
					);
				}
				waitedMs += pausedMs;
			}
			try {
				let res: FullResponse;
				if (await this.sessionNeedsRenewal()) {
					// Email & Password with an expired (or missing) session token: send it the throwing
					// way, so the one 401 it gets makes n8n renew the session (preAuthentication) and
					// repeat the request. The price: a non-401 error loses its headers (Retry-After).
					res = await this.send({ ...options });
				} else {
					// Errors come back as answers, so their headers (Retry-After) and bodies stay readable.
					res = await this.send({ ...options, ignoreHttpStatusErrors: true });
					if (res.statusCode === 401) {
						// A token the server refused before its expiry (revoked, clock skew): repeat it the
						// throwing way so n8n renews the session.
						res = await this.send({ ...options });
					}
				}
				if (res.statusCode < 400) return res.body as T;
				failure = { status: res.statusCode, body: res.body, headers: lowerCaseKeys(res.headers), message: '' };
			} catch (error) {
				failure = describeFailure(error);
			}
			const delayMs = this.retryDelay(failure, attempt, idempotent);
			const budgetLeft = this.retry.maxWaitSeconds * 1000 - waitedMs;
			if (failure.status === 429) {
				rateLimited++;
				// every sender of this execution waits, whether or not this one retries
				if (delayMs !== undefined) this.gate.pause(delayMs);
			}
			if (delayMs === undefined || attempt >= this.retry.maxRetries || delayMs > budgetLeft) {
				const note =
					failure.status === 429
						? `Rate limit: gave up after ${rateLimited} rate-limited answer(s) and ${(waitedMs / 1000).toFixed(1)} s of waiting (limits: ${this.retry.maxRetries} retries, ${this.retry.maxWaitSeconds} s). Lower the request rate or raise the limits under Request Options.`
						: attempt > 0
							? `Failed after ${attempt + 1} attempts and ${(waitedMs / 1000).toFixed(1)} s of waiting.`
							: undefined;
				throw giveUp(failure, note);
			}
			// a 429's wait is the gate's pause, counted against the budget at the top of the loop
			if (failure.status === 429) continue;
			await sleep(delayMs);
			waitedMs += delayMs;
		}
	}

	/**
	 * Email & Password mode: whether the session token this execution knows has expired, or is about
	 * to (the JWT's own `exp`). n8n may have renewed it since the execution began, so an expired one
	 * is read again from the credential before deciding.
	 */
	private async sessionNeedsRenewal(): Promise<boolean> {
		if (this.authMode !== 'password') return false;
		if (tokenIsFresh(this.credentials.sessionToken, Date.now())) return false;
		this.credentials = await this.host.getCredentials(CREDENTIAL_TYPE);
		return !tokenIsFresh(this.credentials.sessionToken, Date.now());
	}

	/** One HTTP exchange, sent when the gate lets it (429 pauses, Max Requests per Minute). */
	private async send(options: IHttpRequestOptions): Promise<FullResponse> {
		const release = await this.gate.acquire();
		try {
			return (await this.host.helpers.httpRequestWithAuthentication.call(
				this.host as unknown as IExecuteFunctions,
				CREDENTIAL_TYPE,
				{ ...options, returnFullResponse: true },
			)) as FullResponse;
		} finally {
			release();
		}
	}

	/** How long to wait before retrying, or undefined when the failure must not be retried. */
	private retryDelay(failure: HttpFailure, attempt: number, idempotent: boolean): number | undefined {
		if (failure.status === 429) {
			const retryAfter = Number(failure.headers['retry-after']);
			if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.max(retryAfter * 1000, 50);
			const reset = Number(failure.headers['x-ratelimit-reset']);
			if (Number.isFinite(reset) && reset > 0) {
				const ms = reset * 1000 - Date.now();
				if (ms > 0) return ms + 50;
			}
			return this.backoff(attempt);
		}
		const transient =
			(failure.status !== undefined && failure.status >= 500) ||
			(failure.status === undefined && failure.code !== undefined && !['ENOTFOUND', 'ELOGIN'].includes(failure.code));
		if (transient && idempotent) return this.backoff(attempt);
		return undefined;
	}

	/** Backoff before retry number `attempt` (0-based): doubles each time, with jitter. */
	backoff(attempt: number): number {
		const base = this.retry.baseDelayMs * 2 ** attempt;
		return Math.round(base / 2 + Math.random() * (base / 2));
	}

	/**
	 * Read a paginated list. Return All follows tokens to the end; a limit asks for no more than
	 * it needs. A token the server already sent, or pages that stay empty while still carrying a
	 * token, stop with an error instead of looping.
	 */
	async paginate(req: ApiRequest, style: PageStyle, page: PageRequest): Promise<IDataObject[]> {
		const collected: IDataObject[] = [];
		const seenTokens = new Set<string>();
		let token: string | undefined;
		let emptyPages = 0;
		let count = 0;
		const pageSize = Math.min(page.pageSize ?? style.maxPageSize, style.maxPageSize);
		// page numbers address fixed-size pages: the size must not shrink towards the limit
		const fixedSize = page.returnAll ? pageSize : Math.min(pageSize, page.limit ?? pageSize);
		if (style.pageNumbers) token = '1';
		for (;;) {
			const wanted = style.pageNumbers
				? fixedSize
				: page.returnAll
					? pageSize
					: Math.min(pageSize, (page.limit ?? pageSize) - count);
			const qs: IDataObject = { ...(req.qs ?? {}), [style.limitParam]: wanted };
			if (token !== undefined) qs[style.tokenParam] = token;
			const answer = await this.request<IDataObject>({ ...req, qs });
			let records = pickArray(answer, style.itemKeys);
			const received = records.length;
			if (!page.returnAll && count + records.length > (page.limit ?? 0)) {
				records = records.slice(0, (page.limit ?? 0) - count);
			}
			count += records.length;
			if (page.onPage) page.onPage(records, answer);
			else for (const r of records) collected.push(r);

			const next = style.pageNumbers
				? nextPageNumber(answer, Number(token), received, wanted)
				: pickToken(answer, style.tokenKeys);
			if (next === undefined) break;
			if (!page.returnAll && count >= (page.limit ?? 0)) break;
			if (seenTokens.has(next)) {
				throw new NodeOperationError(
					this.node,
					`LeadGenius sent the same page token twice while listing ${req.path}: stopped to avoid an endless loop`,
					{ itemIndex: req.itemIndex, description: `Records read before stopping: ${count}` },
				);
			}
			emptyPages = records.length === 0 ? emptyPages + 1 : 0;
			if (emptyPages >= MAX_EMPTY_PAGES) {
				throw new NodeOperationError(
					this.node,
					`LeadGenius returned ${MAX_EMPTY_PAGES} empty pages in a row that still promised more while listing ${req.path}: stopped to avoid an endless loop`,
					{ itemIndex: req.itemIndex, description: `Records read before stopping: ${count}` },
				);
			}
			seenTokens.add(next);
			token = next;
		}
		return collected;
	}
}

/** The first array found under one of the keys (or the answer itself if it is an array). */
export function pickArray(answer: unknown, keys: string[]): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (!answer || typeof answer !== 'object') return [];
	for (const key of keys) {
		const value = (answer as IDataObject)[key];
		if (Array.isArray(value)) return value as IDataObject[];
	}
	return [];
}

function pickToken(answer: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = answer?.[key];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
		if (value && typeof value === 'object') return JSON.stringify(value);
	}
	return undefined;
}

/** The page after `current`, or undefined on the last page (per `totalPages`, else a short page). */
function nextPageNumber(answer: IDataObject, current: number, received: number, size: number): string | undefined {
	const pagination = answer?.pagination as IDataObject | undefined;
	const total = Number(pagination?.totalPages ?? answer?.totalPages);
	if (Number.isFinite(total)) return current < total ? String(current + 1) : undefined;
	return received < size ? undefined : String(current + 1);
}

/**
 * Whether a JWT is still good at `now`: its `exp` lies ahead by more than a safety margin (5 s, or a
 * quarter of the token's lifetime for short-lived ones). Anything that does not decode counts as
 * not fresh.
 */
export function tokenIsFresh(token: unknown, now: number): boolean {
	if (typeof token !== 'string' || token === '') return false;
	const payload = token.split('.')[1];
	if (!payload) return false;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
		if (typeof claims.exp !== 'number') return false;
		const lifetimeMs = typeof claims.iat === 'number' ? (claims.exp - claims.iat) * 1000 : 3_600_000;
		const margin = Math.min(5000, Math.max(0, lifetimeMs / 4));
		return claims.exp * 1000 - now > margin;
	} catch {
		return false;
	}
}

function dropUndefined(obj: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== '') out[k] = v;
	return out;
}
