import type { INodePropertyOptions } from 'n8n-workflow';

import type { NormalisedLead } from './types';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Value at a dotted path (`lead.profile_url`), or undefined. */
export function getPath(source: unknown, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (!isRecord(current)) return undefined;
		current = current[key];
	}
	return current;
}

/** First path holding a non-empty string or a finite number, as a trimmed string; else null. */
export function pickString(source: unknown, ...paths: string[]): string | null {
	for (const path of paths) {
		const value = getPath(source, path);
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return null;
}

/** First path holding a record, else undefined. */
export function pickRecord(source: unknown, ...paths: string[]): JsonRecord | undefined {
	for (const path of paths) {
		const value = getPath(source, path);
		if (isRecord(value)) return value;
	}
	return undefined;
}

/** `+0100` → `+01:00`, so offsets without a colon (Woodpecker) parse everywhere. */
function withColonOffset(text: string): string {
	return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/**
 * A date-like value to ISO-8601 (UTC), or null when it is not a date.
 * Accepts ISO strings (with `Z`, `+01:00` or `+0100`), and epoch numbers or digit strings in seconds or
 * milliseconds (values above 1e12 are milliseconds).
 */
export function toIsoDate(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) {
		const ms = Math.abs(value) > 1e12 ? value : value * 1000;
		const date = new Date(ms);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return null;
	if (/^\d+(\.\d+)?$/.test(text)) return toIsoDate(Number(text));
	// Only strings that start like a calendar date: Date.parse accepts odd things ("1", "May") otherwise.
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
	const parsed = Date.parse(withColonOffset(text));
	return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

/** First path whose value is a date (see toIsoDate). */
export function pickDate(source: unknown, ...paths: string[]): string | null {
	for (const path of paths) {
		const iso = toIsoDate(getPath(source, path));
		if (iso !== null) return iso;
	}
	return null;
}

/** `Jane van der Berg` → first `Jane`, last `van der Berg`. */
export function splitFullName(fullName: string | null): { firstName: string | null; lastName: string | null } {
	if (!fullName) return { firstName: null, lastName: null };
	const parts = fullName.trim().split(/\s+/);
	const firstName = parts.shift() ?? null;
	return { firstName, lastName: parts.length > 0 ? parts.join(' ') : null };
}

export interface LeadParts {
	email: string | null;
	firstName: string | null;
	lastName: string | null;
	/** Used to fill first/last name when the payload only carries a full name. */
	fullName?: string | null;
	companyName: string | null;
	linkedinUrl: string | null;
	title: string | null;
}

/** The lead block of the shared shape, in its documented key order. */
export function makeLead(parts: LeadParts): NormalisedLead {
	let { firstName, lastName } = parts;
	if (firstName === null && lastName === null && parts.fullName) {
		({ firstName, lastName } = splitFullName(parts.fullName));
	}
	return {
		email: parts.email,
		firstName,
		lastName,
		companyName: parts.companyName,
		linkedinUrl: parts.linkedinUrl,
		title: parts.title,
	};
}

/** Default batching: a JSON array is a batch of events, anything else is one event. */
export function splitArray(body: unknown): unknown[] {
	return Array.isArray(body) ? body : [body];
}

/** One event of a platform's list: its display name, with a description where the name needs one. */
export type EventName = string | { name: string; description: string };

/**
 * Event options for a platform whose event values are their display names in snake case: `lower`
 * (`Email Opened` → `email_opened`) or `upper` (`InMail Sent` → `INMAIL_SENT`).
 */
export function eventOptions(casing: 'lower' | 'upper', ...events: EventName[]): INodePropertyOptions[] {
	return events.map((event) => {
		const { name, description } = typeof event === 'string' ? { name: event, description: undefined } : event;
		const snake = name.split(' ').join('_');
		const value = casing === 'upper' ? snake.toUpperCase() : snake.toLowerCase();
		return description === undefined ? { name, value } : { name, value, description };
	});
}

