/**
 * What is measured: the same work done three ways (bulk extraction) or two ways (Create Many).
 * Every path returns its output (kept alive until the peak RSS is read) and a few counts that
 * the runner checks, so a fast path that silently returned less would fail the bench.
 */
import axios from 'axios';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Account } from '../sandbox/server';
import { BULK_PATH, forEachBulkPage } from './bulk-pages';
import type { BulkPage } from './bulk-pages';
import type { BenchRunner, Execution } from './workflow';
import { FLOOR, HTTP_REQUEST, LEADGENIUS, SPLIT_OUT, dropInput, prepareInput } from './workflow';

export { BULK_PATH };
export const PAGE_SIZE = 5000;

export interface BulkVariant {
	name: 'full' | 'projected';
	/** Fields picked in the node's Fields option (the `fields` query adds `id` first). */
	fields?: string[];
}

export const BULK_VARIANTS: BulkVariant[] = [
	{ name: 'full' },
	{ name: 'projected', fields: ['firstName', 'lastName', 'email', 'title', 'companyName', 'aiLeadScore'] },
];

export const fieldsQuery = (v: BulkVariant) => (v.fields ? ['id', ...v.fields].join(',') : undefined);

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

export interface PathResult {
	keep: unknown;
	report: Record<string, number>;
	/** Output items (LeadGenius / HTTP Request paths) for shape checks and the output size. */
	items?: INodeExecutionData[];
	records?: IDataObject[];
}

function failIfError(execution: Execution, label: string) {
	if (execution.error) throw new Error(`${label}: the workflow failed: ${execution.error.message}`);
}

/** (a) The physical-limit proxy: a plain axios pagination loop, records collected in one array. */
export async function rawBulk(url: string, account: Account, variant: BulkVariant): Promise<PathResult> {
	const headers = { 'x-api-key': account.apiKey, 'x-user-id': account.userId };
	const records: IDataObject[] = [];
	const query: Record<string, string | number> = { companyId: account.companyId, clientId: account.clientId, limit: PAGE_SIZE };
	const fields = fieldsQuery(variant);
	if (fields) query.fields = fields;
	const requests = await forEachBulkPage(
		async (params) => (await axios.get<BulkPage>(`${url}${BULK_PATH}`, { headers, params })).data,
		query,
		(rows) => {
			for (const r of rows) records.push(r as IDataObject);
		},
	);
	return { keep: records, records, report: { records: records.length, requests } };
}

/** (b)'s parameters: Enriched Lead → Get Many, Return All, page size 5,000, one item per lead. */
export function nodeBulkParameters(account: Account, variant: BulkVariant) {
	return {
		resource: 'enrichedLead',
		operation: 'getAll',
		clientId: rl(account.clientId),
		returnAll: true,
		...(variant.fields ? { fields: variant.fields } : {}),
		options: { pageSize: PAGE_SIZE },
	};
}

/** (b) Our node, in an n8n-core execution. */
export async function nodeBulk(runner: BenchRunner, account: Account, variant: BulkVariant): Promise<PathResult> {
	const execution = await runner.run([{ type: LEADGENIUS, name: 'LeadGenius', parameters: nodeBulkParameters(account, variant) }]);
	failIfError(execution, 'LeadGenius node');
	return { keep: execution, items: execution.items, report: { records: execution.items.length } };
}

/**
 * (c) What a user builds instead: HTTP Request 4.2 with its pagination options ("Update a
 * Parameter in Each Request": `nextToken` in the query from `{{ $response.body.nextToken }}`,
 * complete when `{{ !$response.body.nextToken }}`), then Split Out on `data` so that there is one
 * item per lead, like (b).
 */
/** (c)'s HTTP Request 4.2 parameters (with Split Out: `SPLIT_OUT_PARAMETERS`). */
export function httpRequestBulkParameters(url: string, account: Account, variant: BulkVariant) {
	const fields = fieldsQuery(variant);
	return {
		method: 'GET',
		url: `${url}${BULK_PATH}`,
		authentication: 'none',
		sendQuery: true,
		specifyQuery: 'keypair',
		queryParameters: {
			parameters: [
				{ name: 'companyId', value: account.companyId },
				{ name: 'clientId', value: account.clientId },
				{ name: 'limit', value: String(PAGE_SIZE) },
				...(fields ? [{ name: 'fields', value: fields }] : []),
			],
		},
		sendHeaders: true,
		specifyHeaders: 'keypair',
		headerParameters: {
			parameters: [
				{ name: 'x-api-key', value: account.apiKey },
				{ name: 'x-user-id', value: account.userId },
			],
		},
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: { parameters: [{ type: 'qs', name: 'nextToken', value: '={{ $response.body.nextToken }}' }] },
					paginationCompleteWhen: 'other',
					completeExpression: '={{ !$response.body.nextToken }}',
				},
			},
		},
	};
}

export const SPLIT_OUT_PARAMETERS = { fieldToSplitOut: 'data', include: 'noOtherFields' };

export async function httpRequestBulk(runner: BenchRunner, url: string, account: Account, variant: BulkVariant): Promise<PathResult> {
	const execution = await runner.run([
		{ type: HTTP_REQUEST, typeVersion: 4.2, name: 'HTTP Request', parameters: httpRequestBulkParameters(url, account, variant) },
		{ type: SPLIT_OUT, typeVersion: 1, name: 'Split Out', parameters: SPLIT_OUT_PARAMETERS },
	]);
	failIfError(execution, 'HTTP Request + Split Out');
	return {
		keep: execution,
		items: execution.items,
		report: { records: execution.items.length, pages: execution.outputs['HTTP Request']?.length ?? 0 },
	};
}

// ---------------------------------------------------------------- Create Many

export interface NewLead extends IDataObject {
	firstName: string;
	lastName: string;
	email: string;
}

/** `count` distinct new leads; `tag` keeps e-mails unique across runs (the client rejects duplicates). */
export function newLeads(count: number, tag: string): NewLead[] {
	const out: NewLead[] = [];
	for (let i = 0; i < count; i++) {
		out.push({ firstName: `Bench${i}`, lastName: `Lead-${tag}`, email: `bench.${tag}.${i}@bench-leads.example` });
	}
	return out;
}

/** The raw loop: POST /api/leads with `batchSize` leads per request, one request after another. */
export async function rawCreateMany(url: string, account: Account, leads: NewLead[], batchSize: number): Promise<PathResult> {
	const headers = { 'x-api-key': account.apiKey, 'x-user-id': account.userId };
	let created = 0;
	let requests = 0;
	const answers: unknown[] = [];
	for (let start = 0; start < leads.length; start += batchSize) {
		const chunk = leads.slice(start, start + batchSize).map((l) => ({ client_id: account.clientId, ...l }));
		const res = await axios.post<{ created: number }>(`${url}/api/leads`, { leads: chunk }, { headers });
		requests++;
		created += res.data.created;
		answers.push(res.data);
	}
	return { keep: answers, report: { records: leads.length, created, failedItems: leads.length - created, requests } };
}

/** The same requests from the least possible n8n node (FloorNode in bench/workflow.ts): n8n's own per-item cost. */
export async function floorCreateMany(runner: BenchRunner, clientId: string, leads: NewLead[], batchSize: number, verify = false): Promise<PathResult> {
	const key = `floor-${leads[0]?.lastName ?? 'none'}`;
	prepareInput(key, leads);
	try {
		const execution = await runner.run([{ type: FLOOR, name: 'Floor', parameters: { clientId, batchSize, verify } }], key);
		failIfError(execution, 'Create Many floor node');
		const created = execution.items.filter((i) => i.json.status === 'created').length;
		return { keep: execution, items: execution.items, report: { records: leads.length, created, failedItems: 0 } };
	} finally {
		dropInput(key);
	}
}

/** How Create Many gets each lead's fields from its input item. */
/** expressions and autoMap: node version 1's Mapping Mode; resourceMapper: version 2's Lead Fields on Map Automatically. */
export type CreateManyMapping = 'expressions' | 'autoMap' | 'resourceMapper';

/**
 * Our node: Lead → Create Many. `expressions`: First Name, Last Name and Email set to
 * `{{ $json.… }}` expressions (Map Each Field Below); `autoMap`: Mapping Mode "Map Automatically".
 */
/**
 * Write Mode "Batches, Trust the Answer" for nodeCreateMany: the batches alone, the same requests as
 * the raw loop (what the default "Batches, Verified" adds is bench/verified-writes.ts's subject).
 */
export const TRUST_THE_ANSWER = { writeMode: 'unverified' };

export async function nodeCreateMany(
	runner: BenchRunner,
	account: Account,
	leads: NewLead[],
	batchSize: number,
	/** Continue On Fail: failed items become error items (counted) instead of stopping the run. */
	continueOnFail = false,
	mapping: CreateManyMapping = 'expressions',
	/** More node parameters (e.g. Write Mode). */
	extraParameters: Record<string, string> = {},
): Promise<PathResult> {
	const fields =
		mapping === 'autoMap'
			? { mappingMode: 'autoMap' }
			: mapping === 'resourceMapper'
				? { leadFields: { mappingMode: 'autoMapInputData', value: null } }
				: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', email: '={{ $json.email }}' };
	const key = `create-${leads[0]?.lastName ?? 'none'}`;
	prepareInput(key, leads);
	try {
		const execution = await runner.run(
			[
				{
					type: LEADGENIUS,
					name: 'LeadGenius',
					typeVersion: mapping === 'resourceMapper' ? 2 : 1,
					parameters: {
						resource: 'lead',
						operation: 'createMany',
						clientId: rl(account.clientId),
						...fields,
						options: { batchSize },
						...extraParameters,
					},
					...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				},
			],
			key,
		);
		failIfError(execution, 'LeadGenius Create Many');
		// Write Mode "Batches, Trust the Answer" reports a lead accepted; the other modes report it created once seen stored
		const success = extraParameters.writeMode === 'unverified' ? 'accepted' : 'created';
		const created = execution.items.filter((i) => i.json.status === success).length;
		return {
			keep: execution,
			items: execution.items,
			report: { records: leads.length, created, failedItems: leads.length - created },
		};
	} finally {
		dropInput(key);
	}
}
