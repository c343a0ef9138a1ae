import type { IDataObject } from 'n8n-workflow';

import { operation, requestOperation } from '../builders';
import { clientLocator, collection, json, num, required, text } from '../fields';
import { apifyRuns, readWait, startRun, waitProperties } from '../poll';
import type { Resource } from '../types';

/** §3.13 Apify lead scrapes: rows 48–49. */

const start = operation({
	value: 'start',
	name: 'Start',
	action: 'Start a lead scrape',
	description: 'Start an Apify actor run that saves the people it finds as source leads of a client',
	routes: ['POST /api/start-lead-scrape-complete', apifyRuns.route],
	properties: [
		required('apifyActorId', 'Apify Actor ID', { placeholder: 'e.g. apify/linkedin-people-search', description: 'The Apify actor to run' }),
		json('input', 'Actor Input', '{}', { required: true, description: 'The actor input, a JSON object (search criteria)' }),
		clientLocator({ description: 'The client that receives the scraped leads (its client_id slug)' }),
		collection('additionalFields', 'Additional Fields', [
			text('icpId', 'ICP ID', { description: 'Ideal customer profile the search belongs to' }),
			num('maxLeads', 'Max Leads', 25, { typeOptions: { minValue: 1, maxValue: 1000 }, description: 'Most leads to save (1 to 1000)' }),
			text('searchHistoryId', 'Search History ID', { description: 'Existing search-history record to update (one is created otherwise)' }),
			text('searchName', 'Search Name', { description: 'Name of the search-history record created for the run' }),
		]),
		...waitProperties('the scrape has', { interval: 10, timeout: 900 }),
	],
	read: (p) => {
		const extra = p.collection('additionalFields');
		if (extra.maxLeads !== undefined) extra.maxLeads = p.int('additionalFields.maxLeads', { min: 1, max: 1000 });
		const body: IDataObject = {
			apifyActorId: p.str('apifyActorId', { required: true }),
			input: p.json('input', { required: true }) as IDataObject,
			client_id: p.locator('clientId'),
			...extra,
		};
		return { body, plan: readWait(p) };
	},
	run: async ({ body, plan }, ctx) =>
		await startRun(ctx, { method: 'POST', path: '/api/start-lead-scrape-complete', body, itemIndex: ctx.i }, plan, apifyRuns),
});

export const leadScrape: Resource = {
	value: 'leadScrape',
	name: 'Lead Scrape (Apify)',
	description: 'Apify lead-generation runs',
	operations: [
		start,
		requestOperation({
			value: 'getStatus',
			name: 'Get Status',
			action: 'Get the status of a lead scrape',
			description: 'Get the status of an Apify lead scrape run and, once it has succeeded, how many leads it found and saved',
			method: 'GET',
			path: '/api/lead-generation-status',
			route: 'GET /api/lead-generation-status?runId',
			properties: [
				required('runId', 'Run ID', { placeholder: 'e.g. apify_run_abc123', description: 'The run ID Lead Scrape → Start returned' }),
			],
			read: (p) => ({ runId: p.str('runId', { required: true }) }),
		}),
	],
};
