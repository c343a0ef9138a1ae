/**
 * One real n8n-core execution (WorkflowExecute) of a workflow: the engine the test harness and
 * the benchmarks share. The caller brings the nodes, connections, node types and credentials helper.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRequire } from 'node:module';

import { Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialsHelper,
	IConnections,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IRunData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export interface EngineRun {
	/** Output items per node name (first run, first output). */
	outputs: Record<string, INodeExecutionData[]>;
	run: IRun;
}

/**
 * n8n-core brings its own copy of `@n8n/di` (the project's tree holds another, for other packages):
 * services must be read from and registered in the Container n8n-core itself uses.
 */
export function coreContainer(): { get<T>(type: new (...args: never[]) => T): T } {
	const fromCore = createRequire(require.resolve('n8n-core'));
	return (fromCore('@n8n/di') as { Container: ReturnType<typeof coreContainer> }).Container;
}

/** A promise with its resolve function outside (n8n-workflow 2.x no longer exports one). */
function deferred<T>() {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

/**
 * n8n-core's SSH client manager (a process-wide singleton created with the first node context)
 * keeps a cleanup interval that would hold the process open; n8n itself stops it at shutdown.
 */
export function releaseCoreTimers() {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new () => { cleanupTimer?: { unref?: () => void } };
	};
	coreContainer().get(SSHClientsManager).cleanupTimer?.unref?.();
}

/** Execute from the first node with one empty item, as a manual or scheduled start does. */
export async function executeWorkflow(opts: {
	id: string;
	nodes: INode[];
	connections: IConnections;
	nodeTypes: INodeTypes;
	credentialsHelper: ICredentialsHelper;
	mode: WorkflowExecuteMode;
}): Promise<EngineRun> {
	const { id, nodes, connections, nodeTypes, mode } = opts;
	const workflow = new Workflow({ id, nodes, connections, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks(mode, `${id}-execution`, {
		id,
		name: id,
		nodes,
		connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const done = deferred<IRun>();
	hooks.addHandler('workflowExecuteAfter', (fullRunData: IRun) => done.resolve(fullRunData));
	const unsupported = (what: string) => async () => {
		throw new Error(`${what} are not supported here`);
	};
	const additionalData = {
		credentialsHelper: opts.credentialsHelper,
		hooks,
		executeWorkflow: unsupported('sub-workflows'),
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unsupported('task runners'),
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }] },
	});
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	releaseCoreTimers();
	const run = await done.promise;
	const outputs: Record<string, INodeExecutionData[]> = {};
	for (const [name, runs] of Object.entries(run.data.resultData.runData as IRunData)) outputs[name] = runs[0]?.data?.main?.[0] ?? [];
	return { outputs, run };
}
