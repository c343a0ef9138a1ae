import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { ApiRequest, PageStyle } from '../transport/client';
import { operation, type OperationHeader } from './builders';
import { companyIdOf, requireApiKey } from './bulk-access';
import { defaultFileName, FILE_FORMATS, fileEncoder } from './export';
import type { FileFormat } from './export';
import type { FieldOption } from './catalog';
import { bool, choice, clientLocator, collection, multi, num, returnAllAndLimit, text } from './fields';
import type { Params } from './params';
import { FileResult } from './types';
import type { OpResult, Operation } from './types';

/**
 * Bulk extraction (§3.4): `GET /api/enrich-leads/list` and `GET /api/source-leads/list`. API keys
 * only, `companyId` required (looked up once per execution when not given), nextToken pages of up
 * to 5,000 records, optional `fields` projection. This is the hot path of large exports: records
 * go from the parsed answer to the output without copies, and "one item per page" never builds a
 * per-lead list at all. The file outputs (CSV, JSON Lines) turn each page into file bytes as it
 * arrives and drop its records: one output item holds the file as binary data.
 */

export const BULK_MAX_PAGE_SIZE = 5000;

export const BULK_STYLE: PageStyle = {
	itemKeys: ['data', 'leads', 'items'],
	tokenParam: 'nextToken',
	tokenKeys: ['nextToken', 'lastKey'],
	limitParam: 'limit',
	maxPageSize: BULK_MAX_PAGE_SIZE,
};

const FIELD_NAME = /^[A-Za-z0-9_.-]+$/;

export interface BulkListSpec extends OperationHeader {
	/** Shown in errors, e.g. "Enriched Lead". */
	resourceName: string;
	path: string;
	/** Fields offered in the Fields multi-select. */
	fieldOptions: FieldOption[];
	/** What one record is called in descriptions ("lead", "source lead"). */
	noun: string;
}

/** The `fields` query value: chosen + extra names, `id` first, no duplicates; undefined = all fields. */
function projection(p: Params): string | undefined {
	const chosen = p.list('fields');
	const extra = p.list('options.extraFields');
	for (const name of extra) {
		if (!FIELD_NAME.test(name)) {
			p.fail('options.extraFields', `has an invalid field name "${name}" (use letters, digits, _ . -, separated by commas)`);
		}
	}
	if (chosen.length === 0 && extra.length === 0) return undefined;
	return [...new Set(['id', ...chosen, ...extra])].join(',');
}

/** A bulk list operation (Enriched Lead / Source Lead → Get Many). */
export function bulkListOperation(spec: BulkListSpec): Operation {
	const label = `${spec.resourceName} → ${spec.name}`;
	return operation({
		...spec,
		routes: [`GET ${spec.path}`],
		properties: [
			clientLocator({
				required: false,
				description: `Only ${spec.noun}s of this client (its client_id slug). Leave empty for every client of your company.`,
			}),
			multi(
				'fields',
				'Fields',
				spec.fieldOptions.map(([value, name]): INodePropertyOptions => ({ name, value })),
				{
					description:
						'Fields to return; the ID is always included. Leave empty for every stored field. Fewer fields make pages smaller and faster.',
				},
			),
			...returnAllAndLimit(),
			choice(
				'output',
				'Output',
				[
					{ name: 'Items', value: 'items', description: `Each ${spec.noun} (or page, see Options → Item Shape) becomes an output item` },
					{
						name: 'CSV File',
						value: 'csv',
						description: 'One item with a CSV file (header row, UTF-8) as binary data: for large exports, the records are never held as items',
					},
					{
						name: 'JSON Lines File',
						value: 'jsonl',
						description: `One item with a JSON Lines file (one ${spec.noun} per line) as binary data: for large exports`,
					},
				],
				'items',
				{ description: `Output the ${spec.noun}s as items, or write them straight into one file` },
			),
			text('binaryPropertyName', 'Put Output File in Field', {
				default: 'data',
				required: true,
				description: 'The name of the output binary field to put the file in',
				displayOptions: { show: { output: ['csv', 'jsonl'] } },
			}),
			text('fileName', 'File Name', {
				placeholder: 'leads-acme-corp-2026-12-01.csv',
				description: 'Name of the file. Leave empty for leads-&lt;client or all&gt;-&lt;YYYY-MM-DD&gt;.csv (or .jsonl).',
				displayOptions: { show: { output: ['csv', 'jsonl'] } },
			}),
			bool('bom', 'Add BOM', false, {
				description: 'Whether to start the file with a UTF-8 byte order mark, so that Excel opens non-ASCII text correctly',
				displayOptions: { show: { output: ['csv'] } },
			}),
			collection('options', 'Options', [
				text('companyId', 'Company ID', {
					placeholder: 'company-…',
					description: 'Your LeadGenius company ID. Leave empty to look it up once per execution (GET /api/company).',
				}),
				text('extraFields', 'Extra Fields', {
					placeholder: 'customScore, segment',
					description: 'More field names to return, separated by commas (for fields not in the Fields list)',
				}),
				choice(
					'output',
					'Item Shape',
					[
						{ name: `One Item per ${title(spec.noun)}`, value: 'record', description: `Each ${spec.noun} becomes an output item` },
						{
							name: 'One Item per Page',
							value: 'page',
							description: 'Each page becomes one item: { page, count, leads: [...], nextToken } (fastest for large exports)',
						},
					],
					'record',
					{ description: `Output Items only: what one output item holds, one ${spec.noun} or a whole page of them (up to Page Size)` },
				),
				num('pageSize', 'Page Size', BULK_MAX_PAGE_SIZE, {
					typeOptions: { minValue: 1, maxValue: BULK_MAX_PAGE_SIZE },
					description: 'Records per request (max 5,000, the fastest)',
				}),
			]),
		],
		read: (p, { api, i }) => {
			requireApiKey(api, label, i);
			const limit = p.limit();
			const options = p.collection('options');
			const pageSize =
				options.pageSize === undefined
					? BULK_MAX_PAGE_SIZE
					: p.int('options.pageSize', { min: 1, max: BULK_MAX_PAGE_SIZE });
			const perPage = options.output === 'page';
			const givenCompanyId = typeof options.companyId === 'string' ? options.companyId : '';
			const clientId = p.locator('clientId', { required: false });
			const fields = projection(p);
			const file = fileOutput(p, clientId);
			return { limit, pageSize, perPage, givenCompanyId, clientId, fields, file };
		},
		run: async ({ limit, pageSize, perPage, givenCompanyId, clientId, fields, file }, { fn, api, i }): Promise<OpResult> => {
			const returnAll = limit === undefined;
			const companyId = givenCompanyId || (await companyIdOf(api, i));
			const req: ApiRequest = {
				method: 'GET',
				path: spec.path,
				qs: { companyId, clientId: clientId || undefined, fields },
				itemIndex: i,
			};
			if (file) {
				// each page becomes file bytes as it arrives; its records are dropped at once
				const encoder = fileEncoder(file.format, { columns: fields?.split(','), bom: file.bom });
				await api.paginate(req, BULK_STYLE, { returnAll, limit, pageSize, onPage: (records) => encoder.addPage(records) });
				const { data, summary } = encoder.finish();
				const binary = await fn.helpers.prepareBinaryData(data, file.fileName, FILE_FORMATS[file.format].mimeType);
				return new FileResult(
					{ format: file.format, fileName: file.fileName, binaryPropertyName: file.property, ...summary },
					{ [file.property]: binary },
				);
			}
			if (!perPage) return await api.paginate(req, BULK_STYLE, { returnAll, limit, pageSize });
			const pages: IDataObject[] = [];
			await api.paginate(req, BULK_STYLE, {
				returnAll,
				limit,
				pageSize,
				onPage: (records, answer) => {
					const page: IDataObject = { page: pages.length + 1, count: records.length, leads: records };
					const next = answer.nextToken;
					if (typeof next === 'string' && next !== '') page.nextToken = next;
					pages.push(page);
				},
			});
			return pages;
		},
	});
}

/** The file output's settings, or undefined for Output: Items. */
function fileOutput(p: Params, clientId: string) {
	const output = p.str('output', { fallback: 'items' });
	if (output === 'items') return undefined;
	if (output !== 'csv' && output !== 'jsonl') p.fail('output', `must be Items, CSV File or JSON Lines File (got "${output}")`);
	const format: FileFormat = output;
	const property = p.str('binaryPropertyName', { required: true, fallback: 'data' });
	const fileName = p.str('fileName') || defaultFileName(format, clientId);
	if (/[\\/]/.test(fileName)) p.fail('fileName', `must be a file name, not a path (got "${fileName}")`);
	return { format, property, fileName, bom: format === 'csv' && p.bool('bom') };
}

function title(noun: string): string {
	return noun.replace(/\b\w/g, (c) => c.toUpperCase());
}
