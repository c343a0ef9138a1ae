/**
 * The LeadGenius error envelope (§2.1) and the errorType → HTTP status catalogue (§2.2).
 * Route code throws `ApiError`; the server turns it into
 * `{ success: false, error, errorType, details?, recommendation? }`.
 */

export type ErrorType =
	| 'no_valid_credentials'
	| 'no_valid_tokens'
	| 'token_expired'
	| 'federated_jwt'
	| 'insufficient_permissions'
	| 'owner_mismatch'
	| 'missing_required_field'
	| 'invalid_format'
	| 'invalid_value'
	| 'not_found'
	| 'already_exists'
	| 'conflict'
	| 'rate_limit_exceeded'
	| 'internal_error'
	| 'service_unavailable'
	| 'gateway_timeout';

export const STATUS_OF: Readonly<Record<ErrorType, number>> = {
	no_valid_credentials: 401,
	no_valid_tokens: 401,
	token_expired: 401,
	federated_jwt: 401,
	insufficient_permissions: 403,
	owner_mismatch: 403,
	missing_required_field: 400,
	invalid_format: 400,
	invalid_value: 400,
	not_found: 404,
	already_exists: 409,
	conflict: 409,
	rate_limit_exceeded: 429,
	internal_error: 500,
	service_unavailable: 503,
	/** Production mode only (a purge above `purgeTimeoutLeads`): API Gateway's 29 s limit. */
	gateway_timeout: 504,
};

export interface ErrorExtras {
	details?: string;
	recommendation?: string;
	/** Overrides the status implied by the errorType. */
	status?: number;
	/** Extra response headers (e.g. Retry-After). */
	headers?: Record<string, string>;
}

export class ApiError extends Error {
	readonly status: number;
	readonly errorType: ErrorType;
	readonly details?: string;
	readonly recommendation?: string;
	readonly headers?: Record<string, string>;

	constructor(errorType: ErrorType, message: string, extras: ErrorExtras = {}) {
		super(message);
		this.name = 'ApiError';
		this.errorType = errorType;
		this.status = extras.status ?? STATUS_OF[errorType];
		this.details = extras.details;
		this.recommendation = extras.recommendation;
		this.headers = extras.headers;
	}

	toBody(): ErrorBody {
		const body: ErrorBody = { success: false, error: this.message, errorType: this.errorType };
		if (this.details !== undefined) body.details = this.details;
		if (this.recommendation !== undefined) body.recommendation = this.recommendation;
		return body;
	}
}

export interface ErrorBody {
	success: false;
	error: string;
	errorType: string;
	details?: string;
	recommendation?: string;
}

// Shorthands used by the route tables.

export const missingField = (field: string, extras?: ErrorExtras): ApiError =>
	new ApiError('missing_required_field', `Missing required field: ${field}`, extras);

export const invalidFormat = (message: string, extras?: ErrorExtras): ApiError =>
	new ApiError('invalid_format', message, extras);

export const invalidValue = (message: string, extras?: ErrorExtras): ApiError =>
	new ApiError('invalid_value', message, extras);

export const notFound = (what: string, extras?: ErrorExtras): ApiError =>
	new ApiError('not_found', `${what} not found`, extras);

export const forbidden = (message: string, extras?: ErrorExtras): ApiError =>
	new ApiError('insufficient_permissions', message, extras);

export const alreadyExists = (message: string, extras?: ErrorExtras): ApiError =>
	new ApiError('already_exists', message, extras);
