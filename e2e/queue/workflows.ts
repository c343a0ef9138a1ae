/**
 * The queue-mode suite's workflows. The trigger workflow is the pattern README / docs/trigger.md show
 * for queue mode: LeadGenius Trigger → Redis INCR `leadgenius:event:<eventId>` (the Redis every queue-mode
 * process already shares; INCR is atomic, so one delivery gets 1 and every replay more) → IF = 1 →
 * LeadGenius Create Lead.
 */
import { chain, lg, LEADGENIUS_TRIGGER, rl, summaryNode, webhookNode } from '../workflows';

type Cred = { id: string; name: string };

export const QUEUE_IDS = {
	trigger: 'e2eQueueTrigger1',
	bulk: 'e2eQueueBulkList',
};

export const QUEUE_WEBHOOK_IDS = {
	trigger: '7d1c6f0e-3b7a-4c55-9f3e-5a1b2c3d0001',
	bulk: '7d1c6f0e-3b7a-4c55-9f3e-5a1b2c3d0002',
};

export const QUEUE_BULK_PATH = 'e2e-queue-bulk';
export const QUEUE_TRIGGER_SECRET = 'e2e-queue-signing-secret-42';

/** The trigger's event, read from the nodes after the Redis node (which outputs its count instead). */
const EVENT = "$('LeadGenius Trigger').item.json";

export function dedupTriggerWorkflow(cred: Cred, redisCred: Cred, clientId: string) {
	const nodes = [
		{
			id: 'q-trigger',
			name: 'LeadGenius Trigger',
			type: LEADGENIUS_TRIGGER,
			typeVersion: 1,
			position: [0, 0],
			webhookId: QUEUE_WEBHOOK_IDS.trigger,
			parameters: {
				source: 'generic',
				genericEvents: ['*'],
				verification: 'hmacSha256',
				secretSource: 'parameter',
				secret: QUEUE_TRIGGER_SECRET,
				signatureHeaderName: 'x-leadgenius-signature',
				signatureEncoding: 'hex',
				timestampHeaderName: 'x-leadgenius-timestamp',
			},
		},
		{
			id: 'q-claim',
			name: 'Claim event',
			type: 'n8n-nodes-base.redis',
			typeVersion: 1,
			position: [200, 0],
			credentials: { redis: redisCred },
			// INCR is atomic in Redis: exactly one delivery of an eventId, in any process, gets 1.
			parameters: { operation: 'incr', key: '=leadgenius:event:{{ $json.eventId }}', expire: true, ttl: 86400 },
		},
		{
			id: 'q-first',
			name: 'First delivery?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2,
			position: [400, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
					conditions: [
						{
							id: 'first-delivery',
							leftValue: `={{ $json['leadgenius:event:' + ${EVENT}.eventId] }}`,
							rightValue: 1,
							operator: { type: 'number', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		lg('Create Lead', 600, cred, {
			resource: 'lead',
			operation: 'create',
			clientId: rl(clientId),
			firstName: `={{ ${EVENT}.lead.firstName }}`,
			lastName: `={{ ${EVENT}.lead.lastName }}`,
			email: `={{ ${EVENT}.lead.email }}`,
			additionalFields: { companyName: `={{ ${EVENT}.lead.companyName }}`, status: `={{ ${EVENT}.event }}` },
		}),
	];
	return {
		id: QUEUE_IDS.trigger,
		name: 'E2E queue: signed events → refuse replays → create lead',
		nodes,
		// IF's true output (0) only: a replay ends at "First delivery?".
		connections: chain(nodes.map((n) => n.name)),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** POST /webhook/e2e-queue-bulk → Enriched Lead → Get Many (Return All) → one item with every id. */
export function bulkExtractionWorkflow(cred: Cred) {
	const nodes = [
		webhookNode(QUEUE_BULK_PATH, QUEUE_WEBHOOK_IDS.bulk),
		lg('Get Many', 200, cred, { resource: 'enrichedLead', operation: 'getAll', fields: ['client_id', 'email'], returnAll: true, options: {} }),
		summaryNode('Ids', 400, "{ ids: $('Get Many').all().map(i => i.json.id) }"),
	];
	return {
		id: QUEUE_IDS.bulk,
		name: 'E2E queue: bulk extraction on a worker',
		nodes,
		connections: chain(nodes.map((n) => n.name)),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
