/**
 * Runs the trigger's webhook() inside n8n-core's real WebhookContext (real parameter resolution with the
 * node's defaults, real credential lookup rules, real `helpers.httpRequest`). Only the HTTP request and
 * response objects that n8n's webhook server would hand over are built here.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings keeps a settings file in <N8N_USER_FOLDER>/.n8n: keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= join(tmpdir(), 'lg-trigger-n8n');
mkdirSync(process.env.N8N_USER_FOLDER, { recursive: true });
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

import { WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeParameters,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { LeadGeniusTrigger } from '../../nodes/LeadGenius/LeadGeniusTrigger.node';
import { TestCredentialsHelper } from '../helpers/harness';

export const TRIGGER_TYPE = 'n8n-nodes-leadgenius.leadGeniusTrigger';

export interface FireOptions {
	/** Raw body as sent; a string or Buffer (default `{}`). */
	body?: string | Buffer;
	headers?: Record<string, string>;
	query?: Record<string, unknown>;
	/** `webhook` = production URL, `manual` = test URL ("Listen for test event"). */
	mode?: WorkflowExecuteMode;
	/** Decrypted data of the leadGeniusApi credential, when the node has one attached. */
	credential?: ICredentialDataDecryptedObject;
	/** Simulate a host that did not keep the raw bytes (only the parsed body). */
	withoutRawBody?: boolean;
	workflowId?: string;
}

export interface CapturedResponse {
	statusCode?: number;
	body?: unknown;
}

export interface Fired {
	result: IWebhookResponseData;
	response: CapturedResponse;
	warnings: string[];
}

const nodeType = new LeadGeniusTrigger();

const nodeTypes = {
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** What n8n's webhook server hands to a node: parsed headers/query, `req.body`, and `req.rawBody`. */
function buildRequest(options: FireOptions) {
	const raw = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body ?? '{}', 'utf8');
	const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(raw.length) };
	for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
	let body: unknown = {};
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		// n8n itself answers 422 for unparsable application/json; the node sees other content types unparsed
	}
	return {
		method: 'POST',
		headers,
		query: options.query ?? {},
		params: {},
		body,
		...(options.withoutRawBody ? {} : { rawBody: raw }),
	};
}

function buildResponse(captured: CapturedResponse) {
	const response = {
		status(code: number) {
			captured.statusCode = code;
			return response;
		},
		json(body: unknown) {
			captured.body = body;
			return response;
		},
		send(body: unknown) {
			captured.body = body;
			return response;
		},
		end() {
			return response;
		},
	};
	return response;
}

/** Calls the trigger's webhook() for one request, with the node configured by `parameters`. */
export async function fire(parameters: INodeParameters, options: FireOptions = {}): Promise<Fired> {
	const node: INode = {
		id: 'trigger-node-id',
		name: 'LeadGenius Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...(options.credential ? { credentials: { leadGeniusApi: { id: 'cred-1', name: 'LeadGenius account' } } } : {}),
	};
	const workflow = new Workflow({
		id: options.workflowId ?? 'workflow-1',
		nodes: [node],
		connections: {},
		active: options.mode !== 'manual',
		nodeTypes,
	});
	const response: CapturedResponse = {};
	// the harness's credentials helper: n8n's lookup rules (defaults, which node types may use the type)
	const credentialsHelper = new TestCredentialsHelper();
	if (options.credential) credentialsHelper.set('cred-1', options.credential);
	const additionalData = {
		httpRequest: buildRequest(options),
		httpResponse: buildResponse(response),
		credentialsHelper,
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData = { webhookDescription: nodeType.description.webhooks![0] } as unknown as IWebhookData;
	const context = new WebhookContext(
		workflow,
		workflow.nodes[node.name],
		additionalData,
		options.mode ?? 'webhook',
		webhookData,
		[],
		null,
	);
	const warnings: string[] = [];
	const warn = jest.spyOn(context.logger, 'warn').mockImplementation((message: string) => {
		warnings.push(message);
	});
	try {
		const result = await nodeType.webhook.call(context);
		return { result, response, warnings };
	} finally {
		warn.mockRestore();
	}
}

export { nodeType };
