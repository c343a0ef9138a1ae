/**
 * AI Agent e2e steps: examples/ai-agent-lead-tools.json (Webhook → AI Agent with an OpenAI Chat
 * Model and two LeadGenius Tools) running in n8n 2.41.1, the chat model's credential Base URL
 * pointed at the scripted OpenAI-compatible server (model-server.ts). Registered by the editor
 * suite, which boots the one n8n both use.
 */
import type { Sandbox } from '../../sandbox/server';
import type { N8nUnderTest } from '../harness';
import { FINAL_PREFIX, textOf, type ChatRequest, type ChatTool, type ModelServer } from './model-server';

export const AGENT_EXAMPLE_ID = 'lgExAiAgentTools';
export const AGENT_WEBHOOK_PATH = 'leadgenius-agent';
/** The OpenAI credential id the example's chat model refers to. */
export const OPENAI_CREDENTIAL_ID = 'lgExOpenAiCred01';
/** Not a secret anywhere: the scripted server accepts any key. It must not reach a tool result either. */
export const OPENAI_TEST_KEY = 'sk-e2e-scripted-model-key';

export interface AgentContext {
	n8n: () => N8nUnderTest;
	sb: () => Sandbox;
	model: () => ModelServer;
	/** Strings that must never appear in what the model receives (keys, passwords, tokens). */
	secrets: () => string[];
}

const byDescription = (text: string) => (t: ChatTool) => (t.function.description ?? '').includes(text);

/** The model request that carried the tool result for the tool call it made (by call id). */
function toolResultFor(requests: ChatRequest[], since: number): { call: any; result: string; request: ChatRequest } {
	for (const req of requests.slice(since)) {
		const toolMsg = req.messages.find((m) => m.role === 'tool');
		if (!toolMsg) continue;
		const call = req.messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === toolMsg.tool_call_id);
		return { call, result: textOf(toolMsg.content), request: req };
	}
	throw new Error(`the model server got no tool result; requests: ${JSON.stringify(requests.slice(since)).slice(0, 2000)}`);
}

async function ask(ctx: AgentContext, message: string) {
	const res = await ctx.n8n().webhook(AGENT_WEBHOOK_PATH, { body: { message }, timeoutMs: 120000 });
	return res;
}

export function agentSteps(step: (name: string, fn: () => Promise<void>, timeout?: number) => void, ctx: AgentContext): void {
	step('AI Agent: the LeadGenius Tool "Find lead by e-mail" is called as the model asks; its output is the tool result and the answer', async () => {
		const sb = ctx.sb();
		const model = ctx.model();
		const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).find((l) => typeof l.email === 'string' && l.email !== '')!;
		const prompt = `Find the lead with e-mail ${lead.email}`;
		model.script({ when: prompt, tool: byDescription('Find leads by email'), args: { email: lead.email } });
		const since = model.requests.length;
		sb.clearRequests();
		const res = await ask(ctx, prompt);
		expect(res.status).toBe(200);

		// The model was offered our tools, with the descriptions generated from the operations.
		const offered = (model.requests[since].tools ?? []).map((t) => t.function.description);
		expect(offered).toEqual(expect.arrayContaining([expect.stringContaining('Find leads by email or profile URL'), expect.stringContaining('Create a lead')]));
		// The sandbox got the lookup the model asked for.
		const lookups = sb.requests.filter((r) => r.path === '/api/find-lead');
		expect(lookups).toHaveLength(1);
		expect(String(lookups[0].query.email).toLowerCase()).toBe(String(lead.email).toLowerCase());
		// The model server got our node's output, in full, as the tool result, with no secret in it.
		const { call, result } = toolResultFor(model.requests, since);
		expect(JSON.parse(call.function.arguments)).toMatchObject({ email: lead.email });
		expect(result).toContain(lead.id);
		expect(result).toContain(String(lead.email));
		const parsed = JSON.parse(result);
		const found = (Array.isArray(parsed) ? parsed : [parsed]).find((r: { id?: string }) => r.id === lead.id);
		expect(found).toBeDefined();
		for (const [key, value] of Object.entries(found as Record<string, unknown>)) {
			if (typeof value === 'string' && key in lead) expect({ key, value }).toEqual({ key, value: (lead as Record<string, unknown>)[key] });
		}
		for (const secret of ctx.secrets()) expect(result).not.toContain(secret);
		// The agent's final answer carries it.
		const output = String(res.json?.output ?? '');
		expect(output.startsWith(FINAL_PREFIX)).toBe(true);
		expect(output).toContain(lead.id);
	});

	step('AI Agent: "Create lead" with $fromAI parameters creates the lead the model described', async () => {
		const sb = ctx.sb();
		const model = ctx.model();
		const email = `agent-${Date.now()}@e2e.example.com`;
		const prompt = `Create a lead Ada Lovelace ${email}`;
		model.script({ when: prompt, tool: byDescription('Create a lead'), args: { firstName: 'Ada', lastName: 'Lovelace', email } });
		const since = model.requests.length;
		const res = await ask(ctx, prompt);
		expect(res.status).toBe(200);
		const created = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).find((l) => l.email === email);
		expect(created).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email, client_id: 'demo-client' });
		const { result } = toolResultFor(model.requests, since);
		expect(result).toContain(created!.id);
		for (const secret of ctx.secrets()) expect(result).not.toContain(secret);
		expect(String(res.json?.output)).toContain(created!.id);
	});

	step('AI Agent: a tool call with an invalid e-mail comes back to the model as a readable error; the run succeeds, nothing is sent', async () => {
		const sb = ctx.sb();
		const model = ctx.model();
		const prompt = 'Find the lead with e-mail not-an-email';
		model.script({ when: prompt, tool: byDescription('Find leads by email'), args: { email: 'not-an-email' } });
		const since = model.requests.length;
		sb.clearRequests();
		const res = await ask(ctx, prompt);
		expect(res.status).toBe(200);
		const { result } = toolResultFor(model.requests, since);
		// Our wording: names the parameter and the bad value.
		expect(result).toMatch(/Email/);
		expect(result).toContain('not-an-email');
		expect(result).toMatch(/not a valid email/i);
		expect(sb.requests.filter((r) => r.path === '/api/find-lead')).toHaveLength(0);
		expect(String(res.json?.output)).toContain('not-an-email');
		// The execution finished as a success (the agent handled the tool error).
		const list = await ctx.n8n().rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: AGENT_EXAMPLE_ID }))}`);
		const runs = (list.json?.data?.results ?? list.json?.data ?? []) as Array<{ status: string }>;
		expect(runs.length).toBeGreaterThanOrEqual(3);
		expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'success'));
	});
}
