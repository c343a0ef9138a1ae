/**
 * n8n 2.41 in queue mode with the packed package: main + 2 webhook processors + 2 workers, PostgreSQL
 * and Redis from the machine's packages, the sandbox in this process. See e2e/queue/README.md.
 */
import { createHmac } from 'node:crypto';
import * as path from 'node:path';

import { mapConcurrent } from '../../nodes/LeadGenius/actions/parallel';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { lib, project, readState, sandboxInfo } from '../harness';
import { importAll, ownerCookie, prepareDeployment, type N8nProcess } from './cluster';
import { startPostgres, startRedis, type Postgres, type Service } from './services';
import { bulkExtractionWorkflow, QUEUE_BULK_PATH, QUEUE_IDS, REDIS_CREDENTIAL, REPLAY_SAFE_EXAMPLE } from './workflows';

const VERSION = lib.resolveN8nVersion('2');
const EVENTS = 200;
const IN_FLIGHT = 10;
const SEEDED_LEADS = 500;
/** Lines that mean a process could not load or find our nodes. */
const PACKAGE_ERRORS = /Unrecognized node type|n8n-nodes-leadgenius[^\n]*(error|fail)|(error|fail)[^\n]*n8n-nodes-leadgenius|Error loading package/i;

const timings: Record<string, number> = {};
const measure = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		timings[name] = (Date.now() - t) / 1000;
	}
};

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value !== undefined && value !== false && value !== null) return value as T;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await lib.sleep(250);
	}
}

function signedEvent(email: string, timestamp = String(Math.floor(Date.now() / 1000))) {
	const body = JSON.stringify({ event: 'reply_received', lead: { email, firstName: 'Queue', lastName: email.split('@')[0], companyName: 'Bull & Co' } });
	const signature = createHmac('sha256', project.SANDBOX_WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest('hex');
	return { body, headers: { 'x-leadgenius-timestamp': timestamp, 'x-leadgenius-signature': signature } };
}

describe(`n8n ${VERSION} in queue mode (main + 2 webhook processors + 2 workers, PostgreSQL + Redis)`, () => {
	const state = readState();
	const root = path.join(lib.LOCAL_DIR, 'e2e', 'queue');
	const servicesLogs = path.join(lib.LOCAL_DIR, 'e2e', 'queue-services');
	let sb: Sandbox;
	let pg: Postgres | undefined;
	let redis: Service | undefined;
	let main: N8nProcess | undefined;
	const webhooks: N8nProcess[] = [];
	const workers: N8nProcess[] = [];
	let cookie = '';
	/** The signed requests of the 200-event run and the processor (0/1) each went to. */
	const delivered: Array<{ event: ReturnType<typeof signedEvent>; processor: number }> = [];
	const all = () => [main, ...webhooks, ...workers].filter((p): p is N8nProcess => !!p);
	const example = project.loadExamples().find((w) => w.id === REPLAY_SAFE_EXAMPLE);
	if (!example) throw new Error(`examples/ has no workflow with id ${REPLAY_SAFE_EXAMPLE}`);
	const triggerNode = example.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-leadgenius.leadGeniusTrigger');
	const triggerUrl = (p: N8nProcess) => `${p.url}/webhook/${triggerNode.webhookId}/webhook`;
	const TRIGGER_WORKFLOW = example.id as string;
	const leadsOf = () => sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId);
	const q = (s: string) => s.replace(/'/g, "''");
	/** Executions of a workflow in the shared database, by status. */
	const executionStatuses = (workflowId: string): Record<string, number> =>
		Object.fromEntries(
			pg!
				.sql(`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${q(workflowId)}' GROUP BY status`)
				.split('\n')
				.filter(Boolean)
				.map((line) => {
					const [status, count] = line.split('|');
					return [status, Number(count)];
				}),
		);
	const executionIds = (workflowId: string): number[] =>
		pg!
			.sql(`SELECT id FROM execution_entity WHERE "workflowId" = '${q(workflowId)}' ORDER BY id`)
			.split('\n')
			.filter(Boolean)
			.map(Number);
	/** Execution ids a worker's log says it ran. */
	const ranBy = (worker: N8nProcess): Set<number> => new Set([...worker.log().matchAll(/Worker started execution (\d+)/g)].map((m) => Number(m[1])));
	const settled = (workflowId: string, total: number) => () => {
		const byStatus = executionStatuses(workflowId);
		const done = Object.entries(byStatus)
			.filter(([s]) => !['new', 'running', 'waiting'].includes(s))
			.reduce((sum, [, n]) => sum + n, 0);
		return done >= total ? byStatus : undefined;
	};

	const dumpLogs = (why: string) => {
		for (const p of all()) process.stderr.write(`\n----- ${p.name} log tail (${why}) -----\n${p.logTail(40)}\n`);
	};

	beforeAll(async () => {
		const t0 = Date.now();
		// Email & Password tokens live 3 seconds from the first login on: the 200-event run renews them again and again.
		sb = await startSandbox({ port: 0, leads: SEEDED_LEADS, rateLimit: 0, tokenTtl: 3 });
		[pg, redis] = await measure('postgres+redis start', () => Promise.all([startPostgres(servicesLogs), startRedis(servicesLogs)]));
		timings['postgres start'] = pg.startSeconds;
		timings['redis start'] = redis.startSeconds;
		const d = await prepareDeployment({ version: VERSION, tgz: state.tgz, root, pg, redis });
		const info = sandboxInfo(sb);
		const [apiKeyCred] = project.CREDENTIALS.map((c) => ({ id: c.id, name: c.name }));
		// The example's Redis credential: the deployment's own Redis (database 1; Bull uses 0).
		const redisCredential = { ...REDIS_CREDENTIAL, type: 'redis', data: { host: '127.0.0.1', port: redis.port, database: 1, password: '' } };
		await measure('import (CLI, migrations)', async () =>
			importAll(
				d,
				[...project.buildCredentials(info), redisCredential],
				[example, bulkExtractionWorkflow(apiKeyCred)],
				[TRIGGER_WORKFLOW, QUEUE_IDS.bulk],
			),
		);
		try {
			main = await measure('boot main', () => d.start('main', 'main'));
			cookie = await ownerCookie(main);
			await lib.waitForActivation(d.inst, main.url, cookie, [TRIGGER_WORKFLOW, QUEUE_IDS.bulk], { timeoutMs: 90000 });
			// The other four boot side by side.
			await measure('boot 2 webhook processors + 2 workers', async () => {
				const started = await Promise.all([
					d.start('webhook', 'webhook-1'),
					d.start('webhook', 'webhook-2'),
					d.start('worker', 'worker-1'),
					d.start('worker', 'worker-2'),
				]);
				webhooks.push(started[0], started[1]);
				workers.push(started[2], started[3]);
			});
			for (const p of all()) timings[`boot ${p.name}`] = p.startSeconds;
		} catch (err) {
			dumpLogs('boot failed');
			throw err;
		}
		timings['boot total'] = (Date.now() - t0) / 1000;
		process.stderr.write(`[e2e:queue] up: ${JSON.stringify(timings)}\n`);
	}, 10 * 60 * 1000);

	afterAll(async () => {
		process.stderr.write(`[e2e:queue] timings (s): ${JSON.stringify(timings)}\n`);
		await Promise.all(all().map((p) => p.stop()));
		for (const p of all()) expect(lib.pidAlive(p.pid)).toBe(false);
		if (redis) await redis.stop();
		if (pg) await pg.stop();
		for (const s of [redis, pg]) if (s) expect(lib.pidAlive(s.pid)).toBe(false);
		if (sb) await sb.close();
	}, 120000);

	const step = (name: string, fn: () => Promise<void>, timeout?: number) =>
		it(
			name,
			async () => {
				try {
					await fn();
				} catch (err) {
					dumpLogs(name);
					throw err;
				}
			},
			timeout,
		);

	step('every process loads the package: main serves the node types, no process logs a package error', async () => {
		const types = await lib.httpRequest(`${main!.url}/types/nodes.json`, { headers: { cookie } });
		expect(types.status).toBe(200);
		const names = (types.json as Array<{ name: string }>).map((t) => t.name);
		expect(names).toEqual(expect.arrayContaining(['n8n-nodes-leadgenius.leadGenius', 'n8n-nodes-leadgenius.leadGeniusTrigger']));
		expect(all().map((p) => p.role)).toEqual(['main', 'webhook', 'webhook', 'worker', 'worker']);
		for (const p of all()) expect({ process: p.name, errors: p.log().split('\n').filter((l) => PACKAGE_ERRORS.test(l)) }).toEqual({ process: p.name, errors: [] });
		// Distinct host ids: n8n warns when two instances share one.
		for (const p of all()) expect({ process: p.name, warning: /same host id|share.*host ?id/i.test(p.log()) }).toEqual({ process: p.name, warning: false });
	});

	step('a signed event replayed to the other webhook processor creates no second lead', async () => {
		const email = `replay-${Date.now()}@queue.example.com`;
		const event = signedEvent(email);
		const first = await lib.httpRequest(triggerUrl(webhooks[0]), { method: 'POST', body: event.body, headers: event.headers });
		expect(first.status).toBe(200);
		expect(first.json).toEqual({ received: 1, accepted: 1 });
		await until('the first execution', settled(TRIGGER_WORKFLOW, 1));
		expect(leadsOf().filter((l) => l.email === email)).toHaveLength(1);
		// The same bytes to the same processor: its in-memory replay cache refuses them.
		const sameProcess = await lib.httpRequest(triggerUrl(webhooks[0]), { method: 'POST', body: event.body, headers: event.headers });
		expect(sameProcess.status).toBe(401);
		// To the other processor: its cache never saw them, so the node accepts; the workflow's Redis INCR
		// on the eventId answers 2 there, and the IF ends the run before Create Lead.
		const otherProcess = await lib.httpRequest(triggerUrl(webhooks[1]), { method: 'POST', body: event.body, headers: event.headers });
		expect(otherProcess.status).toBe(200);
		const statuses = await until('the replayed execution', settled(TRIGGER_WORKFLOW, 2));
		expect(statuses).toEqual({ success: 2 });
		await lib.sleep(500);
		expect(leadsOf().filter((l) => l.email === email)).toHaveLength(1);
	});

	step(
		`${EVENTS} signed events across both webhook processors, ${IN_FLIGHT} at a time, 3-second tokens: ${EVENTS} executions on both workers, ${EVENTS} new leads`,
		async () => {
			const before = leadsOf().length;
			const executionsBefore = new Set(executionIds(TRIGGER_WORKFLOW));
			sb.clearRequests();
			const stamp = Date.now();
			const emails = Array.from({ length: EVENTS }, (_, i) => `event-${stamp}-${i}@queue.example.com`);
			const started = Date.now();
			const answers = await mapConcurrent(emails, IN_FLIGHT, async (email, i) => {
				const event = signedEvent(email);
				delivered.push({ event, processor: i % 2 });
				const res = await lib.httpRequest(triggerUrl(webhooks[i % 2]), { method: 'POST', body: event.body, headers: event.headers, timeoutMs: 60000 });
				return res.status;
			});
			const sentSeconds = (Date.now() - started) / 1000;
			expect(answers.filter((s) => s < 200 || s > 299)).toEqual([]);
			const statuses = await until(`${EVENTS + 2} settled executions`, settled(TRIGGER_WORKFLOW, EVENTS + 2), 180000);
			const runSeconds = (Date.now() - started) / 1000;
			timings[`${EVENTS} events sent`] = sentSeconds;
			timings[`${EVENTS} events executed`] = runSeconds;
			expect(statuses).toEqual({ success: EVENTS + 2 });
			// Exactly one new lead per event.
			await lib.sleep(500);
			const leads = leadsOf();
			expect(leads.length - before).toBe(EVENTS);
			const created = new Set(leads.map((l) => l.email));
			expect(emails.filter((e) => !created.has(e))).toEqual([]);
			// Both workers ran some of them.
			const fresh = executionIds(TRIGGER_WORKFLOW).filter((id) => !executionsBefore.has(id));
			expect(fresh).toHaveLength(EVENTS);
			const perWorker = workers.map((w) => fresh.filter((id) => ranBy(w).has(id)).length);
			expect(perWorker.every((n) => n > 0)).toBe(true);
			expect(perWorker.reduce((a, b) => a + b, 0)).toBe(EVENTS);
			// The tokens did expire during the run, and were renewed.
			const sessions = sb.requests.filter((r) => r.method === 'POST' && /^\/api\/auth(\/refresh)?$/.test(r.path) && r.status === 200);
			const expired = sb.requests.filter((r) => r.status === 401);
			expect(runSeconds).toBeGreaterThan(3);
			expect(sessions.length).toBeGreaterThanOrEqual(2);
			expect(sb.requests.filter((r) => r.status >= 500)).toEqual([]);
			process.stderr.write(
				`[e2e:queue] ${EVENTS} events: sent in ${sentSeconds.toFixed(1)}s, all executed after ${runSeconds.toFixed(1)}s; ` +
					`per worker ${perWorker.join(' / ')}; ${sessions.length} sessions, ${expired.length} answers 401\n`,
			);
		},
		300000,
	);

	step(
		`all ${EVENTS} signed events replayed, each to the OTHER webhook processor, ${IN_FLIGHT} at a time: accepted there, no new lead`,
		async () => {
			expect(delivered).toHaveLength(EVENTS);
			const before = leadsOf().length;
			const started = Date.now();
			const answers = await mapConcurrent(delivered, IN_FLIGHT, async ({ event, processor }) => {
				const res = await lib.httpRequest(triggerUrl(webhooks[1 - processor]), { method: 'POST', body: event.body, headers: event.headers, timeoutMs: 60000 });
				return res.status;
			});
			// Each processor's own replay cache never saw these requests: the node lets them through.
			expect(answers.filter((s) => s !== 200)).toEqual([]);
			const statuses = await until(`${2 * EVENTS + 2} settled executions`, settled(TRIGGER_WORKFLOW, 2 * EVENTS + 2), 180000);
			timings[`${EVENTS} replays executed`] = (Date.now() - started) / 1000;
			expect(statuses).toEqual({ success: 2 * EVENTS + 2 });
			await lib.sleep(500);
			expect(leadsOf().length - before).toBe(0);
		},
		300000,
	);

	step('bulk extraction (Enriched Lead → Get Many, Return All) runs on a worker and returns every lead once', async () => {
		const before = new Set(executionIds(QUEUE_IDS.bulk));
		const started = Date.now();
		const res = await lib.httpRequest(`${webhooks[1].url}/webhook/${QUEUE_BULK_PATH}`, { method: 'POST', body: {}, timeoutMs: 180000 });
		timings['bulk extraction'] = (Date.now() - started) / 1000;
		expect(res.status).toBe(200);
		const ids = res.json.ids as string[];
		const expected = sb.store.leadsOfCompany(sb.demo.companyId).map((l) => l.id);
		expect(ids.length).toBe(expected.length);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual([...expected].sort());
		const [id] = await until('the bulk execution record', () => {
			const fresh = executionIds(QUEUE_IDS.bulk).filter((e) => !before.has(e));
			return fresh.length ? fresh : undefined;
		});
		expect(workers.filter((w) => ranBy(w).has(id)).map((w) => w.name)).toHaveLength(1);
		expect(executionStatuses(QUEUE_IDS.bulk)).toEqual({ success: 1 });
	});
});
