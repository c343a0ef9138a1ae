import { randomUUID } from 'node:crypto';

import { PRODUCTION_DEFAULTS } from '../../sandbox/server';
import type { RuntimeOptions } from '../../sandbox/server';
import { createHarness } from '../helpers/harness';
import { apiCalls, credentialsFor, emptyClient, harnessFor, useSandbox } from '../helpers/sandbox';
import { leadRows } from './audit';
import { createManyParams, FAST_RETRIES, rl } from './lossless';

const sandbox = useSandbox({ rateLimit: 0, leads: 50 });

const kind = { ...PRODUCTION_DEFAULTS, faults: {} } as RuntimeOptions;

afterEach(() => sandbox().setOptions(kind));

const writes = (sb: ReturnType<typeof sandbox>) => apiCalls(sb).filter((r) => r.method !== 'GET');

describe('invisible-lead guard (production files a lead under a record ID where nobody sees it)', () => {
	test.each(['create', 'createMany'])('%s: a client record ID is used as its slug, and the leads are visible by slug', async (operation) => {
		const sb = sandbox();
		sb.setOptions({ invisibleLeads: true } as RuntimeOptions);
		const { slug, recordId } = emptyClient(sb, `guard-${operation}`);
		const h = await harnessFor(sb, 'password');
		const rows = leadRows(3, slug);
		const parameters =
			operation === 'create'
				? { resource: 'lead', operation, clientId: rl(recordId), firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', email: '={{ $json.email }}' }
				: createManyParams(recordId, 'autoMap');
		const { items, error } = await h.run({ parameters }, rows);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		for (const item of items) expect(item.json.client_id).toBe(slug);
		// visible by slug, as the LeadGenius app lists them
		const listed = await h.run({ parameters: { resource: 'lead', operation: 'getAll', clientId: rl(slug), returnAll: true } });
		expect(listed.items.map((i) => i.json.email).sort()).toEqual(rows.map((r) => r.email).sort());
		expect(sb.store.allLeadsOf(sb.demo.companyId).filter((l) => l.client_id === recordId)).toHaveLength(0);
	});

	test('Get Many with a client record ID lists the client by its slug', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items, error } = await h.run({ parameters: { resource: 'lead', operation: 'getAll', clientId: rl(sb.demo.clientRecordId), returnAll: true } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(sb.store.countLeads(sb.demo.companyId, sb.demo.clientId));
		expect(apiCalls(sb).filter((r) => r.path === '/api/leads').every((r) => r.query.client_id === sb.demo.clientId)).toBe(true);
	});

	test.each(['create', 'createMany', 'getAll', 'upsert'])('%s: a value that is neither slug nor record ID fails before any lead request', async (operation) => {
		const sb = sandbox();
		sb.setOptions({ invisibleLeads: true } as RuntimeOptions);
		const h = await harnessFor(sb, 'password');
		const bogus = `no-such-client-${randomUUID()}`;
		const before = sb.store.allLeadsOf(sb.demo.companyId).length;
		sb.clearRequests();
		const { error } = await h.run(
			{
				parameters: {
					resource: 'lead',
					operation,
					clientId: rl(bogus),
					firstName: 'A',
					lastName: 'B',
					email: 'guard@bogus.test',
					returnAll: true,
					...(operation === 'createMany' ? { mappingMode: 'defineBelow' } : {}),
				},
			},
			[{}],
		);
		expect(error?.message).toBe(`Client "${bogus}" is neither the client_id slug nor the record ID of one of your clients [item 0]`);
		expect(apiCalls(sb).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/clients']);
		expect(sb.store.allLeadsOf(sb.demo.companyId).length).toBe(before);
	});
});

describe('production errors and Agent prefix', () => {
	test('a wrong Agent API prefix in the credential says which prefix to set', async () => {
		const sb = sandbox();
		sb.setOptions({ agentPrefix: '/api' } as RuntimeOptions);
		const h = createHarness({ ...(await credentialsFor(sb, 'password')), agentPrefix: '/api/agent' });
		const { error } = await h.run({ parameters: { resource: 'campaign', operation: 'getAll', returnAll: true } });
		expect(error?.message).toBe(
			'This LeadGenius deployment has no Agent API under "/api/agent": set the credential\'s Agent API Path Prefix to "/api"',
		);
		const right = createHarness({ ...(await credentialsFor(sb, 'password')), agentPrefix: '/api' });
		const ok = await right.run({ parameters: { resource: 'campaign', operation: 'getAll', returnAll: true } });
		expect(ok.error).toBeUndefined();
	});

	test('under production errors, bad fields never reach LeadGenius: the node refuses them first, naming the field and item', async () => {
		const sb = sandbox();
		sb.setOptions({ productionErrors: true } as RuntimeOptions);
		const h = await harnessFor(sb, 'password');
		sb.clearRequests();
		const { items } = await h.run(
			{ parameters: { ...createManyParams(sb.demo.clientId, 'autoMap') }, continueOnFail: true },
			[
				{ firstName: 'A', lastName: 'B', email: 'phone@bad.test', phone: '+1 555' },
				{ firstName: 'A', lastName: '.', email: 'dot@bad.test' },
				{ firstName: 'A', lastName: 'Good', email: 'good@fine.test', title: '' },
			],
		);
		expect(items[0].json.error).toMatch(/Input field "phone" is not accepted by LeadGenius: name it phoneNumber \[item 0\]/);
		expect(items[1].json.error).toMatch(/Input field "lastName" cannot be "\." .*\[item 1\]/);
		expect(items[2].json).toMatchObject({ status: 'created', email: 'good@fine.test' });
		const posted = writes(sb).flatMap((r) => ((r.body as { leads?: unknown[] }).leads ?? [r.body]) as Array<{ email: string }>);
		expect(posted.map((l) => l.email)).toEqual(['good@fine.test']);
	});

	test('the --production switch as a whole: Create Many into an empty client stores every lead once', async () => {
		const sb = sandbox();
		sb.setOptions({ production: true } as RuntimeOptions);
		const { slug } = emptyClient(sb, 'prod');
		const rows = leadRows(250, slug);
		const h = createHarness({ ...(await credentialsFor(sb, 'apiKey')), agentPrefix: '/api/agent' });
		const { items, error } = await h.run({ parameters: createManyParams(slug, 'autoMap') }, rows);
		expect(error).toBeUndefined();
		expect(items.every((i) => i.json.status === 'created')).toBe(true);
		expect(items.filter((i) => i.json.resent === true)).toHaveLength(250); // batch persist rate 0: all sent again
		const stored = sb.store.leadsOfClient(sb.demo.companyId, slug);
		expect(stored).toHaveLength(250);
		expect(new Set(stored.map((l) => l.email)).size).toBe(250);
	});

	test('Trust the Answer says "accepted", never "created", and the default mode finds what it lost', async () => {
		const sb = sandbox();
		sb.setOptions({ batchPersistRate: 0 } as RuntimeOptions);
		const { slug } = emptyClient(sb, 'trust');
		const h = await harnessFor(sb, 'password');
		const { items } = await h.run({ parameters: createManyParams(slug, 'autoMap', { writeMode: 'unverified' }) }, leadRows(20, slug));
		expect(items.map((i) => i.json.status)).toEqual(Array(20).fill('accepted'));
		expect(sb.store.leadsOfClient(sb.demo.companyId, slug)).toHaveLength(0);
		const single = await h.run({ parameters: createManyParams(slug, 'autoMap', { writeMode: 'single', requestOptions: FAST_RETRIES }) }, leadRows(20, slug));
		expect(single.items.map((i) => i.json.status)).toEqual(Array(20).fill('created'));
		expect(sb.store.leadsOfClient(sb.demo.companyId, slug)).toHaveLength(20);
	});
});
