import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

/** What the transport knows about a failed HTTP exchange, taken from whatever n8n threw. */
export interface HttpFailure {
	status?: number;
	body?: unknown;
	headers: Record<string, string>;
	/** Network-level error code (ECONNRESET, ETIMEDOUT, …) when no answer came back. */
	code?: string;
	message: string;
}

/** Pull status, body, headers and network code out of an axios error or n8n's wrapper of one. */
export function describeFailure(error: unknown): HttpFailure {
	const candidates: unknown[] = [error];
	let e: unknown = error;
	for (let depth = 0; depth < 3 && e && typeof e === 'object' && 'cause' in e; depth++) {
		e = (e as { cause?: unknown }).cause;
		candidates.push(e);
	}
	let status: number | undefined;
	let body: unknown;
	let headers: Record<string, string> = {};
	let code: string | undefined;
	for (const c of candidates) {
		if (!c || typeof c !== 'object') continue;
		const obj = c as {
			response?: { status?: number; data?: unknown; headers?: unknown; body?: unknown };
			code?: unknown;
		};
		if (obj.response && status === undefined) {
			status = obj.response.status;
			body = obj.response.data ?? obj.response.body;
			headers = normaliseHeaders(obj.response.headers);
		}
		if (typeof obj.code === 'string' && /^E[A-Z_]+$/.test(obj.code) && code === undefined) {
			code = obj.code;
		}
	}
	// n8n's NodeApiError drops the axios error it wraps but keeps the status and JSON body.
	const wrapped = error as { httpCode?: unknown; context?: { data?: unknown }; messages?: unknown };
	if (status === undefined) {
		if (wrapped?.httpCode && /^\d{3}$/.test(String(wrapped.httpCode))) status = Number(wrapped.httpCode);
		if (body === undefined && wrapped?.context?.data !== undefined) body = wrapped.context.data;
	}
	const message = (error as Error)?.message ?? String(error);
	if (status === undefined && code === undefined) {
		const text = [message, String(wrapped?.httpCode ?? ''), ...(Array.isArray(wrapped?.messages) ? wrapped.messages : [])].join(' ');
		if (/LeadGenius login failed|returned no access token/.test(text)) code = 'ELOGIN';
		else code = /\b(E[A-Z]{3,})\b/.exec(text)?.[1] ?? (/timeout|timed out/i.test(text) ? 'ETIMEDOUT' : /socket hang up|aborted/i.test(text) ? 'ECONNRESET' : undefined);
	}
	return { status, body: parseMaybeJson(body), headers, code, message };
}

function normaliseHeaders(raw: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!raw || typeof raw !== 'object') return out;
	const source =
		typeof (raw as { toJSON?: unknown }).toJSON === 'function'
			? ((raw as { toJSON: () => Record<string, unknown> }).toJSON() as Record<string, unknown>)
			: (raw as Record<string, unknown>);
	for (const [k, v] of Object.entries(source)) {
		if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

function parseMaybeJson(body: unknown): unknown {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'The request was rejected as invalid',
	401: 'Authentication failed',
	403: 'Not allowed',
	404: 'Not found',
	409: 'Conflict',
	429: 'Rate limit hit',
	500: 'The LeadGenius server failed',
	502: 'The LeadGenius gateway failed',
	503: 'A LeadGenius service is unavailable',
	504: 'The LeadGenius gateway timed out',
};

export interface ErrorContext {
	node: INode;
	itemIndex?: number;
	authMode?: string;
	method: string;
	path: string;
	/** Values that must never appear in an error (passwords, tokens, keys). */
	secrets: string[];
	/** Appended to the description, e.g. how long the rate-limit retries waited. */
	note?: string;
	/** The credential's Agent API prefix: a 404 under it means the prefix is wrong. */
	agentPrefix?: string;
	/** What was sent: a lead write's 500 is explained by the field that caused it. */
	body?: unknown;
}

/** What LeadGenius answers (HTTP 500) when a lead write carries a field it cannot store. */
export const LEAD_WRITE_500 = 'Failed to create lead - no data returned';

/**
 * Whether a failed request may still have been carried out: the server failed (5xx), or the
 * connection broke or timed out after the request may have reached it. A POST in that state must
 * be looked up before it is sent again.
 */
export function outcomeUnknown(failure: HttpFailure): boolean {
	if (failure.status !== undefined) return failure.status >= 500 || failure.status === 408;
	return !['ENOTFOUND', 'ECONNREFUSED', 'ELOGIN', 'EAI_AGAIN'].includes(failure.code ?? '');
}

/** Whether an error from the transport leaves open whether the request was carried out. */
export function isOutcomeUnknown(error: unknown): boolean {
	return (error as { context?: { outcomeUnknown?: unknown } })?.context?.outcomeUnknown === true;
}

/** Whether the request gave up waiting: the server may still be carrying it out. */
export function timedOut(error: unknown): boolean {
	return (error as { context?: { timedOut?: unknown } })?.context?.timedOut === true;
}

/** Whether the error is LeadGenius's lead-write 500 for a field it cannot store. */
export function isLeadWrite500(error: unknown): boolean {
	return (error as { context?: { leadWrite500?: unknown } })?.context?.leadWrite500 === true;
}

/**
 * The fields of a lead body that LeadGenius is known to answer 500 to: `phone` (it wants
 * `phoneNumber`), empty strings, a last name of ".".
 */
export function suspectLeadFields(body: unknown): string[] {
	const rows = Array.isArray((body as IDataObject)?.leads) ? ((body as IDataObject).leads as unknown[]) : [body];
	const out = new Set<string>();
	for (const row of rows) {
		if (!row || typeof row !== 'object') continue;
		for (const [k, v] of Object.entries(row as IDataObject)) {
			if (k === 'phone') out.add('phone (use phoneNumber)');
			else if (typeof v === 'string' && v.trim() === '') out.add(`${k} (empty text: leave the field out)`);
			else if (k === 'lastName' && typeof v === 'string' && v.trim() === '.') out.add('lastName (".": use "-")');
		}
	}
	return [...out];
}

/** Remove every secret value (and anything that looks like a bearer token) from a text. */
export function scrub(text: string, secrets: string[]): string {
	let out = text;
	for (const s of secrets) {
		if (s && s.length >= 4) out = out.split(s).join('***');
	}
	return out
		.replace(/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g, 'Bearer ***')
		.replace(/eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}/g, '***')
		.replace(/lgp_[A-Za-z0-9]{6,}/g, 'lgp_***');
}

/**
 * The one error mapper: turns any failed request into a NodeApiError whose message says what
 * happened in LeadGenius terms (HTTP status first, the API's errorType second) and whose
 * description carries the API's details and recommendation — scrubbed of secrets.
 */
export function toNodeApiError(failure: HttpFailure, ctx: ErrorContext): NodeApiError {
	const envelope = (failure.body && typeof failure.body === 'object' ? failure.body : {}) as IDataObject;
	const apiMessage =
		typeof envelope.error === 'string'
			? envelope.error
			: typeof envelope.message === 'string'
				? envelope.message
				: typeof failure.body === 'string' && failure.body.length < 500
					? failure.body
					: undefined;
	const errorType = typeof envelope.errorType === 'string' ? envelope.errorType : undefined;
	const status = failure.status;
	const leadWrite500 = status === 500 && apiMessage !== undefined && apiMessage.includes(LEAD_WRITE_500);

	let message: string;
	if (status === 401) {
		message = authFailureMessage(ctx.authMode, errorType);
	} else if (failure.code === 'ELOGIN') {
		message = failure.message;
	} else if (status === undefined) {
		message = `Could not reach LeadGenius (${failure.code ?? 'network error'}) on ${ctx.method} ${ctx.path}`;
	} else if (status === 404 && agentRouteMissing(ctx, apiMessage)) {
		message = `This LeadGenius deployment has no Agent API under "${ctx.agentPrefix}": set the credential's Agent API Path Prefix to "${ctx.agentPrefix === '/api' ? '/api/agent' : '/api'}"`;
	} else if (leadWrite500 && status === 500) {
		const suspects = suspectLeadFields(ctx.body);
		message = suspects.length
			? `LeadGenius could not store the lead because of ${suspects.join(', ')}`
			: `LeadGenius could not store the lead (HTTP 500 "${LEAD_WRITE_500}"): one of its fields has a name or value LeadGenius cannot store`;
	} else {
		const head = STATUS_TEXT[status] ?? `LeadGenius answered HTTP ${status}`;
		message = apiMessage ? `${head}: ${apiMessage}` : head;
	}

	const descriptionParts: string[] = [];
	if (status === 401 && apiMessage) descriptionParts.push(apiMessage);
	if (errorType) descriptionParts.push(`Error type: ${errorType}`);
	if (typeof envelope.details === 'string') descriptionParts.push(`Details: ${envelope.details}`);
	else if (envelope.details !== undefined) descriptionParts.push(`Details: ${JSON.stringify(envelope.details)}`);
	if (typeof envelope.recommendation === 'string') descriptionParts.push(`Recommendation: ${envelope.recommendation}`);
	descriptionParts.push(`Request: ${ctx.method} ${ctx.path}`);
	if (leadWrite500) {
		descriptionParts.push(
			`LeadGenius answers HTTP 500 "${LEAD_WRITE_500}" to a lead with a field it cannot store: "phone" (use "phoneNumber"), a field sent as empty text, or a last name of ".". The lead was not created.`,
		);
	}
	if (ctx.note) descriptionParts.push(ctx.note);

	const safe = (s: string) => scrub(s, ctx.secrets);
	const errorResponse: JsonObject = {
		message: safe(message),
		httpCode: status !== undefined ? String(status) : null,
		errorType: errorType ?? null,
	};
	const error = new NodeApiError(ctx.node, errorResponse, {
		message: safe(message),
		description: safe(descriptionParts.join('\n')),
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex: ctx.itemIndex,
	});
	if (outcomeUnknown(failure) && !leadWrite500) error.context.outcomeUnknown = true;
	if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT') error.context.timedOut = true;
	if (leadWrite500) error.context.leadWrite500 = true;
	return error;
}

/** A 404 "Route not found" on a path under the credential's Agent API prefix. */
function agentRouteMissing(ctx: ErrorContext, apiMessage: string | undefined): boolean {
	if (!ctx.agentPrefix || !(ctx.path === ctx.agentPrefix || ctx.path.startsWith(`${ctx.agentPrefix}/`))) return false;
	return apiMessage === undefined || /route not found/i.test(apiMessage);
}

function authFailureMessage(authMode: string | undefined, errorType: string | undefined): string {
	if (authMode === 'apiKey') {
		return 'LeadGenius rejected the API key: check the API key and the user ID in the credential';
	}
	if (authMode === 'accessToken') {
		return errorType === 'token_expired'
			? 'The pasted LeadGenius access token has expired: paste a fresh one, or switch the credential to Email & Password'
			: 'LeadGenius rejected the pasted access token: check the access token in the credential';
	}
	return 'LeadGenius rejected the login even after signing in again: check the email and password in the credential';
}
