/**
 * The LeadGenius API contract's endpoint table (§4 of the contract, kept outside this repository), one row per node operation, 63 rows.
 * `path` is written as the node writes its `routes`: Agent API routes with the `{agent}` prefix
 * (§5 A2, the credential's "Agent API Path Prefix", default `/api/agent`), path parameters as
 * `{id}`, distinguishing query parameters after `?`, and body-shape variants after a space, e.g.
 * `POST /api/leads (batch)`. Rows 1–2 are not operations: the credential implements them.
 */
export interface EndpointRow {
	/** Row number in §4. */
	n: number;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	/** Resource value in the node (`credential` = implemented by the credential). */
	resource: string;
	/** Operation value in the node. */
	operation: string;
}

export const CREDENTIAL = 'credential';

const row = (n: number, method: EndpointRow['method'], path: string, resource: string, operation: string): EndpointRow => ({
	n,
	method,
	path,
	resource,
	operation,
});

export const endpoints: EndpointRow[] = [
	// §3.1 Auth — the credential's preAuthentication
	row(1, 'POST', '/api/auth', CREDENTIAL, 'logIn'),
	row(2, 'POST', '/api/auth/refresh', CREDENTIAL, 'refreshToken'),
	// §3.2 Clients
	row(3, 'GET', '/api/clients', 'client', 'getAll'),
	row(4, 'GET', '/api/clients?clientId={id}', 'client', 'get'),
	row(5, 'POST', '/api/clients', 'client', 'create'),
	row(6, 'PUT', '/api/clients', 'client', 'update'),
	row(7, 'DELETE', '/api/clients?id={id}', 'client', 'delete'),
	row(8, 'DELETE', '/api/clients?id={id}&purge=true', 'client', 'delete'),
	// §3.3 Leads
	row(9, 'GET', '/api/leads?client_id', 'lead', 'getAll'),
	row(10, 'POST', '/api/leads (single)', 'lead', 'create'),
	row(11, 'POST', '/api/leads (batch)', 'lead', 'createMany'),
	row(12, 'PUT', '/api/leads (single)', 'lead', 'update'),
	row(13, 'PUT', '/api/leads (batch)', 'lead', 'updateMany'),
	row(14, 'DELETE', '/api/leads?id={id}', 'lead', 'delete'),
	row(15, 'DELETE', '/api/leads (batch)', 'lead', 'deleteMany'),
	row(16, 'GET', '/api/find-lead', 'lead', 'find'),
	row(17, 'GET', '/api/enrich-leads/{id}', 'enrichedLead', 'get'),
	row(18, 'PUT', '/api/enrich-leads/{id}', 'enrichedLead', 'update'),
	// §3.4 Bulk extraction
	row(19, 'GET', '/api/enrich-leads/list?companyId', 'enrichedLead', 'getAll'),
	row(20, 'GET', '/api/source-leads/list?companyId', 'sourceLead', 'getAll'),
	// §3.5 Company
	row(21, 'GET', '/api/company', 'company', 'get'),
	row(22, 'POST', '/api/company', 'company', 'create'),
	row(23, 'PUT', '/api/company', 'company', 'update'),
	// §3.6 Search history
	row(24, 'GET', '/api/search-history', 'searchHistory', 'getAll'),
	row(25, 'POST', '/api/search-history', 'searchHistory', 'create'),
	row(26, 'PUT', '/api/search-history', 'searchHistory', 'update'),
	// §3.7 Webhook workbench
	row(27, 'GET', '/api/webhook-workbench', 'webhook', 'getAll'),
	row(28, 'POST', '/api/webhook-workbench', 'webhook', 'create'),
	// §3.8 Territory workbench
	row(29, 'GET', '/api/territory-workbench/companies?client_id', 'territoryCompany', 'getAll'),
	row(30, 'POST', '/api/territory-workbench/companies', 'territoryCompany', 'upsert'),
	// §3.9 Settings
	row(31, 'GET', '/api/settings/url', 'urlSettings', 'get'),
	row(32, 'POST', '/api/settings/url', 'urlSettings', 'create'),
	row(33, 'PUT', '/api/settings/url', 'urlSettings', 'update'),
	row(34, 'GET', '/api/settings/agent', 'agentSettings', 'get'),
	row(35, 'POST', '/api/settings/agent', 'agentSettings', 'create'),
	row(36, 'PUT', '/api/settings/agent', 'agentSettings', 'update'),
	row(37, 'GET', '/api/settings/sdr-ai', 'sdrAiSettings', 'get'),
	row(38, 'POST', '/api/settings/sdr-ai', 'sdrAiSettings', 'create'),
	row(39, 'PUT', '/api/settings/sdr-ai', 'sdrAiSettings', 'update'),
	// §3.10 Lead processing
	row(40, 'POST', '/api/leads/process/enrich', 'leadProcessing', 'runEnrichment'),
	row(41, 'POST', '/api/leads/process/copyright', 'leadProcessing', 'runCopyright'),
	row(42, 'POST', '/api/leads/process/sdr', 'leadProcessing', 'runSdr'),
	// §3.11 Background tasks
	row(43, 'POST', '/api/trigger', 'backgroundTask', 'trigger'),
	row(44, 'GET', '/api/trigger-task-status?runId', 'backgroundTask', 'getStatus'),
	row(45, 'GET', '/api/trigger-recent-runs', 'backgroundTask', 'getAll'),
	// §3.12 E-mail services
	row(46, 'POST', '/api/email-validate', 'email', 'validate'),
	row(47, 'POST', '/api/email-verify', 'email', 'verify'),
	// §3.13 Integrations
	row(48, 'POST', '/api/start-lead-scrape-complete', 'leadScrape', 'start'),
	row(49, 'GET', '/api/lead-generation-status?runId', 'leadScrape', 'getStatus'),
	row(50, 'POST', '/api/epsimo-chat', 'epsimoAi', 'sendMessage'),
	row(51, 'GET', '/api/unipile-accounts', 'unipileAccount', 'getAll'),
	// §3.14 CLI-documented (Agent API under the configurable prefix)
	row(52, 'POST', '/api/agent-api-keys', 'apiKey', 'create'),
	row(53, 'GET', '{agent}/campaigns', 'campaign', 'getAll'),
	row(54, 'POST', '{agent}/campaigns', 'campaign', 'create'),
	row(55, 'GET', '{agent}/analytics/pipeline', 'analytics', 'getPipeline'),
	row(56, 'GET', '{agent}/maintenance/bugs', 'bugReport', 'getAll'),
	row(57, 'POST', '{agent}/maintenance/bugs', 'bugReport', 'create'),
	row(58, 'GET', '{agent}/maintenance/enhancements', 'enhancementRequest', 'getAll'),
	row(59, 'POST', '{agent}/maintenance/enhancements', 'enhancementRequest', 'create'),
	row(60, 'GET', '/api/admin/companies', 'admin', 'getAllCompanies'),
	row(61, 'GET', '/api/admin/users', 'admin', 'getAllUsers'),
	row(62, 'GET', '{agent}/leads?pageSize', 'lead', 'searchByName'),
	row(63, 'POST', '{agent}/enrichment/trigger', 'lead', 'enrichMany'),
];

/**
 * `METHOD /path` of a route or row: query string and body-shape note removed, so
 * `GET /api/clients?clientId` and `POST /api/leads (single)` compare as `GET /api/clients` and
 * `POST /api/leads`.
 */
export function methodAndPath(route: string): string {
	const [method, target = ''] = route.trim().split(/\s+/);
	return `${method.toUpperCase()} ${target.split('?')[0]}`;
}

export function rowKey(r: EndpointRow): string {
	return methodAndPath(`${r.method} ${r.path}`);
}
