/**
 * In-memory data of the sandbox. Records are kept in insertion (`seq`) order per tenant and per
 * client, so list routes never sort and page tokens (which carry the last `seq`) stay valid.
 */
import type {
	ApiKeyRecord,
	Campaign,
	ChatThread,
	Client,
	Company,
	EnrichmentJob,
	Lead,
	Maintenance,
	Membership,
	SearchHistory,
	SettingsRecord,
	SourceLead,
	TerritoryCompany,
	UnipileAccount,
	User,
	Webhook,
	WebhookEvent,
} from './types';
import type { SettingsKind } from './catalog';

/** One stored record with its ordering key and a cached JSON serialisation. */
export interface Row<T> {
	readonly seq: number;
	rec: T;
	/** UTF-8 JSON of `rec`, cached; reset to undefined whenever `rec` changes. */
	json: Buffer | undefined;
}

/** Rows sorted by ascending `seq`; appends are O(1), removals binary-search. */
export class OrderedRows<T> {
	readonly rows: Row<T>[] = [];

	add(row: Row<T>): void {
		const n = this.rows.length;
		if (n === 0 || this.rows[n - 1].seq < row.seq) this.rows.push(row);
		else this.rows.splice(this.firstAfter(row.seq), 0, row);
	}

	remove(row: Row<T>): boolean {
		const i = this.firstAfter(row.seq - 1);
		if (i < this.rows.length && this.rows[i] === row) {
			this.rows.splice(i, 1);
			return true;
		}
		return false;
	}

	/** Index of the first row whose seq is greater than `seq`. */
	firstAfter(seq: number): number {
		return firstAfter(this.rows, seq);
	}
}

/** Index of the first row (in a seq-ascending array) whose seq is greater than `seq`. */
export function firstAfter(rows: readonly { seq: number }[], seq: number): number {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (rows[mid].seq <= seq) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Cached UTF-8 JSON of a row's record (invalidated by `row.json = undefined` on every change). */
export function rowJson<T>(row: Row<T>): Buffer {
	return row.json ?? (row.json = Buffer.from(JSON.stringify(row.rec)));
}

/**
 * `prefix + items.join(',') + suffix` as one Buffer: list responses are assembled from cached
 * per-record JSON with a single memcpy pass (no 4 MB string building and re-encoding per page).
 */
export function joinJson(prefix: string, items: readonly Buffer[], suffix: string): Buffer {
	const head = Buffer.from(prefix);
	const tail = Buffer.from(suffix);
	let size = head.length + tail.length + Math.max(0, items.length - 1);
	for (const b of items) size += b.length;
	const out = Buffer.allocUnsafe(size);
	out.set(head, 0);
	let o = head.length;
	for (let i = 0; i < items.length; i++) {
		if (i > 0) out[o++] = 44; // ','
		const b = items[i];
		out.set(b, o); // TypedArray#set: no per-call binding overhead (Buffer#copy costs ~1 µs each)
		o += b.length;
	}
	out.set(tail, o);
	return out;
}

const EMPTY: readonly Row<never>[] = [];
const key2 = (a: string, b: string): string => a + '\u0000' + b;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

const LINKEDIN_NOISE = /^(?:https?:\/\/)?(?:www\.)?|\/+$/g;

/** Lower-cased URL without scheme, `www.` and trailing slashes. */
export function normaliseLinkedin(url: string): string {
	return url.trim().toLowerCase().replace(LINKEDIN_NOISE, '');
}

type LookupKind = 'email' | 'linkedin';

const lookupKey = (kind: LookupKind, rec: Lead): string | undefined => {
	const v = kind === 'email' ? rec.email : rec.linkedinUrl;
	if (typeof v !== 'string' || v === '') return undefined;
	return kind === 'email' ? normaliseEmail(v) : normaliseLinkedin(v);
};

/**
 * Leads (enriched or source), indexed by id, tenant and tenant+client. E-mail / LinkedIn lookups are
 * built per tenant on first use (keeps seeding 100k leads cheap) and maintained from then on.
 *
 * Invisible leads (production mode, `invisibleLeads`: a `client_id` that is no client's slug) are in
 * the id index and a per-tenant invisible list only: no list, search or lookup ever returns them,
 * reading, updating or deleting them by id works (as production's primary-key access would).
 */
export class LeadTable {
	private readonly byId = new Map<string, Row<Lead>>();
	private readonly byCompany = new Map<string, OrderedRows<Lead>>();
	/** companyId → client slug → rows (nested maps: no key concatenation on the seeding hot path). */
	private readonly byClient = new Map<string, Map<string, OrderedRows<Lead>>>();
	/** `${kind}:${companyId}` → normalised value → rows; built on first lookup in that tenant. */
	private readonly lookups = new Map<string, Map<string, Row<Lead>[]>>();
	/** companyId → invisible rows; and the set of all invisible rows. */
	private readonly hidden = new Map<string, OrderedRows<Lead>>();
	private readonly hiddenRows = new Set<Row<Lead>>();

	get size(): number {
		return this.byId.size;
	}

	row(id: string): Row<Lead> | undefined {
		return this.byId.get(id);
	}

	insert(rec: Lead, seq: number, invisible = false): Row<Lead> {
		const row: Row<Lead> = { seq, rec, json: undefined };
		this.byId.set(rec.id, row);
		if (invisible) {
			this.ordered(this.hidden, rec.company_id).add(row);
			this.hiddenRows.add(row);
			return row;
		}
		this.ordered(this.byCompany, rec.company_id).add(row);
		this.clientGroup(rec.company_id, rec.client_id, true)!.add(row);
		this.indexLookups(row);
		return row;
	}

	/**
	 * Applies `patch` (already validated; null/undefined delete a field) and keeps every index in step.
	 * `invisible` (production mode) makes the lead invisible or visible; undefined keeps it as it is.
	 */
	update(row: Row<Lead>, patch: Record<string, unknown>, invisible?: boolean): void {
		const rec = row.rec;
		const was = this.hiddenRows.has(row);
		const will = invisible ?? was;
		const movesClient = typeof patch.client_id === 'string' && patch.client_id !== rec.client_id;
		if (!was) {
			this.unindexLookups(row);
			if (movesClient || will) this.clientGroup(rec.company_id, rec.client_id, false)?.remove(row);
			if (will) this.byCompany.get(rec.company_id)?.remove(row);
		} else if (!will) {
			this.hidden.get(rec.company_id)?.remove(row);
			this.hiddenRows.delete(row);
		}
		for (const [k, v] of Object.entries(patch)) {
			if (v === null || v === undefined) delete rec[k];
			else rec[k] = v;
		}
		if (!will) {
			if (was) this.ordered(this.byCompany, rec.company_id).add(row);
			if (movesClient || was) this.clientGroup(rec.company_id, rec.client_id, true)!.add(row);
			this.indexLookups(row);
		} else if (!was) {
			this.ordered(this.hidden, rec.company_id).add(row);
			this.hiddenRows.add(row);
		}
		row.json = undefined;
	}

	remove(id: string): Row<Lead> | undefined {
		const row = this.byId.get(id);
		if (!row) return undefined;
		this.byId.delete(id);
		if (this.hiddenRows.delete(row)) {
			this.hidden.get(row.rec.company_id)?.remove(row);
			return row;
		}
		this.byCompany.get(row.rec.company_id)?.remove(row);
		this.clientGroup(row.rec.company_id, row.rec.client_id, false)?.remove(row);
		this.unindexLookups(row);
		return row;
	}

	/** Deletes every (visible) lead of one client of one tenant; returns how many were deleted. */
	removeClient(companyId: string, clientId: string): number {
		const group = this.clientGroup(companyId, clientId, false);
		if (!group || group.rows.length === 0) return 0;
		const n = group.rows.length;
		for (const row of group.rows) {
			this.byId.delete(row.rec.id);
			this.unindexLookups(row);
		}
		this.byClient.get(companyId)?.delete(clientId);
		const company = this.byCompany.get(companyId);
		if (company) {
			const kept = company.rows.filter((r) => r.rec.client_id !== clientId);
			company.rows.length = 0;
			for (const r of kept) company.rows.push(r);
		}
		return n;
	}

	/** Whether the row is an invisible lead (production mode). */
	isInvisible(row: Row<Lead>): boolean {
		return this.hiddenRows.has(row);
	}

	/** The invisible leads of a tenant (oldest first). */
	invisibleRows(companyId: string): readonly Row<Lead>[] {
		return this.hidden.get(companyId)?.rows ?? EMPTY;
	}

	/** Every lead of a tenant, visible and invisible, oldest first. */
	allRows(companyId: string): Row<Lead>[] {
		const a = this.companyRows(companyId);
		const b = this.invisibleRows(companyId);
		if (b.length === 0) return [...a];
		const out: Row<Lead>[] = [];
		let i = 0;
		let j = 0;
		while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i].seq < b[j].seq) ? a[i++] : b[j++]);
		return out;
	}

	companyRows(companyId: string): readonly Row<Lead>[] {
		return this.byCompany.get(companyId)?.rows ?? EMPTY;
	}

	clientRows(companyId: string, clientId: string): readonly Row<Lead>[] {
		return this.clientGroup(companyId, clientId, false)?.rows ?? EMPTY;
	}

	private clientGroup(companyId: string, clientId: string, create: boolean): OrderedRows<Lead> | undefined {
		let clients = this.byClient.get(companyId);
		if (!clients) {
			if (!create) return undefined;
			clients = new Map();
			this.byClient.set(companyId, clients);
		}
		let group = clients.get(clientId);
		if (!group && create) {
			group = new OrderedRows<Lead>();
			clients.set(clientId, group);
		}
		return group;
	}

	findByEmail(companyId: string, email: string): readonly Row<Lead>[] {
		return this.lookup('email', companyId).get(normaliseEmail(email)) ?? EMPTY;
	}

	findByLinkedin(companyId: string, url: string): readonly Row<Lead>[] {
		return this.lookup('linkedin', companyId).get(normaliseLinkedin(url)) ?? EMPTY;
	}

	private lookup(kind: LookupKind, companyId: string): Map<string, Row<Lead>[]> {
		const k = kind + ':' + companyId;
		let index = this.lookups.get(k);
		if (!index) {
			index = new Map();
			this.lookups.set(k, index);
			for (const row of this.companyRows(companyId)) {
				const v = lookupKey(kind, row.rec);
				if (v !== undefined) push(index, v, row);
			}
		}
		return index;
	}

	private ordered(map: Map<string, OrderedRows<Lead>>, k: string): OrderedRows<Lead> {
		let o = map.get(k);
		if (!o) {
			o = new OrderedRows<Lead>();
			map.set(k, o);
		}
		return o;
	}

	private indexLookups(row: Row<Lead>): void {
		for (const kind of LOOKUP_KINDS) {
			const index = this.lookups.get(kind + ':' + row.rec.company_id);
			const v = index && lookupKey(kind, row.rec);
			if (index && v !== undefined) push(index, v, row);
		}
	}

	private unindexLookups(row: Row<Lead>): void {
		for (const kind of LOOKUP_KINDS) {
			const index = this.lookups.get(kind + ':' + row.rec.company_id);
			const v = index && lookupKey(kind, row.rec);
			if (index && v !== undefined) pull(index, v, row);
		}
	}
}

const LOOKUP_KINDS: readonly LookupKind[] = ['email', 'linkedin'];

function push<T>(map: Map<string, T[]>, k: string, v: T): void {
	const list = map.get(k);
	if (list) list.push(v);
	else map.set(k, [v]);
}

function pull<T>(map: Map<string, T[]>, k: string, v: T): void {
	const list = map.get(k);
	if (!list) return;
	const i = list.indexOf(v);
	if (i >= 0) list.splice(i, 1);
	if (list.length === 0) map.delete(k);
}

/** Small per-tenant record lists (clients, search history, webhooks, …) in creation order. */
export class Collection<T extends { id: string; company_id: string }> {
	private readonly byId = new Map<string, Row<T>>();
	private readonly byCompany = new Map<string, OrderedRows<T>>();

	get size(): number {
		return this.byId.size;
	}

	insert(rec: T, seq: number): Row<T> {
		const row: Row<T> = { seq, rec, json: undefined };
		this.byId.set(rec.id, row);
		let o = this.byCompany.get(rec.company_id);
		if (!o) {
			o = new OrderedRows<T>();
			this.byCompany.set(rec.company_id, o);
		}
		o.add(row);
		return row;
	}

	row(id: string): Row<T> | undefined {
		return this.byId.get(id);
	}

	get(id: string): T | undefined {
		return this.byId.get(id)?.rec;
	}

	/** The record with this id if it belongs to `companyId` (other tenants' records look absent). */
	getIn(companyId: string, id: string): T | undefined {
		const rec = this.byId.get(id)?.rec;
		return rec && rec.company_id === companyId ? rec : undefined;
	}

	rows(companyId: string): readonly Row<T>[] {
		return this.byCompany.get(companyId)?.rows ?? (EMPTY as readonly Row<T>[]);
	}

	index(companyId: string): OrderedRows<T> | undefined {
		return this.byCompany.get(companyId);
	}

	list(companyId: string): T[] {
		return this.rows(companyId).map((r) => r.rec);
	}

	all(): T[] {
		return [...this.byId.values()].sort((a, b) => a.seq - b.seq).map((r) => r.rec);
	}

	remove(id: string): T | undefined {
		const row = this.byId.get(id);
		if (!row) return undefined;
		this.byId.delete(id);
		this.byCompany.get(row.rec.company_id)?.remove(row);
		return row.rec;
	}
}

export interface StoreCounts {
	users: number;
	companies: number;
	clients: number;
	leads: number;
	sourceLeads: number;
	searchHistory: number;
	webhooks: number;
	webhookEvents: number;
	territoryCompanies: number;
	settings: number;
	campaigns: number;
	maintenance: number;
	apiKeys: number;
}

/**
 * All sandbox data. Read helpers return live records (treat them as read-only in tests);
 * mutators are what the routes use and are public so tests can arrange data directly.
 */
export class SandboxStore {
	private seqCounter = 0;

	readonly users = new Map<string, User>();
	private readonly usersByEmail = new Map<string, User>();
	readonly memberships = new Map<string, Membership>();
	readonly companies = new Map<string, Company>();
	readonly clients = new Collection<Client>();
	readonly leads = new LeadTable();
	readonly sourceLeads = new LeadTable();
	readonly searchHistory = new Collection<SearchHistory>();
	readonly webhooks = new Collection<Webhook>();
	readonly webhookSecrets = new Map<string, string>();
	readonly events: WebhookEvent[] = [];
	readonly territory = new Collection<TerritoryCompany>();
	readonly settings = new Map<string, SettingsRecord>();
	readonly campaigns = new Collection<Campaign>();
	readonly maintenance = new Collection<Maintenance>();
	readonly apiKeys = new Map<string, ApiKeyRecord>();
	readonly refreshTokens = new Map<string, { userId: string; issuedAt: number }>();
	readonly unipile = new Map<string, UnipileAccount[]>();
	readonly threads = new Map<string, ChatThread>();
	readonly enrichmentJobs = new Map<string, EnrichmentJob>();

	nextSeq(): number {
		return ++this.seqCounter;
	}

	// ---- users, companies, memberships -------------------------------------------------------

	addUser(user: User): User {
		this.users.set(user.id, user);
		this.usersByEmail.set(normaliseEmail(user.email), user);
		return user;
	}

	getUser(id: string): User | undefined {
		return this.users.get(id);
	}

	findUserByEmail(email: string): User | undefined {
		return this.usersByEmail.get(normaliseEmail(email));
	}

	listUsers(): User[] {
		return [...this.users.values()];
	}

	addCompany(company: Company): Company {
		this.companies.set(company.id, company);
		return company;
	}

	getCompany(id: string): Company | undefined {
		return this.companies.get(id);
	}

	listCompanies(): Company[] {
		return [...this.companies.values()];
	}

	setMembership(userId: string, membership: Membership): void {
		this.memberships.set(userId, membership);
	}

	membershipOf(userId: string): Membership | undefined {
		return this.memberships.get(userId);
	}

	membersOf(companyId: string): Array<{ userId: string; role: string }> {
		const out: Array<{ userId: string; role: string }> = [];
		for (const [userId, m] of this.memberships) if (m.companyId === companyId) out.push({ userId, role: m.role });
		return out;
	}

	// ---- clients ------------------------------------------------------------------------------

	addClient(client: Client): Client {
		this.clients.insert(client, this.nextSeq());
		return client;
	}

	getClient(recordId: string): Client | undefined {
		return this.clients.get(recordId);
	}

	clientsOf(companyId: string): Client[] {
		return this.clients.list(companyId);
	}

	/** Client of `companyId` by slug (`client_id`). */
	clientBySlug(companyId: string, slug: string): Client | undefined {
		for (const row of this.clients.rows(companyId)) if (row.rec.client_id === slug) return row.rec;
		return undefined;
	}

	/** Matches the DynamoDB `id` first, then the `client_id` slug (§5 A5). */
	findClient(companyId: string, idOrSlug: string): Client | undefined {
		return this.clients.getIn(companyId, idOrSlug) ?? this.clientBySlug(companyId, idOrSlug);
	}

	// ---- leads --------------------------------------------------------------------------------

	/** Stores a lead; `invisible` (production mode) keeps it out of every list and search. */
	insertLead(lead: Lead, invisible = false): Lead {
		return this.leads.insert(lead, this.nextSeq(), invisible).rec;
	}

	insertSourceLead(lead: SourceLead): SourceLead {
		return this.sourceLeads.insert(lead, this.nextSeq()).rec;
	}

	getLead(id: string): Lead | undefined {
		return this.leads.row(id)?.rec;
	}

	/** The lead with this id if it belongs to `companyId`. */
	getLeadIn(companyId: string, id: string): Lead | undefined {
		const rec = this.leads.row(id)?.rec;
		return rec && rec.company_id === companyId ? rec : undefined;
	}

	leadsOfClient(companyId: string, clientId: string): Lead[] {
		return this.leads.clientRows(companyId, clientId).map((r) => r.rec);
	}

	/** The visible leads of a company (what lists and searches can return). */
	leadsOfCompany(companyId: string): Lead[] {
		return this.leads.companyRows(companyId).map((r) => r.rec);
	}

	/** ALL leads of a company, invisible ones included (production mode), oldest first. */
	allLeadsOf(companyId: string): Lead[] {
		return this.leads.allRows(companyId).map((r) => r.rec);
	}

	/** The invisible leads of a company (production mode `invisibleLeads`), oldest first. */
	invisibleLeadsOf(companyId: string): Lead[] {
		return this.leads.invisibleRows(companyId).map((r) => r.rec);
	}

	/** Visible leads of a client or company; with no argument every stored lead (invisible included). */
	countLeads(companyId?: string, clientId?: string): number {
		if (companyId === undefined) return this.leads.size;
		if (clientId === undefined) return this.leads.companyRows(companyId).length;
		return this.leads.clientRows(companyId, clientId).length;
	}

	getSourceLead(id: string): SourceLead | undefined {
		return this.sourceLeads.row(id)?.rec;
	}

	sourceLeadsOfClient(companyId: string, clientId: string): SourceLead[] {
		return this.sourceLeads.clientRows(companyId, clientId).map((r) => r.rec);
	}

	countSourceLeads(companyId?: string, clientId?: string): number {
		if (companyId === undefined) return this.sourceLeads.size;
		if (clientId === undefined) return this.sourceLeads.companyRows(companyId).length;
		return this.sourceLeads.clientRows(companyId, clientId).length;
	}

	// ---- settings -----------------------------------------------------------------------------

	getSettings(companyId: string, kind: SettingsKind): SettingsRecord | undefined {
		return this.settings.get(key2(kind, companyId));
	}

	putSettings(kind: SettingsKind, record: SettingsRecord): void {
		this.settings.set(key2(kind, record.company_id), record);
	}

	// ---- other tenant data --------------------------------------------------------------------

	searchHistoryOf(companyId: string): SearchHistory[] {
		return this.searchHistory.list(companyId);
	}

	getSearchHistory(id: string): SearchHistory | undefined {
		return this.searchHistory.get(id);
	}

	webhooksOf(companyId: string): Webhook[] {
		return this.webhooks.list(companyId);
	}

	getWebhook(id: string): Webhook | undefined {
		return this.webhooks.get(id);
	}

	/** Secret embedded in the webhook's inbound URL. */
	webhookSecret(id: string): string | undefined {
		return this.webhookSecrets.get(id);
	}

	/** Events received on the inbound endpoint, oldest first (optionally for one webhook). */
	webhookEvents(webhookId?: string): WebhookEvent[] {
		return webhookId === undefined ? [...this.events] : this.events.filter((e) => e.webhookId === webhookId);
	}

	territoryOf(companyId: string, clientId?: string): TerritoryCompany[] {
		const all = this.territory.list(companyId);
		return clientId === undefined ? all : all.filter((t) => t.client_id === clientId);
	}

	campaignsOf(companyId: string): Campaign[] {
		return this.campaigns.list(companyId);
	}

	maintenanceOf(companyId: string, type?: 'bug' | 'enhancement'): Maintenance[] {
		const all = this.maintenance.list(companyId);
		return type === undefined ? all : all.filter((m) => m.type === type);
	}

	apiKeysOf(userId: string): ApiKeyRecord[] {
		return [...this.apiKeys.values()].filter((k) => k.owner === userId);
	}

	unipileOf(companyId: string): UnipileAccount[] {
		return this.unipile.get(companyId) ?? [];
	}

	counts(): StoreCounts {
		return {
			users: this.users.size,
			companies: this.companies.size,
			clients: this.clients.size,
			leads: this.leads.size,
			sourceLeads: this.sourceLeads.size,
			searchHistory: this.searchHistory.size,
			webhooks: this.webhooks.size,
			webhookEvents: this.events.length,
			territoryCompanies: this.territory.size,
			settings: this.settings.size,
			campaigns: this.campaigns.size,
			maintenance: this.maintenance.size,
			apiKeys: this.apiKeys.size,
		};
	}
}
