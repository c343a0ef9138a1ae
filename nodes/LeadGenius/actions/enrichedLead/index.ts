import { requestOperation, unwrap } from '../builders';
import { bulkListOperation } from '../bulk';
import { AI_FIELDS, ENRICHED_LEAD_FIELDS, ENRICHMENT_FIELDS, MESSAGE_FIELDS } from '../catalog';
import { collection, required, text } from '../fields';
import { customFieldsProperty, leadFieldsFrom } from '../lead/fields';
import { leadIdProperties, readLeadId } from '../lead/locator';
import type { Resource } from '../types';

const leadId = leadIdProperties(required('leadId', 'Lead ID', { description: 'The lead record ID' }));

const leadPath = (id: string) => `/api/enrich-leads/${encodeURIComponent(id)}`;

const LONG_TEXT = new Set(['aiColdEmail', 'aiCompetitorAnalysis', ...MESSAGE_FIELDS.map(([v]) => v), ...ENRICHMENT_FIELDS.map(([v]) => v)]);

/** AI and enrichment fields by name, then Notes and Custom Fields for anything else. */
const updateFields = collection('updateFields', 'Update Fields', [
	...[...AI_FIELDS, ...MESSAGE_FIELDS, ...ENRICHMENT_FIELDS].map(([value, name, description]) =>
		text(value, name, { description, ...(LONG_TEXT.has(value) ? { typeOptions: { rows: 3 } } : {}) }),
	),
	text('notes', 'Notes', { typeOptions: { rows: 3 }, description: 'Free text; Markdown is shown in the LeadGenius UI' }),
	customFieldsProperty('aiScoreValue', 'Any other lead field, e.g. aiScoreValue or engagementScore'),
]);

export const enrichedLead: Resource = {
	value: 'enrichedLead',
	name: 'Enriched Lead',
	description: 'Leads with their AI scores and enrichment data; bulk extraction of every lead',
	operations: [
		requestOperation({
			value: 'get',
			name: 'Get',
			action: 'Get an enriched lead',
			description: 'Get one lead with every stored field, AI and enrichment fields included',
			method: 'GET',
			read: (p) => readLeadId(p),
			path: (id) => leadPath(id),
			route: 'GET /api/enrich-leads/{id}',
			properties: [...leadId],
			output: (answer) => unwrap(answer, 'lead', 'data'),
		}),
		bulkListOperation({
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many enriched leads in bulk',
			description: 'Extract the leads of your company (or one client) in pages of up to 5,000; needs an API key',
			resourceName: 'Enriched Lead',
			path: '/api/enrich-leads/list',
			fieldOptions: ENRICHED_LEAD_FIELDS,
			noun: 'lead',
		}),
		requestOperation({
			value: 'update',
			name: 'Update',
			action: 'Update an enriched lead',
			description: 'Set AI scores, messages, enrichment data or any other field of a lead',
			method: 'PUT',
			read: (p) => {
				const id = readLeadId(p);
				const fields = leadFieldsFrom(p, 'updateFields');
				if (Object.keys(fields).length === 0) p.fail('updateFields', 'needs at least one field to change');
				return { id, fields };
			},
			path: ({ id }) => leadPath(id),
			route: 'PUT /api/enrich-leads/{id}',
			properties: [...leadId, updateFields],
			body: ({ fields }) => fields,
			output: (answer) => unwrap(answer, 'lead', 'data'),
		}),
	],
};
