/**
 * The fixed field vocabulary of LeadGenius leads (LEADGENIUS_API.md §3.4, §3.9, §3.10): every lead
 * field the node names, with its display label, and every list of lead fields the node uses (bulk
 * extraction, settings, lead processing, auto-map, the v2 mapper and Simplify). Each
 * list is written here once; a list made of others (the enriched lead's fields, the SDR fields, the
 * enrichment services) is derived from them here. Order and labels are what the node shows.
 */

/** A lead field: API name, display name and, for the fields a user writes by name, what it holds. */
export type FieldOption = [value: string, name: string, description?: string];

const oneToTen = Array.from({ length: 10 }, (_, k) => k + 1);

/** Person and company fields every lead (enriched or source) has. */
export const BASE_LEAD_FIELDS: FieldOption[] = [
	['client_id', 'Client ID (Slug)'],
	['company_id', 'Company ID'],
	['owner', 'Owner'],
	['firstName', 'First Name'],
	['lastName', 'Last Name'],
	['fullName', 'Full Name'],
	['contactName', 'Contact Name'],
	['email', 'Email'],
	['title', 'Job Title'],
	['headline', 'Headline'],
	['companyName', 'Company Name'],
	['companyDomain', 'Company Domain'],
	['companyUrl', 'Company URL'],
	['linkedinUrl', 'LinkedIn URL'],
	['phoneNumber', 'Phone Number'],
	['industry', 'Industry'],
	['city', 'City'],
	['state', 'State'],
	['country', 'Country'],
	['createdAt', 'Created At'],
	['updatedAt', 'Updated At'],
];

/** An SDR AI field's description: what it holds, and what writes it. */
const sdr = (holds: string) => `${holds} (SDR AI field, filled by Lead Processing → Run SDR AI)`;

/** The 16 AI fields of an enriched lead (SDR AI outputs), each with what it holds. */
export const AI_FIELDS: FieldOption[] = [
	['aiLeadScore', 'AI Lead Score', sdr('Overall score of the lead')],
	['aiQualification', 'AI Qualification', sdr('Qualification verdict on the lead')],
	['aiNextAction', 'AI Next Action', sdr('Recommended next step with the lead')],
	['aiColdEmail', 'AI Cold Email', sdr('Cold email drafted for the lead')],
	['aiInterest', 'AI Interest', sdr('Assessment of the lead\'s interest in your offer')],
	['aiLinkedinConnect', 'AI LinkedIn Connect', sdr('LinkedIn connection request drafted for the lead')],
	['aiCompetitorAnalysis', 'AI Competitor Analysis', sdr('Analysis of the competitors of the lead\'s company')],
	['aiEngagementLevel', 'AI Engagement Level', sdr('How engaged the lead is')],
	['aiPurchaseWindow', 'AI Purchase Window', sdr('Estimated time until the lead\'s company is ready to buy')],
	['aiDecisionMakerRole', 'AI Decision Maker Role', sdr('The lead\'s role in the buying decision')],
	['aiSentiment', 'AI Sentiment', sdr('Sentiment of the lead towards your offer')],
	['aiSocialEngagement', 'AI Social Engagement', sdr('Assessment of the lead\'s activity on social media')],
	['aiNurturingStage', 'AI Nurturing Stage', sdr('Where the lead stands in nurturing')],
	['aiBudgetEstimation', 'AI Budget Estimation', sdr('Estimated budget of the lead\'s company')],
	['aiRiskScore', 'AI Risk Score', sdr('Risk score of pursuing the lead')],
	['aiProductFitScore', 'AI Product Fit Score', sdr('How well your product fits the lead\'s company')],
];

/** Outreach messages 1–10 (SDR AI outputs). */
export const MESSAGE_FIELDS: FieldOption[] = oneToTen.map((n) => [`message${n}`, `Message ${n}`, sdr(`Outreach message ${n} for the lead`)]);

/** Enrichment slots 1–10: slot N is written by enrichment service N and by copyright process N. */
export const ENRICHMENT_FIELDS: FieldOption[] = oneToTen.map((n) => [
	`enrichment${n}`,
	`Enrichment ${n}`,
	`Enrichment slot ${n}, filled by enrichment service ${n} (Lead Processing → Run Enrichment) or copyright process ${n} (Run Copyright AI)`,
]);

/** Everything an enriched lead is known to carry (any other field can be asked for by name). */
export const ENRICHED_LEAD_FIELDS: FieldOption[] = [
	...BASE_LEAD_FIELDS,
	['status', 'Status'],
	['notes', 'Notes'],
	['engagementScore', 'Engagement Score'],
	['aiScoreValue', 'AI Score Value'],
	...AI_FIELDS,
	...MESSAGE_FIELDS,
	...ENRICHMENT_FIELDS,
];

export interface Entry {
	/** The API's key, e.g. `enrichment1`, `aiLeadScore`. */
	key: string;
	/** Display label, e.g. `Enrichment 1`, `AI Lead Score`. */
	label: string;
	/** The lead field the item writes. */
	target: string;
}

/** A lead field as a settings / processing item that writes that field. */
const writes = ([key, label]: FieldOption): Entry => ({ key, label, target: key });

/** Services of POST /api/leads/process/enrich (12); each is a URL setting plus `<key>_Apikey`. */
export const ENRICH_SERVICES: Entry[] = [
	{ key: 'companyUrl', label: 'Company URL', target: 'companyUrl' },
	{ key: 'emailFinder', label: 'Email Finder', target: 'email' },
	...ENRICHMENT_FIELDS.map(writes),
];

/** Copyright processes 1–10 of POST /api/leads/process/copyright; process N writes `enrichment<N>`. */
export const COPYRIGHT_PROCESSES: number[] = oneToTen;

/** SDR AI fields (26) of POST /api/leads/process/sdr: the messages, then the AI fields; field F uses the setting `<F>AgentId`. */
export const SDR_FIELDS: Entry[] = [...MESSAGE_FIELDS, ...AI_FIELDS].map(writes);

/** Fields LeadGenius sets itself: Map Automatically never sends them, settings never echo them back. */
export const SYSTEM_FIELDS: readonly string[] = ['id', 'owner', 'company_id', 'createdAt', 'updatedAt'];

/** Fields a person looks at; the rest stays one toggle away (Simplify off). */
export const SIMPLE_FIELDS: readonly string[] = [
	'id',
	'client_id',
	'firstName',
	'lastName',
	'fullName',
	'email',
	'title',
	'companyName',
	'companyDomain',
	'linkedinUrl',
	'phoneNumber',
	'status',
	'aiLeadScore',
	'createdAt',
	'updatedAt',
];
