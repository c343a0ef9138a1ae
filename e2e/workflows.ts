/**
 * Workflows only the e2e suite imports (the user-facing ones live in examples/). Node type names
 * are the community-package ones: `n8n-nodes-leadgenius.<node>`.
 */
const PKG = 'n8n-nodes-leadgenius';
export const LEADGENIUS = `${PKG}.leadGenius`;
export const LEADGENIUS_TRIGGER = `${PKG}.leadGeniusTrigger`;

export const E2E_IDS = {
	crud: 'e2eCrudWorkflow1',
	tokenTtl: 'e2eTokenTtlFlow1',
	trigger: 'e2eTriggerFlow01',
	ttlCredential: 'e2eTtlPassword01',
	version2: 'e2eNodeVersion02',
};

export const WEBHOOK_PATHS = {
	crud: 'e2e-crud',
	tokenTtl: 'e2e-token-ttl',
	version2: 'e2e-version-2',
};

/** Fixed webhookIds: the trigger's production URL is /webhook/<webhookId>/webhook. */
export const WEBHOOK_IDS = {
	crud: '0c2a3e52-6a55-4f0b-9d2e-7a1b5e2c0001',
	tokenTtl: '0c2a3e52-6a55-4f0b-9d2e-7a1b5e2c0002',
	trigger: '0c2a3e52-6a55-4f0b-9d2e-7a1b5e2c0003',
	version2: '0c2a3e52-6a55-4f0b-9d2e-7a1b5e2c0004',
};

export const TRIGGER_SECRET = 'e2e-signing-secret-0123456789';

type Cred = { id: string; name: string };
type Node = {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, Cred>;
	webhookId?: string;
	executeOnce?: boolean;
};

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Connections that run the named nodes one after another. */
export function chain(names: string[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

/** An inactive workflow that runs `nodes` one after another (activated by the suite where it needs to be). */
export function linearWorkflow(id: string, name: string, nodes: Node[]) {
	return { id, name, nodes, connections: chain(nodes.map((n) => n.name)), settings: { executionOrder: 'v1' }, active: false };
}

/** A LeadGenius node at x, with the given credential and parameters. */
export function lg(name: string, x: number, cred: Cred, parameters: Record<string, unknown>, extra: Partial<Node> = {}): Node {
	return {
		id: `n-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: LEADGENIUS,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		credentials: { leadGeniusApi: cred },
		...extra,
	};
}

/** A Webhook trigger (POST) that answers when the last node has finished. */
export function webhookNode(path: string, webhookId: string): Node {
	return {
		id: 'n-webhook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
	};
}

/** A Set node that outputs one item built by a JSON expression (runs once). */
export function summaryNode(name: string, x: number, jsonExpression: string): Node {
	return {
		id: `n-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [x, 0],
		executeOnce: true,
		parameters: { mode: 'raw', jsonOutput: `={{ JSON.stringify(${jsonExpression}) }}`, options: {} },
	};
}

/**
 * POST /webhook/e2e-crud { clientName, lead: { firstName, lastName, email, companyName }, title }
 * → Client create → Lead create → get → update → list → delete → Client update → get → list,
 * answered with one JSON summary.
 */
export function crudWorkflow(cred: Cred) {
	const body = "$('Webhook').first().json.body";
	const nodes: Node[] = [
		webhookNode(WEBHOOK_PATHS.crud, WEBHOOK_IDS.crud),
		lg('Create Client', 200, cred, {
			resource: 'client',
			operation: 'create',
			clientName: `={{ ${body}.clientName }}`,
			additionalFields: { description: 'created by the e2e suite' },
		}),
		lg('Create Lead', 400, cred, {
			resource: 'lead',
			operation: 'create',
			clientId: rl('={{ $json.client_id }}'),
			firstName: `={{ ${body}.lead.firstName }}`,
			lastName: `={{ ${body}.lead.lastName }}`,
			email: `={{ ${body}.lead.email }}`,
			additionalFields: { companyName: `={{ ${body}.lead.companyName }}` },
		}),
		lg('Get Lead', 600, cred, { resource: 'lead', operation: 'get', leadId: '={{ $json.id }}', simplify: false }),
		lg('Update Lead', 800, cred, {
			resource: 'lead',
			operation: 'update',
			leadId: '={{ $json.id }}',
			updateFields: { title: `={{ ${body}.title }}` },
		}),
		lg('List Leads', 1000, cred, {
			resource: 'lead',
			operation: 'getAll',
			clientId: rl("={{ $('Create Client').first().json.client_id }}"),
			returnAll: true,
		}),
		lg(
			'Delete Lead',
			1200,
			cred,
			{ resource: 'lead', operation: 'delete', leadId: "={{ $('Create Lead').first().json.id }}" },
			{ executeOnce: true },
		),
		lg('Update Client', 1400, cred, {
			resource: 'client',
			operation: 'update',
			clientRecordId: rl("={{ $('Create Client').first().json.id }}"),
			updateFields: { description: 'updated by the e2e suite' },
		}),
		lg('Get Client', 1600, cred, {
			resource: 'client',
			operation: 'get',
			clientRecordId: rl("={{ $('Create Client').first().json.id }}"),
		}),
		lg('List Clients', 1800, cred, { resource: 'client', operation: 'getAll', returnAll: true }),
		summaryNode(
			'Summary',
			2000,
			`{
				createdClient: $('Create Client').first().json,
				createdLead: $('Create Lead').first().json,
				fetchedLead: $('Get Lead').first().json,
				updatedLead: $('Update Lead').first().json,
				listedLeads: $('List Leads').all().map(i => i.json),
				deletedLead: $('Delete Lead').first().json,
				updatedClient: $('Update Client').first().json,
				fetchedClient: $('Get Client').first().json,
				clientCount: $('List Clients').all().length
			}`,
		),
	];
	return linearWorkflow(E2E_IDS.crud, 'E2E: Client and Lead CRUD over a webhook', nodes);
}

/**
 * Node version 2 in real n8n: POST /webhook/e2e-version-2 { clientId, leads: [{ firstName, lastName, email }] }
 * → Split Out → Create Many with Lead Fields (the resource mapper) on Map Automatically → Lead → Get
 * with the lead picker By ID → one JSON summary.
 */
export function version2Workflow(cred: Cred) {
	const v2 = { typeVersion: 2 };
	const nodes: Node[] = [
		webhookNode(WEBHOOK_PATHS.version2, WEBHOOK_IDS.version2),
		{
			id: 'n-split-leads',
			name: 'Split Leads',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.leads', options: {} },
		},
		lg(
			'Create Many',
			400,
			cred,
			{
				resource: 'lead',
				operation: 'createMany',
				clientId: rl("={{ $('Webhook').first().json.body.clientId }}"),
				leadFields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
			},
			v2,
		),
		lg('Get Lead', 600, cred, { resource: 'lead', operation: 'get', leadId: rl('={{ $json.id }}'), simplify: false }, v2),
		summaryNode('Summary', 800, `{ created: $('Create Many').all().map(i => i.json), fetched: $('Get Lead').all().map(i => i.json) }`),
	];
	return linearWorkflow(E2E_IDS.version2, 'E2E: node version 2 (Lead Fields mapper, lead picker)', nodes);
}

/**
 * POST /webhook/e2e-token-ttl { clientId } → list 5 leads → wait 6 s → get each → wait 6 s →
 * update each → summary. With a 5-second token lifetime every leg needs a fresh login.
 */
export function tokenTtlWorkflow(cred: Cred) {
	const wait = (name: string, x: number): Node => ({
		id: `n-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
		name,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [x, 0],
		webhookId: `${WEBHOOK_IDS.tokenTtl.slice(0, -4)}${name === 'Wait 1' ? '1001' : '1002'}`,
		parameters: { resume: 'timeInterval', amount: 6, unit: 'seconds' },
	});
	const nodes: Node[] = [
		webhookNode(WEBHOOK_PATHS.tokenTtl, WEBHOOK_IDS.tokenTtl),
		lg('List Leads', 200, cred, {
			resource: 'lead',
			operation: 'getAll',
			clientId: rl("={{ $('Webhook').first().json.body.clientId }}"),
			returnAll: false,
			limit: 5,
		}),
		wait('Wait 1', 400),
		lg('Get Lead', 600, cred, { resource: 'lead', operation: 'get', leadId: '={{ $json.id }}' }),
		wait('Wait 2', 800),
		lg('Update Lead', 1000, cred, {
			resource: 'lead',
			operation: 'update',
			leadId: '={{ $json.id }}',
			updateFields: { notes: 'touched by the token-lifetime e2e test' },
		}),
		summaryNode(
			'Summary',
			1200,
			`{
				listed: $('List Leads').all().length,
				fetched: $('Get Lead').all().map(i => i.json),
				updated: $('Update Lead').all().map(i => i.json),
				finishedAt: Date.now()
			}`,
		),
	];
	return linearWorkflow(E2E_IDS.tokenTtl, 'E2E: Email & Password credential across token expiry', nodes);
}

/** LeadGenius Trigger (generic, HMAC-SHA256 + timestamp) → Lead create in the given client. */
export function triggerWorkflow(cred: Cred, clientId: string) {
	const nodes: Node[] = [
		{
			id: 'n-trigger',
			name: 'LeadGenius Trigger',
			type: LEADGENIUS_TRIGGER,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_IDS.trigger,
			parameters: {
				source: 'generic',
				genericEvents: ['*'],
				verification: 'hmacSha256',
				secretSource: 'parameter',
				secret: TRIGGER_SECRET,
				signatureHeaderName: 'x-leadgenius-signature',
				signatureEncoding: 'hex',
				timestampHeaderName: 'x-leadgenius-timestamp',
			},
		},
		lg('Create Lead', 200, cred, {
			resource: 'lead',
			operation: 'create',
			clientId: rl(clientId),
			firstName: '={{ $json.lead.firstName }}',
			lastName: '={{ $json.lead.lastName }}',
			email: '={{ $json.lead.email }}',
			additionalFields: { companyName: '={{ $json.lead.companyName }}', status: '={{ $json.event }}' },
		}),
	];
	return linearWorkflow(E2E_IDS.trigger, 'E2E: LeadGenius Trigger creates a lead', nodes);
}
