/**
 * Runs real n8n workflows with the published n8n-core engine (WorkflowExecute), our nodes and our
 * credential — its real preAuthentication and authenticate — against a real HTTP server.
 */
import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	IConnections,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	IVersionedNodeType,
	ExecutionError,
} from 'n8n-workflow';

import { LeadGeniusApi } from '../../credentials/LeadGeniusApi.credentials';
import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { executeWorkflow } from './engine';

export const LEADGENIUS_TYPE = 'n8n-nodes-leadgenius.leadGenius';
const START_TYPE = 'test.start';

/** The first node of every test workflow: emits the items it is given. */
class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = {
		[LEADGENIUS_TYPE]: new LeadGenius(),
		[START_TYPE]: new StartNode(),
	};

	register(type: string, node: INodeType) {
		this.types[type] = node;
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		const t = this.types[type];
		if (!t) throw new Error(`Unknown node type ${type}`);
		return t;
	}

	getByNameAndVersion(type: string): INodeType {
		return this.getByName(type) as INodeType;
	}

	getKnownTypes() {
		return {};
	}
}

/** Fill in defaults of credential properties the stored data leaves out, as n8n does. */
function withDefaults(properties: INodeProperties[], data: ICredentialDataDecryptedObject) {
	const out: ICredentialDataDecryptedObject = { ...data };
	for (const p of properties) if (out[p.name] === undefined) out[p.name] = p.default as string;
	return out;
}

/**
 * A credentials helper that behaves like n8n's: fills defaults, runs the credential type's
 * preAuthentication when its expirable field is empty or a request came back 401, stores what
 * it returns, and applies the type's authenticate function.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, ICredentialDataDecryptedObject>();
	private readonly types: Record<string, ICredentialType> = { leadGeniusApi: new LeadGeniusApi() };
	/** How many times preAuthentication actually ran (logins). */
	preAuthRuns = 0;

	set(id: string, data: ICredentialDataDecryptedObject) {
		this.store.set(id, { ...data });
	}

	get(id: string) {
		return this.store.get(id);
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		if (typeof type?.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = await this.runPreAuthentication(helpers, credentials, typeName);
		if (output?.[expirable.name] === undefined) return undefined;
		this.preAuthRuns++;
		const merged = Object.assign(credentials, output);
		const details = node.credentials?.[typeName];
		if (details?.id) this.store.set(details.id, { ...merged });
		return merged;
	}

	/** The credential type's preAuthentication, without the expiry rules (n8n-core's OAuth helpers call it). */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		if (typeof type?.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	/** n8n's rule: a type with `restrictToSupportedNodes` serves only the nodes in its `supportedNodes`. */
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types[credentialType];
		if (type?.restrictToSupportedNodes !== true) return true;
		return (type.supportedNodes ?? []).includes(nodeType);
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.get(nodeCredentials.id ?? '');
		if (!data) throw new Error(`No credential ${nodeCredentials.id}`);
		return withDefaults(this.types[type].properties, data);
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject) {
		this.store.set(nodeCredentials.id ?? '', { ...data });
	}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type].properties;
	}

	/** Every secret value any stored credential holds now or held before (renewed tokens too). */
	secrets(): string[] {
		for (const data of this.store.values()) {
			for (const key of SECRET_FIELDS) {
				const v = data[key];
				if (typeof v === 'string' && v.length >= 6) seenSecrets.add(v);
			}
		}
		return [...seenSecrets];
	}
}

/** Credential fields whose values must never leave the credential. */
const SECRET_FIELDS = ['password', 'accessToken', 'apiKey', 'sessionToken', 'refreshToken', 'webhookSecret'];

/** Secrets of every harness in this test file; the console canary checks captured output against them. */
export const seenSecrets: Set<string> = ((globalThis as { __lgSecrets?: Set<string> }).__lgSecrets ??= new Set());

/**
 * The canary: every workflow run of the test suite is checked for credential secrets in its output
 * items, errors and error descriptions. A leak fails the test that caused it.
 */
function assertNoSecretLeak(run: IRun, secrets: string[]) {
	const text = JSON.stringify(run.data.resultData, (_k, v: unknown) =>
		v instanceof Error ? { message: v.message, description: (v as { description?: unknown }).description, context: (v as { context?: unknown }).context, stack: v.stack } : v,
	);
	const leaked = secrets.filter((secret) => text.includes(secret));
	if (leaked.length) {
		throw new Error(`Secret leak: ${leaked.length} credential secret(s) appear in the run's output or errors`);
	}
}

export interface StepSpec {
	/** Node parameters of the LeadGenius node. */
	parameters: INodeParameters;
	name?: string;
	continueOnFail?: boolean;
	type?: string;
	/** The node version the workflow saved (typeVersion); 1 unless given. */
	version?: number;
}

export interface RunResult {
	/** Output items of the last step. */
	items: INodeExecutionData[];
	/** Output items per node name. */
	outputs: Record<string, INodeExecutionData[]>;
	/** The workflow error, if the run stopped on one. */
	error?: ExecutionError;
	run: IRun;
}

export interface Harness {
	credentials: TestCredentialsHelper;
	nodeTypes: TestNodeTypes;
	/** Run Start → step 1 → step 2 … with the given input items. */
	run(steps: StepSpec | StepSpec[], input?: IDataObject[]): Promise<RunResult>;
}

/** A harness whose LeadGenius nodes all use the credential `data`. */
export function createHarness(data: ICredentialDataDecryptedObject): Harness {
	const credentials = new TestCredentialsHelper();
	credentials.set('1', data);
	const nodeTypes = new TestNodeTypes();

	async function run(stepsIn: StepSpec | StepSpec[], input: IDataObject[] = [{}]): Promise<RunResult> {
		const steps = Array.isArray(stepsIn) ? stepsIn : [stepsIn];
		const nodes: INode[] = [
			{
				id: 'start',
				name: 'Start',
				type: START_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(input) },
			},
		];
		const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {};
		let previous = 'Start';
		steps.forEach((step, k) => {
			const name = step.name ?? (steps.length === 1 ? 'LeadGenius' : `LeadGenius ${k + 1}`);
			nodes.push({
				id: `n${k}`,
				name,
				type: step.type ?? LEADGENIUS_TYPE,
				typeVersion: step.version ?? 1,
				position: [200 * (k + 1), 0],
				parameters: step.parameters,
				credentials: { leadGeniusApi: { id: '1', name: 'LeadGenius' } },
				...(step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			});
			connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
			previous = name;
		});

		const { outputs, run: result } = await executeWorkflow({
			id: 'test',
			nodes,
			connections: connections as unknown as IConnections,
			nodeTypes,
			credentialsHelper: credentials,
			mode: 'manual',
		});
		assertNoSecretLeak(result, credentials.secrets());
		return { items: outputs[previous] ?? [], outputs, error: result.data.resultData.error, run: result };
	}

	return { credentials, nodeTypes, run };
}
