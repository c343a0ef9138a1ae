/**
 * The e2e suite for one n8n version: a real n8n (installed under .n8n-local/) with the packed
 * package as a community package, the sandbox in this worker, everything driven over HTTP.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { PRODUCTION_DEFAULTS, startSandbox, type Sandbox } from '../sandbox/server';
import { bootN8n, lib, project, readState, sandboxInfo, type N8nUnderTest } from './harness';
import { parseCsv } from '../test/helpers/csv';
import { crudWorkflow, E2E_IDS, TRIGGER_SECRET, tokenTtlWorkflow, triggerWorkflow, version2Workflow, WEBHOOK_IDS, WEBHOOK_PATHS } from './workflows';

const BOOT_TIMEOUT_MS = 6 * 60 * 1000;

/** Seeded enriched leads in the demo client ("thousands of leads"). */
const SEEDED_LEADS = 2000;

function sign(body: string, timestamp: string, secret = TRIGGER_SECRET): string {
	return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value !== undefined && value !== null && (value as unknown) !== false) return value as T;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await lib.sleep(250);
	}
}

/** Workflows with a trigger other than the Manual Trigger (those are the ones n8n can activate). */
function productionTriggered(workflows: Array<{ id: string; nodes: Array<{ type: string }> }>): string[] {
	const isTrigger = (type: string) => /trigger$/i.test(type) && type !== 'n8n-nodes-base.manualTrigger';
	return workflows.filter((wf) => wf.nodes.some((n) => isTrigger(n.type))).map((wf) => wf.id);
}

/** The example with its Write Files from Disk node writing into `dir` instead of /home/node/.n8n-files/exports. */
function writingTo<T extends { nodes: Array<{ type: string; parameters: Record<string, any> }> }>(wf: T, dir: string): T {
	const nodes = wf.nodes.map((n) =>
		n.type === 'n8n-nodes-base.readWriteFile'
			? { ...n, parameters: { ...n.parameters, fileName: String(n.parameters.fileName).replace('/home/node/.n8n-files/exports', dir) } }
			: n,
	);
	return { ...wf, nodes };
}

function exampleById(id: string) {
	const wf = project.loadExamples().find((w) => w.id === id);
	if (!wf) throw new Error(`examples/ has no workflow with id ${id}`);
	return wf;
}

export function describeN8n(alias: string): void {
	const version = lib.resolveN8nVersion(alias);
	const state = readState();
	const enabled = state.versions.includes(version);
	(enabled ? describe : describe.skip)(`n8n ${version} (Node ${lib.nodeMajorFor(version)}) with the packed package`, () => {
		let sb: Sandbox;
		let n8n: N8nUnderTest | undefined;
		let failed = false;
		const exportDir = path.join(lib.LOCAL_DIR, 'e2e', `exports-${version}`);

		/** Wraps a test body: on failure, prints the n8n log tail (once per failing test). */
		const step = (name: string, fn: () => Promise<void>, timeout?: number) =>
			it(
				name,
				async () => {
					try {
						await fn();
					} catch (err) {
						failed = true;
						if (n8n) process.stderr.write(`\n----- n8n ${version} log tail (${name}) -----\n${n8n.logTail(60)}\n-----\n`);
						throw err;
					}
				},
				timeout,
			);

		beforeAll(async () => {
			sb = await startSandbox({ port: 0, leads: SEEDED_LEADS, rateLimit: 0, taskDelayMs: 300 });
			const info = sandboxInfo(sb);
			const apiKeyCred = { id: project.CREDENTIAL_IDS.apiKey, name: 'LeadGenius Sandbox (API key)' };
			const passwordCred = { id: project.CREDENTIAL_IDS.password, name: 'LeadGenius Sandbox (email & password)' };
			const ttlCred = { id: E2E_IDS.ttlCredential, name: 'LeadGenius (5-second tokens)' };
			const credentials = [
				...project.buildCredentials(info),
				{
					id: ttlCred.id,
					name: ttlCred.name,
					type: 'leadGeniusApi',
					data: { baseUrl: info.url, authMode: 'password', email: info.email, password: info.password },
				},
			];
			// The file export example writes its CSV with Write Files from Disk: here into a folder of this
			// run, which n8n (2.x restricts file access to ~/.n8n-files by default) is told to allow.
			fs.rmSync(exportDir, { recursive: true, force: true });
			fs.mkdirSync(exportDir, { recursive: true });
			process.env.N8N_RESTRICT_FILE_ACCESS_TO = exportDir;
			const examples = project.loadExamples().map((wf) => (wf.id === 'lgExScheduledExport' ? writingTo(wf, exportDir) : wf));
			const workflows = [
				crudWorkflow(passwordCred),
				version2Workflow(passwordCred),
				tokenTtlWorkflow(ttlCred),
				triggerWorkflow(apiKeyCred, sb.demo.clientId),
				...examples,
			];
			try {
				n8n = await bootN8n({
					version,
					tgz: state.tgz,
					label: `n8n-${version}`,
					credentials,
					workflows,
					// The examples with a production trigger: the inbound-reply webhook, and the scheduled export
					// (its Schedule Trigger must register; it would only fire at 06:00).
					activate: [E2E_IDS.crud, E2E_IDS.version2, E2E_IDS.tokenTtl, E2E_IDS.trigger, ...productionTriggered(examples)],
				});
			} catch (err) {
				failed = true;
				throw err;
			}
			process.stderr.write(`[e2e] n8n ${version} up at ${n8n.url}: ${JSON.stringify(n8n.timings)}\n`);
		}, BOOT_TIMEOUT_MS);

		afterAll(async () => {
			if (n8n) {
				if (failed) process.stderr.write(`\n----- n8n ${version} log tail (end of suite) -----\n${n8n.logTail(40)}\n-----\n`);
				await n8n.shutdown();
				expect(lib.pidAlive(n8n.handle.pid)).toBe(false);
			}
			if (sb) await sb.close();
		}, 60000);

		step('loads our nodes as a community package', async () => {
			const types = await n8n!.rest('GET', '/types/nodes.json');
			expect(types.status).toBe(200);
			const names = (types.json as Array<{ name: string }>).map((t) => t.name);
			expect(names).toEqual(expect.arrayContaining(['n8n-nodes-leadgenius.leadGenius', 'n8n-nodes-leadgenius.leadGeniusTrigger']));
			const creds = await n8n!.rest('GET', '/types/credentials.json');
			expect((creds.json as Array<{ name: string }>).map((c) => c.name)).toContain('leadGeniusApi');
			// Settings → Community nodes lists it (1.123 first asks the registry, where the package is
			// not published: that answer takes too long to wait for here).
			if (version.startsWith('2.')) {
				const pkgs = await n8n!.rest('GET', '/rest/community-packages');
				expect(pkgs.status).toBe(200);
				expect(pkgs.json.data.map((p: { packageName: string }) => p.packageName)).toContain('n8n-nodes-leadgenius');
			}
		});

		step('a Webhook-started workflow runs Client and Lead CRUD against the sandbox', async () => {
			const stamp = `${version.replace(/\./g, '-')}-${Date.now()}`;
			const email = `crud-${stamp}@e2e.example.com`;
			const res = await n8n!.webhook(WEBHOOK_PATHS.crud, {
				body: {
					clientName: `E2E Client ${stamp}`,
					lead: { firstName: 'Ada', lastName: 'Lovelace', email, companyName: 'Analytical Engines' },
					title: 'Chief Engineer',
				},
			});
			expect(res.status).toBe(200);
			const out = res.json;
			// What the workflow saw.
			expect(out.createdClient.clientName).toBe(`E2E Client ${stamp}`);
			expect(out.createdLead).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email, client_id: out.createdClient.client_id });
			expect(out.fetchedLead).toMatchObject({ id: out.createdLead.id, companyName: 'Analytical Engines' });
			expect(out.updatedLead).toMatchObject({ id: out.createdLead.id, title: 'Chief Engineer' });
			expect(out.listedLeads.map((l: { id: string }) => l.id)).toEqual([out.createdLead.id]);
			expect(out.deletedLead).toMatchObject({ id: out.createdLead.id, deleted: true });
			expect(out.updatedClient.description).toBe('updated by the e2e suite');
			expect(out.fetchedClient).toMatchObject({ id: out.createdClient.id, description: 'updated by the e2e suite' });
			expect(out.clientCount).toBe(sb.store.clientsOf(sb.demo.companyId).length);
			// What the sandbox holds now.
			const client = sb.store.getClient(out.createdClient.id);
			expect(client).toMatchObject({ clientName: `E2E Client ${stamp}`, description: 'updated by the e2e suite' });
			expect(sb.store.getLead(out.createdLead.id)).toBeUndefined();
			expect(sb.store.countLeads(sb.demo.companyId, out.createdClient.client_id)).toBe(0);
		});

		step('node version 2: Create Many through the Lead Fields mapper stores each lead once, and the lead picker gets them', async () => {
			const stamp = `${version.replace(/\./g, '-')}-${Date.now()}`;
			const leads = [1, 2, 3].map((n) => ({ firstName: `Vee${n}`, lastName: 'Two', email: `v2-${n}-${stamp}@e2e.example.com` }));
			const res = await n8n!.webhook(WEBHOOK_PATHS.version2, { body: { clientId: sb.demo.clientId, leads } });
			expect(res.status).toBe(200);
			const out = res.json as { created: Array<Record<string, unknown>>; fetched: Array<Record<string, unknown>> };
			expect(out.created.map((l) => [l.email, l.status])).toEqual(leads.map((l) => [l.email, 'created']));
			expect(out.fetched.map((l) => l.id)).toEqual(out.created.map((l) => l.id));
			const stored = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId);
			for (const l of leads) expect(stored.filter((s) => s.email === l.email).map((s) => [s.firstName, s.lastName])).toEqual([[l.firstName, l.lastName]]);
		});

		step('the LeadGenius Trigger: a signed event creates a lead, a forged one gets 401 and changes nothing', async () => {
			const url = `${n8n!.url}/webhook/${WEBHOOK_IDS.trigger}/webhook`;
			const before = sb.store.countLeads(sb.demo.companyId, sb.demo.clientId);
			const email = `trigger-${version}-${Date.now()}@e2e.example.com`;
			const event = { event: 'reply_received', lead: { email, firstName: 'Grace', lastName: 'Hopper', companyName: 'Navy' } };
			const body = JSON.stringify(event);
			const ts = String(Math.floor(Date.now() / 1000));

			const forgedEmail = `forged-${email}`;
			const forgedBody = JSON.stringify({ ...event, lead: { ...event.lead, email: forgedEmail } });
			const forged = await lib.httpRequest(url, {
				method: 'POST',
				body: forgedBody,
				headers: { 'x-leadgenius-timestamp': ts, 'x-leadgenius-signature': sign(forgedBody, ts, 'not-the-secret') },
			});
			expect(forged.status).toBe(401);
			const unsigned = await lib.httpRequest(url, { method: 'POST', body: forgedBody });
			expect(unsigned.status).toBe(401);

			const signed = await lib.httpRequest(url, {
				method: 'POST',
				body,
				headers: { 'x-leadgenius-timestamp': ts, 'x-leadgenius-signature': sign(body, ts) },
			});
			expect(signed.status).toBe(200);
			const created = await until('the lead created by the trigger workflow', () =>
				sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).find((l) => l.email === email),
			);
			expect(created).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', companyName: 'Navy', status: 'reply_received' });
			// The forged requests started nothing: one new lead only, none with the forged e-mail.
			await lib.sleep(1000);
			expect(sb.store.countLeads(sb.demo.companyId, sb.demo.clientId)).toBe(before + 1);
			expect(sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).some((l) => l.email === forgedEmail)).toBe(false);
			const executions = await n8n!.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: E2E_IDS.trigger }))}`);
			expect(executions.status).toBe(200);
			const list = executions.json.data.results ?? executions.json.data;
			expect(list).toHaveLength(1);
		});

		step('Email & Password credential with a 5-second token lifetime across a longer run: no failed item', async () => {
			sb.setOptions({ tokenTtl: 5 });
			sb.clearRequests();
			const started = Date.now();
			const res = await n8n!.webhook(WEBHOOK_PATHS.tokenTtl, { body: { clientId: sb.demo.clientId } });
			const seconds = (Date.now() - started) / 1000;
			sb.setOptions({ tokenTtl: 3600 });
			expect(res.status).toBe(200);
			expect(seconds).toBeGreaterThan(10);
			const out = res.json;
			expect(out.listed).toBe(5);
			expect(out.fetched).toHaveLength(5);
			expect(out.updated).toHaveLength(5);
			for (const item of [...out.fetched, ...out.updated]) {
				expect(item.error).toBeUndefined();
				expect(typeof item.id).toBe('string');
			}
			for (const item of out.updated) expect(item.notes).toBe('touched by the token-lifetime e2e test');
			// A session per leg at least: the login, then a new token (refresh or login) after each wait.
			const sessions = sb.requests.filter(
				(r) => r.method === 'POST' && (r.path === '/api/auth' || r.path === '/api/auth/refresh') && r.status === 200,
			);
			const expired = sb.requests.filter((r) => r.status === 401);
			const summary = sb.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
			expect({ sessions: sessions.length >= 3, summary }).toMatchObject({ sessions: true });
			expect(sb.requests.filter((r) => r.status >= 500)).toHaveLength(0);
			process.stderr.write(
				`[e2e] n8n ${version} token TTL run: ${seconds.toFixed(1)}s, ${sessions.length} sessions, ${expired.length} answers 401\n`,
			);
		});

		step('example "scheduled bulk export to a CSV file" (n8n CLI) writes every lead once, with the chosen columns, to disk', async () => {
			const example = exampleById('lgExScheduledExport');
			const started = Date.now();
			const run = await n8n!.execute(example.id);
			const seconds = (Date.now() - started) / 1000;
			expect(run.errorMessage).toBeUndefined();
			const [summary] = run.nodeOutput('Export enriched leads');
			const expected = sb.store.leadsOfCompany(sb.demo.companyId);
			expect(summary).toMatchObject({ format: 'csv', records: expected.length, binaryPropertyName: 'data' });
			expect(summary.fileName).toMatch(/^leads-all-\d{4}-\d{2}-\d{2}\.csv$/);
			const file = path.join(exportDir, summary.fileName);
			const text = fs.readFileSync(file, 'utf8');
			expect(Buffer.byteLength(text)).toBe(summary.bytes);
			const [header, ...rows] = parseCsv(text);
			const columns = ['id', ...example.nodes.find((n) => n.name === 'Export enriched leads')!.parameters.fields];
			expect(header).toEqual(columns);
			expect(rows).toHaveLength(expected.length);
			// plain comparisons, no expect() per cell: 20,000 of them take seconds, and a pause near the
			// server's keep-alive timeout makes the next request meet a closing socket
			const byId = new Map(expected.map((l) => [l.id, l]));
			const wrong: string[] = [];
			for (const row of rows) {
				const lead = byId.get(row[0]);
				if (!lead) throw new Error(`unknown or repeated lead ${row[0]} in the CSV`);
				byId.delete(row[0]);
				columns.forEach((c, k) => {
					const want = lead[c] === undefined ? '' : String(lead[c]);
					if (row[k] !== want) wrong.push(`${row[0]}.${c}: ${JSON.stringify(row[k])} ≠ ${JSON.stringify(want)}`);
				});
			}
			expect(wrong.slice(0, 5)).toEqual([]);
			expect(byId.size).toBe(0);
			process.stderr.write(`[e2e] n8n ${version} CSV export: ${rows.length} leads, ${summary.bytes} bytes, CLI run ${seconds.toFixed(1)}s\n`);
		});

		step('example "scheduled bulk export as items" (executed with the n8n CLI) returns every seeded lead exactly once', async () => {
			const example = exampleById('lgExScheduledItems');
			const started = Date.now();
			const run = await n8n!.execute(example.id);
			const seconds = (Date.now() - started) / 1000;
			expect(run.errorMessage).toBeUndefined();
			const exported = run.nodeOutput('Export enriched leads');
			const expected = sb.store.leadsOfCompany(sb.demo.companyId).map((l) => l.id);
			expect(expected.length).toBeGreaterThanOrEqual(SEEDED_LEADS);
			const ids = exported.map((l) => l.id as string);
			expect(new Set(ids).size).toBe(ids.length);
			expect([...ids].sort()).toEqual([...expected].sort());
			// Only the chosen fields (and the id) come back.
			expect(Object.keys(exported[0]).sort()).toEqual(
				['id', 'client_id', 'email', 'firstName', 'lastName', 'companyName', 'title', 'aiLeadScore', 'aiQualification', 'updatedAt']
					.filter((k) => k in exported[0])
					.sort(),
			);
			const perClient = run.nodeOutput('Summarize per client');
			const byClient = new Map<string, number>();
			for (const l of sb.store.leadsOfCompany(sb.demo.companyId)) byClient.set(l.client_id, (byClient.get(l.client_id) ?? 0) + 1);
			expect(perClient).toHaveLength(byClient.size);
			for (const row of perClient) {
				expect(row.count_id).toBe(byClient.get(row.client_id));
				expect(row.unique_count_id).toBe(row.count_id);
			}
			const csv = run.raw.data.resultData.runData['Leads to CSV'][0].data.main[0];
			expect(csv).toHaveLength(1);
			expect(csv[0].binary.data.fileName).toBe('leads.csv');
			const pages = sb.requests.filter((r) => r.path === '/api/enrich-leads/list');
			process.stderr.write(`[e2e] n8n ${version} bulk export: ${ids.length} leads in ${pages.length} pages, CLI run ${seconds.toFixed(1)}s\n`);
		});

		step('example "sheet → Create Many → enrichment" (executed with the n8n CLI) creates and enriches the rows', async () => {
			const example = exampleById('lgExSheetCreateEnrich');
			const rows = JSON.parse(example.nodes.find((n) => n.name === 'Sheet rows')!.parameters.jsonOutput).rows as Array<Record<string, string>>;
			const run = await n8n!.execute(example.id);
			expect(run.errorMessage).toBeUndefined();
			const created = run.nodeOutput('Create Many');
			expect(created.map((c) => c.status)).toEqual(rows.map(() => 'created'));
			const enriched = run.nodeOutput('Run enrichment');
			expect(enriched).toHaveLength(rows.length);
			for (const item of enriched) {
				expect(item.runs.length).toBeGreaterThan(0);
				for (const r of item.runs) expect(r.status).toBe('COMPLETED');
			}
			for (const row of rows) {
				const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).find((l) => l.email === row.email);
				expect(lead).toBeDefined();
				// Create Many maps the rows automatically: every column of the row is a field of the lead
				for (const [field, value] of Object.entries(row)) expect(lead![field]).toBe(value);
				expect(String(lead!.enrichment1)).toMatch(/^\[sandbox\] enrichment1 result/);
			}
		});

		step('example "sheet → Create Many" against a production-mode sandbox (batch creates stored nowhere) stores every row once', async () => {
			const example = exampleById('lgExSheetCreateEnrich');
			const rows = JSON.parse(example.nodes.find((n) => n.name === 'Sheet rows')!.parameters.jsonOutput).rows as Array<Record<string, string>>;
			const ofRow = (row: Record<string, string>) =>
				sb.store.allLeadsOf(sb.demo.companyId).filter((l) => String(l.email).toLowerCase() === row.email.toLowerCase());
			for (const row of rows) for (const lead of ofRow(row)) sb.store.leads.remove(lead.id);
			sb.setOptions({ production: true });
			try {
				const run = await n8n!.execute(example.id);
				expect(run.errorMessage).toBeUndefined();
				const created = run.nodeOutput('Create Many');
				expect(created.map((c) => c.status)).toEqual(rows.map(() => 'created'));
				// production's batch create stored none of them: every row was found missing and sent again
				expect(created.map((c) => c.resent)).toEqual(rows.map(() => true));
				for (const row of rows) {
					const stored = ofRow(row);
					expect(stored).toHaveLength(1);
					expect(stored[0].client_id).toBe(sb.demo.clientId);
				}
			} finally {
				sb.setOptions({ ...PRODUCTION_DEFAULTS });
			}
		});

		step('example "inbound reply → find lead → SDR AI": a signed reply scores the lead; a forged one gets 401', async () => {
			const example = exampleById('lgExInboundReplySdr');
			const trigger = example.nodes.find((n) => n.type === 'n8n-nodes-leadgenius.leadGeniusTrigger')!;
			const url = `${n8n!.url}/webhook/${trigger.webhookId}/webhook`;
			const lead = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).find((l) => l.email && !l.aiNextAction)!;
			expect(lead).toBeDefined();
			const body = JSON.stringify({ event: 'reply_received', lead: { email: lead.email }, message: 'Sounds good, let us talk next week' });
			const ts = String(Math.floor(Date.now() / 1000));
			const forged = await lib.httpRequest(url, {
				method: 'POST',
				body,
				headers: { 'x-leadgenius-timestamp': ts, 'x-leadgenius-signature': sign(body, ts, 'wrong-secret') },
			});
			expect(forged.status).toBe(401);
			const signed = await lib.httpRequest(url, {
				method: 'POST',
				body,
				headers: { 'x-leadgenius-timestamp': ts, 'x-leadgenius-signature': sign(body, ts, project.SANDBOX_WEBHOOK_SECRET) },
			});
			expect(signed.status).toBe(200);
			const execution = await until(
				'a finished execution of the inbound-reply example',
				async () => {
					const res = await n8n!.rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: example.id }))}`);
					const list = (res.json?.data?.results ?? res.json?.data ?? []) as Array<{ id: string; status: string; finished?: boolean }>;
					return list.find((e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting');
				},
				60000,
			);
			expect(execution.status).toBe('success');
			const scored = sb.store.getLead(lead.id)!;
			expect(String(scored.aiNextAction)).toMatch(/^\[sandbox\] aiNextAction/);
			expect(['Qualified', 'Nurture', 'Unqualified']).toContain(scored.aiQualification);
			expect(scored.aiLeadScore).toMatch(/^\d+$/);
		});
	});
}
