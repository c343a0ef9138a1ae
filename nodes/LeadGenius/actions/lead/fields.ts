import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { bool, collection, text } from '../fields';
import type { Params } from '../params';

/** Lead fields offered by name (the API stores any other field passed under Custom Fields). */
export const leadFieldProperties: INodeProperties[] = [
	text('fullName', 'Full Name'),
	text('contactName', 'Contact Name'),
	text('companyName', 'Company Name'),
	text('companyDomain', 'Company Domain', { placeholder: 'acme.com', description: 'Bare domain of the lead\'s company' }),
	text('companyUrl', 'Company URL', { placeholder: 'https://acme.com', description: 'Website URL of the lead\'s company' }),
	text('title', 'Job Title'),
	text('linkedinUrl', 'LinkedIn URL', { placeholder: 'https://www.linkedin.com/in/…' }),
	text('phoneNumber', 'Phone Number', { description: 'Sent as phoneNumber (LeadGenius rejects a field named phone)' }),
	text('notes', 'Notes', { typeOptions: { rows: 3 } }),
	text('status', 'Status'),
	text('industry', 'Industry'),
	text('country', 'Country'),
	text('city', 'City'),
];

const customFields: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: 'Any other lead field, e.g. aiLeadScore or enrichment1',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				text('name', 'Name', { placeholder: 'aiLeadScore' }),
				text('value', 'Value'),
			],
		},
	],
};

export function additionalLeadFields(name = 'additionalFields', displayName = 'Additional Fields') {
	return collection(name, displayName, [...leadFieldProperties, customFields]);
}

export function updateLeadFields() {
	return collection('updateFields', 'Update Fields', [
		text('firstName', 'First Name'),
		text('lastName', 'Last Name'),
		text('email', 'Email', { placeholder: 'name@email.com' }),
		...leadFieldProperties,
		customFields,
	]);
}

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
	if (typeof fields.email === 'string' && fields.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) {
		p.fail(`${name}.email`, `is not a valid email address (got "${fields.email}")`);
	}
	return fields;
}

/** Fields a person looks at; the rest stays one toggle away (Simplify off). */
const SIMPLE_FIELDS = [
	'id',
	'client_id',
	'firstName',
	'lastName',
	'fullName',
	'email',
	'title',
	'companyName',
	'companyDomain',
	'linkedinUrl',
	'phoneNumber',
	'status',
	'aiLeadScore',
	'createdAt',
	'updatedAt',
];

export function simplifyLead(lead: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of SIMPLE_FIELDS) if (lead[key] !== undefined) out[key] = lead[key];
	return out;
}

export const simplifyProperty = bool('simplify', 'Simplify', true, {
	description: 'Whether to return a compact set of the most used lead fields instead of every stored field',
});

export function maybeSimplify(lead: IDataObject, p: Params): IDataObject {
	return p.bool('simplify', true) ? simplifyLead(lead) : lead;
}
