/**
 * Bulk extraction into a file in a real n8n server (issue 13), run by bench/real-n8n.ts beside the
 * items paths: 100,000 leads, all fields, into one CSV file, two ways:
 *   (b) Webhook → LeadGenius Enriched Lead → Get Many, Output: CSV File;
 *   (c) Webhook → HTTP Request 4.2 with pagination → Split Out → Convert to File (CSV), what a user
 *       builds without the node (every lead an item three times).
 * Each run must fetch all 20 pages; (b)'s summary must count 100,000 records and its stored file
 * must be as large as it says (rows counted on the warm-up run). Results: the `fileExport` key of
 * bench/results.json (read-modify-write: the other keys are `npm run bench`'s).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nUnderTest } from '../e2e/harness';
import { median, round } from './measure';
import { countCsvRows, deleteExecution, firstItem, LEADGENIUS, measureRun, nodeVsHttpRequest, storedFile, webhook, workflow } from './n8n-run';
import { httpRequestBulkParameters, nodeBulkParameters, PAGE_SIZE, SPLIT_OUT_PARAMETERS } from './paths';
import type { BenchSandbox } from './sandbox-client';

export const FILE_EXPORT_PATHS = ['node', 'httpRequest'] as const;
export type FileExportPath = (typeof FILE_EXPORT_PATHS)[number];

export const CONVERT_TO_FILE_PARAMETERS = { operation: 'csv', binaryPropertyName: 'data', options: { fileName: 'leads.csv' } };

const FULL = { name: 'full' as const };

/** (b)'s LeadGenius parameters: Return All, pages of 5,000, all fields, Output: CSV File. */
export function nodeFileParameters(sb: Pick<BenchSandbox, 'demo'>) {
	return { ...nodeBulkParameters(sb.demo, FULL), output: 'csv', binaryPropertyName: 'data' };
}

export function fileExportWorkflows(sb: BenchSandbox, cred: { id: string; name: string }, n = 100) {
	const node = workflow('benchNodeCsvFile0', [
		webhook('bench-node-csv', n),
		{ id: 'lg', name: 'LeadGenius', type: LEADGENIUS, typeVersion: 1, position: [220, 0], credentials: { leadGeniusApi: cred }, parameters: nodeFileParameters(sb) },
	]);
	const http = workflow('benchHttpCsvFile0', [...httpToFileNodes(sb, n + 1)]);
	return { node, http, hooks: { node: 'bench-node-csv', httpRequest: 'bench-http-csv' } as Record<FileExportPath, string> };
}

/** Webhook → HTTP Request (pagination) → Split Out → Convert to File. */
export function httpToFileNodes(sb: BenchSandbox, n: number, hook = 'bench-http-csv') {
	return [
		webhook(hook, n),
		{ id: 'http', name: 'HTTP Request', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [220, 0], parameters: httpRequestBulkParameters(sb.url, sb.demo, FULL) },
		{ id: 'split', name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [440, 0], parameters: SPLIT_OUT_PARAMETERS },
		{ id: 'csv', name: 'Convert to File', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, position: [660, 0], parameters: CONVERT_TO_FILE_PARAMETERS },
	];
}

export interface FileExportSample {
	seconds: number;
	executionSeconds: number;
	rssGrowthMB: number;
	/** Bytes of the file (null: n8n withheld the run data that says where it is). */
	fileBytes: number | null;
	/** Data rows counted in the stored file (only when asked). */
	rows?: number;
}

/** One measured run of (b) or (c); `countRows` also reads the stored file back. */
export async function measureFileExport(
	n8n: N8nUnderTest,
	sb: BenchSandbox,
	records: number,
	workflowId: string,
	hook: string,
	p: FileExportPath,
	countRows = false,
	timeoutMs?: number,
): Promise<FileExportSample> {
	const run = await measureRun(n8n, sb, workflowId, hook, timeoutMs);
	try {
		const pages = Math.ceil(records / PAGE_SIZE);
		if (run.pages !== pages) throw new Error(`${hook}: the sandbox served ${run.pages} pages, expected ${pages}`);
		const last = p === 'node' ? 'LeadGenius' : 'Convert to File';
		const item = firstItem(run.runData, last);
		if (p === 'node') {
			// a file output's run data is one small item: n8n always hands it out
			if (!item) throw new Error(`${hook}: no output item of ${last}`);
			if (item.json.records !== records) throw new Error(`${hook}: the summary counts ${String(item.json.records)} records, expected ${records}`);
		}
		let fileBytes: number | null = null;
		let rows: number | undefined;
		if (item?.binary?.data) {
			const stored = storedFile(n8n, item.binary.data as { id?: string; data?: string });
			fileBytes = stored.size;
			if (p === 'node' && fileBytes !== item.json.bytes) throw new Error(`${hook}: stored ${fileBytes} bytes, the summary says ${String(item.json.bytes)}`);
			if (countRows) {
				rows = countCsvRows(stored) - 1;
				if (rows !== records) throw new Error(`${hook}: the CSV has ${rows} data rows, expected ${records}`);
			}
		}
		return { seconds: run.seconds, executionSeconds: run.executionSeconds, rssGrowthMB: run.rssGrowthMB, fileBytes, ...(rows !== undefined ? { rows } : {}) };
	} finally {
		await deleteExecution(n8n, run.executionId);
	}
}

/** Medians of (b) and (c) and their ratios. */
export function summariseFileExport(records: number, samples: Record<FileExportPath, FileExportSample[]>, version: string, binaryMode: string) {
	const m = (p: FileExportPath, key: 'seconds' | 'executionSeconds' | 'rssGrowthMB') => median(samples[p].map((s) => s[key]));
	const bytes = (p: FileExportPath) => {
		const known = samples[p].map((s) => s.fileBytes).filter((b): b is number => b !== null);
		return known.length ? median(known) : null;
	};
	const mb = (b: number | null) => (b === null ? null : round(b / 1e6, 1));
	const nodeBytes = bytes('node');
	return {
		records,
		n8nVersion: version,
		binaryDataMode: binaryMode,
		...nodeVsHttpRequest(m),
		fileMB: mb(nodeBytes),
		httpRequestFileMB: mb(bytes('httpRequest')),
		nodeRssGrowthPerFileSize: nodeBytes ? round(m('node', 'rssGrowthMB') / (nodeBytes / 1e6)) : null,
		runs: Object.fromEntries(FILE_EXPORT_PATHS.map((p) => [p, samples[p].map((s) => round(s.seconds))])),
	};
}

const RESULTS = path.join(__dirname, '..', '..', 'bench', 'results.json');

/** Merge into bench/results.json → fileExport: `byVersion[version]` and, at the top, the figures of `headline`. */
export function readResults(): Record<string, any> {
	return JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, any>;
}

export function writeFileExportResults(update: (current: Record<string, any>) => Record<string, any>) {
	const all = readResults();
	all.fileExport = update((all.fileExport ?? {}) as Record<string, any>);
	writeFileSync(RESULTS, `${JSON.stringify(all, null, '\t')}\n`);
}
