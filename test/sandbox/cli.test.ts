import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseCliArgs, runCli, usage } from '../../sandbox/cli';
import { api, expectOk } from './helpers';

describe('sandbox CLI', () => {
	test('defaults, flags and LG_SANDBOX_* variables (flags win)', () => {
		expect(parseCliArgs([], {})).toEqual({ options: { quiet: false }, json: false, help: false });
		const cfg = parseCliArgs(
			['--port', '0', '--email=me@x.test', '--token-ttl', '1.5', '--rate-limit', '7', '--error-rate', '0.25', '--latency-ms', '3', '--json', '--no-record'],
			{ LG_SANDBOX_PORT: '9999', LG_SANDBOX_PASSWORD: 'pw', LG_SANDBOX_LEADS: '10', LG_SANDBOX_SEED: '5', LG_SANDBOX_TASK_DELAY_MS: '20', LG_SANDBOX_RESET_RATE: '0.1' },
		);
		expect(cfg.json).toBe(true);
		expect(cfg.options).toEqual({
			quiet: true,
			port: 0,
			email: 'me@x.test',
			password: 'pw',
			tokenTtl: 1.5,
			rateLimit: 7,
			leads: 10,
			seed: 5,
			taskDelayMs: 20,
			recordRequests: false,
			faults: { errorRate: 0.25, resetRate: 0.1, latencyMs: 3 },
		});
		expect(parseCliArgs([], { LG_SANDBOX_JSON: '1' })).toMatchObject({ json: true, options: { quiet: true } });
		expect(parseCliArgs(['--json', '--quiet=false'], {}).options.quiet).toBe(false);
		expect(() => parseCliArgs(['--bogus'], {})).toThrow(/Unknown flag --bogus/);
		expect(() => parseCliArgs(['--port', 'abc'], {})).toThrow(/--port/);
		expect(() => parseCliArgs(['--leads', '1.5'], {})).toThrow(/integer/);
		expect(() => parseCliArgs([], { LG_SANDBOX_RATE_LIMIT: '-1' })).toThrow(/LG_SANDBOX_RATE_LIMIT/);
		expect(() => parseCliArgs(['--port'], {})).toThrow(/needs a value/);
		expect(usage()).toContain('--rate-limit <value>');
		expect(usage()).toContain('LG_SANDBOX_TOKEN_TTL');
	});

	test('production-mode flags and LG_SANDBOX_* variables; --production with explicit values winning', async () => {
		expect(
			parseCliArgs(['--batch-persist-rate', '0.3', '--invisible-leads', '--production-errors', '--purge-timeout-leads', '50', '--agent-prefix', '/api', '--reset-after-write-rate=0.05'], {}).options,
		).toEqual({ quiet: false, batchPersistRate: 0.3, invisibleLeads: true, productionErrors: true, purgeTimeoutLeads: 50, agentPrefix: '/api', resetAfterWriteRate: 0.05 });
		expect(
			parseCliArgs([], {
				LG_SANDBOX_PRODUCTION: '1',
				LG_SANDBOX_BATCH_PERSIST_RATE: '0.5',
				LG_SANDBOX_INVISIBLE_LEADS: 'false',
				LG_SANDBOX_PRODUCTION_ERRORS: 'true',
				LG_SANDBOX_PURGE_TIMEOUT_LEADS: '10',
				LG_SANDBOX_AGENT_PREFIX: '/api/agent',
				LG_SANDBOX_RESET_AFTER_WRITE_RATE: '0.2',
			}).options,
		).toEqual({ quiet: false, production: true, batchPersistRate: 0.5, invisibleLeads: false, productionErrors: true, purgeTimeoutLeads: 10, agentPrefix: '/api/agent', resetAfterWriteRate: 0.2 });
		// flags win over variables
		expect(parseCliArgs(['--agent-prefix', 'both', '--batch-persist-rate', '1'], { LG_SANDBOX_AGENT_PREFIX: '/api', LG_SANDBOX_BATCH_PERSIST_RATE: '0' }).options).toMatchObject({ agentPrefix: 'both', batchPersistRate: 1 });
		expect(() => parseCliArgs(['--batch-persist-rate', '1.5'], {})).toThrow(/--batch-persist-rate: expected a number from 0 to 1/);
		expect(() => parseCliArgs([], { LG_SANDBOX_RESET_AFTER_WRITE_RATE: '2' })).toThrow(/LG_SANDBOX_RESET_AFTER_WRITE_RATE/);
		expect(() => parseCliArgs(['--agent-prefix', '/agent'], {})).toThrow(/--agent-prefix: expected one of both, \/api\/agent, \/api/);
		expect(() => parseCliArgs(['--purge-timeout-leads', '2.5'], {})).toThrow(/integer/);
		for (const flag of ['--production', '--batch-persist-rate', '--invisible-leads', '--production-errors', '--purge-timeout-leads', '--agent-prefix', '--reset-after-write-rate']) expect(usage()).toContain(flag);
		expect(usage()).toContain('--agent-prefix <both|/api/agent|/api>');
		expect(usage()).toContain('LG_SANDBOX_RESET_AFTER_WRITE_RATE');

		// what the sandbox makes of it: --production's values, explicit ones (flag or variable) winning
		const effective = async (argv: string[], env: Record<string, string> = {}) => {
			const lines: string[] = [];
			const sb = await runCli(['--port', '0', '--leads', '1', '--quiet', ...argv], env, (l) => lines.push(l));
			try {
				const { production, batchPersistRate, invisibleLeads, productionErrors, purgeTimeoutLeads, agentPrefix, resetAfterWriteRate } = sb!.options();
				expect(lines.join('\n')).toContain(`production mode ${production ? 'on' : 'off'}`);
				return { production, batchPersistRate, invisibleLeads, productionErrors, purgeTimeoutLeads, agentPrefix, resetAfterWriteRate };
			} finally {
				await sb?.close();
			}
		};
		const preset = { production: true, batchPersistRate: 0, invisibleLeads: true, productionErrors: true, purgeTimeoutLeads: 1000, agentPrefix: '/api/agent', resetAfterWriteRate: 0 };
		expect(await effective([])).toEqual({ production: false, batchPersistRate: 1, invisibleLeads: false, productionErrors: false, purgeTimeoutLeads: 0, agentPrefix: 'both', resetAfterWriteRate: 0 });
		expect(await effective(['--production'])).toEqual(preset);
		expect(await effective(['--batch-persist-rate', '0.3', '--production'])).toEqual({ ...preset, batchPersistRate: 0.3 });
		expect(await effective(['--production', '--invisible-leads=false', '--agent-prefix', '/api', '--reset-after-write-rate', '0.05'])).toEqual({ ...preset, invisibleLeads: false, agentPrefix: '/api', resetAfterWriteRate: 0.05 });
		expect(await effective(['--production'], { LG_SANDBOX_PURGE_TIMEOUT_LEADS: '5' })).toEqual({ ...preset, purgeTimeoutLeads: 5 });
		expect(await effective([], { LG_SANDBOX_PRODUCTION: '1', LG_SANDBOX_PRODUCTION_ERRORS: '0' })).toEqual({ ...preset, productionErrors: false });
		expect(await effective(['--production=false'], { LG_SANDBOX_PRODUCTION: '1' })).toMatchObject({ production: false, batchPersistRate: 1 });
	});

	test('runCli --json prints one JSON line with the credentials; they work', async () => {
		const lines: string[] = [];
		const sb = await runCli(['--port', '0', '--leads', '25', '--json'], {}, (l) => lines.push(l));
		try {
			expect(lines).toHaveLength(1);
			const info = JSON.parse(lines[0]);
			expect(info).toMatchObject({ url: sb!.url, apiUrl: `${sb!.url}/api`, email: 'demo@leadgenius.test', password: 'demo-pass-1', clientId: 'demo-client' });
			expect(info.userId).toBe(sb!.demo.userId);
			expect(info.companyId).toBe(sb!.demo.companyId);
			expect(info.apiKey).toMatch(/^lgp_/);
			const page = expectOk(await api(sb!, { apiKey: info.apiKey, userId: info.userId }).get('/api/enrich-leads/list', { params: { companyId: info.companyId, clientId: info.clientId } }));
			expect(page.data).toHaveLength(25);
		} finally {
			await sb?.close();
		}
	});

	test('human banner lists URL, e-mail, password, user id, company id, API key and client id', async () => {
		const lines: string[] = [];
		const sb = await runCli(['--port', '0', '--leads', '3', '--quiet'], {}, (l) => lines.push(l));
		try {
			const text = lines.join('\n');
			for (const v of [sb!.url, sb!.demo.email, sb!.demo.password, sb!.demo.userId, sb!.demo.companyId, sb!.demo.apiKey, sb!.demo.clientId]) expect(text).toContain(v);
		} finally {
			await sb?.close();
		}
		const help: string[] = [];
		expect(await runCli(['--help'], {}, (l) => help.push(l))).toBeUndefined();
		expect(help.join('\n')).toContain('Usage:');
	});

	test('as a process: prints the JSON line, serves requests, exits 0 on SIGTERM', async () => {
		// Transpile the TypeScript sources on the fly (no build step needed for the test).
		const root = path.resolve(__dirname, '../..');
		const bootstrap = `
			const ts = require('typescript'); const fs = require('fs');
			require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true } }).outputText, f);
			require(${JSON.stringify(path.join(root, 'sandbox/cli.ts'))}).main(process.argv.slice(1));`;
		const child = spawn(process.execPath, ['-e', bootstrap, '--', '--port', '0', '--leads', '5', '--json'], { cwd: root, env: { ...process.env, LG_SANDBOX_SEED: '77' }, stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				let err = '';
				child.stdout.on('data', (d) => {
					out += d;
					const nl = out.indexOf('\n');
					if (nl >= 0) resolve(out.slice(0, nl));
				});
				child.stderr.on('data', (d) => (err += d));
				child.on('exit', (code) => reject(new Error(`exited early (${code}): ${err}`)));
			});
			const info = JSON.parse(line);
			const res = await api({ url: info.url } as never).post('/api/auth', { username: info.email, password: info.password });
			expect(res.status).toBe(200);
			const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
			child.kill('SIGTERM');
			expect(await exit).toBe(0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
