import type { IDataObject } from 'n8n-workflow';

import { leadClientInQuery, listOperation, requestOperation, unwrap } from '../builders';
import { clientLocator, collection, required, returnAllAndLimit, text } from '../fields';
import { compact } from '../params';
import type { Resource } from '../types';
import { createMany, deleteMany, updateMany } from './batch';
import { enrichMany } from './enrich';
import { leadFieldsFrom, maybeSimplify, readSimplify, simplifyProperty, updateLeadFields } from './fields';
import { leadIdProperties, readLeadId } from './locator';
import { create } from './create';
import { searchByName } from './search';
import { upsert } from './upsert';
import { LEAD_LIST_STYLE } from './write';

const leadId = leadIdProperties(required('leadId', 'Lead ID', { description: 'The lead record ID' }));

export const lead: Resource = {
	value: 'lead',
	name: 'Lead',
	description: 'People to reach: create, find, update and enrich the leads of a client',
	operations: [
		create,
		createMany,
		requestOperation({
			value: 'get',
			name: 'Get',
			action: 'Get a lead',
			method: 'GET',
			read: (p) => ({ id: readLeadId(p), simplify: readSimplify(p) }),
			path: ({ id }) => `/api/enrich-leads/${encodeURIComponent(id)}`,
			route: 'GET /api/enrich-leads/{id}',
			properties: [...leadId, simplifyProperty],
			output: (answer, { simplify }) => maybeSimplify(unwrap(answer, 'lead', 'data'), simplify),
		}),
		listOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many leads of a client',
			path: '/api/leads',
			maxLimit: 1000,
			properties: [clientLocator(), ...returnAllAndLimit(1000), simplifyProperty],
			read: (p) => ({ clientId: p.locator('clientId'), simplify: readSimplify(p) }),
			qs: ({ clientId }) => ({ client_id: clientId }),
			before: leadClientInQuery,
			style: LEAD_LIST_STYLE,
			map: (record, { simplify }) => maybeSimplify(record, simplify),
		}),
		requestOperation({
			value: 'update',
			name: 'Update',
			action: 'Update a lead',
			method: 'PUT',
			path: '/api/leads',
			route: 'PUT /api/leads (single)',
			properties: [...leadId, updateLeadFields()],
			read: (p) => {
				const fields = leadFieldsFrom(p, 'updateFields');
				if (Object.keys(fields).length === 0) p.fail('updateFields', 'needs at least one field to change');
				return { id: readLeadId(p), ...fields };
			},
			output: (answer) => unwrap(answer, 'lead'),
		}),
		updateMany,
		requestOperation({
			value: 'delete',
			name: 'Delete',
			action: 'Delete a lead',
			method: 'DELETE',
			path: '/api/leads',
			route: 'DELETE /api/leads?id',
			properties: [...leadId],
			read: (p) => readLeadId(p),
			qs: (id) => ({ id }),
			output: (answer, id) => ({ ...answer, id, deleted: true }),
		}),
		deleteMany,
		requestOperation({
			value: 'find',
			name: 'Find',
			action: 'Find leads by email or profile URL',
			description: 'Look up leads by exact email or LinkedIn URL; outputs one item per match',
			method: 'GET',
			path: '/api/find-lead',
			properties: [
				text('email', 'Email', { placeholder: 'name@email.com', description: 'Email to look for (exact, case-insensitive)' }),
				text('linkedinUrl', 'LinkedIn URL', { description: 'LinkedIn profile URL to look for' }),
				collection('findOptions', 'Options', [
					{ ...clientLocator({ required: false, description: 'Only look within this client' }), name: 'clientId' },
				]),
				simplifyProperty,
			],
			read: (p) => {
				const email = p.email('email');
				const linkedinUrl = p.str('linkedinUrl');
				if (email === '' && linkedinUrl === '') p.fail('email', 'or "LinkedIn URL" is required: give at least one');
				const options = p.raw<IDataObject>('findOptions', {});
				const clientOption = options.clientId as IDataObject | string | undefined;
				const clientId = typeof clientOption === 'object' ? clientOption?.value : clientOption;
				return { qs: compact({ email, linkedinUrl, client_id: clientId as string | undefined }), simplify: readSimplify(p) };
			},
			qs: ({ qs }) => qs,
			before: leadClientInQuery,
			output: (answer, { simplify }) => {
				const leads = (answer.leads ?? answer.data ?? []) as IDataObject[];
				return leads.map((l) => maybeSimplify(l, simplify));
			},
		}),
		searchByName,
		enrichMany,
		upsert,
	],
};

