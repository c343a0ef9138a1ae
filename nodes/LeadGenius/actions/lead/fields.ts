import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { SIMPLE_FIELDS } from '../catalog';
import { bool, collection, text } from '../fields';
import { isEmail } from '../params';
import type { Params } from '../params';

/** Lead fields offered by name (the API stores any other field passed under Custom Fields). */
export const leadFieldProperties: INodeProperties[] = [
	text('fullName', 'Full Name', {
		description: 'The whole name in one field, as the source gives it (First Name and Last Name hold the parts)',
	}),
	text('contactName', 'Contact Name', {
		description: 'Name of the contact person as LeadGenius shows it (its own contactName field, next to Full Name)',
	}),
	text('companyName', 'Company Name', { placeholder: 'Acme Inc', description: 'Name of the company the lead works for' }),
	text('companyDomain', 'Company Domain', { placeholder: 'acme.com', description: 'Bare domain of the lead\'s company' }),
	text('companyUrl', 'Company URL', { placeholder: 'https://acme.com', description: 'Website URL of the lead\'s company' }),
	text('title', 'Job Title', { placeholder: 'Head of Sales', description: 'The lead\'s position at the company' }),
	text('linkedinUrl', 'LinkedIn URL', {
		placeholder: 'https://www.linkedin.com/in/…',
		description: 'LinkedIn profile URL of the lead; Find and Create or Update can look leads up by it',
	}),
	text('phoneNumber', 'Phone Number', { description: 'Sent as phoneNumber (LeadGenius rejects a field named phone)' }),
	text('notes', 'Notes', { typeOptions: { rows: 3 }, description: 'Free-text notes about the lead' }),
	text('status', 'Status', {
		placeholder: 'contacted',
		description: 'Pipeline stage of the lead, free text such as new, contacted or qualified (Analytics counts leads by it)',
	}),
	text('industry', 'Industry', { placeholder: 'Software', description: 'Industry of the lead\'s company' }),
	text('country', 'Country', { description: 'Country where the lead is based' }),
	text('city', 'City', { description: 'City where the lead is based' }),
];

/** The Custom Fields list: any lead field by name (shared with Enriched Lead → Update). */
export function customFieldsProperty(example: string, description: string): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description,
		options: [{ displayName: 'Field', name: 'field', values: customFieldValues(example) }],
	};
}

const customFields = customFieldsProperty('aiLeadScore', 'Any other lead field, e.g. aiLeadScore or enrichment1');

/** Name + Value of one custom field. */
function customFieldValues(example: string): INodeProperties[] {
	return [
		text('name', 'Name', {
			placeholder: example,
			description: 'The lead field to set, spelled as LeadGenius stores it (case-sensitive)',
		}),
		text('value', 'Value', { description: 'What to store in the field; a field with an empty value is left out' }),
	];
}

export function additionalLeadFields(name = 'additionalFields', displayName = 'Additional Fields') {
	return collection(name, displayName, [...leadFieldProperties, customFields]);
}

export function updateLeadFields() {
	return collection('updateFields', 'Update Fields', [
		text('firstName', 'First Name', { description: 'New first name of the lead' }),
		text('lastName', 'Last Name', { description: 'New last name of the lead. LeadGenius rejects "." as a last name; use "-" when unknown.' }),
		text('email', 'Email', { placeholder: 'name@email.com', description: 'New email address of the lead (checked before sending)' }),
		...leadFieldProperties,
		customFields,
	]);
}

/** Why a last name of "." is refused, however it is filled in (LeadGenius answers it with a 500). */
export const LAST_NAME_DOT = 'cannot be "." (LeadGenius rejects it); use "-" when unknown';

/** A collection of lead fields as the API wants them: no empty strings, custom fields flattened. */
export function leadFieldsFrom(p: Params, name: string): IDataObject {
	const fields = p.collection(name);
	const custom = (fields.customFields as IDataObject | undefined)?.field as IDataObject[] | undefined;
	delete fields.customFields;
	for (const entry of custom ?? []) {
		const key = String(entry.name ?? '').trim();
		const value = entry.value;
		if (key === '') p.fail(`${name}.customFields`, 'has a custom field without a name');
		if (key === 'phone') p.fail(`${name}.customFields`, 'uses "phone": LeadGenius only accepts phoneNumber');
		if (value === undefined || value === null || String(value).trim() === '') continue;
		fields[key] = value;
	}
	if (typeof fields.email === 'string' && fields.email !== '' && !isEmail(fields.email)) {
		p.fail(`${name}.email`, `is not a valid email address (got "${fields.email}")`);
	}
	if (typeof fields.lastName === 'string' && fields.lastName.trim() === '.') p.fail(`${name}.lastName`, LAST_NAME_DOT);
	return fields;
}

export function simplifyLead(lead: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of SIMPLE_FIELDS) if (lead[key] !== undefined) out[key] = lead[key];
	return out;
}

export const simplifyProperty = bool('simplify', 'Simplify', true, {
	description: 'Whether to return a compact set of the most used lead fields instead of every stored field',
});

/** Whether Simplify is on (read in phase one). */
export function readSimplify(p: Params): boolean {
	return p.bool('simplify', true);
}

export function maybeSimplify(lead: IDataObject, simplify: boolean): IDataObject {
	return simplify ? simplifyLead(lead) : lead;
}
