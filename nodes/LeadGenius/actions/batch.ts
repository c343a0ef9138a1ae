import type { IDataObject } from 'n8n-workflow';

import type { LeadGeniusClient } from '../transport/client';
import { fromHeader, type OperationHeader } from './builders';
import { mapConcurrent } from './parallel';
import { Params } from './params';
import type { BatchOutcome, OpContext, Operation } from './types';

export interface BatchOperationSpec extends OperationHeader {
	routes: string[];
	/** The request body element for one input item (validates its parameters). */
	record: (ctx: OpContext) => IDataObject;
	/** Records per request (read from the first item's parameters). */
	chunkSize: (p: Params) => number;
	/**
	 * Sends one chunk; returns each record's output (or its own error), in order. Throwing fails the
	 * whole chunk, unless `settle` takes the failure over.
	 */
	sendChunk: (api: LeadGeniusClient, records: IDataObject[], itemIndexes: number[], p: Params) => Promise<Array<IDataObject | Error>>;
	/**
	 * Runs once after every chunk was sent, with every item's outcome so far: may replace any of
	 * them (e.g. verify what the server claims, re-send what it lost).
	 */
	settle?: (api: LeadGeniusClient, entries: SettleEntry[], p: Params) => Promise<void>;
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
export function batchOperation(spec: BatchOperationSpec): Operation {
	return {
		...fromHeader(spec),
		routes: spec.routes,
		properties: spec.properties ?? [],
		batch: {
			record: (ctx) => {
				if (ctx.i === 0) spec.chunkSize(ctx.p); // validate the batch options up front
				return spec.record(ctx);
			},
			send: async ({ fn, api, items, labels }) => {
				if (items.length === 0) return [];
				const p = new Params(fn, 0, labels);
				const size = spec.chunkSize(p);
				const chunks: Array<typeof items> = [];
				for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
				// Up to Parallel Requests chunks at once; entries come back in input order.
				const perChunk = await mapConcurrent(chunks, api.parallel, async (chunk): Promise<SettleEntry[]> => {
					try {
						const results = await spec.sendChunk(
							api,
							chunk.map((c) => c.record),
							chunk.map((c) => c.itemIndex),
							p,
						);
						return chunk.map((c, k) => {
							const r = results[k];
							return r instanceof Error ? { ...c, error: r } : { ...c, json: r };
						});
					} catch (error) {
						return chunk.map((c) => ({ ...c, error: error as Error }));
					}
				});
				const entries = perChunk.flat();
				if (spec.settle) await spec.settle(api, entries, p);
				return entries.map(({ itemIndex, json, error }): BatchOutcome => (error ? { itemIndex, error } : { itemIndex, json }));
			},
		},
	};
}
