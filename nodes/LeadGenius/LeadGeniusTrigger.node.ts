import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, handleWebhook } from './trigger/handler';
import { triggerProperties } from './trigger/properties';

/**
 * Starts a workflow when an outreach platform (HeyReach, Woodpecker, lemlist) or any LeadGenius-style
 * sender posts an event about a lead. The platforms are pointed at this node's URL by hand: none of
 * them, nor LeadGenius, has an API this node could register the URL with (see webhookMethods).
 */
export class LeadGeniusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadGenius Trigger',
		name: 'leadGeniusTrigger',
		icon: { light: 'file:leadgenius.svg', dark: 'file:leadgenius.dark.svg' },
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

	/**
	 * Webhook lifecycle. Nothing can be registered remotely: the user pastes the URL into HeyReach,
	 * Woodpecker, lemlist or any other sender, and only they can remove it there. So the webhook
	 * always "exists" once the workflow is active (checkExists only answers, with no side effects),
	 * and create/delete have nothing to do on the remote side and report success.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook.call(this);
	}
}
