import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { clientLocator, required } from '../fields';
import type { Params } from '../params';
import { leadFieldsFrom } from './fields';

/** Parameters of a new lead (Create and Create Many share them). */
export function newLeadProperties(): INodeProperties[] {
	return [
		clientLocator(),
		required('firstName', 'First Name', { description: 'First name of the lead (LeadGenius needs it on every lead)' }),
		required('lastName', 'Last Name', { description: 'LeadGenius rejects "." as a last name; use "-" when unknown' }),
		required('email', 'Email', {
			placeholder: 'name@email.com',
			description: 'Email address of the lead (checked before sending). A client holds one lead per address.',
		}),
	];
}

/** The lead as the API wants it: client slug, names, email, additional fields without empty strings. */
export function leadBody(p: Params): IDataObject {
	const lastName = p.str('lastName', { required: true });
	if (lastName === '.') p.fail('lastName', 'cannot be "." (LeadGenius rejects it); use "-" when unknown');
	return {
		client_id: p.locator('clientId'),
		firstName: p.str('firstName', { required: true }),
		lastName,
		email: p.email('email', { required: true }),
		...leadFieldsFrom(p, 'additionalFields'),
	};
}
