/**
 * Opaque page tokens. A token carries the `seq` of the last record returned plus a hash of the
 * listing's scope, so re-fetching with the same token returns the same page and a token cannot be
 * replayed against another listing.
 */
import { invalidFormat, invalidValue } from './errors';
import { hash32 } from './prng';
import { firstAfter, type Row } from './store';

interface TokenBody {
	v: 1;
	s: number;
	h: number;
}

export function encodeToken(lastSeq: number, scope: string): string {
	const body: TokenBody = { v: 1, s: lastSeq, h: hash32(scope) };
	return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The `seq` after which the page starts; throws 400 on a malformed or foreign token. */
export function decodeToken(token: string, scope: string, param = 'nextToken'): number {
	let body: Partial<TokenBody>;
	try {
		body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
	} catch {
		throw invalidFormat(`Invalid ${param}`, { recommendation: `Pass back the ${param} value of the previous page unchanged.` });
	}
	if (!body || body.v !== 1 || typeof body.s !== 'number' || typeof body.h !== 'number') {
		throw invalidFormat(`Invalid ${param}`, { recommendation: `Pass back the ${param} value of the previous page unchanged.` });
	}
	if (body.h !== hash32(scope)) {
		throw invalidValue(`${param} does not belong to this listing`, {
			recommendation: 'Keep the other query parameters unchanged while paging.',
		});
	}
	return body.s;
}

export interface Page<T> {
	rows: Row<T>[];
	/** Token for the next page, or null on the last page. */
	next: string | null;
}

/** Ascending page over seq-ordered rows. */
export function pageAscending<T>(rows: readonly Row<T>[], afterSeq: number | undefined, limit: number, scope: string): Page<T> {
	const start = afterSeq === undefined ? 0 : firstAfter(rows, afterSeq);
	const end = Math.min(rows.length, start + limit);
	const slice = rows.slice(start, end);
	const next = end < rows.length && slice.length > 0 ? encodeToken(slice[slice.length - 1].seq, scope) : null;
	return { rows: slice, next };
}

/** Descending (newest first) page over seq-ordered rows, optionally filtered. */
export function pageDescending<T>(
	rows: readonly Row<T>[],
	beforeSeq: number | undefined,
	limit: number,
	scope: string,
	keep: (rec: T) => boolean = () => true,
): Page<T> {
	let i = beforeSeq === undefined ? rows.length - 1 : firstAfter(rows, beforeSeq - 1) - 1;
	const out: Row<T>[] = [];
	for (; i >= 0 && out.length < limit; i--) if (keep(rows[i].rec)) out.push(rows[i]);
	let more = false;
	for (; i >= 0; i--) {
		if (keep(rows[i].rec)) {
			more = true;
			break;
		}
	}
	return { rows: out, next: more && out.length > 0 ? encodeToken(out[out.length - 1].seq, scope) : null };
}
