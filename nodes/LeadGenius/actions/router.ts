import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_RETRY, DEFAULT_THROUGHPUT, LeadGeniusClient } from '../transport/client';
import type { RetryPolicy, Throughput } from '../transport/client';
import { scrub } from '../transport/errors';
import { mapConcurrent } from './parallel';
import { ExecutionParams, Params } from './params';
import { findOperation, labelsFor } from './registry';
import { FileResult } from './types';
import type { ItemContext } from './types';

/** Request Options, read once per execution (from the first item: they are not per item). */
function requestOptions(fn: IExecuteFunctions): { retry: RetryPolicy; throughput: Throughput } {
	const o = fn.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const num = (key: string) => (typeof o[key] === 'number' && Number.isFinite(o[key]) ? (o[key] as number) : undefined);
	return {
		retry: {
			maxRetries: num('maxRetries') ?? DEFAULT_RETRY.maxRetries,
			maxWaitSeconds: num('maxWaitSeconds') ?? DEFAULT_RETRY.maxWaitSeconds,
			baseDelayMs: num('baseDelayMs') ?? DEFAULT_RETRY.baseDelayMs,
			timeoutMs: num('timeoutSeconds') !== undefined ? num('timeoutSeconds')! * 1000 : DEFAULT_RETRY.timeoutMs,
		},
		throughput: {
			parallel: num('parallel') ?? DEFAULT_THROUGHPUT.parallel,
			maxPerMinute: num('maxRequestsPerMinute') ?? DEFAULT_THROUGHPUT.maxPerMinute,
		},
	};
}

/**
 * Runs the chosen operation over the input items. Phase one validates every item's parameters
 * (no request is sent for bad input); phase two talks to the API. Paired items, Continue On Fail
 * and error shaping are handled here once, for every operation.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = findOperation(resource, operation);
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resource}"`);
	}
	const { retry, throughput } = requestOptions(this);
	const api = await LeadGeniusClient.create(this, retry, throughput);
	const labels = labelsFor(op);
	const continueOnFail = this.continueOnFail();
	const out: INodeExecutionData[] = [];
	const results: Array<INodeExecutionData[] | undefined> = new Array(items.length);

	// the credential's secrets, and those the operations mark (addSecret): scrubbed from every error
	const marked: string[] = [];
	const secrets = () => [...api.secrets, ...marked];
	const addSecret = (value: string) => void (value !== '' && !marked.includes(value) && marked.push(value));
	const fail = (i: number, error: Error) => {
		const shaped = shapeError(this, error, i, secrets());
		if (!continueOnFail) throw shaped;
		results[i] = [
			{
				json: errorJson(shaped),
				error: shaped,
				pairedItem: { item: i },
			},
		];
	};

	const shared = new ExecutionParams(this);
	const contextFor = (i: number): ItemContext => ({ fn: this, api, i, addSecret });
	/** Phase one for item i: `read` gets the item's parameters, sealed once it returns. */
	const phaseOne = <T>(i: number, read: (p: Params) => T): T => {
		const p = new Params(this, i, labels, shared);
		try {
			return read(p);
		} finally {
			p.seal();
		}
	};

	if (op.batch) {
		const batch = op.batch;
		const valid: Array<{ itemIndex: number; record: IDataObject }> = [];
		let settings: { value: unknown } | undefined = batch.settings ? undefined : { value: undefined };
		for (let i = 0; i < items.length; i++) {
			try {
				const record = phaseOne(i, (p) => {
					// the batch's settings are read from the first item whose settings are valid, before its
					// own record: under Continue On Fail an item with a bad setting fails alone
					if (!settings && batch.settings) settings = { value: batch.settings(p) };
					return batch.record(p, contextFor(i));
				});
				valid.push({ itemIndex: i, record });
			} catch (error) {
				fail(i, error as Error);
			}
		}
		if (valid.length > 0) {
			// every valid record was read after the batch's settings: this only narrows the type
			if (!settings) throw new NodeOperationError(this.getNode(), 'Internal error: a batch record was read without the batch settings');
			const outcomes = await batch.send({ fn: this, api, items: valid }, settings.value);
			for (const outcome of outcomes) {
				if (outcome.error) fail(outcome.itemIndex, outcome.error);
				else results[outcome.itemIndex] = [{ json: outcome.json ?? {}, pairedItem: { item: outcome.itemIndex } }];
			}
		}
	} else {
		const reads: Array<{ value: unknown } | undefined> = new Array(items.length);
		for (let i = 0; i < items.length; i++) {
			try {
				reads[i] = { value: phaseOne(i, (p) => (op.read ? op.read(p, contextFor(i)) : undefined)) };
			} catch (error) {
				fail(i, error as Error);
			}
		}
		// Up to Parallel Requests items at once. Without Continue On Fail the first failure stops
		// new items from starting (those in flight finish), and the lowest failed item is reported,
		// as a one-by-one run would have stopped there.
		let stopAt = Infinity;
		let stopError: Error | undefined;
		await mapConcurrent(reads, api.parallel, async (read, i) => {
			if (!read || stopError) return;
			try {
				const answer = await op.run!(read.value, contextFor(i));
				if (answer instanceof FileResult) {
					results[i] = [{ json: answer.json, binary: answer.binary, pairedItem: { item: i } }];
				} else {
					const records = Array.isArray(answer) ? answer : [answer];
					results[i] = records.map((json) => ({ json, pairedItem: { item: i } }));
				}
			} catch (error) {
				if (continueOnFail) fail(i, error as Error);
				else if (i < stopAt) [stopAt, stopError] = [i, error as Error];
			}
		});
		if (stopError) fail(stopAt, stopError);
	}
	for (const r of results) if (r) for (const item of r) out.push(item);
	return [out];
}

/** Every error leaves the node as a NodeApiError/NodeOperationError with its item, scrubbed. */
function shapeError(fn: IExecuteFunctions, error: Error, itemIndex: number, secrets: string[]) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = scrub(error.message, secrets);
		if (error.description) error.description = scrub(error.description, secrets);
		if (error instanceof NodeApiError) {
			// the server's own words, kept beside the message: they may echo what was sent
			const response = error.errorResponse as IDataObject | undefined;
			if (response && typeof response.message === 'string') response.message = scrub(response.message, secrets);
			if (Array.isArray(error.messages)) error.messages = error.messages.map((m) => scrub(String(m), secrets));
		}
		if (error.context) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(fn.getNode(), scrub(error.message ?? String(error), secrets), { itemIndex });
}

function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return json;
}
