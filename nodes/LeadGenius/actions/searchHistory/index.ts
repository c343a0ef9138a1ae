import type { IDataObject } from 'n8n-workflow';

import { listOperation, requestOperation, unwrap } from '../builders';
import { choice, collection, json, num, optionalClient, required, returnAllAndLimit, text } from '../fields';
import type { Params } from '../params';
import type { Resource } from '../types';

const STATUSES = [
	{ name: 'Completed', value: 'completed' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Initiated', value: 'initiated' },
	{ name: 'Running', value: 'running' },
];

const METRICS = ['totalLeadsFound', 'totalLeadsSaved', 'totalLeadsFailed'];

/** An optional JSON object inside a collection: undefined when the field was not added. */
function jsonField(p: Params, collectionName: string, name: string): IDataObject | undefined {
	const added = p.raw<IDataObject>(collectionName, {}) ?? {};
	if (!(name in added)) return undefined;
	return p.json(`${collectionName}.${name}`) as IDataObject | undefined;
}

function createBody(p: Params): IDataObject {
	const add = p.collection('additionalFields');
	const body: IDataObject = { searchName: p.str('searchName', { required: true }) };
	for (const key of ['searchDescription', 'clientName', 'icpId', 'icpName', 'apifyActorId', 'category']) {
		if (add[key] !== undefined) body[key] = add[key];
	}
	const clientId = p.locator('additionalFields.clientId', { required: false });
	if (clientId !== '') body.client_id = clientId;
	const criteria = jsonField(p, 'additionalFields', 'searchCriteria');
	if (criteria) body.searchCriteria = criteria;
	const filters = jsonField(p, 'additionalFields', 'searchFilters');
	if (filters) body.searchFilters = filters;
	if (add.tags !== undefined) {
		const tags = p.list('additionalFields.tags');
		if (tags.length) body.tags = tags;
	}
	return body;
}

function updateBody(p: Params): IDataObject {
	const id = p.str('searchHistoryId', { required: true });
	const fields = p.collection('updateFields');
	const extra = jsonField(p, 'updateFields', 'extraFields') ?? {};
	if ('id' in extra) p.fail('updateFields.extraFields', 'cannot contain "id": set Search History ID instead');
	const named: IDataObject = {};
	for (const key of ['status', 'providerType', 'runId', 'searchId', 'error']) {
		if (fields[key] !== undefined) named[key] = fields[key];
	}
	for (const key of METRICS) {
		if (fields[key] !== undefined) named[key] = p.int(`updateFields.${key}`, { min: 0 });
	}
	const completedAt = p.date('updateFields.completedAt', fields.completedAt);
	if (completedAt !== undefined) named.completedAt = completedAt;
	const body = { ...extra, ...named };
	if (Object.keys(body).length === 0) p.fail('updateFields', 'needs at least one field to change');
	return { id, ...body };
}

export const searchHistory: Resource = {
	value: 'searchHistory',
	name: 'Search History',
	description: 'Records of lead searches and scrape runs',
	operations: [
		requestOperation({
			value: 'create',
			name: 'Create',
			action: 'Create a search history record',
			description: 'Record a lead search (status starts as initiated)',
			method: 'POST',
			path: '/api/search-history',
			properties: [
				required('searchName', 'Search Name', {
					placeholder: 'SaaS CTOs in Berlin',
					description: 'Name of the search, as the search history shows it',
				}),
				collection('additionalFields', 'Additional Fields', [
					text('searchDescription', 'Search Description', { typeOptions: { rows: 2 }, description: 'Free-text description of the search' }),
					json('searchCriteria', 'Search Criteria (JSON)', '{}', {
						description: 'Free JSON object, e.g. {"industry": "SaaS", "location": "Berlin"}',
					}),
					json('searchFilters', 'Search Filters (JSON)', '{}', {
						description: 'Free JSON object, e.g. {"companySize": "50-200"}',
					}),
					optionalClient('The client the search is for'),
					text('clientName', 'Client Name', { description: 'Name of the client the search is for, stored as given (Client sets its slug)' }),
					text('icpId', 'ICP ID', { description: 'ID of the Ideal Customer Profile' }),
					text('icpName', 'ICP Name', { description: 'Name of the Ideal Customer Profile' }),
					text('apifyActorId', 'Apify Actor ID', {
						placeholder: 'apify/linkedin-people-search',
						description: 'The Apify actor that runs the search, when it is a scrape',
					}),
					text('category', 'Category', { placeholder: 'prospecting', description: 'Free-text category to group searches by (Get Many can filter on it)' }),
					text('tags', 'Tags', { placeholder: 'q3, berlin', description: 'Tags, separated by commas' }),
				]),
			],
			read: (p) => createBody(p),
			output: (answer) => unwrap(answer, 'searchHistory', 'data'),
		}),
		listOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many search history records',
			description: 'List lead searches, newest first, optionally filtered',
			path: '/api/search-history',
			properties: [
				...returnAllAndLimit(),
				collection(
					'filters',
					'Filters',
					[
						optionalClient('Only searches of this client'),
						choice('status', 'Status', STATUSES, 'completed', { description: 'Only searches with this status' }),
						text('icpId', 'ICP ID', { description: 'Only searches for this Ideal Customer Profile' }),
						text('category', 'Category', { placeholder: 'prospecting', description: 'Only searches of this category (exact match)' }),
					],
					{ placeholder: 'Add Filter' },
				),
			],
			read: (p) => {
				const filters = p.collection('filters');
				return {
					client_id: p.locator('filters.clientId', { required: false }) || undefined,
					status: filters.status,
					icpId: filters.icpId,
					category: filters.category,
				};
			},
			style: {
				itemKeys: ['items', 'searchHistory', 'data'],
				tokenParam: 'cursor',
				tokenKeys: ['nextCursor', 'nextToken'],
				limitParam: 'limit',
				maxPageSize: 100,
			},
		}),
		requestOperation({
			value: 'update',
			name: 'Update',
			action: 'Update a search history record',
			description: 'Set the status and metrics of a lead search',
			method: 'PUT',
			path: '/api/search-history',
			properties: [
				required('searchHistoryId', 'Search History ID', { description: 'ID of the search history record' }),
				collection('updateFields', 'Update Fields', [
					choice('status', 'Status', STATUSES, 'completed', {
						description: 'New status of the search (Completed or Failed also sets Completed At when it has none)',
					}),
					num('totalLeadsFound', 'Total Leads Found', 0, { typeOptions: { minValue: 0 }, description: 'How many leads the search found' }),
					num('totalLeadsSaved', 'Total Leads Saved', 0, { typeOptions: { minValue: 0 }, description: 'How many of the leads found were saved' }),
					num('totalLeadsFailed', 'Total Leads Failed', 0, {
						typeOptions: { minValue: 0 },
						description: 'How many of the leads found could not be saved',
					}),
					text('providerType', 'Provider Type', { placeholder: 'apify', description: 'The service that ran the search' }),
					text('runId', 'Run ID', { description: 'ID of the provider run (e.g. the Apify run)' }),
					text('searchId', 'Search ID', { description: 'ID of the search at the provider' }),
					text('error', 'Error Message', { description: 'Why the search failed' }),
					{
						displayName: 'Completed At',
						name: 'completedAt',
						type: 'dateTime',
						default: '',
						description: 'When the search ended (LeadGenius sets it when Status becomes Completed or Failed)',
					},
					json('extraFields', 'Extra Fields (JSON)', '{}', {
						description:
							'Any other fields as a JSON object, e.g. {"error": null} to clear the error. Fields set above take precedence.',
					}),
				]),
			],
			read: (p) => updateBody(p),
			output: (answer) => unwrap(answer, 'searchHistory', 'data'),
		}),
	],
};
