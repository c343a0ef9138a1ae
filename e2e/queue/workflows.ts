/**
 * The queue-mode suite's workflows. The trigger workflow is examples/queue-mode-replay-safe-leads.json,
 * the pattern README / docs/trigger.md show for queue mode: LeadGenius Trigger → Redis INCR
 * `leadgenius:event:<eventId>` (the Redis every queue-mode process already shares; INCR is atomic, so
 * one delivery gets 1 and every replay more) → If = 1 → LeadGenius Create Lead.
 */
import { lg, linearWorkflow, summaryNode, webhookNode } from '../workflows';

type Cred = { id: string; name: string };

export const QUEUE_IDS = {
	bulk: 'e2eQueueBulkList',
};

export const QUEUE_WEBHOOK_IDS = {
	bulk: '7d1c6f0e-3b7a-4c55-9f3e-5a1b2c3d0002',
};

export const QUEUE_BULK_PATH = 'e2e-queue-bulk';


/** The example the suite runs as the trigger workflow, and the ids it refers to. */
export const REPLAY_SAFE_EXAMPLE = 'lgExQueueReplaySafe';
export const REDIS_CREDENTIAL = { id: 'lgQueueRedis0001', name: 'Queue-mode Redis' };

/** POST /webhook/e2e-queue-bulk → Enriched Lead → Get Many (Return All) → one item with every id. */
export function bulkExtractionWorkflow(cred: Cred) {
	const nodes = [
		webhookNode(QUEUE_BULK_PATH, QUEUE_WEBHOOK_IDS.bulk),
		lg('Get Many', 200, cred, { resource: 'enrichedLead', operation: 'getAll', fields: ['client_id', 'email'], returnAll: true, options: {} }),
		summaryNode('Ids', 400, "{ ids: $('Get Many').all().map(i => i.json.id) }"),
	];
	return linearWorkflow(QUEUE_IDS.bulk, 'E2E queue: bulk extraction on a worker', nodes);
}
