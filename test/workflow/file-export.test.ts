/**
 * Bulk extraction straight into a file (Get Many → Output: CSV File / JSON Lines File) in real
 * n8n-core executions against the sandbox: 100,000 leads, every file parsed back (an independent
 * RFC 4180 reader, test/helpers/csv.ts) and compared record by record with the sandbox's store,
 * also under injected 5xx, connection resets and 429s; tricky values; both binary data modes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { BinaryDataBlobManager, BinaryDataService } from 'n8n-core';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Lead } from '../../sandbox/types';
import { parseCsv } from '../helpers/csv';
import { coreContainer } from '../helpers/engine';
import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const LEADS = 100_000;
const sandbox = useSandbox({ leads: LEADS, rateLimit: 0 });

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const requestOptions = { baseDelayMs: 10, maxRetries: 12, maxWaitSeconds: 120 };

function exportParams(output: 'csv' | 'jsonl', clientId: string, extra: IDataObject = {}) {
	return {
		resource: 'enrichedLead',
		operation: 'getAll',
		clientId: rl(clientId),
		returnAll: true,
		output,
		requestOptions,
		...extra,
	};
}

/** A record as the API sends it (the store's record through JSON: undefined fields dropped). */
const asSent = (lead: Lead): IDataObject => JSON.parse(JSON.stringify(lead)) as IDataObject;

async function fileOf(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property] as IBinaryData | undefined;
	if (!binary) throw new Error(`no binary property "${property}" on the output item`);
	if (binary.id) return await coreContainer().get(BinaryDataService).getAsBuffer(binary);
	return Buffer.from(binary.data, 'base64');
}

/** What a CSV cell must hold for a value (independent of the encoder: checked via parse-back). */
function expectCell(cell: string, value: unknown, where: string) {
	if (value === undefined || value === null) {
		if (cell !== '') throw new Error(`${where}: expected an empty cell, got ${JSON.stringify(cell)}`);
	} else if (typeof value === 'object') {
		expect({ where, value: JSON.parse(cell) as unknown }).toEqual({ where, value });
	} else if (cell !== String(value)) {
		throw new Error(`${where}: expected ${JSON.stringify(String(value))}, got ${JSON.stringify(cell)}`);
	}
}

/** Every row of the CSV against the expected records, in order, column by column. */
function compareCsv(text: string, expected: IDataObject[], columns?: string[]) {
	const rows = parseCsv(text);
	const header = rows[0];
	if (columns) {
		expect(header).toEqual(columns);
	} else {
		// every field of every record is a column, each once
		const all = new Set<string>();
		for (const r of expected) for (const k of Object.keys(r)) all.add(k);
		expect(new Set(header)).toEqual(all);
		expect(header.length).toBe(all.size);
	}
	expect(rows.length - 1).toBe(expected.length);
	for (let r = 0; r < expected.length; r++) {
		const row = rows[r + 1];
		if (row.length !== header.length) throw new Error(`row ${r + 1} has ${row.length} cells, the header ${header.length}`);
		for (let c = 0; c < header.length; c++) expectCell(row[c], expected[r][header[c]], `row ${r + 1} column ${header[c]}`);
	}
	return header;
}

function parseJsonLines(text: string): IDataObject[] {
	expect(text.endsWith('\n')).toBe(true);
	return text
		.slice(0, -1)
		.split('\n')
		.map((line) => JSON.parse(line) as IDataObject);
}

const project = (record: IDataObject, fields: string[]) => {
	const out: IDataObject = {};
	for (const f of fields) if (record[f] !== undefined) out[f] = record[f];
	return out;
};

describe('Get Many → file output, 100,000 leads', () => {
	test('CSV, all fields: one item, the file holds every lead with every field, in order', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const { items, error } = await h.run({ parameters: exportParams('csv', sb.demo.clientId) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const item = items[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		const today = new Date().toISOString().slice(0, 10);
		expect(item.binary?.data).toMatchObject({ fileName: `leads-${sb.demo.clientId}-${today}.csv`, mimeType: 'text/csv', fileExtension: 'csv' });
		const data = await fileOf(item);
		expect(data.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
		const expected = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map(asSent);
		expect(expected).toHaveLength(LEADS);
		const header = compareCsv(data.toString('utf8'), expected);
		expect(item.json).toEqual({
			format: 'csv',
			fileName: `leads-${sb.demo.clientId}-${today}.csv`,
			binaryPropertyName: 'data',
			records: LEADS,
			pages: LEADS / 5000,
			fields: header,
			bytes: data.length,
		});
	}, 180_000);

	test('CSV with a projection: the columns are id and the chosen fields, in order; BOM and names as set', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const fields = ['email', 'aiLeadScore', 'firstName', 'companyName'];
		const { items, error } = await h.run({
			parameters: exportParams('csv', sb.demo.clientId, {
				fields,
				options: { extraFields: 'enrichment2' },
				bom: true,
				binaryPropertyName: 'leadsFile',
				fileName: 'nightly.csv',
			}),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].binary?.leadsFile?.fileName).toBe('nightly.csv');
		const data = await fileOf(items[0], 'leadsFile');
		expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const columns = ['id', ...fields, 'enrichment2'];
		const expected = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map((l) => project(asSent(l), columns));
		compareCsv(data.subarray(3).toString('utf8'), expected, columns);
		expect(items[0].json).toMatchObject({ records: LEADS, fields: columns, fileName: 'nightly.csv', binaryPropertyName: 'leadsFile' });
	}, 180_000);

	test('JSON Lines, all fields and a projection: every line is the stored lead', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const stored = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map(asSent);

		const all = await h.run({ parameters: exportParams('jsonl', sb.demo.clientId) });
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(1);
		expect(all.items[0].binary?.data).toMatchObject({ mimeType: 'application/x-ndjson', fileExtension: 'jsonl' });
		const lines = parseJsonLines((await fileOf(all.items[0])).toString('utf8'));
		expect(lines).toHaveLength(LEADS);
		for (let k = 0; k < LEADS; k++) if (JSON.stringify(lines[k]) !== JSON.stringify(stored[k])) expect(lines[k]).toEqual(stored[k]);
		expect(all.items[0].json).toMatchObject({ format: 'jsonl', records: LEADS, pages: 20 });

		const fields = ['lastName', 'title'];
		const some = await h.run({ parameters: exportParams('jsonl', sb.demo.clientId, { fields, fileName: 'x.jsonl' }) });
		expect(some.error).toBeUndefined();
		const projected = parseJsonLines((await fileOf(some.items[0])).toString('utf8'));
		expect(projected).toEqual(stored.map((r) => project(r, ['id', ...fields])));
	}, 180_000);

	describe.each([
		{ name: '20% 5xx', faults: (seed: number) => ({ faults: { seed, errorRate: 0.2 } }) },
		{ name: 'connection resets', faults: (seed: number) => ({ faults: { seed, resetRate: 0.15 } }) },
		{ name: '429 storm', faults: () => ({ rateLimit: 8, rateWindowMs: 1000 }) },
	])('under $name', ({ faults }) => {
		test('the CSV holds every lead exactly once (retried pages neither lost nor repeated)', async () => {
			const sb = sandbox();
			const h = await harnessFor(sb, 'apiKey');
			const expected = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map((l) => project(asSent(l), ['id', 'email']));
			for (const seed of [11, 4242]) {
				sb.setOptions(faults(seed));
				sb.clearRequests();
				try {
					const { items, error } = await h.run({ parameters: exportParams('csv', sb.demo.clientId, { fields: ['email'] }) });
					expect(error).toBeUndefined();
					// the fault did strike: some pages were answered with an error or a reset, and retried
					const pages = apiCalls(sb).filter((r) => r.path === '/api/enrich-leads/list');
					expect(pages.filter((r) => r.status !== 200).length).toBeGreaterThan(0);
					expect(pages.filter((r) => r.status === 200).length).toBe(20);
					compareCsv((await fileOf(items[0])).toString('utf8'), expected, ['id', 'email']);
					expect(items[0].json).toMatchObject({ records: LEADS, pages: 20 });
				} finally {
					sb.setOptions({ rateLimit: 0, rateWindowMs: 60_000, faults: {} });
				}
			}
		}, 300_000);
	});
});

describe('Get Many → file output, tricky values and fields that appear late', () => {
	const TRICKY: IDataObject[] = [
		{ notes: 'comma, inside', title: 'say "hello"', headline: 'line one\nline two', city: 'CRLF\r\nend' },
		{ notes: '', firstName: 'Zoë Ångström', lastName: '東京 😀 — ünïcödé', email: 'zoe@example.test' },
		{ enrichment1: { employees: 120, tags: ['a,b', 'say "x"'], nested: { deep: [1, null, true] } }, segment: 'late field' },
		{ notes: '"', title: ',', headline: '\n', customScore: 0, flagged: false, aiLeadScore: null },
		{ notes: ' leading and trailing spaces ', title: '""', segment: 'again, late', extra: [] },
	];

	const insertTricky = (sb: ReturnType<typeof sandbox>) => {
		const existing = sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId);
		if (existing.some((l) => String(l.id).startsWith('tricky-'))) return;
		TRICKY.forEach((fields, k) => {
			sb.store.insertLead({
				id: `tricky-${k}`,
				client_id: sb.secondClientId,
				company_id: sb.demo.companyId,
				owner: sb.demo.userId,
				createdAt: '2026-12-01T00:00:00.000Z',
				updatedAt: '2026-12-01T00:00:00.000Z',
				...fields,
			} as Lead);
		});
	};

	test('CSV, all fields, pages of 5: later pages add columns; every value reads back exactly', async () => {
		const sb = sandbox();
		insertTricky(sb);
		const h = await harnessFor(sb, 'apiKey');
		const { items, error } = await h.run({ parameters: exportParams('csv', sb.secondClientId, { options: { pageSize: 5 } }) });
		expect(error).toBeUndefined();
		const expected = sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId).map(asSent);
		expect(expected.length).toBe(12 + TRICKY.length);
		const text = (await fileOf(items[0])).toString('utf8');
		const header = compareCsv(text, expected);
		// the late fields are there, after the ones the first page brought
		for (const late of ['segment', 'customScore', 'flagged', 'extra']) expect(header).toContain(late);
		expect(header.indexOf('segment')).toBeGreaterThan(header.indexOf('id'));
		expect(items[0].json).toMatchObject({ records: expected.length, pages: Math.ceil(expected.length / 5) });
		// RFC 4180: CRLF line ends, quotes doubled
		expect(text).toContain('"say ""hello"""');
		expect(text).toContain('"CRLF\r\nend"');
	});

	test('JSON Lines keeps every value as JSON', async () => {
		const sb = sandbox();
		insertTricky(sb);
		const h = await harnessFor(sb, 'apiKey');
		const { items, error } = await h.run({ parameters: exportParams('jsonl', sb.secondClientId, { options: { pageSize: 5 } }) });
		expect(error).toBeUndefined();
		const lines = parseJsonLines((await fileOf(items[0])).toString('utf8'));
		expect(lines).toEqual(sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId).map(asSent));
	});

	test('Source Lead → Get Many writes files too, and Limit caps the records', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const { items, error } = await h.run({
			parameters: { ...exportParams('csv', sb.demo.clientId, { fields: ['email'] }), resource: 'sourceLead', returnAll: false, limit: 7 },
		});
		expect(error).toBeUndefined();
		const expected = sb.store.sourceLeadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 7).map((l) => project(asSent(l), ['id', 'email']));
		compareCsv((await fileOf(items[0])).toString('utf8'), expected, ['id', 'email']);
		expect(items[0].json).toMatchObject({ records: 7, pages: 1 });
	});

	test('a file name with a path is refused before anything is sent, naming the parameter and the item', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { error } = await h.run({ parameters: exportParams('csv', sb.demo.clientId, { fileName: '../etc/leads.csv' }) });
		expect(error?.message).toMatch(/Parameter "File Name" must be a file name, not a path .*\[item 0\]/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('filesystem binary data mode: the file is stored on disk and reads back whole', async () => {
		const sb = sandbox();
		insertTricky(sb);
		const service = coreContainer().get(BinaryDataService) as unknown as { mode: string; setManager(mode: string, manager: unknown): void };
		const dir = mkdtempSync(path.join(os.tmpdir(), 'lg-binary-'));
		// n8n-core 2.x stores binary data through a blob manager over a byte store (@n8n/blob-storage, n8n-core's own copy)
		const fromCore = createRequire(require.resolve('n8n-core'));
		const { FsByteStore } = fromCore('@n8n/blob-storage') as {
			FsByteStore: new (options: { storagePath: string; reportError: (error: unknown) => void }) => unknown;
		};
		const errorReporter = { error: () => {}, warn: () => {} };
		const manager = new BinaryDataBlobManager(
			new FsByteStore({ storagePath: dir, reportError: () => {} }) as ConstructorParameters<typeof BinaryDataBlobManager>[0],
			errorReporter as unknown as ConstructorParameters<typeof BinaryDataBlobManager>[1],
		);
		await manager.init();
		const previous = service.mode;
		service.setManager('filesystem-v2', manager);
		service.mode = 'filesystem-v2';
		try {
			const h = await harnessFor(sb, 'apiKey');
			const { items, error } = await h.run({ parameters: exportParams('csv', sb.secondClientId) });
			expect(error).toBeUndefined();
			const binary = items[0].binary!.data;
			expect(binary.id).toMatch(/^filesystem-v2:/);
			expect(binary.data).toBe('filesystem-v2');
			compareCsv((await fileOf(items[0])).toString('utf8'), sb.store.leadsOfClient(sb.demo.companyId, sb.secondClientId).map(asSent));
		} finally {
			// no manager for the mode again: n8n-core keeps binary data in memory (the other tests' mode)
			service.setManager('filesystem-v2', undefined);
			service.mode = previous;
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
