#!/usr/bin/env node
'use strict';
/**
 * `npm start`: one command from a fresh clone (after `npm install`) to a clickable n8n with our
 * nodes, talking to the local LeadGenius sandbox.
 *
 *   1. installs n8n (pinned; default the newest 2.x that installs) into .n8n-local/ unless cached,
 *      while the package is built (npm run build), the sandbox compiled (tsc) and packed (npm pack);
 *   2. starts the sandbox (node build/sandbox/cli.js --json): seeded clients, leads, settings, webhooks;
 *   3. installs the tarball as a community package into .n8n-user/v<major>/ (git-ignored), imports the
 *      "LeadGenius API" credentials for the sandbox and the examples/ workflows with the n8n CLI;
 *   4. starts n8n on http://localhost:5678, creates the owner account on first start, prints the
 *      URLs and sign-in details. Ctrl-C stops n8n and the sandbox (by PID) and exits.
 *
 * Options (flag, or environment variable):
 *   --n8n-version <v>   LEADGENIUS_N8N_VERSION   exact version, or 1 / 2 / 1.123 / 2.41 (default 2)
 *   --port <n>          LEADGENIUS_N8N_PORT      n8n port (default 5678)
 *   --sandbox-port <n>  LG_SANDBOX_PORT          sandbox port (default 5680)
 *   --leads <n>         LG_SANDBOX_LEADS         seeded leads in the demo client (default 2500)
 *   --reset                                      wipe the n8n user folder first (new database)
 *   --no-build                                   use the existing dist/ and build/ as they are
 *   --install-only                               install n8n and exit (for CI caches)
 * Other LG_SANDBOX_* variables reach the sandbox unchanged (see node build/sandbox/cli.js --help).
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const lib = require('./n8n/lib');
const {
	CREDENTIALS,
	OWNER,
	SANDBOX_WEBHOOK_SECRET,
	SESSION_FILE,
	buildCredentials,
	loadExamples,
	examplesToActivate,
	syncExamples,
} = require('./n8n/project');

const ROOT = lib.PROJECT_ROOT;

function parseArgs(argv) {
	const o = {
		n8nVersion: process.env.LEADGENIUS_N8N_VERSION,
		port: Number(process.env.LEADGENIUS_N8N_PORT || 5678),
		sandboxPort: Number(process.env.LG_SANDBOX_PORT || 5680),
		leads: Number(process.env.LG_SANDBOX_LEADS || 2500),
		build: true,
		reset: false,
		installOnly: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--n8n-version':
				o.n8nVersion = value();
				break;
			case '--port':
				o.port = Number(value());
				break;
			case '--sandbox-port':
				o.sandboxPort = Number(value());
				break;
			case '--leads':
				o.leads = Number(value());
				break;
			case '--reset':
				o.reset = true;
				break;
			case '--no-build':
				o.build = false;
				break;
			case '--install-only':
				o.installOnly = true;
				break;
			case '--help':
			case '-h':
				o.help = true;
				break;
			default:
				throw new Error(`unknown option ${argv[i]} (see --help)`);
		}
	}
	return o;
}

/** Runs a command asynchronously with inherited output; resolves on exit 0. */
function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
		children.add(child);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			children.delete(child);
			if (code === 0) resolve();
			else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal || `exit ${code}`})`));
		});
	});
}

/** Short-lived helper processes (install, build), ended if the user presses Ctrl-C meanwhile. */
const children = new Set();

async function prepare(opts) {
	const version = lib.resolveN8nVersion(opts.n8nVersion);
	const t0 = Date.now();
	// n8n install (minutes the first time) in a child process, the build alongside.
	const install = run(process.execPath, [path.join(__dirname, 'n8n', 'install.js'), '--n8n-version', version], {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (opts.installOnly) {
		await install;
		return { version };
	}
	const build = (async () => {
		if (!opts.build) return;
		lib.log('building the package (npm run build) and the sandbox (tsc -p scripts/n8n/tsconfig.sandbox.json)');
		await run('npm', ['run', 'build', '--silent']);
		await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(__dirname, 'n8n', 'tsconfig.sandbox.json')]);
	})();
	// Wait for both even when one fails, so nothing keeps running behind our back.
	const results = await Promise.allSettled([install, build]);
	const failed = results.find((r) => r.status === 'rejected');
	if (failed) throw failed.reason;
	for (const file of ['dist/nodes/LeadGenius/LeadGenius.node.js', 'build/sandbox/cli.js']) {
		if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run without --no-build`);
	}
	const tgz = lib.buildAndPack({ build: false });
	const inst = lib.ensureN8n(version);
	lib.log(`n8n ${inst.version} on Node ${inst.node.version} ready; package packed (${path.basename(tgz)}) in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
	return { version, inst, tgz };
}

/** Starts build/sandbox/cli.js --json in its own process group; resolves with its start-up JSON. */
function startSandbox(opts) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[path.join(ROOT, 'build', 'sandbox', 'cli.js'), '--port', String(opts.sandboxPort), '--leads', String(opts.leads), '--json'],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
		);
		let buffer = '';
		let done = false;
		const timer = setTimeout(() => {
			if (done) return;
			done = true;
			killGroup(child.pid, 'SIGKILL');
			reject(new Error('the sandbox printed no start-up line within 60 s'));
		}, 60000);
		child.stdout.on('data', (chunk) => {
			if (done) return;
			buffer += chunk;
			const line = buffer.split('\n').find((l) => l.trim().startsWith('{'));
			if (!line) return;
			done = true;
			clearTimeout(timer);
			child.stdout.resume();
			try {
				resolve({ child, info: JSON.parse(line) });
			} catch (err) {
				reject(err);
			}
		});
		child.on('exit', (code, signal) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			reject(new Error(`the sandbox exited during start-up (${signal || `exit ${code}`})`));
		});
	});
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

/** Resolves when nothing listens on `port` (any interface); rejects with the error code otherwise. */
function portFree(port) {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', (err) => reject(err));
		srv.listen({ port, exclusive: true }, () => srv.close(() => resolve()));
	});
}

/**
 * Checks every port we are about to use before anything is imported or started, and names the
 * flag that moves it: a second `npm start` should not fail minutes later with a bare EADDRINUSE.
 */
async function checkPorts(opts) {
	const wanted = [
		{ port: opts.port, what: 'n8n', flag: '--port', suggest: opts.port + 1 },
		{ port: opts.port + 10000, what: "n8n's task broker (--port + 10000)", flag: '--port', suggest: opts.port + 1 },
		{ port: opts.sandboxPort, what: 'the LeadGenius sandbox', flag: '--sandbox-port', suggest: opts.sandboxPort + 1 },
	];
	const problems = [];
	for (const w of wanted) {
		if (!Number.isInteger(w.port) || w.port < 1 || w.port > 65535) {
			problems.push(`port ${w.port} for ${w.what} is not a valid port: choose one with ${w.flag} <n>`);
			continue;
		}
		try {
			await portFree(w.port);
		} catch (err) {
			const why = err.code === 'EADDRINUSE' ? 'is already in use (another npm start, or another program)' : `cannot be used (${err.code || err.message})`;
			problems.push(`port ${w.port} for ${w.what} ${why}: choose another with ${w.flag} <n>, e.g. npm start -- ${w.flag} ${w.suggest}`);
		}
	}
	if (problems.length) throw new Error(problems.join('\n  '));
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	if (opts.help) {
		const text = fs.readFileSync(__filename, 'utf8');
		const doc = text.slice(text.indexOf('/**') + 3, text.indexOf('*/'));
		console.log(doc.split('\n').map((l) => l.replace(/^ \* ?/, '')).join('\n').trim());
		return;
	}
	const t0 = Date.now();
	let sandbox;
	let n8n;
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		for (const c of children) killGroup(c.pid, 'SIGTERM');
		if (n8n) {
			process.stderr.write('\nstopping n8n… ');
			await n8n.stop();
		}
		if (sandbox) {
			process.stderr.write('stopping the sandbox… ');
			const exited = new Promise((r) => (sandbox.child.exitCode !== null ? r() : sandbox.child.once('exit', r)));
			killGroup(sandbox.child.pid, 'SIGTERM');
			await Promise.race([exited, lib.sleep(5000)]);
			killGroup(sandbox.child.pid, 'SIGKILL');
		}
		process.stderr.write('stopped.\n');
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));
	process.on('SIGHUP', () => void stopAll(0));

	try {
		if (!opts.installOnly) await checkPorts(opts);
		const prep = await prepare(opts);
		if (opts.installOnly) {
			console.log(`n8n ${prep.version} installed in ${path.relative(ROOT, lib.LOCAL_DIR)}/`);
			return;
		}
		const { inst, tgz } = prep;
		if (stopping) return;

		sandbox = await startSandbox(opts);
		sandbox.child.on('exit', (code, signal) => {
			if (stopping) return;
			console.error(`\nthe sandbox stopped unexpectedly (${signal || `exit ${code}`}); stopping n8n`);
			void stopAll(1);
		});
		const sb = sandbox.info;

		const userFolder = path.join(ROOT, '.n8n-user', `v${inst.version.split('.')[0]}`);
		if (opts.reset) fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		const env = lib.n8nEnv(inst, { userFolder, port: opts.port, brokerPort: opts.port + 10000 });

		const pkg = lib.installCommunityPackage(userFolder, tgz);
		lib.log(`installed ${pkg.name}@${pkg.version} as a community package in ${path.relative(ROOT, pkg.dir)}`);
		lib.importCredentials(inst, env, buildCredentials(sb));
		const examples = loadExamples();
		const active = examplesToActivate(examples);
		// Only absent examples, or ones unchanged since we imported them: a user's edits survive.
		const sync = syncExamples(inst, env, examples, { activate: active });
		lib.registerCommunityPackage(inst, env, pkg);
		lib.log(
			`imported ${CREDENTIALS.length} credentials and ${sync.imported.length} example workflows ` +
				`(${sync.current.length} already up to date, ${sync.kept.length} kept as you edited them)`,
		);
		writeSession(userFolder, { n8nUrl: `http://localhost:${opts.port}`, sandbox: sb, examples, active });

		n8n = await lib.startN8n(inst, env, { readyTimeoutMs: 240000 });
		const owner = await lib.setupOwner(n8n.url, OWNER);
		if (active.length) {
			try {
				const cookie = await lib.login(n8n.url, OWNER);
				await lib.waitForActivation(inst, n8n.url, cookie, active, { timeoutMs: 60000 });
			} catch (err) {
				lib.log(`note: ${err.message.split('\n')[0]}`);
			}
		}
		watchN8n(n8n, () => {
			if (stopping) return;
			console.error(`\nn8n stopped unexpectedly; last log lines:\n${n8n.logTail(30)}`);
			void stopAll(1);
		});

		const seconds = ((Date.now() - t0) / 1000).toFixed(0);
		console.log(`
  n8n ${inst.version} (Node ${inst.node.version}) with ${pkg.name}@${pkg.version} is ready (${seconds}s)

  n8n          ${n8n.url}
    sign in    ${OWNER.email} / ${OWNER.password}${owner.created ? '' : '   (owner created earlier: unless you changed it)'}
    log        ${path.relative(ROOT, n8n.logFile)}
    credentials ${CREDENTIALS.map((c) => `"${c.name}"`).join(', ')}
    examples   ${examples.length ? examples.map((w) => `"${w.name}"${active.includes(w.id) ? ' (active)' : ''}${keptNote(sync, w)}`).join('\n               ') : '(none yet)'}
${sync.kept.length ? `               (kept: you edited them since we imported them; delete one in n8n, or start with --reset, to get ours again)\n` : ''}${triggerUrls(examples, active, n8n.url)}${active.length ? `    test event npm run send-test-event   (a signed reply_received for a sandbox lead, to the trigger above)\n` : ''}
  LeadGenius sandbox  ${sb.url}   (API ${sb.apiUrl})
    e-mail     ${sb.email} / ${sb.password}
    API key    ${sb.apiKey}   user id ${sb.userId}
    company    ${sb.companyId}   client ${sb.clientId}
    webhook signing secret (credential "${CREDENTIALS[0].name}")  ${SANDBOX_WEBHOOK_SECRET}

  Press Ctrl-C to stop both.
`);
	} catch (err) {
		console.error(`\nnpm start failed: ${err && err.message ? err.message : err}`);
		if (n8n) console.error(`n8n log tail:\n${n8n.logTail(40)}`);
		await stopAll(1);
	}
}

function keptNote(sync, wf) {
	return sync.kept.includes(wf) ? '  (kept: your edited copy)' : '';
}

/** What `npm run send-test-event` needs to find this session: URLs, the sandbox, the triggers. */
function writeSession(userFolder, { n8nUrl, sandbox, examples, active }) {
	const triggers = [];
	for (const wf of examples) {
		if (!active.includes(wf.id)) continue;
		for (const node of wf.nodes) {
			if (/\.leadGeniusTrigger$/.test(node.type) && node.webhookId) {
				triggers.push({ workflow: wf.name, node: node.name, url: `${n8nUrl}/webhook/${node.webhookId}/webhook` });
			}
		}
	}
	lib.writeJson(path.join(ROOT, SESSION_FILE), {
		startedAt: new Date().toISOString(),
		pid: process.pid,
		userFolder: path.relative(ROOT, userFolder),
		n8nUrl,
		sandbox,
		webhookSecret: SANDBOX_WEBHOOK_SECRET,
		triggers,
	});
}

/** Production URLs of the active examples' LeadGenius Triggers. */
function triggerUrls(examples, active, baseUrl) {
	const lines = [];
	for (const wf of examples) {
		if (!active.includes(wf.id)) continue;
		for (const node of wf.nodes) {
			if (/\.leadGeniusTrigger$/.test(node.type) && node.webhookId) {
				lines.push(`    trigger    ${baseUrl}/webhook/${node.webhookId}/webhook   ("${node.name}", signed with the secret below)`);
			}
		}
	}
	return lines.length ? lines.join('\n') + '\n' : '';
}

/** Polls the n8n process (we hold only its PID) and calls back once it is gone. */
function watchN8n(handle, onExit) {
	const timer = setInterval(() => {
		if (handle.exited() || !lib.pidAlive(handle.pid)) {
			clearInterval(timer);
			onExit();
		}
	}, 1000);
}

main();
