import { requestOperation, unwrap } from '../builders';
import { required } from '../fields';
import type { Resource } from '../types';

const name = required('name', 'Name', { placeholder: 'Acme Sales Team', description: 'Name of your company (organisation)' });

/** The caller's own LeadGenius organisation (the tenant `company_id` points to), not a lead's employer. */
export const company: Resource = {
	value: 'company',
	name: 'Company',
	description: 'Your own LeadGenius organisation (tenant)',
	operations: [
		requestOperation({
			value: 'create',
			name: 'Create',
			action: 'Create a company',
			description: 'Create your LeadGenius organisation; you become its owner',
			method: 'POST',
			path: '/api/company',
			properties: [name],
			read: (p) => ({ name: p.str('name', { required: true }) }),
			output: (answer) => unwrap(answer, 'company'),
		}),
		requestOperation({
			value: 'get',
			name: 'Get',
			action: 'Get your company',
			description: 'Get the organisation of the credential\'s user, with the user\'s role in it',
			method: 'GET',
			path: '/api/company',
			output: (answer) => unwrap(answer, 'company'),
		}),
		requestOperation({
			value: 'update',
			name: 'Update',
			action: 'Rename your company',
			description: 'Rename your organisation (owners and admins only)',
			method: 'PUT',
			path: '/api/company',
			properties: [{ ...name, description: 'New name of your company (organisation)' }],
			read: (p) => ({ name: p.str('name', { required: true }) }),
			output: (answer) => unwrap(answer, 'company'),
		}),
	],
};
