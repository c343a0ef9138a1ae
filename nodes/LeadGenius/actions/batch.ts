import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LeadGeniusClient } from '../transport/client';
import { fromHeader, type OperationHeader } from './builders';
import { mapConcurrent } from './parallel';
import type { Params } from './params';
import type { BatchOutcome, ItemContext, Operation } from './types';

/** What every batch's settings say: how many records go in one request. */
export interface BatchSettings {
	size: number;
}

export interface BatchOperationSpec<S extends BatchSettings> extends OperationHeader {
	routes: string[];
	/** Phase one, from the first item whose settings are valid: the batch's settings (the same for every item), its chunk size among them. */
	settings: (p: Params) => S;
	/** Phase one: the request body element for one input item (validates its parameters). */
	record: (p: Params, ctx: ItemContext) => IDataObject;
	/**
	 * Sends one chunk; returns each record's output (or its own error), in order. Throwing fails the
	 * whole chunk, unless `settle` takes the failure over.
	 */
	sendChunk: (chunk: ChunkContext<S>, records: IDataObject[], itemIndexes: number[]) => Promise<Array<IDataObject | Error>>;
	/**
	 * Runs once after every chunk was sent, with every item's outcome so far: may replace any of
	 * them (e.g. verify what the server claims, re-send what it lost).
	 */
	settle?: (chunk: ChunkContext<S>, entries: SettleEntry[]) => Promise<void>;
}

/** What phase two of a batch sees: the execution, the API and the batch's settings. */
export interface ChunkContext<S> {
	fn: IExecuteFunctions;
	api: LeadGeniusClient;
	settings: S;
}

/** One item's record and outcome, as `settle` sees (and may change) it. */
export interface SettleEntry {
	itemIndex: number;
	record: IDataObject;
	json?: IDataObject;
	error?: Error;
}

/**
 * Whole-input operations (Create/Update/Delete Many): every input item becomes one record, records
 * go out in chunks, and every item gets its own outcome — a failed chunk fails only its items.
 */
export function batchOperation<S extends BatchSettings>(spec: BatchOperationSpec<S>): Operation {
	return {
		...fromHeader(spec),
		routes: spec.routes,
		batch: {
			settings: spec.settings,
			record: spec.record,
			send: async ({ fn, api, items }, value) => {
				if (items.length === 0) return [];
				const chunk: ChunkContext<S> = { fn, api, settings: value as S };
				const size = chunk.settings.size;
				const chunks: Array<typeof items> = [];
				for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
				// Up to Parallel Requests chunks at once; entries come back in input order.
				const perChunk = await mapConcurrent(chunks, api.parallel, async (part): Promise<SettleEntry[]> => {
					try {
						const results = await spec.sendChunk(
							chunk,
							part.map((c) => c.record),
							part.map((c) => c.itemIndex),
						);
						return part.map((c, k) => {
							const r = results[k];
							return r instanceof Error ? { ...c, error: r } : { ...c, json: r };
						});
					} catch (error) {
						return part.map((c) => ({ ...c, error: error as Error }));
					}
				});
				const entries = perChunk.flat();
				if (spec.settle) await spec.settle(chunk, entries);
				return entries.map(({ itemIndex, json, error }): BatchOutcome => (error ? { itemIndex, error } : { itemIndex, json }));
			},
		},
	};
}
