import type { PageStyle } from '../../transport/client';
import { listOperation } from '../builders';
import { collection, returnAllAndLimit, text } from '../fields';
import { maybeSimplify, readSimplify, simplifyProperty } from './fields';

/** Name filters of the Agent API lead search (case-insensitive substring matches). */
const NAME_FILTERS: Array<[string, string, string?]> = [
	['firstName', 'First Name'],
	['lastName', 'Last Name'],
	['fullName', 'Full Name'],
	['email', 'Email', 'name@email.com'],
	['companyName', 'Company Name'],
];

/** The Agent API lead search: Lead → Search by Name, the v2 mapper's sample, the lead picker. */
export const AGENT_LEADS_PATH = '{agent}/leads';

/** How the Agent API lead search pages: numbered pages of up to 100, newest lead first. */
export const AGENT_LEAD_SEARCH_STYLE: PageStyle = {
	itemKeys: ['data', 'leads', 'items'],
	tokenParam: 'page',
	tokenKeys: [],
	limitParam: 'pageSize',
	maxPageSize: 100,
	pageNumbers: true,
};

export const searchByName = listOperation({
	value: 'searchByName',
	name: 'Search by Name',
	action: 'Search leads by name',
	description: 'Find leads of every client whose name, email or company contains the given text (Agent API)',
	path: AGENT_LEADS_PATH,
	properties: [
		collection(
			'filters',
			'Filters',
			[
				...NAME_FILTERS.map(([name, displayName, placeholder]) =>
					text(name, displayName, {
						description: `Leads whose ${displayName.toLowerCase()} contains this text (case-insensitive)`,
						...(placeholder ? { placeholder } : {}),
					}),
				),
				text('status', 'Status', { description: 'Only leads with exactly this status' }),
				text('campaignId', 'Campaign ID', { description: 'Only leads of this campaign' }),
				text('client_id', 'Client ID (Slug)', { placeholder: 'acme-corp', description: 'Only leads of this client' }),
			],
			{ placeholder: 'Add Filter', required: true, description: 'Give at least one of the name filters' },
		),
		...returnAllAndLimit(),
		simplifyProperty,
	],
	read: (p) => {
		const filters = p.collection('filters');
		if (!NAME_FILTERS.some(([name]) => filters[name] !== undefined)) {
			p.fail('filters', `needs at least one of ${NAME_FILTERS.map(([, d]) => d).join(', ')}`);
		}
		return { filters, simplify: readSimplify(p) };
	},
	qs: ({ filters }) => filters,
	style: AGENT_LEAD_SEARCH_STYLE,
	map: (record, { simplify }) => maybeSimplify(record, simplify),
});
