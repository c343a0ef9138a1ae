/**
 * §3.7 Webhook workbench — GET/POST /api/webhook-workbench, plus the inbound endpoint the returned
 * `webhookUrl` points at: POST /api/webhooks/inbound/:id?key=<secret> (stores the event so tests
 * can assert what reached LeadGenius; never faulted, no auth besides the key).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_PLATFORMS } from '../catalog';
import { ApiError, invalidFormat, notFound } from '../errors';
import { created, ok, tenant, type ApiRequest, type RouteDef } from '../http';
import type { SandboxStore } from '../store';
import type { Webhook } from '../types';
import { bodyObject, optString, qString } from '../validate';

export function webhookUrl(store: SandboxStore, origin: string, id: string): string {
	return `${origin}/api/webhooks/inbound/${id}?key=${store.webhookSecret(id) ?? ''}`;
}

const view = (store: SandboxStore, req: ApiRequest, w: Webhook) => ({ ...w, webhookUrl: webhookUrl(store, req.origin, w.id) });

const createSchema = {
	type: 'object',
	required: ['name', 'platform'],
	properties: {
		name: { type: 'string', minLength: 1 },
		platform: { type: 'string', minLength: 1 },
		description: { type: 'string' },
		platformConfig: { type: ['string', 'object'] },
		client_id: { type: 'string' },
	},
};

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export const webhookRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/webhook-workbench',
		auth: 'user',
		handler: (req, { store }) => {
			const { companyId } = tenant(req);
			const clientId = qString(req.query, 'client_id');
			const platform = qString(req.query, 'platform');
			const webhooks = store
				.webhooksOf(companyId)
				.filter((w) => (clientId === undefined || w.client_id === clientId) && (platform === undefined || w.platform === platform))
				.map((w) => view(store, req, w));
			return ok({ success: true, webhooks });
		},
	},
	{
		method: 'POST',
		path: '/api/webhook-workbench',
		auth: 'user',
		body: createSchema,
		handler: (req, { store }) => {
			const { companyId, userId } = tenant(req);
			const b = bodyObject(req.body);
			const platform = b.platform as string;
			if (!WEBHOOK_PLATFORMS.includes(platform)) {
				throw new ApiError('invalid_value', `Unknown platform '${platform}'`, { details: `Allowed: ${WEBHOOK_PLATFORMS.join(', ')}` });
			}
			let platformConfig: string | undefined;
			if (typeof b.platformConfig === 'string') {
				try {
					JSON.parse(b.platformConfig);
				} catch {
					throw invalidFormat('platformConfig is not valid JSON');
				}
				platformConfig = b.platformConfig;
			} else if (b.platformConfig && typeof b.platformConfig === 'object') {
				platformConfig = JSON.stringify(b.platformConfig); // stored as a string (§5 A21)
			}
			const clientId = optString(b, 'client_id');
			if (clientId !== undefined && !store.clientBySlug(companyId, clientId)) throw notFound(`Client '${clientId}'`);
			const now = new Date().toISOString();
			const w: Webhook = {
				id: randomUUID(),
				name: b.name as string,
				platform,
				owner: userId,
				company_id: companyId,
				isActive: true,
				eventCount: 0,
				lastEventAt: null,
				createdAt: now,
				updatedAt: now,
			};
			const description = optString(b, 'description');
			if (description !== undefined) w.description = description;
			if (platformConfig !== undefined) w.platformConfig = platformConfig;
			if (clientId !== undefined) w.client_id = clientId;
			store.webhooks.insert(w, store.nextSeq());
			store.webhookSecrets.set(w.id, randomBytes(16).toString('hex'));
			return created({ success: true, webhook: view(store, req, w) });
		},
	},
	{
		method: 'POST',
		path: '/api/webhooks/inbound/:id',
		auth: 'none',
		handler: (req, { store }) => {
			const w = store.getWebhook(req.params.id);
			if (!w) throw notFound('Webhook');
			const key = qString(req.query, 'key') ?? (req.headers['x-webhook-key'] as string | undefined);
			const secret = store.webhookSecret(w.id) ?? '';
			if (!key || !sameSecret(key, secret)) {
				throw new ApiError('no_valid_credentials', 'Invalid webhook key', { recommendation: 'Use the webhookUrl exactly as returned by the webhook workbench.' });
			}
			if (!w.isActive) throw new ApiError('conflict', 'Webhook is inactive');
			const now = new Date().toISOString();
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
			const event = {
				id: randomUUID(),
				webhookId: w.id,
				platform: w.platform,
				company_id: w.company_id,
				client_id: w.client_id,
				receivedAt: now,
				contentType: headers['content-type'],
				headers,
				query: { ...req.query },
				body: req.body,
			};
			store.events.push(event);
			w.eventCount++;
			w.lastEventAt = now;
			return ok({ success: true, received: true, eventId: event.id, webhookId: w.id });
		},
	},
];
