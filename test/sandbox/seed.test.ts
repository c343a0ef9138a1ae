import http from 'node:http';
import { createHash } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { SandboxStore } from '../../sandbox/store';
import { seedStore } from '../../sandbox/seed';
import { expectOk, api } from './helpers';

function seeded(seed: number, leads: number) {
	const store = new SandboxStore();
	const accounts = seedStore(store, { seed, leads, email: 'demo@leadgenius.test', password: 'demo-pass-1' });
	return { store, accounts };
}

/** Digest of every seeded record (order included). */
function digest(store: SandboxStore, companyId: string): string {
	const h = createHash('sha256');
	for (const l of store.leadsOfCompany(companyId)) h.update(JSON.stringify(l));
	for (const row of store.sourceLeads.companyRows(companyId)) h.update(JSON.stringify(row.rec));
	for (const x of [store.clientsOf(companyId), store.searchHistoryOf(companyId), store.campaignsOf(companyId), store.territoryOf(companyId), store.webhooksOf(companyId), store.maintenanceOf(companyId), store.unipileOf(companyId)]) {
		h.update(JSON.stringify(x));
	}
	for (const kind of ['url', 'agent', 'sdr-ai'] as const) h.update(JSON.stringify(store.getSettings(companyId, kind) ?? null));
	return h.digest('hex');
}

/** Raw GET that does not parse the body (measures the server, not the client's JSON parser). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; ms: number }> {
	const t = performance.now();
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers, agent: false }, (res) => {
				let bytes = 0;
				res.on('data', (d: Buffer) => (bytes += d.length));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - t }));
			})
			.on('error', reject);
	});
}

describe('sandbox seed', () => {
	test('same seed → identical data and accounts; another seed → different data', () => {
		const a = seeded(123, 500);
		const b = seeded(123, 500);
		const d = seeded(124, 500);
		expect(b.accounts).toEqual(a.accounts);
		expect(digest(b.store, b.accounts.demo.companyId)).toBe(digest(a.store, a.accounts.demo.companyId));
		expect(digest(b.store, b.accounts.other.companyId)).toBe(digest(a.store, a.accounts.other.companyId));
		expect(b.store.counts()).toEqual(a.store.counts());
		expect(d.accounts.demo.userId).not.toBe(a.accounts.demo.userId);
		expect(d.accounts.demo.apiKey).not.toBe(a.accounts.demo.apiKey);
		expect(d.store.leadsOfCompany(d.accounts.demo.companyId)[0].email).not.toBe(a.store.leadsOfCompany(a.accounts.demo.companyId)[0].email);
	});

	test('the lead count does not change the ids of anything else (independent streams)', () => {
		const small = seeded(9, 10);
		const big = seeded(9, 3000);
		expect(big.accounts).toEqual(small.accounts);
		expect(digest(big.store, big.accounts.other.companyId)).toBe(digest(small.store, small.accounts.other.companyId));
	});

	test('seeded content is realistic and complete', () => {
		const { store, accounts } = seeded(42, 1000);
		const { demo, other } = accounts;
		expect(store.countLeads(demo.companyId, demo.clientId)).toBe(1000);
		expect(store.countSourceLeads(demo.companyId, demo.clientId)).toBe(1000);
		expect(store.countLeads(demo.companyId, accounts.secondClientId)).toBe(12);
		expect(store.countLeads(other.companyId, other.clientId)).toBe(5);
		const leads = store.leadsOfClient(demo.companyId, demo.clientId);
		expect(new Set(leads.map((l) => l.id)).size).toBe(1000);
		expect(new Set(leads.map((l) => l.email)).size).toBe(1000);
		for (const l of leads.slice(0, 50)) {
			expect(l.email).toMatch(/^[a-z]+\.d\d+@[a-z0-9]+\.[a-z]+$/);
			expect(l.linkedinUrl).toMatch(/^https:\/\/www\.linkedin\.com\/in\//);
			expect(l.fullName).toBe(`${l.firstName} ${l.lastName}`);
			expect(String(l.companyUrl)).toBe(`https://www.${l.companyDomain}`);
			expect(l).toMatchObject({ owner: demo.userId, company_id: demo.companyId, client_id: demo.clientId });
		}
		const scored = leads.filter((l) => l.aiLeadScore !== undefined).length;
		expect(scored).toBeGreaterThan(250);
		expect(scored).toBeLessThan(450);
		const dates = leads.map((l) => l.createdAt);
		expect([...dates].sort()).toEqual(dates);
		expect(store.searchHistoryOf(demo.companyId)).toHaveLength(30);
		expect(store.campaignsOf(demo.companyId)).toHaveLength(25);
		expect(store.webhooksOf(demo.companyId)).toHaveLength(1);
		expect(store.getSettings(demo.companyId, 'url')?.enrichment1).toBeDefined();
		expect(store.getSettings(other.companyId, 'url')).toBeUndefined();
		expect(store.territoryOf(demo.companyId, demo.clientId).reduce((n, t) => n + t.totalLeads, 0)).toBe(1000);
		expect(store.apiKeysOf(demo.userId).map((k) => k.key)).toEqual([demo.apiKey]);
	});

	describe('100k leads', () => {
		let sb: Sandbox;
		beforeAll(async () => {
			sb = await startSandbox({ port: 0, leads: 100000, rateLimit: 0, recordRequests: false });
		});
		afterAll(() => sb.close());

		test('seeds 100,000 leads (+100,000 source leads) in well under 2 s', () => {
			expect(sb.store.countLeads(sb.demo.companyId, sb.demo.clientId)).toBe(100000);
			expect(sb.store.countSourceLeads(sb.demo.companyId, sb.demo.clientId)).toBe(100000);
			// Wall time suffers when other processes share the CPU; CPU time suffers from parallel GC
			// threads. The smaller of the two measures the seed's own cost.
			expect(Math.min(sb.seedMs, sb.seedCpuMs)).toBeLessThan(2000);
		});

		test('serves 5,000-lead bulk pages quickly', async () => {
			const headers = { 'x-api-key': sb.demo.apiKey, 'x-user-id': sb.demo.userId };
			const url = `${sb.url}/api/enrich-leads/list?companyId=${sb.demo.companyId}&limit=5000`;
			const cold = await rawGet(url, headers);
			expect(cold.status).toBe(200);
			const warm: number[] = [];
			for (let i = 0; i < 9; i++) warm.push((await rawGet(url, headers)).ms);
			warm.sort((a, b) => a - b);
			// The fastest of 9 (typically a few ms): a page that is slow to build is slow every time, while
			// other processes on the machine (a CI run's other jest worker) slow down only some requests.
			// The median took 270 ms once in a loaded CI run.
			expect(warm[0]).toBeLessThan(150);
			expect(cold.bytes).toBeGreaterThan(5000 * 300);
			// the last page of the whole company is reachable and correct
			const page = expectOk(await api(sb, { apiKey: sb.demo.apiKey, userId: sb.demo.userId }).get('/api/leads', { params: { pageSize: 1, page: 100012 } }));
			expect(page.data[0].id).toBe(sb.store.leadsOfCompany(sb.demo.companyId)[0].id);
		});
	});
});
