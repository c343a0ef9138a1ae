import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_RETRY, LeadGeniusClient } from '../transport/client';
import type { RetryPolicy } from '../transport/client';
import { scrub } from '../transport/errors';
import { Params } from './params';
import { findOperation, labelsFor } from './registry';
import { FileResult } from './types';
import type { OpContext, Prepared } from './types';

function retryPolicy(fn: IExecuteFunctions): RetryPolicy {
	const o = fn.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		maxRetries: typeof o.maxRetries === 'number' ? o.maxRetries : DEFAULT_RETRY.maxRetries,
		maxWaitSeconds: typeof o.maxWaitSeconds === 'number' ? o.maxWaitSeconds : DEFAULT_RETRY.maxWaitSeconds,
		baseDelayMs: typeof o.baseDelayMs === 'number' ? o.baseDelayMs : DEFAULT_RETRY.baseDelayMs,
		timeoutMs: typeof o.timeoutSeconds === 'number' ? o.timeoutSeconds * 1000 : DEFAULT_RETRY.timeoutMs,
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
	const api = await LeadGeniusClient.create(this, retryPolicy(this));
	const labels = labelsFor(op);
	const continueOnFail = this.continueOnFail();
	const out: INodeExecutionData[] = [];
	const results: Array<INodeExecutionData[] | undefined> = new Array(items.length);

	const fail = (i: number, error: Error) => {
		const shaped = shapeError(this, error, i, api.secrets);
		if (!continueOnFail) throw shaped;
		results[i] = [
			{
				json: errorJson(shaped),
				error: shaped,
				pairedItem: { item: i },
			},
		];
	};

	const contextFor = (i: number): OpContext => ({ fn: this, api, i, p: new Params(this, i, labels) });

	if (op.batch) {
		const valid: Array<{ itemIndex: number; record: IDataObject }> = [];
		for (let i = 0; i < items.length; i++) {
			try {
				valid.push({ itemIndex: i, record: op.batch.record(contextFor(i)) });
			} catch (error) {
				fail(i, error as Error);
			}
		}
		const outcomes = await op.batch.send({ fn: this, api, items: valid, labels });
		for (const outcome of outcomes) {
			if (outcome.error) fail(outcome.itemIndex, outcome.error);
			else results[outcome.itemIndex] = [{ json: outcome.json ?? {}, pairedItem: { item: outcome.itemIndex } }];
		}
	} else {
		const prepared: Array<Prepared | undefined> = new Array(items.length);
		for (let i = 0; i < items.length; i++) {
			try {
				prepared[i] = op.prepare!(contextFor(i));
			} catch (error) {
				fail(i, error as Error);
			}
		}
		for (let i = 0; i < items.length; i++) {
			const run = prepared[i];
			if (!run) continue;
			try {
				const answer = await run();
				if (answer instanceof FileResult) {
					results[i] = [{ json: answer.json, binary: answer.binary, pairedItem: { item: i } }];
					continue;
				}
				const records = Array.isArray(answer) ? answer : [answer];
				results[i] = records.map((json) => ({ json, pairedItem: { item: i } }));
			} catch (error) {
				fail(i, error as Error);
			}
		}
	}
	for (const r of results) if (r) for (const item of r) out.push(item);
	return [out];
}

/** Every error leaves the node as a NodeApiError/NodeOperationError with its item, scrubbed. */
function shapeError(fn: IExecuteFunctions, error: Error, itemIndex: number, secrets: string[]) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = scrub(error.message, secrets);
		if (error.description) error.description = scrub(error.description, secrets);
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
