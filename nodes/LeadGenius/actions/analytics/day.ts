import type { Params } from '../params';

const DAY = /^(\d{4}-\d{2}-\d{2})/;

/** A date parameter (date picker, ISO string or expression) as the API's `YYYY-MM-DD`. */
export function dayOf(p: Params, name: string, value: unknown): string {
	const text = value instanceof Date ? value.toISOString() : String(value ?? '').trim();
	const match = DAY.exec(text);
	if (match && !Number.isNaN(Date.parse(match[1]))) return match[1];
	const parsed = Date.parse(text);
	if (text === '' || Number.isNaN(parsed)) p.fail(name, `is not a date (got ${JSON.stringify(value)}); use YYYY-MM-DD`);
	return new Date(parsed).toISOString().slice(0, 10);
}

/** Today and `days` earlier, as `YYYY-MM-DD` (UTC). */
export function daysBefore(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00.000Z`) - days * 86400000).toISOString().slice(0, 10);
}

export function today(): string {
	return new Date().toISOString().slice(0, 10);
}
