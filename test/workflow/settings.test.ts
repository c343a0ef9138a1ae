import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeProperties } from 'n8n-workflow';

import { SETTINGS_FIELDS } from '../../sandbox/catalog';
import { createHarness } from '../helpers/harness';
import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';
import { SETTINGS_KINDS } from '../../nodes/LeadGenius/actions/settings';
import { findOperation } from '../../nodes/LeadGenius/actions/registry';

const sandbox = useSandbox({ leads: 20, rateLimit: 0 });

const KINDS = [
	{ resource: 'urlSettings', kind: 'url', path: '/api/settings/url' },
	{ resource: 'agentSettings', kind: 'agent', path: '/api/settings/agent' },
	{ resource: 'sdrAiSettings', kind: 'sdr-ai', path: '/api/settings/sdr-ai' },
] as const;

/** A stand-in LeadGenius server (for answers the sandbox never gives) and a harness pointed at it. */
async function fakeServer(answer: (req: http.IncomingMessage, raw: string, res: http.ServerResponse) => void) {
	const seen: Array<{ method?: string; url?: string; body: unknown }> = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			seen.push({ method: req.method, url: req.url, body: raw ? JSON.parse(raw) : undefined });
			answer(req, raw, res);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const harness = createHarness({ baseUrl: url, authMode: 'accessToken', accessToken: 'token-abcdef-123', agentPrefix: '/api/agent', webhookSecret: '', sessionToken: '' });
	return { seen, harness, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function collectionOf(resource: string, operation: string, name: string): INodeProperties[] {
	const op = findOperation(resource, operation)!;
	const prop = op.properties.find((p) => p.name === name)!;
	return prop.options as INodeProperties[];
}

describe('Settings resources', () => {
	test.each(KINDS)('$resource offers every contract field as a named field, API keys as passwords', ({ resource, kind, path }) => {
		for (const [op, coll] of [['create', 'createFields'], ['update', 'updateFields']] as const) {
			const fields = collectionOf(resource, op, coll);
			expect(fields.map((f) => f.name).sort()).toEqual([...SETTINGS_FIELDS[kind]].sort());
			for (const f of fields) {
				expect(f.type).toBe('string');
				expect(f.description ?? f.placeholder).toBeTruthy();
				expect(Boolean(f.typeOptions?.password)).toBe(f.name.endsWith('_Apikey'));
			}
		}
		// 9 table rows: one route each
		const routes = ['get', 'create', 'update'].map((o) => findOperation(resource, o)!.routes);
		expect(routes).toEqual([[`GET ${path}`], [`POST ${path}`], [`PUT ${path}`]]);
		expect(SETTINGS_KINDS.find((k) => k.value === resource)!.fields).toHaveLength(SETTINGS_FIELDS[kind].length);
	});

	test('URL Settings → Get outputs the record with API keys left out, or in clear when asked', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const stored = sb.store.getSettings(sb.demo.companyId, 'url')!;
		const hidden = await h.run({ parameters: { resource: 'urlSettings', operation: 'get' } });
		expect(hidden.error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'GET', path: '/api/settings/url' });
		const out = hidden.items[0].json;
		expect(out).toMatchObject({ configured: true, id: stored.id, company_id: sb.demo.companyId, companyUrl: stored.companyUrl, enrichment3: stored.enrichment3 });
		expect(Object.keys(out).filter((k) => k.endsWith('_Apikey'))).toEqual([]);
		expect(out.apiKeysSet).toEqual(['companyUrl', 'emailFinder', 'enrichment1', 'enrichment2', 'enrichment3']);
		expect(JSON.stringify(out)).not.toContain(String(stored.companyUrl_Apikey));

		const shown = await h.run({ parameters: { resource: 'urlSettings', operation: 'get', options: { includeApiKeys: true } } });
		expect(shown.items[0].json).toMatchObject({ companyUrl_Apikey: stored.companyUrl_Apikey, enrichment1_Apikey: stored.enrichment1_Apikey });
		expect(shown.items[0].json.apiKeysSet).toBeUndefined();
	});

	test('Agent and SDR AI Settings → Get output the stored records', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		for (const { resource, kind, path } of KINDS.slice(1)) {
			sb.clearRequests();
			const { items, error } = await h.run({ parameters: { resource, operation: 'get' } });
			expect(error).toBeUndefined();
			expect(apiCalls(sb).map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${path}`]);
			const { ...stored } = sb.store.getSettings(sb.demo.companyId, kind)!;
			expect(items[0].json).toEqual({ configured: true, ...stored });
		}
	});

	test('Get says clearly when the company has no settings yet (settings: null)', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password', sb.other);
		for (const { resource, kind, path } of KINDS) {
			expect(sb.store.getSettings(sb.other.companyId, kind)).toBeUndefined();
			sb.clearRequests();
			const { items, error } = await h.run({ parameters: { resource, operation: 'get' } });
			expect(error).toBeUndefined();
			expect(apiCalls(sb)[0]).toMatchObject({ method: 'GET', path });
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ configured: false, settings: null });
			expect(items[0].json.message).toMatch(/has no .*settings yet: create them with (URL|Agent|SDR AI) Setting → Create/);
		}
	});

	test('URL Settings → Create sends the named fields, stores them, hides the keys; a second Create fails without leaking them', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password', sb.other);
		sb.clearRequests();
		const createFields = {
			companyUrl: 'https://svc.example/company',
			companyUrl_Apikey: 'sk_live_company_123456',
			enrichment10: ' https://svc.example/e10 ',
			enrichment10_Apikey: 'sk_live_e10_abcdef',
			emailFinder: '',
		};
		const { items, error } = await h.run({ parameters: { resource: 'urlSettings', operation: 'create', createFields } });
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/settings/url' });
		// trimmed, empty strings never sent
		expect(apiCalls(sb)[0].body).toEqual({
			companyUrl: 'https://svc.example/company',
			companyUrl_Apikey: 'sk_live_company_123456',
			enrichment10: 'https://svc.example/e10',
			enrichment10_Apikey: 'sk_live_e10_abcdef',
		});
		const stored = sb.store.getSettings(sb.other.companyId, 'url')!;
		expect(stored).toMatchObject({ company_id: sb.other.companyId, companyUrl_Apikey: 'sk_live_company_123456', enrichment10: 'https://svc.example/e10' });
		expect(items[0].json).toMatchObject({ configured: true, id: stored.id, enrichment10: 'https://svc.example/e10', apiKeysSet: ['companyUrl', 'enrichment10'] });
		expect(JSON.stringify(items[0].json)).not.toContain('sk_live');

		const again = await h.run({ parameters: { resource: 'urlSettings', operation: 'create', createFields }, continueOnFail: true });
		const errorItem = again.items[0].json;
		expect(again.error).toBeUndefined();
		expect(String(errorItem.error)).toMatch(/^Conflict: The company already has url settings/);
		expect(JSON.stringify(errorItem)).not.toContain('sk_live');
	});

	test('URL Settings → Update changes some fields and clears others (sent as null)', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		const before = { ...sb.store.getSettings(sb.demo.companyId, 'url')! };
		sb.clearRequests();
		const { items, error } = await h.run({
			parameters: {
				resource: 'urlSettings',
				operation: 'update',
				updateFields: { enrichment4: 'https://svc.example/e4', enrichment4_Apikey: 'sk_e4_999999' },
				options: { clearFields: ['enrichment3', 'enrichment3_Apikey'], includeApiKeys: true },
			},
		});
		expect(error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({
			method: 'PUT',
			path: '/api/settings/url',
			body: { enrichment4: 'https://svc.example/e4', enrichment4_Apikey: 'sk_e4_999999', enrichment3: null, enrichment3_Apikey: null },
		});
		const after = sb.store.getSettings(sb.demo.companyId, 'url')!;
		expect(after.enrichment4).toBe('https://svc.example/e4');
		expect(after.enrichment3).toBeUndefined();
		expect(after.enrichment3_Apikey).toBeUndefined();
		expect(after.enrichment1).toBe(before.enrichment1);
		expect(items[0].json).toMatchObject({ configured: true, enrichment4_Apikey: 'sk_e4_999999', enrichment1_Apikey: before.enrichment1_Apikey });
		expect(items[0].json.enrichment3).toBeUndefined();
	});

	test('Agent Settings → Create and Update; SDR AI Settings → Create with all 27 fields', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password', sb.other);
		expect(sb.store.getSettings(sb.other.companyId, 'agent')).toBeUndefined();
		sb.clearRequests();
		const created = await h.run({
			parameters: { resource: 'agentSettings', operation: 'create', createFields: { projectId: 'proj_1', enrichment7AgentId: 'asst_7' } },
		});
		expect(created.error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/settings/agent', body: { projectId: 'proj_1', enrichment7AgentId: 'asst_7' } });
		expect(created.items[0].json).toMatchObject({ configured: true, projectId: 'proj_1', enrichment7AgentId: 'asst_7' });
		sb.clearRequests();
		const updated = await h.run({ parameters: { resource: 'agentSettings', operation: 'update', updateFields: { enrichment10AgentId: 'asst_10' } } });
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'PUT', path: '/api/settings/agent', body: { enrichment10AgentId: 'asst_10' } });
		expect(updated.items[0].json).toMatchObject({ projectId: 'proj_1', enrichment7AgentId: 'asst_7', enrichment10AgentId: 'asst_10' });
		expect(sb.store.getSettings(sb.other.companyId, 'agent')).toMatchObject({ enrichment10AgentId: 'asst_10' });

		const all = Object.fromEntries(SETTINGS_FIELDS['sdr-ai'].map((f, k) => [f, `v${k}_${f}`]));
		sb.clearRequests();
		const sdr = await h.run({ parameters: { resource: 'sdrAiSettings', operation: 'create', createFields: all } });
		expect(sdr.error).toBeUndefined();
		expect(apiCalls(sb)[0]).toMatchObject({ method: 'POST', path: '/api/settings/sdr-ai', body: all });
		expect(Object.keys(all)).toHaveLength(27);
		expect(sb.store.getSettings(sb.other.companyId, 'sdr-ai')).toMatchObject(all);
		expect(sdr.items[0].json).toMatchObject({ configured: true, ...all });
	});

	test('Update with nothing to change, or a field both set and cleared, names the parameter and sends nothing', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const empty = await h.run({ parameters: { resource: 'sdrAiSettings', operation: 'update', updateFields: { message1AgentId: '  ' } } });
		expect(empty.error?.message).toMatch(/Parameter "Update Fields" needs at least one field/);
		const both = await h.run({
			parameters: { resource: 'agentSettings', operation: 'update', updateFields: { projectId: 'p' }, options: { clearFields: ['projectId'] } },
		});
		expect(both.error?.message).toMatch(/Parameter "Fields to Clear" lists "Project ID"/);
		expect(apiCalls(sb)).toHaveLength(0);
	});

	test('Get also takes a 404 not_found as "no settings yet"', async () => {
		const server = await fakeServer((_req, _raw, res) => {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ success: false, error: 'Settings not found', errorType: 'not_found' }));
		});
		try {
			const { items, error } = await server.harness.run({ parameters: { resource: 'agentSettings', operation: 'get' } });
			expect(error).toBeUndefined();
			expect(server.seen).toEqual([{ method: 'GET', url: '/api/settings/agent', body: undefined }]);
			expect(items[0].json).toMatchObject({ configured: false, settings: null });
		} finally {
			await server.close();
		}
	});

	test('API keys never appear in errors, even when the server echoes them back', async () => {
		const server = await fakeServer((_req, raw, res) => {
			res.writeHead(400, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ success: false, error: `Rejected body ${raw}`, errorType: 'invalid_value', details: raw, recommendation: `Fix ${raw}` }));
		});
		try {
			const h = server.harness;
			const key = 'sk_super_secret_987654';
			const parameters = { resource: 'urlSettings', operation: 'update', updateFields: { enrichment2: 'https://x.example', enrichment2_Apikey: key } };
			const stopped = await h.run({ parameters });
			expect(server.seen.map((r) => r.body)).toEqual([{ enrichment2: 'https://x.example', enrichment2_Apikey: key }]);
			expect(stopped.error?.message).toMatch(/invalid/);
			// what the error says (the node's own parameters ride along in n8n's error record, as in any workflow)
			const { node: _node, stack: _stack, ...said } = JSON.parse(JSON.stringify(stopped.error)) as Record<string, unknown>;
			expect(JSON.stringify(said)).toContain('Rejected body');
			expect(JSON.stringify(said)).not.toContain(key);
			expect(String(stopped.error?.stack)).not.toContain(key);
			expect(String(stopped.error?.message) + String(stopped.error?.description)).toContain('***');
			const continued = await h.run({ parameters, continueOnFail: true });
			expect(JSON.stringify(continued.items)).not.toContain(key);
			expect(String(continued.items[0].json.error)).toMatch(/^The request was rejected as invalid: Rejected body .*\*\*\*/);
		} finally {
			await server.close();
		}
	});
});
