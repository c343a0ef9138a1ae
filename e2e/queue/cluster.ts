/**
 * n8n 2.x in queue mode: one main (`n8n start`, production webhooks off), webhook processors
 * (`n8n webhook`) and workers (`n8n worker`), sharing PostgreSQL and Redis. Every process has its own
 * user folder with the packed package installed as a community package, its own ports, one shared
 * encryption key, and its own hostname (`unshare -u` + `hostname`: n8n derives its host id from it).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nEnv, N8nInstall } from '../../scripts/n8n/lib';
import { freePort, lib, project } from '../harness';
import { spawnGroup, type Postgres, type Service } from './services';

export type Role = 'main' | 'webhook' | 'worker';

export interface N8nProcess {
	role: Role;
	name: string;
	pid: number;
	/** Main and webhook processors: their HTTP base URL. Workers: their health-check URL. */
	url: string;
	env: N8nEnv;
	logFile: string;
	startSeconds: number;
	log(): string;
	logTail(lines?: number): string;
	stop(): Promise<void>;
}

/** The settings every process of the deployment shares (the verified list). */
function queueEnv(pg: Postgres, redis: Service, encryptionKey: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		// Executions are saved by the workers; keep them all so the suite can count them.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	};
}

export interface Deployment {
	inst: N8nInstall;
	root: string;
	encryptionKey: string;
	/** Env for CLI commands against the shared database (the main's user folder). */
	cliEnv: N8nEnv;
	start(role: Role, name: string): Promise<N8nProcess>;
}

export async function prepareDeployment(opts: {
	version: string;
	tgz: string;
	root: string;
	pg: Postgres;
	redis: Service;
}): Promise<Deployment> {
	const inst = lib.ensureN8n(opts.version);
	const encryptionKey = randomBytes(24).toString('hex');
	const shared = queueEnv(opts.pg, opts.redis, encryptionKey);
	const folder = (name: string) => path.join(opts.root, name);

	const envFor = async (name: string, extra: Record<string, string> = {}): Promise<N8nEnv> => {
		const userFolder = folder(name);
		fs.mkdirSync(userFolder, { recursive: true });
		const port = await freePort();
		return lib.n8nEnv(inst, {
			userFolder,
			port,
			brokerPort: await freePort(),
			host: '127.0.0.1',
			listen: '127.0.0.1',
			extra: { ...shared, ...extra },
		});
	};

	fs.rmSync(opts.root, { recursive: true, force: true });
	fs.mkdirSync(opts.root, { recursive: true });
	const cliEnv = await envFor('main');
	// The package goes into every process's own user folder, as a user installs it per container.
	lib.installCommunityPackage(cliEnv.N8N_USER_FOLDER, opts.tgz);

	const start = async (role: Role, name: string): Promise<N8nProcess> => {
		const started = Date.now();
		const healthPort = role === 'worker' ? await freePort() : 0;
		const env = name === 'main' ? cliEnv : await envFor(name, role === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) } : {});
		if (name !== 'main') lib.installCommunityPackage(env.N8N_USER_FOLDER, opts.tgz);
		const logFile = path.join(env.N8N_USER_FOLDER, 'n8n.log');
		const command = role === 'main' ? 'start' : role;
		const hostname = `lg-${name}`;
		// A UTS namespace of its own: the hostname (n8n's host id) differs per process, the network does not.
		const proc = spawnGroup(
			'unshare',
			['-u', 'sh', '-c', 'hostname "$0" && exec "$@"', hostname, inst.node.bin, inst.bin, command],
			{ logFile, env, cwd: env.N8N_USER_FOLDER },
		);
		const log = () => {
			try {
				return fs.readFileSync(logFile, 'utf8');
			} catch {
				return '';
			}
		};
		const url = role === 'worker' ? `http://127.0.0.1:${healthPort}` : `http://127.0.0.1:${env.N8N_PORT}`;
		const readyLine = { main: /Editor is now accessible via/, webhook: /Webhook listener waiting for requests/, worker: /n8n worker is now ready/ }[role];
		const deadline = Date.now() + 180000;
		for (;;) {
			if (proc.exited()) throw new Error(`n8n ${command} (${name}) exited during start-up ${JSON.stringify(proc.exited())}\n${proc.logTail(60)}`);
			if (Date.now() > deadline) {
				await proc.stop();
				throw new Error(`n8n ${command} (${name}) not ready within 180s\n${proc.logTail(60)}`);
			}
			let ready = false;
			try {
				ready = (await lib.httpRequest(`${url}/healthz/readiness`, { timeoutMs: 2000 })).status === 200;
			} catch {
				ready = false;
			}
			if (ready && readyLine.test(log())) break;
			await lib.sleep(300);
		}
		return {
			role,
			name,
			pid: proc.child.pid as number,
			url,
			env,
			logFile,
			startSeconds: (Date.now() - started) / 1000,
			log,
			logTail: (lines = 60) => proc.logTail(lines),
			stop: () => proc.stop(),
		};
	};

	return { inst, root: opts.root, encryptionKey, cliEnv, start };
}

/** Imports credentials and workflows into the shared database (n8n CLI, main's folder), publishes some. */
export function importAll(d: Deployment, credentials: unknown[], workflows: Array<{ id: string }>, publish: string[]): void {
	lib.importCredentials(d.inst, d.cliEnv, credentials);
	lib.importWorkflows(d.inst, d.cliEnv, workflows);
	lib.activateWorkflows(d.inst, d.cliEnv, publish);
}

/** Owner account on the main, then its auth cookie. */
export async function ownerCookie(main: N8nProcess): Promise<string> {
	await lib.setupOwner(main.url, project.OWNER);
	return await lib.login(main.url, project.OWNER);
}
