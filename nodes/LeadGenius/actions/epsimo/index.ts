import { requestOperation } from '../builders';
import { collection, required, text } from '../fields';
import type { Resource } from '../types';

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
				collection('additionalFields', 'Additional Fields', [
					text('leadId', 'Lead ID', { description: 'A lead the conversation is about (gives the assistant its context)' }),
					text('projectId', 'Project ID', { description: 'The EpsimoAI project of the agent' }),
					text('threadId', 'Thread ID', { placeholder: 'e.g. thread_abc123', description: 'Continue this conversation (the threadId of an earlier reply)' }),
				]),
			],
			body: (p) => {
				const agentId = p.str('agentId');
				return {
					message: p.str('message', { required: true }),
					...(agentId ? { agentId } : {}),
					...p.collection('additionalFields'),
				};
			},
		}),
	],
};
