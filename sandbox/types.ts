/** Record shapes held by the sandbox store (contract §3.0 and the "(proposed)" shapes of §3). */

export type Role = 'owner' | 'admin' | 'member';

export interface User {
	id: string; // Cognito-style sub (UUID)
	email: string;
	password: string;
	name: string;
	/** Platform administrator (may call /api/admin/*). */
	platformAdmin: boolean;
	status: 'active' | 'disabled';
	createdAt: string;
}

export interface Membership {
	companyId: string;
	role: Role;
}

export interface Company {
	id: string;
	name: string;
	owner: string;
	createdAt: string;
	updatedAt: string;
}

export interface Client {
	id: string;
	client_id: string;
	clientName: string;
	companyURL?: string;
	description?: string;
	owner: string;
	company_id: string;
	createdAt: string;
	updatedAt: string;
}

/** Lead (= EnrichLeads record) or SourceLead: fixed system fields plus any string/number fields. */
export interface Lead {
	id: string;
	client_id: string;
	company_id: string;
	owner: string;
	createdAt: string;
	updatedAt: string;
	[field: string]: unknown;
}

export type SourceLead = Lead;

export type SearchStatus = 'initiated' | 'running' | 'completed' | 'failed';

export interface SearchHistory {
	id: string;
	searchName: string;
	status: SearchStatus;
	owner: string;
	company_id: string;
	client_id?: string;
	createdAt: string;
	updatedAt: string;
	totalLeadsFound: number;
	totalLeadsSaved: number;
	totalLeadsFailed: number;
	error: string | null;
	[field: string]: unknown;
}

export interface Webhook {
	id: string;
	name: string;
	platform: string;
	description?: string;
	platformConfig?: string;
	client_id?: string;
	owner: string;
	company_id: string;
	isActive: boolean;
	eventCount: number;
	lastEventAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface WebhookEvent {
	id: string;
	webhookId: string;
	platform: string;
	company_id: string;
	client_id?: string;
	receivedAt: string;
	contentType: string | undefined;
	headers: Record<string, string>;
	query: Record<string, unknown>;
	body: unknown;
}

export interface TerritoryCompany {
	id: string;
	companyName: string;
	companyDomain?: string;
	industry?: string;
	country?: string;
	totalLeads: number;
	qualifiedLeads: number;
	averageLeadScore: number;
	lastActivityDate: string;
	client_id: string;
	company_id: string;
	owner: string;
	createdAt: string;
	updatedAt: string;
	[field: string]: unknown;
}

export interface SettingsRecord {
	id: string;
	company_id: string;
	owner: string;
	createdAt: string;
	updatedAt: string;
	[field: string]: string;
}

export interface Campaign {
	id: string;
	name: string;
	status: string;
	campaignType: string;
	description?: string;
	client_id?: string;
	startDate?: string;
	endDate?: string;
	goals?: Record<string, unknown>;
	owner: string;
	company_id: string;
	createdAt: string;
	updatedAt: string;
}

export interface Maintenance {
	id: string;
	type: 'bug' | 'enhancement';
	description: string;
	userEmail: string | null;
	status: 'open' | 'in_progress' | 'closed';
	owner: string;
	company_id: string;
	createdAt: string;
	updatedAt: string;
}

export interface ApiKeyRecord {
	id: string;
	key: string;
	keyPrefix: string;
	name: string;
	description?: string;
	owner: string;
	createdAt: string;
}

export interface UnipileAccount {
	id: string;
	name: string;
	type: string;
	company_id: string;
}

export interface ChatThread {
	id: string;
	company_id: string;
	owner: string;
	agentId: string | null;
	messages: Array<{ role: 'user' | 'assistant'; content: string; at: string }>;
}

export interface EnrichmentJob {
	id: string;
	company_id: string;
	owner: string;
	leadIds: string[];
	enrichmentType: string;
	priority: string | null;
	createdAt: string;
}
