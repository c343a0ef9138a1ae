import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, IWebhookFunctions } from 'n8n-workflow';

/** Added to each output item when forwarding is on. */
export interface ForwardResult {
	ok: boolean;
	/** HTTP status of the workbench's answer; null when no answer came (network error, timeout, bad URL). */
	status: number | null;
	error?: string;
}

export const DEFAULT_FORWARD_TIMEOUT_SECONDS = 10;

/** Removes the URL and its query values (the workbench URL embeds its secret key) from an error message. */
export function redactUrl(message: string, url: string): string {
	let text = message.split(url).join('[forward URL]');
	try {
		for (const value of new URL(url).searchParams.values()) {
			if (value.length >= 4) text = text.split(value).join('[redacted]');
		}
	} catch {
		// not a URL: nothing more to hide
	}
	return text;
}

export function isHttpUrl(url: string): boolean {
	try {
		const { protocol } = new URL(url);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * POSTs one event, in its platform's own format, to a LeadGenius workbench webhook URL. Never throws:
 * a failure is reported in the result, so the event still reaches the workflow.
 */
export async function forwardEvent(
	context: IWebhookFunctions,
	url: string,
	body: unknown,
	timeoutSeconds = DEFAULT_FORWARD_TIMEOUT_SECONDS,
): Promise<ForwardResult> {
	if (!isHttpUrl(url)) return { ok: false, status: null, error: 'The forward URL is not an http(s) URL' };
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body: body as IDataObject,
		json: true,
		headers: { 'content-type': 'application/json' },
		timeout: Math.max(1, timeoutSeconds) * 1000,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		const response = (await context.helpers.httpRequest(request)) as IN8nHttpFullResponse;
		const status = typeof response?.statusCode === 'number' ? response.statusCode : null;
		if (status !== null && status >= 200 && status < 300) return { ok: true, status };
		return { ok: false, status, error: `The workbench answered HTTP ${status ?? 'without a status'}` };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, status: null, error: redactUrl(message, url) };
	}
}
