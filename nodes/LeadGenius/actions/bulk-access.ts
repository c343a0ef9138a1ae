import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { LeadGeniusClient } from '../transport/client';

/**
 * What the bulk routes (§3.4) ask of a caller beyond the transport: an API-key credential, and the
 * caller's company id (GET /api/company), looked up once per execution.
 */

/** Bulk routes only accept API keys: say so before sending anything. */
export function requireApiKey(api: LeadGeniusClient, operationLabel: string, itemIndex: number): void {
	if (api.authMode === 'apiKey') return;
	throw new NodeOperationError(
		api.node,
		`${operationLabel} needs a LeadGenius API key: the credential uses ${
			api.authMode === 'password' ? 'Email & Password' : 'an Access Token'
		}`,
		{
			itemIndex,
			description:
				'LeadGenius serves bulk extraction only to API keys. Create one (API Key → Create), then set the credential\'s Authentication to "API Key" with that key and your user ID.',
		},
	);
}

/** One look-up per execution: a client lives for one execution, and so does its entry here. */
const companyIds = new WeakMap<LeadGeniusClient, Promise<string>>();

/**
 * The caller's company id, looked up once per execution (GET /api/company) and shared by every
 * item and page that needs it. A failed look-up is forgotten, so a later item asks again.
 */
export function companyIdOf(api: LeadGeniusClient, itemIndex: number): Promise<string> {
	let known = companyIds.get(api);
	if (!known) {
		known = api.request<IDataObject>({ method: 'GET', path: '/api/company', itemIndex }).then((answer) => {
			const company = (answer.company ?? answer) as IDataObject;
			const id = company.id ?? company.company_id;
			if (typeof id !== 'string' || id === '') {
				throw new NodeOperationError(api.node, 'Could not find your LeadGenius company ID', {
					itemIndex,
					description: 'Set the Company ID parameter explicitly.',
				});
			}
			return id;
		});
		companyIds.set(api, known);
		known.catch(() => companyIds.delete(api));
	}
	return known;
}
