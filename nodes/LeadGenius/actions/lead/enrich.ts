import type { IDataObject } from 'n8n-workflow';

import type { BatchSettings } from '../batch';
import { choice, collection, num, required, text } from '../fields';
import type { Params } from '../params';
import type { BatchOutcome, Operation } from '../types';
import { leadIdProperties, readLeadId } from './locator';

/** Most lead ids LeadGenius queues per request (§5 A23). */
export const MAX_ENRICHMENT_IDS = 500;

interface Job {
	enrichmentType: string;
	priority?: string;
	ids: string[];
	seen: Set<string>;
	firstItem: Map<string, number>;
}

/** The batch's settings (ids per request), read like every batch operation's: from the first item whose settings are valid. */
function settings(p: Params): BatchSettings {
	const options = p.collection('options');
	if (options.batchSize === undefined) return { size: MAX_ENRICHMENT_IDS };
	return { size: p.int('options.batchSize', { min: 1, max: MAX_ENRICHMENT_IDS, fallback: MAX_ENRICHMENT_IDS }) };
}

/**
 * Enrich Many: the lead ids of every input item (one per item, or a list per item) are pooled,
 * de-duplicated and sent in requests of at most 500 ids; each item then reports its own ids' fate.
 */
export const enrichMany: Operation = {
	value: 'enrichMany',
	name: 'Enrich Many',
	action: 'Queue enrichment for many leads',
	description: 'Queue enrichment for lead IDs from the input items or a list, in requests of up to 500 IDs',
	routes: ['POST {agent}/enrichment/trigger'],
	properties: [
		choice(
			'idSource',
			'Lead IDs From',
			[
				{ name: 'Each Input Item', value: 'item', description: 'One lead ID per input item' },
				{ name: 'A List', value: 'list', description: 'A list of lead IDs (per input item)' },
			],
			'item',
			{ noDataExpression: true, description: 'Where the lead IDs come from: one per input item, or a list in each item' },
		),
		...leadIdProperties(
			required('leadId', 'Lead ID', {
				default: '={{ $json.id }}',
				description: 'The lead record ID of this item',
				displayOptions: { show: { idSource: ['item'] } },
			}),
			'id',
		),
		required('leadIds', 'Lead IDs', {
			placeholder: 'e.g. id1, id2, id3',
			description: 'Comma-separated lead IDs, or an expression returning an array of IDs',
			displayOptions: { show: { idSource: ['list'] } },
		}),
		text('enrichmentType', 'Enrichment Type', {
			default: 'technographic',
			required: true,
			description: 'Kind of enrichment to run (the LeadGenius CLI uses "technographic")',
		}),
		collection('options', 'Options', [
			text('priority', 'Priority', { placeholder: 'high', description: 'Queue priority, e.g. "high"' }),
			num('batchSize', 'Batch Size', MAX_ENRICHMENT_IDS, {
				typeOptions: { minValue: 1, maxValue: MAX_ENRICHMENT_IDS },
				description: 'Lead IDs per request (LeadGenius accepts at most 500)',
			}),
		]),
	],
	batch: {
		settings,
		record: (p) => {
			const fromList = p.str('idSource', { fallback: 'item' }) === 'list';
			const ids = fromList ? p.list('leadIds') : [readLeadId(p)];
			if (ids.length === 0) p.fail('leadIds', 'is required but empty');
			const priority = p.collection('options').priority;
			return {
				leadIds: ids,
				enrichmentType: p.str('enrichmentType', { required: true }),
				...(priority !== undefined ? { priority: String(priority) } : {}),
			};
		},
		send: async ({ api, items }, batchSettings) => {
			if (items.length === 0) return [];
			const { size } = batchSettings as BatchSettings;
			// one stream of ids per (type, priority), in input order, each id once
			const jobs = new Map<string, Job>();
			for (const { itemIndex, record } of items) {
				const key = `${record.enrichmentType}\u0000${record.priority ?? ''}`;
				let job = jobs.get(key);
				if (!job) {
					job = {
						enrichmentType: String(record.enrichmentType),
						priority: record.priority as string | undefined,
						ids: [],
						seen: new Set(),
						firstItem: new Map(),
					};
					jobs.set(key, job);
				}
				for (const id of record.leadIds as string[]) {
					if (job.seen.has(id)) continue;
					job.seen.add(id);
					job.ids.push(id);
					job.firstItem.set(id, itemIndex);
				}
			}
			// fate of every (job key, id): the job id that queued it, or the error of its request
			const fate = new Map<string, { jobId?: string; notFound?: boolean; error?: Error }>();
			for (const [key, job] of jobs) {
				for (let start = 0; start < job.ids.length; start += size) {
					const chunk = job.ids.slice(start, start + size);
					try {
						const answer = await api.request<IDataObject>({
							method: 'POST',
							path: '{agent}/enrichment/trigger',
							body: {
								leadIds: chunk,
								enrichmentType: job.enrichmentType,
								...(job.priority !== undefined ? { priority: job.priority } : {}),
							},
							itemIndex: job.firstItem.get(chunk[0]),
						});
						const missing = new Set(Array.isArray(answer.notFound) ? (answer.notFound as string[]) : []);
						const jobId = answer.jobId === undefined ? undefined : String(answer.jobId);
						for (const id of chunk) fate.set(`${key}\u0000${id}`, { jobId, notFound: missing.has(id) });
					} catch (error) {
						for (const id of chunk) fate.set(`${key}\u0000${id}`, { error: error as Error });
					}
				}
			}
			return items.map(({ itemIndex, record }): BatchOutcome => {
				const key = `${record.enrichmentType}\u0000${record.priority ?? ''}`;
				const ids = [...new Set(record.leadIds as string[])];
				const fates = ids.map((id) => fate.get(`${key}\u0000${id}`) ?? {});
				const failed = fates.find((f) => f.error);
				if (failed) return { itemIndex, error: failed.error };
				const notFound = ids.filter((_, k) => fates[k].notFound);
				const jobIds = [...new Set(fates.map((f) => f.jobId).filter((j): j is string => j !== undefined))];
				return {
					itemIndex,
					json: {
						leadIds: ids,
						queued: ids.length - notFound.length,
						notFound,
						jobIds,
						enrichmentType: record.enrichmentType,
						...(record.priority !== undefined ? { priority: record.priority } : {}),
					},
				};
			});
		},
	},
};
