/**
 * PostgreSQL and Redis for the queue-mode suite, from the machine's Debian packages (`postgresql`,
 * `redis-server`; .ci/run installs them): each on loopback, on a free port, with its data in a fresh temp
 * dir, started in its own process group and stopped by PID. PostgreSQL refuses to run as root, so as
 * root it runs as the `postgres` user the Debian package creates (runuser), in a dir owned by it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, lib } from '../harness';

/** Debian 12 ships PostgreSQL 15 (n8n asks for 17+; 15 runs n8n 2.41's migrations and queue mode). */
const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export interface Service {
	name: string;
	pid: number;
	port: number;
	dir: string;
	logFile: string;
	startSeconds: number;
	logTail(lines?: number): string;
	stop(): Promise<void>;
}

/** Process groups started here, SIGKILLed if the test process exits before stopping them. */
const groups = new Set<number>();
process.on('exit', () => {
	for (const pid of groups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
});

/** Spawns `cmd` in its own process group, output to `logFile`, with a stop() that ends the group by PID. */
export function spawnGroup(
	cmd: string,
	args: string[],
	opts: { logFile: string; env?: NodeJS.ProcessEnv; cwd?: string; stopSignal?: NodeJS.Signals },
): { child: ChildProcess; exited: () => { code: number | null; signal: string | null } | null; stop: (timeoutMs?: number) => Promise<void>; logTail: (lines?: number) => string } {
	fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
	const fd = fs.openSync(opts.logFile, 'a');
	const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	const pid = child.pid as number;
	groups.add(pid);
	let exited: { code: number | null; signal: string | null } | null = null;
	const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
	const stop = async (timeoutMs = 20000) => {
		if (!exited && opts.stopSignal) {
			try {
				process.kill(-pid, opts.stopSignal);
			} catch {
				/* gone */
			}
			await Promise.race([exitPromise, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
		}
		await (lib as unknown as { stopProcessGroup: (pid: number, p: Promise<unknown>, e: () => unknown, t: number) => Promise<void> }).stopProcessGroup(
			pid,
			exitPromise,
			() => exited,
			timeoutMs,
		);
		groups.delete(pid);
	};
	const logTail = (lines = 60) => {
		try {
			return lib.tail(fs.readFileSync(opts.logFile, 'utf8'), lines);
		} catch {
			return '';
		}
	};
	return { child, exited: () => exited, stop, logTail };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, isGone: () => unknown, logTail: () => string, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (isGone()) throw new Error(`${what} exited during start-up\n${logTail()}`);
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs / 1000}s\n${logTail()}`);
		await lib.sleep(200);
	}
}

function pgBin(name: string): string {
	for (const dir of PG_BIN_DIRS) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
	throw new Error(`PostgreSQL's ${name} not found in ${PG_BIN_DIRS.join(', ')}: apt-get install postgresql (.ci/run does)`);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** argv that runs `bin args` as the postgres user when we are root (PostgreSQL refuses root). */
function asPostgres(bin: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

export interface Postgres extends Service {
	user: string;
	password: string;
	database: string;
	/** Runs one SQL statement with psql; returns its unaligned, tuples-only output. */
	sql(statement: string): string;
}

export async function startPostgres(root: string): Promise<Postgres> {
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-queue-pg-'));
	const data = path.join(dir, 'data');
	fs.mkdirSync(root, { recursive: true });
	const logFile = path.join(root, 'postgres.log');
	if (isRoot()) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
	const pwFile = path.join(dir, 'pw');
	const password = 'lg-queue-e2e';
	fs.writeFileSync(pwFile, password);
	if (isRoot()) spawnSync('chown', ['postgres:postgres', pwFile]);
	const [initCmd, initArgs] = asPostgres(pgBin('initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwFile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C']);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8', cwd: dir });
	if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
	const port = await freePort();
	const [cmd, args] = asPostgres(pgBin('postgres'), [
		'-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dir, '-c', 'max_connections=200', '-c', 'fsync=off',
	]);
	// SIGINT is PostgreSQL's "fast shutdown".
	const proc = spawnGroup(cmd, args, { logFile, cwd: dir, stopSignal: 'SIGINT' });
	const env = { ...process.env, PGPASSWORD: password };
	const psql = (db: string, statement: string) =>
		spawnSync(pgBin('psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-Atc', statement], {
			encoding: 'utf8',
			env,
		});
	await waitFor('PostgreSQL', () => psql('postgres', 'SELECT 1').status === 0, proc.exited, proc.logTail, 60000);
	const created = psql('postgres', 'CREATE DATABASE n8n');
	if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	return {
		name: 'postgres',
		pid: proc.child.pid as number,
		port,
		dir,
		logFile,
		user: 'postgres',
		password,
		database: 'n8n',
		startSeconds: (Date.now() - started) / 1000,
		logTail: proc.logTail,
		sql(statement: string) {
			const res = psql('n8n', statement);
			if (res.status !== 0) throw new Error(`psql: ${res.stderr}`);
			return res.stdout.trim();
		},
		async stop() {
			await proc.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
		socket.on('error', () => resolve(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.startsWith('+PONG'));
			}
		});
	});
}

export async function startRedis(root: string): Promise<Service> {
	const started = Date.now();
	const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((f) => fs.existsSync(f));
	if (!bin) throw new Error('redis-server not found: apt-get install redis-server (.ci/run does)');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-queue-redis-'));
	const port = await freePort();
	fs.mkdirSync(root, { recursive: true });
	const logFile = path.join(root, 'redis.log');
	const proc = spawnGroup(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
		{ logFile, cwd: dir, stopSignal: 'SIGTERM' },
	);
	await waitFor('Redis', () => redisPing(port), proc.exited, proc.logTail, 30000);
	return {
		name: 'redis',
		pid: proc.child.pid as number,
		port,
		dir,
		logFile,
		startSeconds: (Date.now() - started) / 1000,
		logTail: proc.logTail,
		async stop() {
			await proc.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
