import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, handleWebhook } from './trigger/handler';
import { triggerProperties } from './trigger/properties';

/**
 * Starts a workflow when an outreach platform (HeyReach, Woodpecker, lemlist) or any LeadGenius-style
 * sender posts an event about a lead. The platforms are pointed at this node's URL by hand (none of them,
 * nor LeadGenius, has an API this node could register with), so there are no webhookMethods.
 */
export class LeadGeniusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadGenius Trigger',
		name: 'leadGeniusTrigger',
		icon: 'file:leadgenius.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Source: " + $parameter["source"] }}',
		description:
			'Starts the workflow when HeyReach, Woodpecker, lemlist or a LeadGenius webhook reports an event about a lead',
		defaults: { name: 'LeadGenius Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_TYPE,
				required: false,
				displayOptions: {
					show: { verification: ['sharedSecret', 'hmacSha256'], secretSource: ['credential'] },
				},
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				// The signature check needs the exact bytes that were sent (the node reads req.rawBody).
				rawBody: true,
			},
		],
		eventTriggerDescription: 'Waiting for you to send an event to the test URL',
		activationMessage: 'Point your outreach platform at the production URL to start receiving events.',
		properties: triggerProperties,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook.call(this);
	}
}
