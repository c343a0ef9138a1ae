import type { IDataObject } from 'n8n-workflow';

import { requestOperation, unwrap, listOperation } from '../builders';
import { choice, collection, json, optionalClient, required, returnAllAndLimit, text } from '../fields';
import type { Params } from '../params';
import type { Resource } from '../types';

const PLATFORMS = [
	{ name: 'Generic', value: 'generic', description: 'Any tool that can POST JSON' },
	{ name: 'HeyReach', value: 'heyreach' },
	{ name: 'Lemlist', value: 'lemlist' },
	{ name: 'Woodpecker', value: 'woodpecker' },
];

function createBody(p: Params): IDataObject {
	const add = p.collection('additionalFields');
	const body: IDataObject = {
		name: p.str('name', { required: true }),
		platform: p.str('platform', { required: true }),
	};
	if (add.description !== undefined) body.description = add.description;
	const clientId = p.locator('additionalFields.clientId', { required: false });
	if (clientId !== '') body.client_id = clientId;
	const added = p.raw<IDataObject>('additionalFields', {}) ?? {};
	if ('platformConfig' in added) {
		const config = p.json('additionalFields.platformConfig');
		// the contract sends the configuration as a JSON-encoded string
		if (config !== undefined) body.platformConfig = JSON.stringify(config);
	}
	return body;
}

/** Inbound webhooks of the webhook workbench: URLs outreach tools call to push events into LeadGenius. */
export const webhook: Resource = {
	value: 'webhook',
	name: 'Webhook',
	description: 'Inbound webhooks that outreach tools (HeyReach, Woodpecker, Lemlist…) call',
	operations: [
		requestOperation({
			value: 'create',
			name: 'Create',
			action: 'Create an inbound webhook',
			description: 'Create an inbound webhook; the output has the webhookUrl to paste into the platform',
			method: 'POST',
			path: '/api/webhook-workbench',
			properties: [
				required('name', 'Name', { placeholder: 'HeyReach replies', description: 'Name of the webhook, as the webhook workbench lists it' }),
				choice('platform', 'Platform', PLATFORMS, 'generic', {
					required: true,
					description: 'The tool that will call the webhook',
				}),
				collection('additionalFields', 'Additional Fields', [
					text('description', 'Description', { description: 'Free-text note on what the webhook is for' }),
					optionalClient('The client whose leads the webhook events belong to'),
					json('platformConfig', 'Platform Config (JSON)', '{}', {
						description: 'Platform settings as a JSON object, e.g. {"field_mapping": {}}; sent as a JSON string',
					}),
				]),
			],
			// the URL carries the webhook's key (?key=…): whoever has it can push events
			secretOutputs: ['webhookUrl'],
			read: (p) => createBody(p),
			output: (answer) => unwrap(answer, 'webhook', 'data'),
		}),
		listOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many inbound webhooks',
			description: 'List inbound webhooks, with their webhookUrl',
			path: '/api/webhook-workbench',
			style: { whole: true, itemKeys: ['webhooks', 'data'] },
			secretOutputs: ['webhookUrl'],
			properties: [
				...returnAllAndLimit(),
				collection(
					'filters',
					'Filters',
					[
						optionalClient('Only webhooks of this client'),
						choice('platform', 'Platform', PLATFORMS, 'generic', { description: 'Only webhooks for this platform' }),
					],
					{ placeholder: 'Add Filter' },
				),
			],
			read: (p) => ({
				client_id: p.locator('filters.clientId', { required: false }) || undefined,
				platform: p.collection('filters').platform,
			}),
		}),
	],
};
