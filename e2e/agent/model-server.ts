/**
 * A small scripted OpenAI-compatible chat model for the AI Agent e2e: it speaks the real
 * POST /v1/chat/completions protocol (request `messages` + `tools`, answer `choices[0].message`
 * with `tool_calls`, `finish_reason: "tool_calls"`), plus GET /v1/models for n8n's model list.
 *
 * The script: when the conversation's last message comes from the user, answer with the tool call
 * the test queued for that prompt (the tool is picked from the request's `tools` by a predicate,
 * so the test never hard-codes n8n's tool naming). When the last message is a tool result, reply
 * with a final answer that quotes it: "LeadGenius answered: <tool result>".
 * Every request is kept (`requests`), so the test can read what n8n sent as the tool result.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown>; required?: string[] } };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

/** What the model does for a user prompt that contains `when`. */
export interface ScriptedCall {
	when: string;
	tool: (t: ChatTool) => boolean;
	args: Record<string, unknown>;
}

export interface ModelServer {
	url: string;
	/** The OpenAI credential's Base URL: `<url>/v1`. */
	baseUrl: string;
	requests: ChatRequest[];
	script(call: ScriptedCall): void;
	close(): Promise<void>;
}

export const FINAL_PREFIX = 'LeadGenius answered: ';

export function textOf(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((c) => c.text ?? '').join('');
	return '';
}

let callCounter = 0;

function completion(model: string, message: Record<string, unknown>, finishReason: string) {
	return {
		id: `chatcmpl-e2e-${++callCounter}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason, logprobs: null }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The answer for one request, by the script above. */
function answer(req: ChatRequest, calls: ScriptedCall[]): Record<string, unknown> {
	const last = req.messages[req.messages.length - 1];
	if (last?.role === 'tool') {
		return completion(req.model, { content: `${FINAL_PREFIX}${textOf(last.content)}` }, 'stop');
	}
	const prompt = [...req.messages].reverse().find((m) => m.role === 'user');
	const text = textOf(prompt?.content);
	const call = calls.find((c) => text.includes(c.when));
	if (!call) return completion(req.model, { content: `No scripted answer for: ${text}` }, 'stop');
	const tool = (req.tools ?? []).find(call.tool);
	if (!tool) {
		const offered = (req.tools ?? []).map((t) => t.function.name).join(', ');
		return completion(req.model, { content: `No matching tool among: ${offered}` }, 'stop');
	}
	return completion(
		req.model,
		{
			content: null,
			tool_calls: [{ id: `call_e2e_${++callCounter}`, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(call.args) } }],
		},
		'tool_calls',
	);
}

/** The same answer as server-sent chunks, for a client that asks for `stream: true`. */
function streamChunks(full: Record<string, any>): string {
	const choice = full.choices[0];
	const base = { id: full.id, object: 'chat.completion.chunk', created: full.created, model: full.model };
	const delta: Record<string, unknown> = { role: 'assistant' };
	if (choice.message.content) delta.content = choice.message.content;
	if (choice.message.tool_calls) {
		delta.tool_calls = choice.message.tool_calls.map((c: Record<string, unknown>, index: number) => ({ index, ...c }));
	}
	const chunks = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: choice.finish_reason }], usage: full.usage },
	];
	return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
}

export async function startModelServer(): Promise<ModelServer> {
	const requests: ChatRequest[] = [];
	const calls: ScriptedCall[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const send = (status: number, value: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			if (req.method === 'GET' && req.url?.startsWith('/v1/models')) {
				return send(200, { object: 'list', data: [{ id: 'e2e-scripted-model', object: 'model', created: 0, owned_by: 'e2e' }] });
			}
			if (req.method === 'POST' && req.url?.startsWith('/v1/chat/completions')) {
				let parsed: ChatRequest;
				try {
					parsed = JSON.parse(body) as ChatRequest;
				} catch {
					return send(400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
				}
				requests.push(parsed);
				const full = answer(parsed, calls);
				if (parsed.stream) {
					res.writeHead(200, { 'content-type': 'text/event-stream' });
					return res.end(streamChunks(full));
				}
				return send(200, full);
			}
			send(404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		baseUrl: `${url}/v1`,
		requests,
		script: (call) => calls.push(call),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
