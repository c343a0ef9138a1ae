/**
 * Deterministic seed data. Every value comes from `Prng` streams derived from the seed, so two
 * sandboxes started with the same seed (and lead count) hold identical data. Each kind of data
 * has its own stream, so e.g. the number of demo leads does not change the other tenant's ids.
 */
import { Prng, mix32 } from './prng';
import type { SandboxStore } from './store';
import type { Client, Lead, SettingsRecord, TerritoryCompany } from './types';
import { LEAD_STATUSES } from './catalog';

const floor = Math.floor;
const round = Math.round;
const max = Math.max;

/** Seeded data is dated relative to this fixed instant (not the wall clock) to stay deterministic. */
export const SEED_EPOCH_MS = Date.UTC(2025, 5, 1); // 2025-06-01T00:00:00Z
const SEED_SPAN_MS = 180 * 24 * 3600 * 1000;

export interface Account {
	email: string;
	password: string;
	/** Cognito-style `sub`; send as `x-user-id` with the API key. */
	userId: string;
	companyId: string;
	/** `lgp_…` key owned by this user. */
	apiKey: string;
	/** Slug (`client_id`) of the account's seeded client. */
	clientId: string;
	/** DynamoDB-style `id` of that client (for client update/delete). */
	clientRecordId: string;
}

export interface PlainUser {
	email: string;
	password: string;
	userId: string;
}

export interface SeedInput {
	seed: number;
	leads: number;
	email: string;
	password: string;
}

export interface SeedResult {
	demo: Account;
	other: Account;
	admin: PlainUser;
	member: PlainUser;
	/** Slug of the demo company's second, small client. */
	secondClientId: string;
	/** Id of the demo company's seeded webhook. */
	webhookId: string;
}

const FIRST = [
	'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Levi',
	'Harper', 'Ethan', 'Evelyn', 'James', 'Aria', 'Benjamin', 'Chloe', 'Henry', 'Nora', 'Samuel', 'Layla', 'Jack',
	'Zoe', 'Daniel', 'Lily', 'Leo', 'Hannah', 'Owen', 'Grace', 'Julian', 'Aurora', 'Ezra', 'Stella', 'Hugo',
	'Camille', 'Louis', 'Ines', 'Arthur', 'Chiara', 'Matteo', 'Sofia', 'Jonas', 'Lea', 'Felix', 'Priya', 'Arjun',
	'Mei', 'Kenji', 'Yuki', 'Amara', 'Kofi', 'Zara', 'Omar', 'Lina', 'Diego', 'Lucia', 'Anders', 'Freya',
];
const LAST = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
	'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
	'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
	'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera',
	'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Dubois', 'Moreau', 'Rossi', 'Müller', 'Schmidt', 'Jensen',
	'Larsen', 'Sato', 'Tanaka', 'Kim', 'Patel', 'Okafor', 'Silva',
];
const COMPANY_ROOTS = [
	'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Soylent', 'Tyrell',
	'Cyberdyne', 'Aperture', 'Massive', 'Oscorp', 'Nakatomi', 'Gringotts', 'Monarch', 'Blue Sun', 'Pied Piper',
	'Dunder', 'Prestige', 'Sterling', 'Vortex', 'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware',
	'Adventure', 'Lakeshore', 'Summit', 'Bluebird', 'Redwood', 'Silverline', 'Ironclad', 'Brightpath',
	'Clearwater', 'Evergreen', 'Keystone',
];
const COMPANY_SUFFIXES = ['Analytics', 'Labs', 'Systems', 'Cloud', 'Health', 'Logistics', 'Robotics', 'Capital', 'Media', 'Energy'];
const TLDS = ['com', 'io', 'co', 'ai', 'net', 'tech'];
const INDUSTRIES = [
	'Software', 'Financial Services', 'Healthcare', 'Manufacturing', 'Retail', 'Logistics', 'Energy', 'Media',
	'Education', 'Telecommunications', 'Real Estate', 'Biotechnology',
];
const TITLES = [
	'Chief Executive Officer', 'Chief Technology Officer', 'Chief Revenue Officer', 'VP of Sales', 'VP of Marketing',
	'Head of Growth', 'Director of Operations', 'Head of Partnerships', 'Sales Manager', 'Marketing Manager',
	'Account Executive', 'Business Development Representative', 'Product Manager', 'Engineering Manager',
	'Head of Procurement', 'Chief Financial Officer', 'Director of IT', 'Customer Success Manager',
	'Demand Generation Manager', 'Revenue Operations Lead',
];
const LOCATIONS: ReadonlyArray<readonly [string, string, string]> = [
	['San Francisco', 'CA', 'United States'], ['New York', 'NY', 'United States'], ['Austin', 'TX', 'United States'],
	['Boston', 'MA', 'United States'], ['Chicago', 'IL', 'United States'], ['Seattle', 'WA', 'United States'],
	['Toronto', 'ON', 'Canada'], ['London', 'England', 'United Kingdom'], ['Manchester', 'England', 'United Kingdom'],
	['Paris', 'Île-de-France', 'France'], ['Lyon', 'Auvergne-Rhône-Alpes', 'France'], ['Berlin', 'Berlin', 'Germany'],
	['Munich', 'Bavaria', 'Germany'], ['Amsterdam', 'North Holland', 'Netherlands'], ['Madrid', 'Madrid', 'Spain'],
	['Milan', 'Lombardy', 'Italy'], ['Stockholm', 'Stockholm', 'Sweden'], ['Sydney', 'NSW', 'Australia'],
	['Singapore', 'Singapore', 'Singapore'], ['Tokyo', 'Tokyo', 'Japan'],
];
const NEXT_ACTIONS = ['Book discovery call', 'Send case study', 'Connect on LinkedIn', 'Follow up in 2 weeks', 'Nurture with newsletter'];
const ENGAGEMENT = ['High', 'Medium', 'Low'];

interface CompanyProfile {
	name: string;
	domain: string;
	url: string;
	industry: string;
	location: readonly [string, string, string];
}

const STREAM = {
	ids: 1,
	companies: 2,
	demoLeads: 3,
	demoSource: 4,
	secondLeads: 5,
	otherLeads: 6,
	misc: 7,
	territory: 8,
} as const;

const stream = (seed: number, n: number): Prng => new Prng(mix32(seed >>> 0, n, 0x5eed));

function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '');
}

function buildCompanyPool(rng: Prng): CompanyProfile[] {
	const pool: CompanyProfile[] = [];
	const used = new Set<string>();
	while (pool.length < 150) {
		const root = rng.pick(COMPANY_ROOTS);
		const suffix = rng.pick(COMPANY_SUFFIXES);
		const name = `${root} ${suffix}`;
		if (used.has(name)) continue;
		used.add(name);
		const domain = `${slugify(root)}${slugify(suffix)}.${rng.pick(TLDS)}`;
		pool.push({ name, domain, url: `https://www.${domain}`, industry: rng.pick(INDUSTRIES), location: rng.pick(LOCATIONS) });
	}
	return pool;
}

/**
 * Builds ASCII strings as single flat allocations. Plain `+` concatenation leaves chains of
 * V8 cons-strings behind every seeded e-mail/URL/date, which doubles the heap of a 100k seed.
 */
class Flat {
	private readonly buf = Buffer.allocUnsafe(1024);
	private n = 0;

	start(): this {
		this.n = 0;
		return this;
	}

	add(s: string): this {
		const buf = this.buf;
		let n = this.n;
		for (let i = 0; i < s.length; i++) buf[n++] = s.charCodeAt(i);
		this.n = n;
		return this;
	}

	/** Appends a non-negative integer in the given radix (lower-case digits). */
	int(value: number, radix = 10, width = 0): this {
		const digits = DIGITS;
		const start = this.n;
		let v = value;
		do {
			this.buf[this.n++] = digits[v % radix];
			v = floor(v / radix);
		} while (v > 0);
		while (this.n - start < width) this.buf[this.n++] = 48;
		// reverse the digits in place
		for (let i = start, j = this.n - 1; i < j; i++, j--) {
			const t = this.buf[i];
			this.buf[i] = this.buf[j];
			this.buf[j] = t;
		}
		return this;
	}

	done(): string {
		return this.buf.toString('latin1', 0, this.n);
	}
}
const DIGITS = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0));

/** Fast ISO formatting for many timestamps: a cache per day, the time part assembled by hand. */
class IsoClock {
	private dayMs = -1;
	private dayPrefix = '';
	private readonly flat = new Flat();

	format(ms: number): string {
		const day = floor(ms / 86400000) * 86400000;
		if (day !== this.dayMs) {
			this.dayMs = day;
			this.dayPrefix = new Date(day).toISOString().slice(0, 11);
		}
		let rest = ms - day;
		const h = floor(rest / 3600000);
		rest -= h * 3600000;
		const m = floor(rest / 60000);
		rest -= m * 60000;
		const s = floor(rest / 1000);
		const milli = rest - s * 1000;
		return this.flat.start().add(this.dayPrefix).int(h, 10, 2).add(':').int(m, 10, 2).add(':').int(s, 10, 2).add('.').int(milli, 10, 3).add('Z').done();
	}
}

interface LeadBatchSpec {
	count: number;
	owner: string;
	companyId: string;
	clientId: string;
	/** Enriched leads carry AI fields for a share of records; source leads never do. */
	kind: 'enriched' | 'source';
	emailTag: string;
}

/** Per-company aggregates collected while generating enriched leads (for territory seeding). */
interface Aggregate {
	total: number;
	qualified: number;
	scoreSum: number;
	scored: number;
	lastMs: number;
}

/** Strings shared by many leads, computed once (keeps 100k-lead seeding allocation-light). */
class Tables {
	readonly firstSlug = FIRST.map(slugify);
	readonly lastSlug = LAST.map(slugify);
	readonly initial = FIRST.map((f) => slugify(f[0]));
	private readonly fullNames = new Map<number, string>();
	private readonly headlines = new Map<number, string>();
	readonly scores = Array.from({ length: 101 }, (_, i) => String(i));
	readonly phones = new Map<number, string>();

	constructor(readonly pool: CompanyProfile[]) {}

	fullName(fi: number, li: number): string {
		const k = fi * 1000 + li;
		let v = this.fullNames.get(k);
		if (v === undefined) this.fullNames.set(k, (v = FIRST[fi] + ' ' + LAST[li]));
		return v;
	}

	headline(ti: number, ci: number): string {
		const k = ti * 1000 + ci;
		let v = this.headlines.get(k);
		if (v === undefined) this.headlines.set(k, (v = TITLES[ti] + ' at ' + this.pool[ci].name));
		return v;
	}

	phone(n: number): string {
		let v = this.phones.get(n);
		if (v === undefined) this.phones.set(n, (v = '+1-555-' + String(1000 + n)));
		return v;
	}
}

function generateLeads(
	store: SandboxStore,
	rng: Prng,
	tables: Tables,
	spec: LeadBatchSpec,
	clock: IsoClock,
	aggregates?: Map<number, Aggregate>,
): void {
	const { count, owner, companyId, clientId, kind, emailTag } = spec;
	const pool = tables.pool;
	const step = count > 0 ? max(1000, floor(SEED_SPAN_MS / count)) : 0;
	const start = SEED_EPOCH_MS - step * count;
	const flat = new Flat();
	for (let i = 0; i < count; i++) {
		const fi = rng.int(FIRST.length);
		const li = rng.int(LAST.length);
		const ci = rng.int(pool.length);
		const ti = rng.int(TITLES.length);
		const co = pool[ci];
		const createdMs = start + i * step + rng.int(step || 1);
		const created = clock.format(createdMs);
		const lead: Lead = {
			id: rng.uuid(),
			client_id: clientId,
			company_id: companyId,
			owner,
			firstName: FIRST[fi],
			lastName: LAST[li],
			fullName: tables.fullName(fi, li),
			email: flat.start().add(tables.initial[fi]).add(tables.lastSlug[li]).add('.').add(emailTag).int(i).add('@').add(co.domain).done(),
			title: TITLES[ti],
			headline: tables.headline(ti, ci),
			companyName: co.name,
			companyDomain: co.domain,
			companyUrl: co.url,
			linkedinUrl: flat.start().add('https://www.linkedin.com/in/').add(tables.firstSlug[fi]).add('-').add(tables.lastSlug[li]).add('-').add(emailTag).int(i, 36).done(),
			industry: co.industry,
			city: co.location[0],
			state: co.location[1],
			country: co.location[2],
			createdAt: created,
			updatedAt: created,
		};
		if (rng.chance(0.5)) lead.phoneNumber = tables.phone(rng.int(9000));
		if (kind === 'enriched') {
			lead.status = LEAD_STATUSES[rng.int(LEAD_STATUSES.length)];
			let score = -1;
			if (rng.chance(0.35)) {
				score = rng.int(101);
				lead.aiLeadScore = tables.scores[score];
				lead.aiQualification = score >= 70 ? 'Qualified' : score >= 40 ? 'Nurture' : 'Unqualified';
				lead.aiNextAction = NEXT_ACTIONS[rng.int(NEXT_ACTIONS.length)];
				lead.aiEngagementLevel = ENGAGEMENT[rng.int(ENGAGEMENT.length)];
				lead.engagementScore = rng.int(100);
			}
			if (aggregates) {
				let agg = aggregates.get(ci);
				if (!agg) {
					agg = { total: 0, qualified: 0, scoreSum: 0, scored: 0, lastMs: 0 };
					aggregates.set(ci, agg);
				}
				agg.total++;
				if (score >= 70) agg.qualified++;
				if (score >= 0) {
					agg.scoreSum += score;
					agg.scored++;
				}
				if (createdMs > agg.lastMs) agg.lastMs = createdMs;
			}
			store.insertLead(lead);
		} else {
			lead.source = 'apify';
			store.insertSourceLead(lead);
		}
	}
}

function seedTerritory(
	store: SandboxStore,
	rng: Prng,
	pool: CompanyProfile[],
	aggregates: Map<number, Aggregate>,
	owner: string,
	companyId: string,
	clientId: string,
	clock: IsoClock,
): void {
	const entries = [...aggregates.entries()].sort((a, b) => a[0] - b[0]);
	for (const [ci, agg] of entries) {
		const co = pool[ci];
		const rec: TerritoryCompany = {
			id: rng.uuid(),
			companyName: co.name,
			companyDomain: co.domain,
			industry: co.industry,
			country: co.location[2],
			totalLeads: agg.total,
			qualifiedLeads: agg.qualified,
			averageLeadScore: agg.scored ? round((agg.scoreSum / agg.scored) * 10) / 10 : 0,
			lastActivityDate: clock.format(agg.lastMs),
			client_id: clientId,
			company_id: companyId,
			owner,
			createdAt: clock.format(SEED_EPOCH_MS),
			updatedAt: clock.format(SEED_EPOCH_MS),
		};
		store.territory.insert(rec, store.nextSeq());
	}
}

function settingsRecord(rng: Prng, companyId: string, owner: string, at: string, fields: Record<string, string>): SettingsRecord {
	return { id: rng.uuid(), company_id: companyId, owner, createdAt: at, updatedAt: at, ...fields };
}

/** Fills an empty store; returns the accounts the tests and the CLI print. */
export function seedStore(store: SandboxStore, input: SeedInput): SeedResult {
	const seed = input.seed >>> 0;
	const ids = stream(seed, STREAM.ids);
	const misc = stream(seed, STREAM.misc);
	const clock = new IsoClock();
	const at = (daysBefore: number): string => clock.format(SEED_EPOCH_MS - round(daysBefore * 86400000));
	const pool = buildCompanyPool(stream(seed, STREAM.companies));
	const tables = new Tables(pool);

	// ---- users, companies, memberships, keys ----
	const companyId = (): string => `company-${1770000000000 + ids.int(999999999)}`;
	const apiKey = (): string => `lgp_${ids.hex(20)}`;
	const demoId = ids.uuid();
	const memberId = ids.uuid();
	const otherId = ids.uuid();
	const adminId = ids.uuid();
	const demoCompany = companyId();
	const otherCompany = companyId();
	const demoKey = apiKey();
	const otherKey = apiKey();
	const created = at(200);

	store.addUser({ id: demoId, email: input.email, password: input.password, name: 'Demo Owner', platformAdmin: false, status: 'active', createdAt: created });
	store.addUser({ id: memberId, email: 'member@leadgenius.test', password: 'member-pass-1', name: 'Demo Member', platformAdmin: false, status: 'active', createdAt: created });
	store.addUser({ id: otherId, email: 'other@leadgenius.test', password: 'other-pass-1', name: 'Other Tenant Owner', platformAdmin: false, status: 'active', createdAt: created });
	store.addUser({ id: adminId, email: 'admin@leadgenius.test', password: 'admin-pass-1', name: 'Platform Admin', platformAdmin: true, status: 'active', createdAt: created });
	store.addCompany({ id: demoCompany, name: 'Demo Company', owner: demoId, createdAt: created, updatedAt: created });
	store.addCompany({ id: otherCompany, name: 'Other Tenant Inc', owner: otherId, createdAt: created, updatedAt: created });
	store.setMembership(demoId, { companyId: demoCompany, role: 'owner' });
	store.setMembership(memberId, { companyId: demoCompany, role: 'member' });
	store.setMembership(otherId, { companyId: otherCompany, role: 'owner' });
	for (const [key, owner, name] of [[demoKey, demoId, 'Demo key'], [otherKey, otherId, 'Other tenant key']] as const) {
		store.apiKeys.set(key, { id: ids.uuid(), key, keyPrefix: key.slice(0, 10), name, description: 'Seeded key', owner, createdAt: created });
	}

	// ---- clients ----
	const mkClient = (slug: string, name: string, owner: string, company: string, url: string): Client =>
		store.addClient({
			id: ids.uuid(),
			client_id: slug,
			clientName: name,
			companyURL: url,
			description: `${name} (seeded)`,
			owner,
			company_id: company,
			createdAt: at(150),
			updatedAt: at(150),
		});
	const demoClient = mkClient('demo-client', 'Demo Client', demoId, demoCompany, 'https://demo-client.example');
	const secondClient = mkClient('northwind-pilot', 'Northwind Pilot', demoId, demoCompany, 'https://northwind.example');
	const otherClient = mkClient('other-client', 'Other Tenant Client', otherId, otherCompany, 'https://other.example');

	// ---- leads ----
	const demoAgg = new Map<number, Aggregate>();
	const secondAgg = new Map<number, Aggregate>();
	const leadCount = max(0, floor(input.leads));
	generateLeads(store, stream(seed, STREAM.demoLeads), tables, { count: leadCount, owner: demoId, companyId: demoCompany, clientId: demoClient.client_id, kind: 'enriched', emailTag: 'd' }, clock, demoAgg);
	generateLeads(store, stream(seed, STREAM.demoSource), tables, { count: leadCount, owner: demoId, companyId: demoCompany, clientId: demoClient.client_id, kind: 'source', emailTag: 's' }, clock);
	const second = stream(seed, STREAM.secondLeads);
	generateLeads(store, second, tables, { count: 12, owner: demoId, companyId: demoCompany, clientId: secondClient.client_id, kind: 'enriched', emailTag: 'n' }, clock, secondAgg);
	generateLeads(store, second, tables, { count: 12, owner: demoId, companyId: demoCompany, clientId: secondClient.client_id, kind: 'source', emailTag: 'ns' }, clock);
	const otherRng = stream(seed, STREAM.otherLeads);
	generateLeads(store, otherRng, tables, { count: 5, owner: otherId, companyId: otherCompany, clientId: otherClient.client_id, kind: 'enriched', emailTag: 'o' }, clock);
	generateLeads(store, otherRng, tables, { count: 5, owner: otherId, companyId: otherCompany, clientId: otherClient.client_id, kind: 'source', emailTag: 'os' }, clock);

	// ---- territory companies (aggregates of the seeded leads) ----
	const terr = stream(seed, STREAM.territory);
	seedTerritory(store, terr, pool, demoAgg, demoId, demoCompany, demoClient.client_id, clock);
	seedTerritory(store, terr, pool, secondAgg, demoId, demoCompany, secondClient.client_id, clock);

	// ---- settings (demo company only; the other tenant starts without any) ----
	const settingsAt = at(120);
	store.putSettings('url', settingsRecord(misc, demoCompany, demoId, settingsAt, {
		companyUrl: 'https://enrich.sandbox.test/company-url',
		companyUrl_Apikey: `sk_test_${misc.hex(8)}`,
		emailFinder: 'https://enrich.sandbox.test/email-finder',
		emailFinder_Apikey: `sk_test_${misc.hex(8)}`,
		enrichment1: 'https://enrich.sandbox.test/firmographics',
		enrichment1_Apikey: `sk_test_${misc.hex(8)}`,
		enrichment2: 'https://enrich.sandbox.test/technographics',
		enrichment2_Apikey: `sk_test_${misc.hex(8)}`,
		enrichment3: 'https://enrich.sandbox.test/intent',
		enrichment3_Apikey: `sk_test_${misc.hex(8)}`,
	}));
	store.putSettings('agent', settingsRecord(misc, demoCompany, demoId, settingsAt, {
		projectId: `proj_${misc.alnum(10)}`,
		enrichment1AgentId: `asst_${misc.alnum(12)}`,
		enrichment2AgentId: `asst_${misc.alnum(12)}`,
		enrichment3AgentId: `asst_${misc.alnum(12)}`,
	}));
	store.putSettings('sdr-ai', settingsRecord(misc, demoCompany, demoId, settingsAt, {
		projectId: `proj_${misc.alnum(10)}`,
		message1AgentId: `asst_${misc.alnum(12)}`,
		message2AgentId: `asst_${misc.alnum(12)}`,
		aiLeadScoreAgentId: `asst_${misc.alnum(12)}`,
		aiQualificationAgentId: `asst_${misc.alnum(12)}`,
		aiNextActionAgentId: `asst_${misc.alnum(12)}`,
		aiColdEmailAgentId: `asst_${misc.alnum(12)}`,
	}));

	// ---- webhook ----
	const webhookId = misc.uuid();
	store.webhooks.insert(
		{
			id: webhookId,
			name: 'HeyReach replies',
			platform: 'heyreach',
			description: 'Seeded inbound webhook',
			platformConfig: '{"field_mapping":{}}',
			client_id: demoClient.client_id,
			owner: demoId,
			company_id: demoCompany,
			isActive: true,
			eventCount: 0,
			lastEventAt: null,
			createdAt: at(90),
			updatedAt: at(90),
		},
		store.nextSeq(),
	);
	store.webhookSecrets.set(webhookId, misc.hex(16));

	// ---- search history (oldest first so that newest-first listing = reverse seq) ----
	const statuses = ['completed', 'completed', 'completed', 'failed', 'running', 'initiated'] as const;
	const categories = ['prospecting', 'expansion', 'event'];
	const searchOf = (company: string, owner: string, client: Client, n: number): void => {
		for (let i = 0; i < n; i++) {
			const status = statuses[misc.int(statuses.length)];
			const found = status === 'completed' ? misc.range(20, 500) : 0;
			const when = at(100 - i * (90 / n));
			store.searchHistory.insert(
				{
					id: misc.uuid(),
					searchName: `${misc.pick(INDUSTRIES)} leaders in ${misc.pick(LOCATIONS)[0]} #${i + 1}`,
					searchDescription: 'Seeded search',
					searchCriteria: { industry: misc.pick(INDUSTRIES), location: misc.pick(LOCATIONS)[2] },
					searchFilters: { companySize: misc.pick(['11-50', '50-200', '200-1000']) },
					client_id: client.client_id,
					clientName: client.clientName,
					icpId: `icp-${1 + (i % 3)}`,
					icpName: `ICP ${1 + (i % 3)}`,
					apifyActorId: 'apify/linkedin-people-search',
					category: categories[i % categories.length],
					tags: ['seed'],
					status,
					providerType: 'apify',
					totalLeadsFound: found,
					totalLeadsSaved: found,
					totalLeadsFailed: 0,
					error: status === 'failed' ? 'Actor run failed' : null,
					owner,
					company_id: company,
					createdAt: when,
					updatedAt: when,
				},
				store.nextSeq(),
			);
		}
	};
	searchOf(demoCompany, demoId, demoClient, 30);
	searchOf(otherCompany, otherId, otherClient, 3);

	// ---- campaigns ----
	const campaignStatuses = ['draft', 'active', 'paused', 'completed', 'archived'];
	const campaignTypes = ['abm', 'demand_gen', 'nurture'];
	const campaignsOf = (company: string, owner: string, client: Client, n: number): void => {
		for (let i = 0; i < n; i++) {
			const when = at(80 - i * 2);
			store.campaigns.insert(
				{
					id: misc.uuid(),
					name: `${misc.pick(['Q3', 'Q4', 'Spring', 'Autumn'])} ${misc.pick(INDUSTRIES)} push ${i + 1}`,
					status: campaignStatuses[i % campaignStatuses.length],
					campaignType: campaignTypes[i % campaignTypes.length],
					description: 'Seeded campaign',
					client_id: client.client_id,
					startDate: when.slice(0, 10),
					goals: { targetAccounts: 50 + misc.int(200), targetEngagement: 10 + misc.int(40), targetPipeline: 100000 + misc.int(900000) },
					owner,
					company_id: company,
					createdAt: when,
					updatedAt: when,
				},
				store.nextSeq(),
			);
		}
	};
	campaignsOf(demoCompany, demoId, demoClient, 25);
	campaignsOf(otherCompany, otherId, otherClient, 2);

	// ---- maintenance ----
	const maint = (type: 'bug' | 'enhancement', description: string, days: number): void => {
		store.maintenance.insert(
			{ id: misc.uuid(), type, description, userEmail: input.email, status: 'open', owner: demoId, company_id: demoCompany, createdAt: at(days), updatedAt: at(days) },
			store.nextSeq(),
		);
	};
	maint('bug', 'CSV export drops the last column', 40);
	maint('bug', 'Territory chart does not refresh after import', 30);
	maint('bug', 'Search history shows duplicated runs', 20);
	maint('enhancement', 'Allow custom client slugs over REST', 35);
	maint('enhancement', 'Expose webhook delivery logs', 25);

	// ---- unipile accounts ----
	for (const company of [demoCompany, otherCompany]) {
		store.unipile.set(company, [
			{ id: `acc_${misc.alnum(16)}`, name: 'Work Email', type: 'GOOGLE_OAUTH', company_id: company },
			{ id: `acc_${misc.alnum(16)}`, name: 'LinkedIn', type: 'LINKEDIN', company_id: company },
		]);
	}

	return {
		demo: { email: input.email, password: input.password, userId: demoId, companyId: demoCompany, apiKey: demoKey, clientId: demoClient.client_id, clientRecordId: demoClient.id },
		other: { email: 'other@leadgenius.test', password: 'other-pass-1', userId: otherId, companyId: otherCompany, apiKey: otherKey, clientId: otherClient.client_id, clientRecordId: otherClient.id },
		admin: { email: 'admin@leadgenius.test', password: 'admin-pass-1', userId: adminId },
		member: { email: 'member@leadgenius.test', password: 'member-pass-1', userId: memberId },
		secondClientId: secondClient.client_id,
		webhookId,
	};
}
