/** Small request-reading helpers that throw contract errors (§2.2 Validation). */
import { invalidFormat, invalidValue, missingField } from './errors';

export type Query = Record<string, string | string[] | undefined>;
export type Body = Record<string, unknown>;

/** The body as a JSON object; an absent body counts as `{}` (so missing fields are reported as such). */
export function bodyObject(body: unknown): Body {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw invalidFormat('Request body must be a JSON object');
	}
	return body as Body;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function reqString(b: Body, field: string): string {
	const v = b[field];
	if (isBlank(v)) throw missingField(field);
	if (typeof v !== 'string') throw invalidFormat(`Field '${field}' must be a string`);
	return v;
}

export function optString(b: Body, field: string): string | undefined {
	const v = b[field];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') throw invalidFormat(`Field '${field}' must be a string`);
	return v;
}

export function optBoolean(b: Body, field: string): boolean | undefined {
	const v = b[field];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'boolean') throw invalidFormat(`Field '${field}' must be a boolean`);
	return v;
}

export function optArray(b: Body, field: string): unknown[] | undefined {
	const v = b[field];
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v)) throw invalidFormat(`Field '${field}' must be an array`);
	return v;
}

export function optStringArray(b: Body, field: string): string[] | undefined {
	const v = optArray(b, field);
	if (v && v.some((x) => typeof x !== 'string')) throw invalidFormat(`Field '${field}' must be an array of strings`);
	return v as string[] | undefined;
}

export function optObject(b: Body, field: string): Record<string, unknown> | undefined {
	const v = b[field];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'object' || Array.isArray(v)) throw invalidFormat(`Field '${field}' must be a JSON object`);
	return v as Record<string, unknown>;
}

export function optInt(b: Body, field: string, min: number, max: number): number | undefined {
	const v = b[field];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidFormat(`Field '${field}' must be an integer`);
	if (v < min || v > max) throw invalidValue(`Field '${field}' must be between ${min} and ${max}`);
	return v;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
	if (!(allowed as readonly string[]).includes(value)) {
		throw invalidValue(`Invalid ${field}: '${value}'`, { details: `Allowed values: ${allowed.join(', ')}` });
	}
	return value as T;
}

/** First value of a query parameter; empty strings count as absent. */
export function qString(q: Query, name: string): string | undefined {
	const v = q[name];
	const s = Array.isArray(v) ? v[0] : v;
	return s === undefined || s === '' ? undefined : s;
}

export function qRequired(q: Query, name: string): string {
	const s = qString(q, name);
	if (s === undefined) throw missingField(name);
	return s;
}

export function qInt(q: Query, name: string): number | undefined {
	const s = qString(q, name);
	if (s === undefined) return undefined;
	if (!/^-?\d+$/.test(s.trim())) throw invalidValue(`Query parameter '${name}' must be an integer`, { details: `got '${s}'` });
	return Number(s);
}

/** `limit`-style parameter: default when absent, clamped to [min, max] when out of range (§2.4). */
export function qClamped(q: Query, name: string, def: number, max: number, min = 1): number {
	const n = qInt(q, name);
	if (n === undefined) return def;
	return Math.min(max, Math.max(min, n));
}

export function qBool(q: Query, name: string): boolean {
	const s = qString(q, name);
	return s !== undefined && ['true', '1', 'yes'].includes(s.toLowerCase());
}

export function has(q: Query, name: string): boolean {
	return q[name] !== undefined;
}
