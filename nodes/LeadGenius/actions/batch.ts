import type { IDataObject } from 'n8n-workflow';

import type { LeadGeniusClient } from '../transport/client';
import type { OperationHeader } from './builders';
import { Params } from './params';
import type { BatchOutcome, OpContext, Operation } from './types';

export interface BatchOperationSpec extends OperationHeader {
	routes: string[];
	/** The request body element for one input item (validates its parameters). */
	record: (ctx: OpContext) => IDataObject;
	/** Records per request (read from the first item's parameters). */
	chunkSize: (p: Params) => number;
	/** Sends one chunk; returns each record's output, in order. Throwing fails the whole chunk. */
	sendChunk: (api: LeadGeniusClient, records: IDataObject[], firstItemIndex: number) => Promise<IDataObject[]>;
}

/**
 * Whole-input operations (Create/Update/Delete Many): every input item becomes one record, records
 * go out in chunks, and every item gets its own outcome — a failed chunk fails only its items.
 */
export function batchOperation(spec: BatchOperationSpec): Operation {
	return {
		value: spec.value,
		name: spec.name,
		action: spec.action,
		description: spec.description,
		routes: spec.routes,
		properties: spec.properties ?? [],
		batch: {
			record: (ctx) => {
				if (ctx.i === 0) spec.chunkSize(ctx.p); // validate the batch options up front
				return spec.record(ctx);
			},
			send: async ({ fn, api, items, labels }) => {
				const outcomes: BatchOutcome[] = [];
				if (items.length === 0) return outcomes;
				const size = spec.chunkSize(new Params(fn, 0, labels));
				for (let start = 0; start < items.length; start += size) {
					const chunk = items.slice(start, start + size);
					try {
						const results = await spec.sendChunk(
							api,
							chunk.map((c) => c.record),
							chunk[0].itemIndex,
						);
						chunk.forEach((c, k) => outcomes.push({ itemIndex: c.itemIndex, json: results[k] }));
					} catch (error) {
						for (const c of chunk) outcomes.push({ itemIndex: c.itemIndex, error: error as Error });
					}
				}
				return outcomes;
			},
		},
	};
}
