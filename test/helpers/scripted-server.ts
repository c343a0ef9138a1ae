import http from 'node:http';

export interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export type Reply =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| 'reset'
	| { delayMs: number; then: Reply };

/**
 * A loopback server that answers each request from a script, for transport behaviours the sandbox
 * does not produce on its own (repeated page tokens, a given Retry-After, …). Real HTTP, no mocks.
 */
export async function scriptedServer(handler: (req: Seen, n: number) => Reply) {
	const seen: Seen[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
			seen.push(entry);
			const answer = (reply: Reply) => {
				if (reply === 'reset') {
					req.socket.destroy();
					return;
				}
				if ('delayMs' in reply) {
					setTimeout(() => answer(reply.then), reply.delayMs);
					return;
				}
				res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
				res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
			};
			answer(handler(entry, seen.length - 1));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			}),
	};
}
