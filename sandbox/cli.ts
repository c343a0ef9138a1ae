#!/usr/bin/env node
/**
 * Command-line entry of the sandbox:
 *   node build/sandbox/cli.js --port 5680 --email demo@leadgenius.test --password demo-pass-1 \
 *     --token-ttl 3600 --rate-limit 100 --leads 1000 [--seed 42] [--task-delay-ms 1000] [--json] …
 * Every flag also has an LG_SANDBOX_* environment variable; flags win over the environment.
 * Production mode (sandbox/production.ts): --production [--batch-persist-rate R] [--invisible-leads]
 * [--production-errors] [--purge-timeout-leads N] [--agent-prefix P] [--reset-after-write-rate R];
 * an individual value given (flag or variable) wins over what --production sets.
 */
import { AGENT_PREFIXES, type AgentPrefix } from './production';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';

interface FlagSpec {
	flag: string;
	env: string;
	/** `rate`: a number from 0 to 1. */
	kind: 'int' | 'number' | 'rate' | 'string' | 'bool';
	/** The accepted values of a `string` flag. */
	choices?: readonly string[];
	help: string;
	apply: (o: SandboxOptions, v: string | number | boolean) => void;
}

const faults = (o: SandboxOptions): NonNullable<SandboxOptions['faults']> => (o.faults ??= {});

const FLAGS: FlagSpec[] = [
	{ flag: 'port', env: 'LG_SANDBOX_PORT', kind: 'int', help: 'TCP port (0 = any free port). Default 5680', apply: (o, v) => (o.port = v as number) },
	{ flag: 'host', env: 'LG_SANDBOX_HOST', kind: 'string', help: 'Interface to bind. Default 127.0.0.1', apply: (o, v) => (o.host = v as string) },
	{ flag: 'email', env: 'LG_SANDBOX_EMAIL', kind: 'string', help: 'Demo account e-mail. Default demo@leadgenius.test', apply: (o, v) => (o.email = v as string) },
	{ flag: 'password', env: 'LG_SANDBOX_PASSWORD', kind: 'string', help: 'Demo account password. Default demo-pass-1', apply: (o, v) => (o.password = v as string) },
	{ flag: 'token-ttl', env: 'LG_SANDBOX_TOKEN_TTL', kind: 'number', help: 'Access-token lifetime in seconds. Default 3600', apply: (o, v) => (o.tokenTtl = v as number) },
	{ flag: 'rate-limit', env: 'LG_SANDBOX_RATE_LIMIT', kind: 'int', help: 'Requests per window per user, 0 = off. Default 100', apply: (o, v) => (o.rateLimit = v as number) },
	{ flag: 'rate-window-ms', env: 'LG_SANDBOX_RATE_WINDOW_MS', kind: 'int', help: 'Rate-limit window in ms. Default 60000', apply: (o, v) => (o.rateWindowMs = v as number) },
	{ flag: 'leads', env: 'LG_SANDBOX_LEADS', kind: 'int', help: 'Seeded leads in the demo client. Default 1000', apply: (o, v) => (o.leads = v as number) },
	{ flag: 'seed', env: 'LG_SANDBOX_SEED', kind: 'int', help: 'Seed of the generated data. Default 42', apply: (o, v) => (o.seed = v as number) },
	{ flag: 'task-delay-ms', env: 'LG_SANDBOX_TASK_DELAY_MS', kind: 'int', help: 'Background runs finish after this many ms. Default 1000', apply: (o, v) => (o.taskDelayMs = v as number) },
	{ flag: 'error-rate', env: 'LG_SANDBOX_ERROR_RATE', kind: 'number', help: 'Fraction of requests answered 500/503. Default 0', apply: (o, v) => (faults(o).errorRate = v as number) },
	{ flag: 'reset-rate', env: 'LG_SANDBOX_RESET_RATE', kind: 'number', help: 'Fraction of requests whose socket is reset. Default 0', apply: (o, v) => (faults(o).resetRate = v as number) },
	{ flag: 'latency-ms', env: 'LG_SANDBOX_LATENCY_MS', kind: 'int', help: 'Latency added to every request. Default 0', apply: (o, v) => (faults(o).latencyMs = v as number) },
	{ flag: 'latency-spike-rate', env: 'LG_SANDBOX_LATENCY_SPIKE_RATE', kind: 'number', help: 'Fraction of requests with a latency spike. Default 0', apply: (o, v) => (faults(o).latencySpikeRate = v as number) },
	{ flag: 'latency-spike-ms', env: 'LG_SANDBOX_LATENCY_SPIKE_MS', kind: 'int', help: 'Latency spike size. Default 1000', apply: (o, v) => (faults(o).latencySpikeMs = v as number) },
	{ flag: 'fault-seed', env: 'LG_SANDBOX_FAULT_SEED', kind: 'int', help: 'Seed of the fault sequence. Default 1', apply: (o, v) => (faults(o).seed = v as number) },
	{ flag: 'production', env: 'LG_SANDBOX_PRODUCTION', kind: 'bool', help: 'Production mode: every behaviour below on at production values (batch persist rate 0, invisible leads, production errors, purge timeout 1000, Agent prefix /api/agent; reset-after-write stays 0); explicit values win', apply: (o, v) => (o.production = v as boolean) },
	{ flag: 'batch-persist-rate', env: 'LG_SANDBOX_BATCH_PERSIST_RATE', kind: 'rate', help: 'Fraction (0..1) of a batch create\'s accepted rows really stored; the answer claims all. Default 1', apply: (o, v) => (o.batchPersistRate = v as number) },
	{ flag: 'invisible-leads', env: 'LG_SANDBOX_INVISIBLE_LEADS', kind: 'bool', help: 'Lead writes accept any client_id; a lead under a client record id (or unknown value) is stored but listed nowhere', apply: (o, v) => (o.invisibleLeads = v as boolean) },
	{ flag: 'production-errors', env: 'LG_SANDBOX_PRODUCTION_ERRORS', kind: 'bool', help: 'phone, "" values and lastName "." answer 500 "Failed to create lead - no data returned" instead of 400', apply: (o, v) => (o.productionErrors = v as boolean) },
	{ flag: 'purge-timeout-leads', env: 'LG_SANDBOX_PURGE_TIMEOUT_LEADS', kind: 'int', help: 'A client purge above N leads deletes the first N and answers 504, 0 = off. Default 0', apply: (o, v) => (o.purgeTimeoutLeads = v as number) },
	{ flag: 'agent-prefix', env: 'LG_SANDBOX_AGENT_PREFIX', kind: 'string', choices: AGENT_PREFIXES, help: 'Agent API only under /api/agent or /api (other prefix: 404). Default both', apply: (o, v) => (o.agentPrefix = v as AgentPrefix) },
	{ flag: 'reset-after-write-rate', env: 'LG_SANDBOX_RESET_AFTER_WRITE_RATE', kind: 'rate', help: 'Fraction (0..1) of POST/PUT/DELETE carried out, then reset before the answer (fault seed). Default 0', apply: (o, v) => (o.resetAfterWriteRate = v as number) },
	{ flag: 'no-record', env: 'LG_SANDBOX_NO_RECORD', kind: 'bool', help: 'Do not keep a request log', apply: (o, v) => (o.recordRequests = !v) },
	{ flag: 'quiet', env: 'LG_SANDBOX_QUIET', kind: 'bool', help: 'No access log on stderr', apply: (o, v) => (o.quiet = v as boolean) },
];

export interface CliConfig {
	options: SandboxOptions;
	json: boolean;
	help: boolean;
}

function convert(spec: FlagSpec, raw: string, source: string): string | number | boolean {
	if (spec.kind === 'string') {
		if (spec.choices && !spec.choices.includes(raw)) throw new Error(`${source}: expected one of ${spec.choices.join(', ')}, got '${raw}'`);
		return raw;
	}
	if (spec.kind === 'bool') return !['0', 'false', 'no', ''].includes(raw.toLowerCase());
	const n = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(n) || (spec.kind === 'int' && !Number.isInteger(n)) || n < 0) {
		throw new Error(`${source}: expected a non-negative ${spec.kind === 'int' ? 'integer' : 'number'}, got '${raw}'`);
	}
	if (spec.kind === 'rate' && n > 1) throw new Error(`${source}: expected a number from 0 to 1, got '${raw}'`);
	return n;
}

const truthy = (v: string | undefined): boolean => v !== undefined && !['0', 'false', 'no', ''].includes(v.toLowerCase());

/** Flags win over LG_SANDBOX_* variables, which win over the defaults of `startSandbox`. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): CliConfig {
	const options: SandboxOptions = {};
	let json = truthy(env.LG_SANDBOX_JSON);
	let help = false;
	for (const spec of FLAGS) {
		const v = env[spec.env];
		if (v !== undefined && v !== '') spec.apply(options, convert(spec, v, spec.env));
	}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--json') {
			json = true;
			continue;
		}
		if (arg === '--help' || arg === '-h') {
			help = true;
			continue;
		}
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument '${arg}'`);
		const eq = arg.indexOf('=');
		const name = arg.slice(2, eq < 0 ? undefined : eq);
		const spec = FLAGS.find((f) => f.flag === name);
		if (!spec) throw new Error(`Unknown flag --${name} (see --help)`);
		let raw: string;
		if (eq >= 0) raw = arg.slice(eq + 1);
		else if (spec.kind === 'bool') raw = 'true';
		else {
			if (i + 1 >= argv.length) throw new Error(`--${name} needs a value`);
			raw = argv[++i];
		}
		spec.apply(options, convert(spec, raw, `--${name}`));
	}
	// The access log (stderr) is on for humans, off by default for --json consumers.
	options.quiet ??= json;
	return { options, json, help };
}

export function usage(): string {
	const lines = ['Usage: node build/sandbox/cli.js [flags]', '', 'Flags (environment variable in brackets):'];
	for (const f of FLAGS) lines.push(`  --${f.flag}${f.kind === 'bool' ? '' : f.choices ? ` <${f.choices.join('|')}>` : ' <value>'}  ${f.help} [${f.env}]`);
	lines.push('  --json  Print the start-up information as one JSON line [LG_SANDBOX_JSON]');
	lines.push('  --help  This text');
	return lines.join('\n');
}

/** The start-up information printed by the CLI (one JSON line with --json). */
export function startupInfo(sb: Sandbox): Record<string, unknown> {
	return {
		url: sb.url,
		apiUrl: `${sb.url}/api`,
		port: sb.port,
		email: sb.demo.email,
		password: sb.demo.password,
		userId: sb.demo.userId,
		companyId: sb.demo.companyId,
		apiKey: sb.demo.apiKey,
		clientId: sb.demo.clientId,
		clientRecordId: sb.demo.clientRecordId,
		secondClientId: sb.secondClientId,
		webhookId: sb.webhookId,
		other: sb.other,
		admin: sb.admin,
		member: sb.member,
	};
}

/** Starts the sandbox and prints the banner; returns the running sandbox. */
export async function runCli(
	argv: readonly string[],
	env: Record<string, string | undefined>,
	print: (line: string) => void,
): Promise<Sandbox | undefined> {
	const cfg = parseCliArgs(argv, env);
	if (cfg.help) {
		print(usage());
		return undefined;
	}
	const sb = await startSandbox(cfg.options);
	if (cfg.json) {
		print(JSON.stringify(startupInfo(sb)));
	} else {
		const o = sb.options();
		print(`LeadGenius sandbox listening on ${sb.url} (API under ${sb.url}/api)`);
		print(`  demo e-mail     ${sb.demo.email}`);
		print(`  demo password   ${sb.demo.password}`);
		print(`  user id (sub)   ${sb.demo.userId}`);
		print(`  company id      ${sb.demo.companyId}`);
		print(`  API key         ${sb.demo.apiKey}`);
		print(`  client id       ${sb.demo.clientId}  (record id ${sb.demo.clientRecordId})`);
		print(`  seeded          ${sb.store.countLeads(sb.demo.companyId, sb.demo.clientId)} leads in ${Math.round(sb.seedMs)} ms`);
		print(`  token TTL ${o.tokenTtl} s, rate limit ${o.rateLimit || 'off'}${o.rateLimit ? `/${o.rateWindowMs / 1000} s` : ''}, task delay ${o.taskDelayMs} ms`);
		print(
			`  production mode ${o.production ? 'on' : 'off'}: batch persist rate ${o.batchPersistRate}, invisible leads ${o.invisibleLeads ? 'on' : 'off'}, ` +
				`production errors ${o.productionErrors ? 'on' : 'off'}, purge timeout ${o.purgeTimeoutLeads || 'off'}, Agent prefix ${o.agentPrefix}, reset after write ${o.resetAfterWriteRate}`,
		);
		print('  other tenant    ' + `${sb.other.email} / ${sb.other.password}`);
		print('  admin           ' + `${sb.admin.email} / ${sb.admin.password}`);
		print('  member          ' + `${sb.member.email} / ${sb.member.password}`);
	}
	return sb;
}

/** Process entry: start, print, stop cleanly on SIGINT/SIGTERM (exit code 0). */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
	let sb: Sandbox | undefined;
	try {
		sb = await runCli(argv, process.env, (line) => process.stdout.write(line + '\n'));
	} catch (err) {
		process.stderr.write(`leadgenius-sandbox: ${(err as Error).message}\n`);
		process.exit(2);
	}
	if (!sb) return;
	const running = sb;
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		running
			.close()
			.then(() => process.exit(0))
			.catch((err) => {
				process.stderr.write(`leadgenius-sandbox: error while stopping on ${signal}: ${(err as Error).message}\n`);
				process.exit(1);
			});
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) void main();
