import { maintenanceResource } from './maintenance';

export const bugReport = maintenanceResource({
	value: 'bugReport',
	name: 'Bug Report',
	description: 'Bugs reported to the LeadGenius team',
	plural: 'bugs',
	singular: 'bug',
	noun: 'bug report',
	placeholder: 'Enrichment stays queued for leads without a company domain',
	describe: 'What went wrong: what you did, what you expected and what happened instead',
});
