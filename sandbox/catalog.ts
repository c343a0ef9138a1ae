/**
 * Fixed vocabularies of the contract (§3.9, §3.10, §3.6, §3.7, §3.14), in the sandbox's own form.
 */

const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);

/** Services selectable in POST /api/leads/process/enrich (12). */
export const ENRICH_SERVICES: readonly string[] = ['companyUrl', 'emailFinder', ...oneToTen.map((n) => `enrichment${n}`)];

/** URL settings fields (24): every service plus its `_Apikey`. */
export const URL_SETTINGS_FIELDS: readonly string[] = ENRICH_SERVICES.flatMap((s) => [s, `${s}_Apikey`]);

/** Agent settings fields (11). */
export const AGENT_SETTINGS_FIELDS: readonly string[] = ['projectId', ...oneToTen.map((n) => `enrichment${n}AgentId`)];

/** SDR AI field keys (26) usable in POST /api/leads/process/sdr. */
export const SDR_FIELDS: readonly string[] = [
	...oneToTen.map((n) => `message${n}`),
	'aiLeadScore',
	'aiQualification',
	'aiNextAction',
	'aiColdEmail',
	'aiInterest',
	'aiLinkedinConnect',
	'aiCompetitorAnalysis',
	'aiEngagementLevel',
	'aiPurchaseWindow',
	'aiDecisionMakerRole',
	'aiSentiment',
	'aiSocialEngagement',
	'aiNurturingStage',
	'aiBudgetEstimation',
	'aiRiskScore',
	'aiProductFitScore',
];

/** SDR AI settings fields (27). */
export const SDR_SETTINGS_FIELDS: readonly string[] = ['projectId', ...SDR_FIELDS.map((f) => `${f}AgentId`)];

export type SettingsKind = 'url' | 'agent' | 'sdr-ai';

export const SETTINGS_FIELDS: Readonly<Record<SettingsKind, readonly string[]>> = {
	url: URL_SETTINGS_FIELDS,
	agent: AGENT_SETTINGS_FIELDS,
	'sdr-ai': SDR_SETTINGS_FIELDS,
};

/** System fields a client may echo back in a settings body; they are ignored, never stored. */
export const SETTINGS_SYSTEM_FIELDS: readonly string[] = ['id', 'company_id', 'owner', 'createdAt', 'updatedAt'];

/** The lead field an enrichment service writes (inferred, documented in sandbox/README.md). */
export function enrichTargetField(service: string): string {
	if (service === 'companyUrl') return 'companyUrl';
	if (service === 'emailFinder') return 'email';
	return service; // enrichment<N>
}

export const WEBHOOK_PLATFORMS: readonly string[] = ['heyreach', 'woodpecker', 'lemlist', 'generic'];

export const SEARCH_STATUSES: readonly string[] = ['initiated', 'running', 'completed', 'failed'];

export const CAMPAIGN_STATUSES: readonly string[] = ['draft', 'active', 'paused', 'completed', 'archived'];
export const CAMPAIGN_CREATE_STATUSES: readonly string[] = ['draft', 'active'];
export const CAMPAIGN_TYPES: readonly string[] = ['abm', 'demand_gen', 'nurture'];

export const LEAD_STATUSES: readonly string[] = ['new', 'contacted', 'engaged', 'qualified', 'unqualified', 'customer'];

export const TERRITORY_SORT_FIELDS: readonly string[] = [
	'totalLeads',
	'qualifiedLeads',
	'averageLeadScore',
	'lastActivityDate',
	'companyName',
];

/** Lead fields the server owns; a body can never set them. */
export const LEAD_SYSTEM_FIELDS: readonly string[] = ['id', 'owner', 'company_id', 'createdAt', 'updatedAt'];

/** Agent-style lead search filters (substring, case-insensitive) and exact filters. */
export const AGENT_LEAD_TEXT_FILTERS: readonly string[] = ['firstName', 'lastName', 'fullName', 'email', 'companyName'];
export const AGENT_LEAD_EXACT_FILTERS: readonly string[] = ['status', 'campaignId', 'client_id'];
