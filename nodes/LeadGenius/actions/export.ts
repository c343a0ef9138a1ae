import type { IDataObject } from 'n8n-workflow';

/**
 * File encoders for bulk extraction (Get Many → Output: CSV File / JSON Lines File). Pages are
 * turned into UTF-8 bytes as they arrive and the records dropped, so the memory a file export
 * needs is about the file's size plus one page. Pure functions and small classes: no I/O.
 */

export type FileFormat = 'csv' | 'jsonl';

export const FILE_FORMATS: Record<FileFormat, { extension: string; mimeType: string }> = {
	csv: { extension: 'csv', mimeType: 'text/csv' },
	jsonl: { extension: 'jsonl', mimeType: 'application/x-ndjson' },
};

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * One CSV cell (RFC 4180): missing and null values are empty, objects and arrays are JSON text,
 * and a value with a comma, quote or line break is quoted with its quotes doubled.
 */
export function csvCell(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** What an encoder made of the pages it was given. */
export interface FileSummary {
	records: number;
	pages: number;
	/** CSV: the columns in order; JSON Lines: every field name seen, in order of first appearance. */
	fields: string[];
	bytes: number;
}

export interface FileEncoder {
	/** Encode one page of records (they are not kept). */
	addPage(records: IDataObject[]): void;
	/** The whole file, once, after the last page. */
	finish(): { data: Buffer; summary: FileSummary };
}

/**
 * CSV with a header row and CRLF line ends. With `columns` (a field projection) the columns are
 * exactly those, in order. Without, every field of every record becomes a column, in order of first
 * appearance: new fields only ever append columns, so each page is encoded with the columns known
 * after reading it, and rows of earlier pages get the missing trailing cells (empty) when the file
 * is put together, behind the header that is written last.
 */
export class CsvEncoder implements FileEncoder {
	private readonly columns: string[];
	private readonly known: Set<string>;
	private readonly fixed: boolean;
	/** Encoded pages (no header) with the column count each was encoded with. */
	private readonly chunks: Array<{ data: Buffer; columns: number; rows: number }> = [];
	private records = 0;

	constructor(private readonly opts: { columns?: string[]; bom?: boolean } = {}) {
		this.fixed = opts.columns !== undefined && opts.columns.length > 0;
		this.columns = this.fixed ? [...opts.columns!] : [];
		this.known = new Set(this.columns);
	}

	addPage(records: IDataObject[]): void {
		if (!this.fixed) {
			for (const record of records) {
				for (const key in record) {
					if (!this.known.has(key)) {
						this.known.add(key);
						this.columns.push(key);
					}
				}
			}
		}
		const columns = this.columns;
		const n = columns.length;
		let text = '';
		for (const record of records) {
			let row = csvCell(record[columns[0]]);
			for (let c = 1; c < n; c++) row += ',' + csvCell(record[columns[c]]);
			text += row + CRLF;
		}
		this.chunks.push({ data: Buffer.from(text, 'utf8'), columns: n, rows: records.length });
		this.records += records.length;
	}

	finish(): { data: Buffer; summary: FileSummary } {
		const n = this.columns.length;
		// no column at all (no record without a projection): an empty file rather than a blank line
		const header = Buffer.from(n === 0 ? '' : this.columns.map(csvCell).join(',') + CRLF, 'utf8');
		const parts: Buffer[] = this.opts.bom ? [UTF8_BOM, header] : [header];
		for (const chunk of this.chunks) {
			parts.push(chunk.columns === n ? chunk.data : padRows(chunk.data, chunk.rows, ','.repeat(n - chunk.columns)));
		}
		const pages = this.chunks.length;
		this.chunks.length = 0;
		const data = Buffer.concat(parts);
		return { data, summary: { records: this.records, pages, fields: [...this.columns], bytes: data.length } };
	}
}

/**
 * Append `pad` to each of the `rows` CSV rows of `data` (before its CRLF). A CRLF ends a row only
 * outside quotes; inside a quoted cell every quote is doubled, so the quote count's parity says
 * which side of a quote we are on.
 */
export function padRows(data: Buffer, rows: number, pad: string): Buffer {
	const padBytes = Buffer.from(pad, 'utf8');
	const out = Buffer.allocUnsafe(data.length + rows * padBytes.length);
	let read = 0;
	let write = 0;
	let pos = 0;
	let inQuotes = false;
	let quote = data.indexOf(0x22);
	for (;;) {
		const cr = data.indexOf(0x0d, pos);
		if (cr < 0) break;
		// the quotes before the CR decide whether it is inside a quoted cell
		while (quote >= 0 && quote < cr) {
			inQuotes = !inQuotes;
			quote = data.indexOf(0x22, quote + 1);
		}
		pos = cr + 1;
		if (inQuotes || data[cr + 1] !== 0x0a) continue;
		write += data.copy(out, write, read, cr);
		write += padBytes.copy(out, write);
		read = cr;
	}
	write += data.copy(out, write, read);
	return write === out.length ? out : out.subarray(0, write);
}

/** JSON Lines: one record per line, as the API sent it. */
export class JsonLinesEncoder implements FileEncoder {
	private readonly chunks: Buffer[] = [];
	private readonly fields: string[] = [];
	private readonly known = new Set<string>();
	private records = 0;

	addPage(records: IDataObject[]): void {
		let text = '';
		for (const record of records) {
			for (const key in record) {
				if (!this.known.has(key)) {
					this.known.add(key);
					this.fields.push(key);
				}
			}
			text += JSON.stringify(record) + '\n';
		}
		this.chunks.push(Buffer.from(text, 'utf8'));
		this.records += records.length;
	}

	finish(): { data: Buffer; summary: FileSummary } {
		const pages = this.chunks.length;
		const data = Buffer.concat(this.chunks);
		this.chunks.length = 0;
		return { data, summary: { records: this.records, pages, fields: [...this.fields], bytes: data.length } };
	}
}

export function fileEncoder(format: FileFormat, opts: { columns?: string[]; bom?: boolean } = {}): FileEncoder {
	return format === 'csv' ? new CsvEncoder(opts) : new JsonLinesEncoder();
}

/** `leads-<client or all>-<YYYY-MM-DD>.<ext>`, safe as a file name. */
export function defaultFileName(format: FileFormat, clientId: string, now: Date = new Date()): string {
	const who = (clientId || 'all').replace(/[^A-Za-z0-9._-]+/g, '-');
	return `leads-${who}-${now.toISOString().slice(0, 10)}.${FILE_FORMATS[format].extension}`;
}
