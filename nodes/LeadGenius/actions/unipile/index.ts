import { listOperation } from '../builders';
import { returnAllAndLimit } from '../fields';
import type { Resource } from '../types';

/** §3.13 GET /api/unipile-accounts: row 51. */
export const unipileAccount: Resource = {
	value: 'unipileAccount',
	name: 'Unipile Account',
	description: 'Social and email accounts connected through Unipile',
	operations: [
		listOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many connected social and email accounts',
			description: 'List the social and email accounts connected to LeadGenius through Unipile',
			path: '/api/unipile-accounts',
			style: { whole: true, itemKeys: ['accounts', 'data', 'items'] },
			properties: returnAllAndLimit(),
		}),
	],
};
