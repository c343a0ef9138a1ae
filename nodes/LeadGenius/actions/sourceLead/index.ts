import { bulkListOperation } from '../bulk';
import { BASE_LEAD_FIELDS } from '../catalog';
import type { Resource } from '../types';

export const sourceLead: Resource = {
	value: 'sourceLead',
	name: 'Source Lead',
	description: 'Raw leads as scraped, before enrichment',
	operations: [
		bulkListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many source leads in bulk',
			description: 'Extract the raw (not yet enriched) leads of your company or one client in pages of up to 5,000; needs an API key',
			resourceName: 'Source Lead',
			path: '/api/source-leads/list',
			fieldOptions: BASE_LEAD_FIELDS,
			noun: 'source lead',
		}),
	],
};
