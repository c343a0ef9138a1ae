import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LeadGeniusClient } from '../transport/client';
import type { Params } from './params';

/** What an operation sees for one input item. */
export interface OpContext {
	fn: IExecuteFunctions;
	api: LeadGeniusClient;
	/** Index of the input item. */
	i: number;
	p: Params;
}

/** An output item that carries files (binary data) beside its JSON, e.g. a bulk export's file. */
export class FileResult {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** The result of one item: one output record, several, or one with files. */
export type OpResult = IDataObject | IDataObject[] | FileResult;

/**
 * Phase one reads and validates the item's parameters (no I/O, so bad input never sends a
 * request); phase two, the returned function, talks to the API.
 */
export type Prepared = () => Promise<OpResult>;

/** One input item's fate in a batch operation. */
export interface BatchOutcome {
	itemIndex: number;
	json?: IDataObject;
	error?: Error;
}

export interface BatchContext {
	fn: IExecuteFunctions;
	api: LeadGeniusClient;
	/** Items whose parameters validated, with what phase one made of them. */
	items: Array<{ itemIndex: number; record: IDataObject }>;
	/** Display names of the operation's parameters (for error messages). */
	labels: Map<string, string>;
}

export interface BatchSpec {
	/** Phase one for one item: its record for the batch (validates, throws on bad input). */
	record: (ctx: OpContext) => IDataObject;
	/** Phase two: sends the records (in chunks) and reports every item's fate. */
	send: (ctx: BatchContext) => Promise<BatchOutcome[]>;
}

export interface Operation {
	/** Operation value, e.g. `getAll`. */
	value: string;
	/** Display name, e.g. `Get Many`. */
	name: string;
	/** Sentence shown in the node panel and used as the AI-tool description. */
	action: string;
	description?: string;
	/** Endpoints this operation calls, as `METHOD /path` (`{agent}` = the Agent API prefix). */
	routes: string[];
	/**
	 * Output fields that carry a secret (dot paths in `item.json`, e.g. `apiKey`): gathered into the
	 * node's `sensitiveOutputFields`, which n8n 2.x always redacts in stored and shown executions.
	 */
	secretOutputs?: string[];
	properties: INodeProperties[];
	/** Per-item operation. */
	prepare?: (ctx: OpContext) => Prepared;
	/** Whole-input operation: items become one batched stream of requests. */
	batch?: BatchSpec;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
	operations: Operation[];
}
