import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { deliveryDigest, eventIds } from './event-id';
import { createEventFilter, parseEventList } from './events';
import { DEFAULT_FORWARD_TIMEOUT_SECONDS, forwardEvent, type ForwardResult } from './forward';
import { getNormaliser, isPlatform, normaliseBody } from './normalisers';
import type { NormalisedEvent, Platform } from './types';
import { isRecord } from './util';
import {
	headerValue,
	ReplayCache,
	verifyHmac,
	verifySharedSecret,
	type SecretLocation,
	type SignatureEncoding,
	type VerificationRequest,
	type VerificationResult,
} from './verify';
import { CREDENTIAL_TYPE } from '../transport/client';

export const DEFAULT_MAX_BODY_KB = 1024;
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;
export { CREDENTIAL_TYPE };

/** Signatures accepted in this n8n process (exact-replay protection; see ReplayCache). */
const replayCache = new ReplayCache();

type Request = ReturnType<IWebhookFunctions['getRequestObject']>;

/**
 * Answers the request here (status + JSON body). The node always answers itself (`noWebhookResponse`), so
 * the sender gets the same, documented answer whatever n8n version runs it; with `workflowData` the
 * execution still starts.
 */
function answer(context: IWebhookFunctions, status: number, body: IDataObject): void {
	context.getResponseObject().status(status).json(body);
}

/** Refuses the request: answers `{ error }` with the status and starts no execution. */
function reject(context: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	answer(context, status, { error });
	return { noWebhookResponse: true };
}

function numberOption(value: unknown, fallback: number): number {
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : fallback;
}

function stringParameter(context: IWebhookFunctions, name: string, fallback: string): string {
	const value = context.getNodeParameter(name, fallback);
	return typeof value === 'string' ? value : fallback;
}

/**
 * The raw request bytes. n8n reads them before calling the node (`req.rawBody`, a Buffer) for every
 * non-multipart request; `readRawBody()` is a fallback for hosts that read lazily.
 */
async function getRawBody(req: Request): Promise<Buffer | null> {
	const isMultipart = String(req.headers['content-type'] ?? '').startsWith('multipart/');
	if (!req.rawBody && !isMultipart && typeof req.readRawBody === 'function') await req.readRawBody();
	const raw: unknown = req.rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return null;
}

type Parsed = { ok: true; value: unknown } | { ok: false };

/** JSON object or array from the raw bytes (a UTF-8 BOM is tolerated); anything else is malformed. */
export function parseJsonBody(raw: Buffer): Parsed {
	const text = raw.toString('utf8').replace(/^\uFEFF/, '');
	if (text.trim() === '') return { ok: false };
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null ? { ok: true, value } : { ok: false };
	} catch {
		return { ok: false };
	}
}

async function getSecret(context: IWebhookFunctions): Promise<string> {
	if (stringParameter(context, 'secretSource', 'parameter') === 'credential') {
		try {
			const credentials = await context.getCredentials(CREDENTIAL_TYPE);
			return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
		} catch {
			return '';
		}
	}
	return stringParameter(context, 'secret', '');
}

/**
 * The timestamp that is part of the signed content (HMAC with a timestamp header), else null: with the
 * raw body it identifies one delivery (see deliveryDigest).
 */
function signedTimestamp(context: IWebhookFunctions, headers: Request['headers']): string | null {
	if (stringParameter(context, 'verification', 'none') !== 'hmacSha256') return null;
	const name = stringParameter(context, 'timestampHeaderName', '');
	return name.trim() === '' ? null : headerValue(headers, name);
}

async function verify(context: IWebhookFunctions, request: VerificationRequest): Promise<VerificationResult> {
	const method = stringParameter(context, 'verification', 'none');
	if (method === 'none') return { ok: true };
	const secret = await getSecret(context);
	if (method === 'sharedSecret') {
		return verifySharedSecret(request, {
			secret,
			location: stringParameter(context, 'secretLocation', 'headerOrQuery') as SecretLocation,
			headerName: stringParameter(context, 'headerName', ''),
			queryParameter: stringParameter(context, 'queryParameterName', ''),
		});
	}
	if (method === 'hmacSha256') {
		const workflow = context.getWorkflow();
		return verifyHmac(request, {
			secret,
			headerName: stringParameter(context, 'signatureHeaderName', ''),
			encoding: stringParameter(context, 'signatureEncoding', 'hex') as SignatureEncoding,
			prefix: stringParameter(context, 'signaturePrefix', ''),
			timestampHeaderName: stringParameter(context, 'timestampHeaderName', ''),
			replayWindowSeconds: numberOption(
				context.getNodeParameter('replayWindowSeconds', DEFAULT_REPLAY_WINDOW_SECONDS),
				DEFAULT_REPLAY_WINDOW_SECONDS,
			),
			replayCache,
			replayScope: `${workflow.id ?? ''}/${context.getNode().name}`,
		});
	}
	return { ok: false, reason: `unknown verification method "${method}"` };
}

/**
 * The trigger's webhook: size limit (413) → verification (401) → JSON (400) → one normalised event per
 * element of a batch → event filter → optional forwarding → 200 `{ received, accepted }`; the execution starts
 * only when at least one event was accepted.
 */
export async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const req = this.getRequestObject();
	const nodeName = this.getNode().name;
	const options = this.getNodeParameter('options', {}) as IDataObject;

	const maxBodyKb = numberOption(options.maxBodySizeKb, DEFAULT_MAX_BODY_KB);
	const maxBytes = maxBodyKb * 1024;
	const tooLarge = `The request body is larger than the ${maxBodyKb} KB limit`;
	if (Number(req.headers['content-length'] ?? 0) > maxBytes) return reject(this, 413, tooLarge);
	const rawBody = await getRawBody(req);
	if (rawBody !== null && rawBody.length > maxBytes) return reject(this, 413, tooLarge);

	const verification = await verify(this, {
		rawBody,
		headers: req.headers,
		query: (this.getQueryData() ?? {}) as Record<string, unknown>,
		now: receivedAt.getTime(),
	});
	if (!verification.ok) {
		// The reason helps whoever configures the sender; it never contains the secret.
		this.logger.warn(`${nodeName}: webhook request refused (401): ${verification.reason}`);
		return reject(this, 401, 'Unauthorized');
	}

	let body: unknown;
	if (rawBody !== null) {
		const parsed = parseJsonBody(rawBody);
		if (!parsed.ok) return reject(this, 400, 'The request body is not a JSON object or array');
		body = parsed.value;
	} else {
		// Without raw bytes only n8n's parsed body is left; an empty object is what n8n sets when it parsed nothing.
		body = this.getBodyData() as unknown;
		if (!Array.isArray(body) && !(isRecord(body) && Object.keys(body).length > 0)) {
			return reject(this, 400, 'The request body is not a JSON object or array');
		}
	}

	const sourceParameter = stringParameter(this, 'source', 'generic');
	const source: Platform = isPlatform(sourceParameter) ? sourceParameter : 'generic';
	const normalised = normaliseBody(source, body, receivedAt);
	// Ids from the bytes as sent (n8n's parsed body when the host kept none), before the filter: stable
	// across processes and whatever the Events selection.
	const ids = eventIds(
		deliveryDigest(rawBody ?? Buffer.from(JSON.stringify(body), 'utf8'), signedTimestamp(this, req.headers)),
		normalised.length,
	);
	const events: Array<NormalisedEvent & { eventId: string }> = normalised.map((event, index) => ({ eventId: ids[index], ...event }));
	const isSelected = createEventFilter(
		this.getNodeParameter(`${source}Events`, ['*']),
		parseEventList(options.additionalEvents),
	);
	const accepted = events.filter((event) => isSelected(event.event));
	if (accepted.length === 0) {
		answer(this, 200, { received: events.length, accepted: 0 });
		return { noWebhookResponse: true };
	}

	let items: Array<NormalisedEvent & { eventId: string; forward?: ForwardResult }> = accepted;
	if (this.getNodeParameter('forward', false) === true) {
		const url = stringParameter(this, 'forwardUrl', '').trim();
		const timeoutSeconds = numberOption(options.forwardTimeoutSeconds, DEFAULT_FORWARD_TIMEOUT_SECONDS);
		const normaliser = getNormaliser(source);
		const results = await Promise.all(
			accepted.map(async (event) => await forwardEvent(this, url, normaliser.toNativeBody(event.raw), timeoutSeconds)),
		);
		items = accepted.map((event, index) => ({ ...event, forward: results[index] }));
	}

	const workflowItems: INodeExecutionData[] = items.map((event) => ({ json: event as unknown as IDataObject }));
	answer(this, 200, { received: events.length, accepted: accepted.length });
	return { noWebhookResponse: true, workflowData: [workflowItems] };
}
