/**
 * Console canary: whatever the code under test prints (console or process streams) is checked
 * against the credential secrets the harness has seen. A leak fails the test file.
 */
const secrets: Set<string> = ((globalThis as { __lgSecrets?: Set<string> }).__lgSecrets ??= new Set());
const leaks: string[] = [];

function scan(text: unknown) {
	const s = typeof text === 'string' ? text : text instanceof Uint8Array ? Buffer.from(text).toString('utf8') : String(text);
	for (const secret of secrets) if (s.includes(secret)) leaks.push(secret.slice(0, 3) + '…');
}

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		args.forEach((a) => scan(typeof a === 'string' ? a : safeJson(a)));
		original(...args);
	};
}
for (const stream of [process.stdout, process.stderr]) {
	const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
	(stream as unknown as { write: (...a: unknown[]) => boolean }).write = (chunk: unknown, ...rest: unknown[]) => {
		scan(chunk);
		return original(chunk, ...rest);
	};
}

function safeJson(v: unknown): string {
	try {
		return JSON.stringify(v) ?? String(v);
	} catch {
		return String(v);
	}
}

afterAll(() => {
	if (leaks.length) throw new Error(`Secret leak in captured output: ${leaks.length} line(s) contained a credential secret`);
});
