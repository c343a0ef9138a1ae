import { NodeOperationError } from 'n8n-workflow';

import { omit, requestOperation } from '../builders';
import { required, text } from '../fields';
import type { ItemContext, Resource } from '../types';

const ONCE =
	'LeadGenius shows a new API key only once: store it now (e.g. in a LeadGenius credential with Authentication "API Key", together with the user ID). It cannot be read again later.';

/** Key generation needs the session (JWT) of a signed-in user: an API-key credential is refused up front. */
function requireSession(ctx: ItemContext): void {
	if (ctx.api.authMode !== 'apiKey') return;
	throw new NodeOperationError(ctx.api.node, 'API Key → Create needs a signed-in user: the credential uses an API key', {
		itemIndex: ctx.i,
		description:
			'LeadGenius mints API keys only for a Bearer session (POST /api/agent-api-keys refuses API keys). Use a credential with Authentication "Email & Password" or "Access Token".',
	});
}

const create = requestOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an API key',
	description: 'Generate a long-lived API key for the credential\'s user. The key is output once only.',
	method: 'POST',
	path: '/api/agent-api-keys',
	properties: [
		{
			displayName: `Notice: ${ONCE}`,
			name: 'onceNotice',
			type: 'notice',
			default: '',
		},
		required('name', 'Name', { placeholder: 'n8n production', description: 'A name to recognise the key by' }),
		text('description', 'Description', {
			placeholder: 'Used by the n8n lead import workflow',
			description: 'Free-text note on what or who uses the key',
		}),
	],
	read: (p, ctx) => {
		requireSession(ctx);
		const description = p.str('description');
		return { name: p.str('name', { required: true }), ...(description ? { description } : {}) };
	},
	// the new key, in clear: n8n 2.x redacts it in the execution data it shows and keeps
	secretOutputs: ['apiKey'],
	output: (answer) => ({ ...omit(answer, 'success'), notice: ONCE }),
});

export const apiKey: Resource = {
	value: 'apiKey',
	name: 'API Key',
	description: 'Long-lived keys for the bulk and Agent API routes',
	operations: [create],
};
