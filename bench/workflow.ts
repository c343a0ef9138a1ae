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

export const LEADGENIUS = 'n8n-nodes-leadgenius.leadGenius';
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

class BenchNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {
		[LEADGENIUS]: new LeadGenius(),
		[SOURCE]: new SourceNode(),
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
				...(step.type === LEADGENIUS ? { credentials: { leadGeniusApi: { id: '1', name: 'LeadGenius' } } } : {}),
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

