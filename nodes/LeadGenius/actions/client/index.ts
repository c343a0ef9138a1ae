import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { requestOperation, unwrap, listOperation } from '../builders';
import { clientLocator, collection, required, returnAllAndLimit, text } from '../fields';
import type { Resource } from '../types';
import { deleteClient } from './delete';

const clientFields = [
	text('companyURL', 'Company URL', { placeholder: 'https://acme.example', description: 'Website of the client company' }),
	text('description', 'Description', { description: 'Free-text description of the client' }),
];

export const client: Resource = {
	value: 'client',
	name: 'Client',
	description: 'The companies you work for; every lead belongs to one client',
	operations: [
		requestOperation({
			value: 'create',
			name: 'Create',
			action: 'Create a client',
			method: 'POST',
			path: '/api/clients',
			properties: [
				required('clientName', 'Client Name', {
					placeholder: 'Acme Corp',
					description: 'Name of the client, shown in LeadGenius and in the Client pickers',
				}),
				collection('additionalFields', 'Additional Fields', [
					...clientFields,
					text('client_id', 'Client ID (Slug)', {
						placeholder: 'acme-corp',
						description: 'Custom slug for the client. Some LeadGenius servers ignore it and generate one.',
					}),
				]),
			],
			read: (p) => ({ clientName: p.str('clientName', { required: true }), ...p.collection('additionalFields') }),
			output: (answer) => unwrap(answer, 'client'),
		}),
		requestOperation({
			value: 'get',
			name: 'Get',
			action: 'Get a client',
			method: 'GET',
			path: '/api/clients',
			route: 'GET /api/clients?clientId',
			properties: [clientLocator({ name: 'clientRecordId', use: 'record' })],
			read: (p) => ({ clientId: p.locator('clientRecordId') }),
			output: (answer, { clientId }, { api, i }) => {
				const found = (answer.clients as IDataObject[] | undefined)?.[0];
				if (!found) {
					throw new NodeOperationError(api.node, `No client found with ID "${clientId}" [item ${i}]`, {
						itemIndex: i,
					});
				}
				return found;
			},
		}),
		listOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many clients',
			path: '/api/clients',
			style: { whole: true, itemKeys: ['clients', 'data'] },
			properties: returnAllAndLimit(),
		}),
		requestOperation({
			value: 'update',
			name: 'Update',
			action: 'Update a client',
			method: 'PUT',
			path: '/api/clients',
			properties: [
				clientLocator({ name: 'clientRecordId', use: 'record' }),
				collection('updateFields', 'Update Fields', [
					text('clientName', 'Client Name', { description: 'New name of the client (its client_id slug stays the same)' }),
					...clientFields,
				]),
			],
			read: (p) => {
				const fields = p.collection('updateFields');
				if (Object.keys(fields).length === 0) p.fail('updateFields', 'needs at least one field to change');
				return { id: p.locator('clientRecordId'), ...fields };
			},
			output: (answer) => unwrap(answer, 'client'),
		}),
		deleteClient,
	],
};
