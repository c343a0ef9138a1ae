import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { omit, operation, unwrap } from '../builders';
import { leadClientSlug } from '../client-slug';
import { choice, text } from '../fields';
import { additionalLeadFields } from './fields';
import { leadBody, newLeadProperties } from './new-lead';
import { createLeadOnce } from './write';

/**
 * Create or Update (beyond the API): look the lead up within its client by email or LinkedIn URL
 * (GET /api/find-lead), update it when found (PUT /api/leads), create it otherwise (POST
 * /api/leads). The output says which happened.
 */
export const upsert = operation({
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a lead',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	routes: ['GET /api/find-lead', 'PUT /api/leads (single)', 'POST /api/leads (single)'],
	properties: [
		...newLeadProperties(),
		choice(
			'matchBy',
			'Match By',
			[
				{ name: 'Email', value: 'email', description: 'The same email (case-insensitive) in the client' },
				{ name: 'LinkedIn URL', value: 'linkedinUrl', description: 'The same LinkedIn profile URL in the client' },
			],
			'email',
			{ description: 'How to recognise an existing lead of the client: one match is updated, none means a new lead is created' },
		),
		text('matchLinkedinUrl', 'LinkedIn URL', {
			required: true,
			placeholder: 'https://www.linkedin.com/in/…',
			description: 'LinkedIn profile URL of the lead: used to find it, and stored on it',
			displayOptions: { show: { matchBy: ['linkedinUrl'] } },
		}),
		additionalLeadFields(),
	],
	read: (p) => {
		const body = leadBody(p);
		const matchBy = p.str('matchBy', { fallback: 'email' });
		const query: IDataObject = { client_id: body.client_id };
		if (matchBy === 'linkedinUrl') {
			const url = p.str('matchLinkedinUrl', { required: true });
			body.linkedinUrl = url;
			query.linkedinUrl = url;
		} else {
			query.email = body.email;
		}
		return { body, matchBy, query };
	},
	run: async ({ body, matchBy, query }, { fn, api, i }) => {
		body.client_id = query.client_id = await leadClientSlug(api, String(body.client_id), i, fn);
		const found = await api.request<IDataObject>({ method: 'GET', path: '/api/find-lead', qs: query, itemIndex: i });
		const matches = ((found.leads ?? found.data ?? []) as IDataObject[]).filter(
			(l) => l && (l.client_id === undefined || l.client_id === body.client_id),
		);
		if (matches.length > 1) {
			throw new NodeOperationError(
				api.node,
				`${matches.length} leads of client "${body.client_id}" match ${matchBy === 'email' ? `email "${body.email}"` : `LinkedIn URL "${body.linkedinUrl}"`}: cannot tell which one to update [item ${i}]`,
				{ itemIndex: i, description: `Matching lead IDs: ${matches.map((m) => m.id).join(', ')}` },
			);
		}
		if (matches.length === 1) {
			const answer = await api.request<IDataObject>({
				method: 'PUT',
				path: '/api/leads',
				body: { id: matches[0].id, ...omit(body, 'client_id') },
				itemIndex: i,
			});
			return { operation: 'updated', ...unwrap(answer, 'lead') };
		}
		return { operation: 'created', ...(await createLeadOnce(api, body, i)).lead };
	},
});
