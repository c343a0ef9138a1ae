import { leadClientSlug } from '../client-slug';
import type { Operation } from '../types';
import { additionalLeadFields } from './fields';
import { leadBody, newLeadProperties } from './new-lead';
import { createLeadOnce } from './write';

/**
 * Lead → Create: one lead, created exactly once. The client is resolved to its slug first (the
 * invisible-lead guard); a lost answer is looked up before the lead is sent again.
 */
export const create: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a lead',
	routes: ['POST /api/leads (single)'],
	properties: [...newLeadProperties(), additionalLeadFields()],
	prepare: ({ api, i, p }) => {
		const body = leadBody(p);
		return async () => {
			const lead = { ...body, client_id: await leadClientSlug(api, String(body.client_id), i, p.hints) };
			return (await createLeadOnce(api, lead, i)).lead;
		};
	},
};
