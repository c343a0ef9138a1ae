import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LeadGeniusClient } from '../transport/client';
import type { Params } from './params';

/**
 * What an operation sees of one input item besides its parameters: the execution, the API and the
 * item's index. Phase two gets only this: parameters are read in phase one (`Operation.read`).
 */
export interface ItemContext {
	fn: IExecuteFunctions;
	api: LeadGeniusClient;
	/** Index of the input item. */
	i: number;
	/**
	 * Marks a value as secret for this execution (e.g. a service API key the item sends): the router's
	 * scrubber removes it, like the credential's secrets, from every error the node reports.
	 */
	addSecret: (value: string) => void;
}

/** Where an operation leaves execution hints (shown above the output): the execution itself. */
export type Hints = Pick<IExecuteFunctions, 'addExecutionHints'>;

/** An output item that carries files (binary data) beside its JSON, e.g. a bulk export's file. */
export class FileResult {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** The result of one item: one output record, several, or one with files. */
export type OpResult = IDataObject | IDataObject[] | FileResult;

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
}

export interface BatchSpec {
	/** Phase one, from the first item whose settings are valid: the settings of the whole batch (e.g. its chunk size). */
	settings?: (p: Params) => unknown;
	/** Phase one for one item: its record for the batch (validates, throws on bad input). */
	record: (p: Params, ctx: ItemContext) => IDataObject;
	/** Phase two: sends the records (in chunks) and reports every item's fate. */
	send: (ctx: BatchContext, settings: unknown) => Promise<BatchOutcome[]>;
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
	/**
	 * Per-item operation, phase one: reads and validates the item's parameters, sends nothing (so bad
	 * input never sends a request). The only step that sees `p`: the router seals it afterwards.
	 */
	read?: (p: Params, ctx: ItemContext) => unknown;
	/** Per-item operation, phase two: talks to the API with what `read` made of the parameters. */
	run?: (read: unknown, ctx: ItemContext) => Promise<OpResult>;
	/** Whole-input operation: items become one batched stream of requests. */
	batch?: BatchSpec;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
	operations: Operation[];
}
