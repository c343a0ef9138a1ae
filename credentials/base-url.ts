/**
 * The one rule for the credential's Base URL, shared by the credential (login, refresh, test) and
 * the node's transport: trailing slashes go, so `${base}/api/…` never doubles a slash.
 */
const TRAILING_SLASHES = /\/+$/;

export function normalizeBaseUrl(raw: unknown): string {
	return String(raw ?? '').replace(TRAILING_SLASHES, '');
}

/** The same rule as an n8n expression, for places n8n evaluates itself (the credential test). */
export const BASE_URL_EXPRESSION = `={{$credentials.baseUrl.replace(${String(TRAILING_SLASHES)}, "")}}`;
