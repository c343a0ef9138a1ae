import type { IDataObject } from 'n8n-workflow';

import { listOperation, requestOperation, unwrap } from '../builders';
import { choice, clientLocator, collection, num, required, returnAllAndLimit, text } from '../fields';
import type { Params } from '../params';
import type { Resource } from '../types';
import { dayOf } from '../analytics/day';

const TYPES = [
	{ name: 'ABM', value: 'abm', description: 'Account-based marketing' },
	{ name: 'Demand Generation', value: 'demand_gen' },
	{ name: 'Nurture', value: 'nurture' },
];

const STATUSES = [
	{ name: 'Active', value: 'active' },
	{ name: 'Archived', value: 'archived' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Paused', value: 'paused' },
];

/** Goal fields: parameter, display name, key under `goals`, description. */
const GOALS: Array<[string, string, string, string]> = [
	['goalTargetAccounts', 'Goal: Target Accounts', 'targetAccounts', 'How many accounts the campaign aims to reach (sent as goals.targetAccounts)'],
	['goalTargetEngagement', 'Goal: Target Engagement', 'targetEngagement', 'Engagement the campaign aims for (sent as goals.targetEngagement)'],
	['goalTargetPipeline', 'Goal: Target Pipeline', 'targetPipeline', 'Pipeline the campaign aims to generate (sent as goals.targetPipeline)'],
];

/** The client option of a collection: a locator value or a plain string. */
function clientOption(value: unknown): string | undefined {
	const raw = value && typeof value === 'object' ? (value as IDataObject).value : value;
	const text = raw === undefined || raw === null ? '' : String(raw).trim();
	return text === '' ? undefined : text;
}

function campaignBody(p: Params): IDataObject {
	const extra = p.collection('additionalFields');
	const body: IDataObject = { name: p.str('name', { required: true }), campaignType: p.str('campaignType', { required: true }) };
	if (extra.status !== undefined) body.status = extra.status;
	if (extra.description !== undefined) body.description = extra.description;
	const client = clientOption(extra.client_id);
	if (client) body.client_id = client;
	for (const f of ['startDate', 'endDate'] as const) {
		if (extra[f] !== undefined) body[f] = dayOf(p, `additionalFields.${f}`, extra[f]);
	}
	if (body.startDate && body.endDate && String(body.startDate) > String(body.endDate)) {
		p.fail('additionalFields.startDate', `must not be after End Date (${body.startDate} > ${body.endDate})`);
	}
	const goals: IDataObject = {};
	for (const [name, , key] of GOALS) {
		if (extra[name] !== undefined) {
			const n = Number(extra[name]);
			if (!Number.isFinite(n) || n < 0) p.fail(`additionalFields.${name}`, `must be a number of at least 0 (got ${JSON.stringify(extra[name])})`);
			goals[key] = n;
		}
	}
	if (Object.keys(goals).length) body.goals = goals;
	return body;
}

export const campaign: Resource = {
	value: 'campaign',
	name: 'Campaign',
	description: 'Agent API campaigns (ABM, demand generation, nurture)',
	operations: [
		requestOperation({
			value: 'create',
			name: 'Create',
			action: 'Create a campaign',
			method: 'POST',
			path: '{agent}/campaigns',
			properties: [
				required('name', 'Name', { placeholder: 'Q3 ABM – Fintech', description: 'Name of the campaign, as LeadGenius lists it' }),
				choice('campaignType', 'Campaign Type', TYPES, 'abm', {
					required: true,
					description: 'Kind of campaign: account-based marketing, demand generation or nurture',
				}),
				collection('additionalFields', 'Additional Fields', [
					choice('status', 'Status', STATUSES.filter((s) => s.value === 'draft' || s.value === 'active'), 'draft', {
						description: 'Initial status (LeadGenius starts campaigns as Draft when not given)',
					}),
					text('description', 'Description', { typeOptions: { rows: 3 }, description: 'Free-text description of the campaign' }),
					{
						...clientLocator({ required: false, description: 'The client the campaign belongs to (its client_id slug)' }),
						name: 'client_id',
					},
					{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '', description: 'Sent as YYYY-MM-DD' },
					{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '', description: 'Sent as YYYY-MM-DD' },
					...GOALS.map(([name, displayName, , description]) => num(name, displayName, 0, { typeOptions: { minValue: 0 }, description })),
				]),
			],
			read: (p) => campaignBody(p),
			output: (answer) => {
				// the CLI reads a top-level id, openapi a wrapped record: accept either
				const record = unwrap(answer, 'campaign', 'data');
				return record.id === undefined && answer.id !== undefined ? { id: answer.id, ...record } : record;
			},
		}),
		listOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many campaigns',
			path: '{agent}/campaigns',
			properties: [
				...returnAllAndLimit(),
				collection(
					'filters',
					'Filters',
					[
						choice('status', 'Status', STATUSES, 'active', { description: 'Only campaigns with this status' }),
						choice('campaignType', 'Campaign Type', TYPES, 'abm', { description: 'Only campaigns of this type' }),
					],
					{ placeholder: 'Add Filter' },
				),
			],
			read: (p) => p.collection('filters'),
			style: {
				itemKeys: ['data', 'campaigns', 'items'],
				tokenParam: 'page',
				tokenKeys: [],
				limitParam: 'pageSize',
				maxPageSize: 100,
				pageNumbers: true,
			},
		}),
	],
};
