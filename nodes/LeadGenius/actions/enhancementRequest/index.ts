import { maintenanceResource } from '../bugReport/maintenance';

export const enhancementRequest = maintenanceResource({
	value: 'enhancementRequest',
	name: 'Enhancement Request',
	description: 'Feature requests sent to the LeadGenius team',
	plural: 'enhancements',
	singular: 'enhancement',
	noun: 'enhancement request',
	placeholder: 'Export campaigns as CSV',
	describe: 'What you would like LeadGenius to do, and what it would help you with',
});
