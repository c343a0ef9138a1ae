import type { IDataObject } from 'n8n-workflow';

import { requestOperation, listOperation } from '../builders';
import { choice, clientLocator, collection, num, required, returnAllAndLimit, text } from '../fields';
import type { Params } from '../params';
import type { Resource } from '../types';

const SORT_FIELDS = [
	{ name: 'Average Lead Score', value: 'averageLeadScore' },
	{ name: 'Company Name', value: 'companyName' },
	{ name: 'Last Activity Date', value: 'lastActivityDate' },
	{ name: 'Qualified Leads', value: 'qualifiedLeads' },
	{ name: 'Total Leads', value: 'totalLeads' },
];

const date = (name: string, displayName: string, description: string) =>
	({ displayName, name, type: 'dateTime', default: '', description }) as const;

function listQuery(p: Params): IDataObject {
	const filters = p.collection('filters');
	const minLeads = filters.minLeads === undefined ? undefined : p.int('filters.minLeads', { min: 0 });
	const maxLeads = filters.maxLeads === undefined ? undefined : p.int('filters.maxLeads', { min: 0 });
	if (minLeads !== undefined && maxLeads !== undefined && minLeads > maxLeads) {
		p.fail('filters.minLeads', `(${minLeads}) is greater than "Max Leads" (${maxLeads})`);
	}
	const startDate = p.date('filters.startDate', filters.startDate);
	const endDate = p.date('filters.endDate', filters.endDate);
	if (startDate && endDate && Date.parse(startDate) > Date.parse(endDate)) {
		p.fail('filters.startDate', 'is after "End Date"');
	}
	return {
		client_id: p.locator('clientId'),
		sortBy: filters.sortBy,
		sortDirection: filters.sortDirection,
		industry: filters.industry,
		minLeads,
		maxLeads,
		search: filters.search,
		startDate,
		endDate,
	};
}

function upsertBody(p: Params): IDataObject {
	const fields = p.collection('additionalFields');
	const body: IDataObject = {
		client_id: p.locator('clientId'),
		companyName: p.str('companyName', { required: true }),
	};
	if (fields.id !== undefined) body.id = fields.id;
	for (const key of ['companyDomain', 'industry', 'country']) if (fields[key] !== undefined) body[key] = fields[key];
	for (const key of ['totalLeads', 'qualifiedLeads']) {
		if (fields[key] !== undefined) body[key] = p.int(`additionalFields.${key}`, { min: 0 });
	}
	if (fields.averageLeadScore !== undefined) {
		const score = Number(fields.averageLeadScore);
		if (!Number.isFinite(score)) p.fail('additionalFields.averageLeadScore', `must be a number (got ${JSON.stringify(fields.averageLeadScore)})`);
		body.averageLeadScore = score;
	}
	const last = p.date('additionalFields.lastActivityDate', fields.lastActivityDate);
	if (last !== undefined) body.lastActivityDate = last;
	return body;
}

/** Company-level aggregates of a client's leads (leads grouped by employer), for territory planning. */
export const territoryCompany: Resource = {
	value: 'territoryCompany',
	name: 'Territory Company',
	description: "A client's leads grouped by employer, for territory planning",
	operations: [
		requestOperation({
			value: 'upsert',
			name: 'Create or Update',
			action: 'Create or update a territory company',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			method: 'POST',
			path: '/api/territory-workbench/companies',
			properties: [
				clientLocator(),
				required('companyName', 'Company Name', {
					placeholder: 'Acme Inc',
					description: 'Name of the company; an existing company of the client with this name (any case) is updated',
				}),
				collection('additionalFields', 'Additional Fields', [
					text('id', 'Record ID', { description: 'Update this territory company instead of matching by name' }),
					text('companyDomain', 'Company Domain', {
						placeholder: 'acme.com',
						description: 'Bare domain of the company (Get Many\'s Search also looks in it)',
					}),
					text('industry', 'Industry', { description: 'Industry of the company (Get Many can filter on it)' }),
					text('country', 'Country', { description: 'Country where the company is based' }),
					num('totalLeads', 'Total Leads', 0, {
						typeOptions: { minValue: 0 },
						description: 'How many of the client\'s leads work at the company (Get Many sorts and filters by it)',
					}),
					num('qualifiedLeads', 'Qualified Leads', 0, {
						typeOptions: { minValue: 0 },
						description: 'How many of those leads are qualified',
					}),
					num('averageLeadScore', 'Average Lead Score', 0, {
						typeOptions: { minValue: 0, numberPrecision: 2 },
						description: 'Average lead score of those leads',
					}),
					date('lastActivityDate', 'Last Activity Date', 'When the last activity with this company happened'),
				]),
			],
			read: (p) => upsertBody(p),
			output: (answer) => {
				const record = (answer.company ?? answer.data ?? answer) as IDataObject;
				return answer.created === undefined ? record : { ...record, created: answer.created };
			},
		}),
		listOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many territory companies',
			description: "List a client's territory companies, sorted and filtered",
			path: '/api/territory-workbench/companies',
			style: { whole: true, itemKeys: ['companies', 'data'] },
			properties: [
				clientLocator(),
				...returnAllAndLimit(),
				collection(
					'filters',
					'Filters',
					[
						choice('sortBy', 'Sort By', SORT_FIELDS, 'totalLeads', { description: 'Field to sort by (default Total Leads)' }),
						choice(
							'sortDirection',
							'Sort Direction',
							[
								{ name: 'Ascending', value: 'asc' },
								{ name: 'Descending', value: 'desc' },
							],
							'desc',
							{ description: 'Order of the sort (default Descending)' },
						),
						text('industry', 'Industry', { description: 'Only companies of this industry (exact, any case)' }),
						num('minLeads', 'Min Leads', 0, { typeOptions: { minValue: 0 }, description: 'Only companies with at least this many leads' }),
						num('maxLeads', 'Max Leads', 100, { typeOptions: { minValue: 0 }, description: 'Only companies with at most this many leads' }),
						text('search', 'Search', { description: 'Text the company name or domain contains (any case)' }),
						date('startDate', 'Start Date', 'Only companies with activity on or after this date'),
						date('endDate', 'End Date', 'Only companies with activity on or before this date'),
					],
					{ placeholder: 'Add Filter' },
				),
			],
			read: (p) => listQuery(p),
		}),
	],
};
