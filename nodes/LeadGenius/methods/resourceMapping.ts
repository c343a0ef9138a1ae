import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { leadClientSlug } from '../actions/client-slug';
import { leadMapperSchema, sampleLeads } from '../actions/lead/mapper';
import type { MapperOperation } from '../actions/lead/mapper';
import { LeadGeniusClient } from '../transport/client';

/** Schemas for resource mappers (node version 2's Lead Fields). */
export const resourceMapping = {
	/**
	 * Lead Fields of Create Many / Update Many: the lead field catalogue plus the custom fields
	 * found on up to 200 stored leads (the API has no custom-field list): the chosen client's
	 * leads for Create Many, the newest leads of every client for Update Many (no client there).
	 */
	async getLeadFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
		const operation = this.getNodeParameter('operation', 'createMany') as MapperOperation;
		const api = await LeadGeniusClient.create(this);
		let slug: string | undefined;
		if (operation === 'createMany') {
			const client = String(this.getNodeParameter('clientId', '', { extractValue: true }) ?? '').trim();
			if (client !== '') slug = await leadClientSlug(api, client, 0);
		}
		const fields = leadMapperSchema(operation, await sampleLeads(api, slug));
		return { fields };
	},
};
