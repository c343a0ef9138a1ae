import type { INodeProperties } from 'n8n-workflow';

import { client } from './client';
import { sortOptions } from './fields';
import { lead } from './lead';
import { collectLabels } from './params';
import type { Operation, Resource } from './types';

/** Every resource of the node. Adding an endpoint = adding an operation to one of these. */
export const resources: Resource[] = [client, lead];

export function findOperation(resource: string, operation: string): Operation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}

/** Options shared by every operation: how hard to retry rate limits and transient failures. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description:
				'How many times one request is retried after a rate limit (429) or, for reads, updates and deletes, a server or network failure',
		},
		{
			displayName: 'Max Total Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description: 'Longest total time one request may spend waiting between retries',
		},
		{
			displayName: 'Backoff Base (Ms)',
			name: 'baseDelayMs',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			description: 'First wait when the server gives no Retry-After; doubles on every retry (with jitter)',
		},
	],
};

function withShow(prop: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...(prop.displayOptions?.show ?? {}), resource: [resource], operation: [operation] };
	return { ...prop, displayOptions: { ...(prop.displayOptions ?? {}), show } };
}

/** The node's parameters, generated from the registry: never written twice. */
export function buildProperties(): INodeProperties[] {
	const props: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: sortOptions(resources.map((r) => ({ name: r.name, value: r.value, description: r.description }))),
			default: 'lead',
		},
	];
	for (const r of resources) {
		props.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [r.value] } },
			options: sortOptions(
				r.operations.map((o) => ({ name: o.name, value: o.value, action: o.action, description: o.description ?? o.action })),
			),
			default: r.operations[0].value,
		});
	}
	for (const r of resources) {
		for (const o of r.operations) {
			for (const prop of o.properties) props.push(withShow(prop, r.value, o.value));
		}
	}
	props.push(requestOptionsProperty);
	return props;
}

/** Display names by parameter name, for error messages. */
export function labelsFor(operation: Operation): Map<string, string> {
	return collectLabels([...operation.properties, requestOptionsProperty]);
}
