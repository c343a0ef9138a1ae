import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { clientLocator, required } from '../fields';
import type { Params } from '../params';
import { LAST_NAME_DOT, leadFieldsFrom } from './fields';

/** Fields every new lead needs (LeadGenius refuses a lead without them). */
export const NEW_LEAD_REQUIRED = ['firstName', 'lastName', 'email'];


/** First name, last name and e-mail of a new lead. */
export function newLeadFieldProperties(): INodeProperties[] {
	return [
		required('firstName', 'First Name', { description: 'First name of the lead (LeadGenius needs it on every lead)' }),
		required('lastName', 'Last Name', { description: 'LeadGenius rejects "." as a last name; use "-" when unknown' }),
		required('email', 'Email', {
			placeholder: 'name@email.com',
			description: 'Email address of the lead (checked before sending). A client holds one lead per address.',
		}),
	];
}

/** Parameters of a new lead (Create and Create Many share them). */
export function newLeadProperties(): INodeProperties[] {
	return [clientLocator(), ...newLeadFieldProperties()];
}

/** The lead as the API wants it: client slug, names, email, additional fields without empty strings. */
export function leadBody(p: Params): IDataObject {
	const lastName = p.str('lastName', { required: true });
	if (lastName === '.') p.fail('lastName', LAST_NAME_DOT);
	return {
		client_id: p.locator('clientId'),
		firstName: p.str('firstName', { required: true }),
		lastName,
		email: p.email('email', { required: true }),
		...leadFieldsFrom(p, 'additionalFields'),
	};
}
