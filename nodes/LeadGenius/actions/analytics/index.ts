import { requestOperation, unwrap } from '../builders';
import type { Resource } from '../types';
import { dayOf, daysBefore, today } from './day';

/** Days covered when no Start Date is given. */
const DEFAULT_DAYS = 30;

export const analytics: Resource = {
	value: 'analytics',
	name: 'Analytics',
	description: 'Pipeline metrics of your company',
	operations: [
		requestOperation({
			value: 'getPipeline',
			name: 'Get Pipeline',
			action: 'Get pipeline metrics',
			description: 'Lead counts by status, conversion rate and average lead score for a date range',
			method: 'GET',
			path: '{agent}/analytics/pipeline',
			properties: [
				{
					displayName: 'Start Date',
					name: 'startDate',
					type: 'dateTime',
					default: '',
					description: 'First day of the range (sent as YYYY-MM-DD). Defaults to 30 days before End Date.',
				},
				{
					displayName: 'End Date',
					name: 'endDate',
					type: 'dateTime',
					default: '',
					description: 'Last day of the range, included (sent as YYYY-MM-DD). Defaults to today (UTC).',
				},
			],
			read: (p) => {
				const endRaw = p.str('endDate');
				const startRaw = p.str('startDate');
				const endDate = endRaw === '' ? today() : dayOf(p, 'endDate', endRaw);
				const startDate = startRaw === '' ? daysBefore(endDate, DEFAULT_DAYS) : dayOf(p, 'startDate', startRaw);
				if (startDate > endDate) p.fail('startDate', `must not be after End Date (${startDate} > ${endDate})`);
				return { startDate, endDate };
			},
			output: (answer) => unwrap(answer, 'data', 'pipeline'),
		}),
	],
};
