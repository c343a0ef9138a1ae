/**
 * Real n8n-core workflow executions (WorkflowExecute) for the bench: the same engine and
 * credentials helper as test/helpers/harness.ts, but with any node types at their real
 * typeVersion (the HTTP Request node at 4.2), a source node that hands over prepared items
 * without parsing them, and the execution mode of a scheduled run ('trigger').
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IConnections,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { LeadGenius } from '../nodes/LeadGenius/LeadGenius.node';
import { executeWorkflow } from '../test/helpers/engine';
import { TestCredentialsHelper } from '../test/helpers/harness';
import { BULK_PATH, forEachBulkPage } from './bulk-pages';
import type { BulkPage } from './bulk-pages';

export const LEADGENIUS = 'n8n-nodes-leadgenius.leadGenius';
/** The least any n8n node can do for Create Many (see FloorNode). */
export const FLOOR = 'bench.createManyFloor';
export const SOURCE = 'bench.source';
export const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';
export const SPLIT_OUT = 'n8n-nodes-base.splitOut';

/** Items for the source node, by key (kept out of the node parameters: no JSON round trip). */
const prepared = new Map<string, IDataObject[]>();

export function prepareInput(key: string, items: IDataObject[]): void {
	prepared.set(key, items);
}

export function dropInput(key: string): void {
	prepared.delete(key);
}

/** First node of every bench workflow: emits the prepared items (one empty item by default). */
class SourceNode implements INodeType {
	description = {
		displayName: 'Bench Source',
		name: 'source',
		group: ['input'],
		version: 1,
		description: 'Emits prepared items',
		defaults: { name: 'Source' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const key = this.getNodeParameter('key', 0) as string;
		const items = key ? prepared.get(key) : [{}];
		if (!items) throw new Error(`No prepared input "${key}"`);
		return [items.map((json) => ({ json }))];
	}
}

/**
 * The floor for Lead → Create Many inside n8n: what any node must do and nothing more. It takes
 * the input items, sends them in chunks of `batchSize` to POST /api/leads through n8n's
 * authenticated request helper (the one a verified node must use: n8n's community-node rules allow
 * no HTTP client of its own), and returns one item per input with its pairedItem. With `verify`,
 * it then does the raw loop's verification by hand (company, one read-back, one-by-one re-sends).
 * No validation, no mapping, no error handling, no retries. Its time minus the raw loop's is n8n's
 * own cost (engine, item wrappers, request helper), which no node avoids.
 */
class FloorNode implements INodeType {
	description = {
		displayName: 'Bench Create Many Floor',
		name: 'createManyFloor',
		group: ['transform'],
		version: 1,
		description: 'Create Many with nothing but the requests',
		defaults: { name: 'Floor' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'leadGeniusApi', required: true }],
		properties: [
			{ displayName: 'Client', name: 'clientId', type: 'string', default: '' },
			{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 100 },
			{ displayName: 'Verify', name: 'verify', type: 'boolean', default: false },
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const clientId = this.getNodeParameter('clientId', 0) as string;
		const batchSize = this.getNodeParameter('batchSize', 0) as number;
		const verify = this.getNodeParameter('verify', 0) as boolean;
		const { baseUrl } = (await this.getCredentials('leadGeniusApi')) as { baseUrl: string };
		const base = baseUrl.replace(/\/+$/, '');
		const send = async (method: 'GET' | 'POST', path: string, body?: IDataObject, qs?: IDataObject) =>
			(await this.helpers.httpRequestWithAuthentication.call(this, 'leadGeniusApi', { method, url: `${base}${path}`, body, qs, json: true })) as IDataObject;
		// the raw loop's client look-up (the slug check): verified mode only, as there
		if (verify) await send('GET', '/api/clients', undefined, { clientId });
		const out: INodeExecutionData[] = [];
		for (let start = 0; start < items.length; start += batchSize) {
			const records = items.slice(start, start + batchSize).map((item) => ({ client_id: clientId, ...item.json }));
			await send('POST', '/api/leads', { leads: records });
			records.forEach((json, k) => out.push({ json: { ...json, status: verify ? 'pending' : 'accepted' }, pairedItem: { item: start + k } }));
		}
		if (!verify) return [out];
		// the raw loop's verification (bench/verified-writes.ts rawVerified): company, one read-back, re-sends
		const company = await send('GET', '/api/company');
		const companyId = ((company.company as IDataObject | undefined)?.id ?? company.id) as string;
		const stored = new Set<string>();
		await forEachBulkPage(
			async (qs) => (await send('GET', BULK_PATH, undefined, qs)) as unknown as BulkPage,
			{ companyId, clientId, fields: 'id,email,linkedinUrl,client_id', limit: 5000 },
			(rows) => {
				for (const r of rows) if (typeof r.email === 'string') stored.add(r.email.toLowerCase());
			},
		);
		for (const item of out) {
			const { status: _pending, ...lead } = item.json;
			if (!stored.has(String(lead.email).toLowerCase())) await send('POST', '/api/leads', lead);
			item.json.status = 'created';
		}
		return [out];
	}
}

class BenchNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {
		[LEADGENIUS]: new LeadGenius(),
		[SOURCE]: new SourceNode(),
		[FLOOR]: new FloorNode(),
	};

	register(type: string, node: INodeType | IVersionedNodeType) {
		this.types[type] = node;
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		const t = this.types[type];
		if (!t) throw new Error(`Unknown node type ${type}`);
		return t;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		const t = this.getByName(type);
		return 'nodeVersions' in t ? t.getNodeType(version) : t;
	}

	getKnownTypes() {
		return {};
	}
}

export interface Step {
	type: string;
	typeVersion?: number;
	name: string;
	parameters: INodeParameters;
	onError?: INode['onError'];
}

export interface Execution {
	/** Output items of the last node. */
	items: INodeExecutionData[];
	/** Items each node output. */
	outputs: Record<string, INodeExecutionData[]>;
	error?: Error;
	run: IRun;
}

export class BenchRunner {
	readonly nodeTypes = new BenchNodeTypes();
	readonly credentials = new TestCredentialsHelper();

	constructor(
		credentialData: ICredentialDataDecryptedObject,
		private readonly mode: WorkflowExecuteMode = 'trigger',
	) {
		this.credentials.set('1', credentialData);
	}

	/** Source(inputKey) → steps[0] → steps[1] → … */
	async run(steps: Step[], inputKey = ''): Promise<Execution> {
		const nodes: INode[] = [
			{ id: 'source', name: 'Source', type: SOURCE, typeVersion: 1, position: [0, 0], parameters: { key: inputKey } },
		];
		const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {};
		let previous = 'Source';
		steps.forEach((step, k) => {
			nodes.push({
				id: `n${k}`,
				name: step.name,
				type: step.type,
				typeVersion: step.typeVersion ?? 1,
				position: [200 * (k + 1), 0],
				parameters: step.parameters,
				...(step.type === LEADGENIUS || step.type === FLOOR ? { credentials: { leadGeniusApi: { id: '1', name: 'LeadGenius' } } } : {}),
				...(step.onError ? { onError: step.onError } : {}),
			});
			connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
			previous = step.name;
		});

		const { outputs, run } = await executeWorkflow({
			id: 'bench',
			nodes,
			connections: connections as unknown as IConnections,
			nodeTypes: this.nodeTypes,
			credentialsHelper: this.credentials,
			mode: this.mode,
		});
		return { items: outputs[previous] ?? [], outputs, error: run.data.resultData.error, run };
	}
}

