import type { INodeProperties } from 'n8n-workflow';

import { admin } from './admin';
import { analytics } from './analytics';
import { apiKey } from './apiKey';
import { bugReport } from './bugReport';
import { campaign } from './campaign';
import { client } from './client';
import { enhancementRequest } from './enhancementRequest';
import { company } from './company';
import { enrichedLead } from './enrichedLead';
import { searchHistory } from './searchHistory';
import { sourceLead } from './sourceLead';
import { territoryCompany } from './territoryCompany';
import { webhook } from './webhook';
import { showWhen, sortOptions } from './fields';
import { lead } from './lead';
import { backgroundTask } from './backgroundTask';
import { emailResource } from './email';
import { epsimoAi } from './epsimo';
import { leadProcessing } from './leadProcessing';
import { leadScrape } from './leadScrape';
import { agentSettings, sdrAiSettings, urlSettings } from './settings';
import { unipileAccount } from './unipile';
import { collectLabels } from './params';
import type { Operation, Resource } from './types';

/**
 * Every resource of the node, one per line. Adding an endpoint = adding an operation to one of
 * these (or a new resource folder and a line here).
 */
export const resources: Resource[] = [
	client,
	lead,
	apiKey,
	campaign,
	analytics,
	bugReport,
	enhancementRequest,
	admin,
	enrichedLead,
	sourceLead,
	company,
	searchHistory,
	webhook,
	territoryCompany,
	urlSettings,
	agentSettings,
	sdrAiSettings,
	leadProcessing,
	backgroundTask,
	emailResource,
	leadScrape,
	epsimoAi,
	unipileAccount,
];

export function findOperation(resource: string, operation: string): Operation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}

/**
 * Every output field that carries a secret, from the operations' `secretOutputs`: the node's
 * `sensitiveOutputFields` (n8n 2.x redacts them in stored and shown executions; n8n 1.x ignores it).
 */
export function sensitiveOutputFields(): string[] {
	const fields = resources.flatMap((r) => r.operations.flatMap((o) => o.secretOutputs ?? []));
	return [...new Set(fields)].sort();
}

/** Options shared by every operation: how hard to retry rate limits and transient failures, how fast to send. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Backoff Base (Ms)',
			name: 'baseDelayMs',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			description: 'First wait when the server gives no Retry-After; doubles on every retry (with jitter)',
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'maxRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Paces every request of this node's run so that no minute sees more than this many (LeadGenius allows 100 a minute on the standard tier, 1,000 on premium). 0 sends as fast as the answers come and waits only when LeadGenius answers 429.",
		},
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
			displayName: 'Parallel Requests',
			name: 'parallel',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 1,
			description:
				"How many items (or batches) are sent at once. More is faster when each answer takes long, but reaches the rate limit sooner, and items sent together do not see each other's changes (two Upserts of one email can both create). Output order stays the input order.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 0.1 },
			default: 300,
			description:
				'How long one request may wait for an answer. A read that times out is retried; a create is reported as failed.',
		},
	],
};

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
		const firstOperation = r.operations[0].value;
		props.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [r.value] } },
			options: sortOptions(
				r.operations.map((o) => ({ name: o.name, value: o.value, action: o.action, description: o.description ?? o.action })),
			),
			default: firstOperation,
		});
	}
	for (const r of resources) {
		for (const o of r.operations) {
			for (const prop of o.properties) props.push(showWhen(prop, { resource: [r.value], operation: [o.value] }));
		}
	}
	props.push(requestOptionsProperty);
	return props;
}

/**
 * The canvas subtitle: "<operation display name>: <resource display name>" (e.g. "Get Many:
 * Enriched Lead"), not the internal values. One flat lookup table generated from the registry,
 * keyed "<resource>:<operation>"; an unknown pair (a workflow from a newer version) falls back to
 * the values. Written without "{{" or "}}" inside, which would end n8n's expression early.
 */
export function subtitleExpression(): string {
	const names: Record<string, string> = {};
	for (const r of resources) for (const o of r.operations) names[`${r.value}:${o.value}`] = `${o.name}: ${r.name}`;
	const key = '$parameter["resource"] + ":" + $parameter["operation"]';
	const fallback = '$parameter["operation"] + ": " + $parameter["resource"]';
	return `={{ (${JSON.stringify(names)})[${key}] || ${fallback} }}`;
}

/** Display names by parameter name, for error messages. */
export function labelsFor(operation: Operation): Map<string, string> {
	return collectLabels([...operation.properties, requestOptionsProperty]);
}
