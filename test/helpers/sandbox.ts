import { randomUUID } from 'node:crypto';

import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ILoadOptionsFunctions, INode, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Account, Sandbox, SandboxOptions } from '../../sandbox/server';
import { createHarness, LEADGENIUS_TYPE } from './harness';
import type { Harness } from './harness';

export type Mode = 'password' | 'accessToken' | 'apiKey';

/** Log in directly (not through the node) to get a pasted-token credential. */
export async function loginToken(sb: Sandbox, account: Pick<Account, 'email' | 'password'> = sb.demo): Promise<string> {
	const res = await fetch(`${sb.url}/api/auth`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: account.email, password: account.password }),
	});
	const body = (await res.json()) as { tokens: { accessToken: string } };
	return body.tokens.accessToken;
}

export async function credentialsFor(
	sb: Sandbox,
	mode: Mode,
	account: Account = sb.demo,
): Promise<ICredentialDataDecryptedObject> {
	const base = { baseUrl: sb.url, agentPrefix: '/api/agent', webhookSecret: '', sessionToken: '' };
	if (mode === 'password') return { ...base, authMode: 'password', email: account.email, password: account.password };
	if (mode === 'accessToken') return { ...base, authMode: 'accessToken', accessToken: await loginToken(sb, account) };
	return { ...base, authMode: 'apiKey', apiKey: account.apiKey, userId: account.userId };
}

export async function harnessFor(sb: Sandbox, mode: Mode = 'password', account?: Account): Promise<Harness> {
	return createHarness(await credentialsFor(sb, mode, account));
}

/**
 * A real n8n-core load-options context for a LeadGenius node with `parameters`, as the editor
 * builds it for a resource locator's list or a resource mapper's schema (`path`: the parameter).
 */
export async function loadOptionsContext(
	sb: Sandbox,
	mode: Mode,
	opts: { parameters: INodeParameters; path: string; version?: number },
): Promise<ILoadOptionsFunctions> {
	const h = await harnessFor(sb, mode);
	const node: INode = {
		id: 'n',
		name: 'LeadGenius',
		type: LEADGENIUS_TYPE,
		typeVersion: opts.version ?? 1,
		position: [0, 0],
		parameters: opts.parameters,
		credentials: { leadGeniusApi: { id: '1', name: 'LeadGenius' } },
	};
	const workflow = new Workflow({ id: 'lo', nodes: [node], connections: {}, active: false, nodeTypes: h.nodeTypes });
	const additionalData = { credentialsHelper: h.credentials, currentNodeParameters: node.parameters } as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, `parameters.${opts.path}`);
}

/** Start a sandbox for a test file; stopped after all its tests. */
export function useSandbox(opts: SandboxOptions = {}): () => Sandbox {
	let sb: Sandbox | undefined;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, quiet: true, ...opts });
	});
	afterAll(async () => {
		await sb?.close();
	});
	return () => {
		if (!sb) throw new Error('sandbox not started');
		return sb;
	};
}

/** Requests the sandbox received on /api paths other than login, since the last clear. */
export function apiCalls(sb: Sandbox) {
	return sb.requests.filter((r) => r.path !== '/api/auth');
}

/** The API calls less the lead operations' client look-ups (`GET /api/clients?clientId=`, once per execution). */
export function leadCalls(sb: Sandbox) {
	return apiCalls(sb).filter((r) => !(r.method === 'GET' && r.path === '/api/clients' && r.query.clientId !== undefined));
}

/** A new, empty client of the demo company; returns its slug. */
export function emptyClient(sb: Sandbox, label: string): { slug: string; recordId: string } {
	const slug = `${label}-${randomUUID().slice(0, 8)}`;
	const now = new Date().toISOString();
	const recordId = randomUUID();
	sb.store.addClient({ id: recordId, client_id: slug, clientName: slug, owner: sb.demo.userId, company_id: sb.demo.companyId, createdAt: now, updatedAt: now });
	return { slug, recordId };
}
