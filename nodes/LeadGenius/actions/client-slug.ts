import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { LeadGeniusClient } from '../transport/client';
import type { Hints } from './types';

/**
 * The invisible-lead guard. LeadGenius files a lead under whatever `client_id` it is given: a lead
 * written with the client's record ID (a UUID) instead of its `client_id` slug is stored but never
 * shown in the app, nor listed by slug. Every lead operation therefore resolves the client it was
 * given — once per execution and value — and sends the slug: a record ID becomes its client's slug
 * (said in an execution hint), and a value that is neither stops the item before anything is sent.
 */
const resolved = new WeakMap<LeadGeniusClient, Map<string, Promise<string>>>();

export async function leadClientSlug(
	api: LeadGeniusClient,
	value: string,
	itemIndex: number,
	fn?: Hints,
): Promise<string> {
	let cache = resolved.get(api);
	if (!cache) resolved.set(api, (cache = new Map()));
	let slug = cache.get(value);
	if (!slug) {
		slug = lookUp(api, value, itemIndex, fn);
		cache.set(value, slug);
		slug.catch(() => cache!.delete(value));
	}
	return await slug;
}

/**
 * The client whose slug or record ID is `value` (`GET /api/clients?clientId=` matches a record ID
 * first, then a slug; an empty list when neither).
 */
export async function findClient(
	api: LeadGeniusClient,
	value: string,
	itemIndex: number,
): Promise<{ bySlug?: IDataObject; byId?: IDataObject }> {
	const answer = await api.request<IDataObject>({ method: 'GET', path: '/api/clients', qs: { clientId: value }, itemIndex });
	const clients = (Array.isArray(answer?.clients) ? answer.clients : []) as IDataObject[];
	return { bySlug: clients.find((c) => c.client_id === value), byId: clients.find((c) => c.id === value) };
}

async function lookUp(
	api: LeadGeniusClient,
	value: string,
	itemIndex: number,
	fn?: Hints,
): Promise<string> {
	const { bySlug, byId } = await findClient(api, value, itemIndex);
	const client = bySlug ?? byId;
	if (!client || typeof client.client_id !== 'string' || client.client_id === '') {
		throw new NodeOperationError(
			api.node,
			`Client "${value}" is neither the client_id slug nor the record ID of one of your clients [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Pick the client from the list, or give its client_id slug (Client → Get Many shows both). Nothing was sent: a lead written under an unknown client would be stored where the LeadGenius app never shows it.',
			},
		);
	}
	if (!bySlug) {
		fn?.addExecutionHints?.({
			message: `Client "${value}" is the record ID of client "${client.client_id}": its leads were written and read under the slug "${client.client_id}", as LeadGenius needs.`,
			location: 'outputPane',
		});
	}
	return client.client_id;
}
