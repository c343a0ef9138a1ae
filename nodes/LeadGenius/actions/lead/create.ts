import { leadClientSlug } from '../client-slug';
import { operation } from '../builders';
import { additionalLeadFields } from './fields';
import { leadBody, newLeadProperties } from './new-lead';
import { createLeadOnce } from './write';

/**
 * Lead → Create: one lead, created exactly once. The client is resolved to its slug first (the
 * invisible-lead guard); a lost answer is looked up before the lead is sent again.
 */
export const create = operation({
	value: 'create',
	name: 'Create',
	action: 'Create a lead',
	routes: ['POST /api/leads (single)'],
	properties: [...newLeadProperties(), additionalLeadFields()],
	read: (p) => leadBody(p),
	run: async (body, { fn, api, i }) => {
		const lead = { ...body, client_id: await leadClientSlug(api, String(body.client_id), i, fn) };
		return (await createLeadOnce(api, lead, i)).lead;
	},
});
