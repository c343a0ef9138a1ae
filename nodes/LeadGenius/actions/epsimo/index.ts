import { requestOperation } from '../builders';
import { collection, fromV2, onlyV1, required, text } from '../fields';
import { leadIdFromLocator, leadLocator } from '../lead/locator';
import type { Resource } from '../types';

const LEAD_ID = text('leadId', 'Lead ID', { description: 'A lead the conversation is about (gives the assistant its context)' });
const MORE_FIELDS = [
	text('projectId', 'Project ID', { description: 'The EpsimoAI project of the agent' }),
	text('threadId', 'Thread ID', { placeholder: 'e.g. thread_abc123', description: 'Continue this conversation (the threadId of an earlier reply)' }),
];

/** §3.13 POST /api/epsimo-chat: row 50. */
export const epsimoAi: Resource = {
	value: 'epsimoAi',
	name: 'Epsimo AI',
	description: 'Talk to EpsimoAI assistants',
	operations: [
		requestOperation({
			value: 'sendMessage',
			name: 'Send Message',
			action: 'Send a message to an AI assistant',
			description: 'Send a message to an EpsimoAI assistant and output its reply and the thread ID',
			method: 'POST',
			path: '/api/epsimo-chat',
			properties: [
				required('message', 'Message', { typeOptions: { rows: 4 }, description: 'What to say to the assistant' }),
				text('agentId', 'Agent ID', {
					placeholder: 'e.g. asst_abc123',
					description: 'The EpsimoAI agent (assistant) to talk to, e.g. one of the agent IDs of your agent or SDR AI settings',
				}),
				// v2: the lead is an optional lead picker beside the other parameters; v1 keeps it a text field in the collection
				...fromV2([leadLocator(LEAD_ID, 'list', false)]),
				...onlyV1([collection('additionalFields', 'Additional Fields', [LEAD_ID, ...MORE_FIELDS])]),
				...fromV2([collection('additionalFields', 'Additional Fields', MORE_FIELDS)]),
			],
			read: (p) => {
				const agentId = p.str('agentId');
				const leadId = p.version >= 2 ? leadIdFromLocator(p, 'leadId', false) : '';
				return {
					message: p.str('message', { required: true }),
					...(agentId ? { agentId } : {}),
					...(leadId ? { leadId } : {}),
					...p.collection('additionalFields'),
				};
			},
		}),
	],
};
