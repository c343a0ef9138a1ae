/**
 * Workflows the editor e2e opens in the browser: one LeadGenius node per row of PANEL_TABLE (at
 * least one operation per resource) on a grid, and a Manual Trigger → Lead → Get Many for
 * "Execute step".
 */
import { LEADGENIUS } from '../workflows';

type Cred = { id: string; name: string };

export const EDITOR_IDS = {
	panels: 'e2eEditorPanels1',
	execute: 'e2eEditorExecute',
	accessToken: 'e2eAccessToken01',
	wrongPassword: 'e2eWrongPasswd01',
	wrongApiKey: 'e2eWrongApiKey01',
};

export interface PanelRow {
	resource: string;
	operation: string;
	/** Parameters beyond resource/operation (what the operation needs besides its defaults). */
	params?: Record<string, unknown>;
	/** The panel shows parameter issues (a required parameter left empty): the negative control. */
	issues?: boolean;
}

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * The operations whose panels are opened: at least one per resource (the test checks that), the
 * defaults only where the operation needs nothing else, and two rows left incomplete on purpose so
 * the "no issues" check is seen to find issues.
 */
export const PANEL_TABLE: PanelRow[] = [
	{ resource: 'client', operation: 'getAll' },
	{ resource: 'client', operation: 'create', params: { clientName: 'Acme Corp' } },
	{ resource: 'client', operation: 'create', issues: true },
	{ resource: 'lead', operation: 'find' },
	{ resource: 'lead', operation: 'getAll', params: { clientId: rl('demo-client') } },
	{ resource: 'lead', operation: 'create', issues: true },
	{ resource: 'apiKey', operation: 'create', params: { name: 'e2e key' } },
	{ resource: 'campaign', operation: 'getAll' },
	{ resource: 'analytics', operation: 'getPipeline' },
	{ resource: 'bugReport', operation: 'getAll' },
	{ resource: 'enhancementRequest', operation: 'getAll' },
	{ resource: 'admin', operation: 'getAllCompanies' },
	{ resource: 'enrichedLead', operation: 'getAll' },
	{ resource: 'sourceLead', operation: 'getAll' },
	{ resource: 'company', operation: 'get' },
	{ resource: 'searchHistory', operation: 'getAll' },
	{ resource: 'webhook', operation: 'getAll' },
	{ resource: 'territoryCompany', operation: 'getAll', params: { clientId: rl('demo-client') } },
	{ resource: 'urlSettings', operation: 'get' },
	{ resource: 'agentSettings', operation: 'get' },
	{ resource: 'sdrAiSettings', operation: 'get' },
	{ resource: 'leadProcessing', operation: 'runEnrichment', params: { leadId: 'lead-from-the-table' } },
	{ resource: 'backgroundTask', operation: 'getAll' },
	{ resource: 'email', operation: 'validate', params: { email: 'ada@example.com' } },
	{ resource: 'leadScrape', operation: 'getStatus', params: { runId: 'run-from-the-table' } },
	{ resource: 'epsimoAi', operation: 'sendMessage', params: { message: 'Hello' } },
	{ resource: 'unipileAccount', operation: 'getAll' },
];

export function panelNodeName(row: PanelRow, index: number): string {
	return `P${String(index + 1).padStart(2, '0')} ${row.resource} ${row.operation}${row.issues ? ' (incomplete)' : ''}`;
}

export function panelsWorkflow(cred: Cred) {
	const perRow = 6;
	return {
		id: EDITOR_IDS.panels,
		name: 'e2e: LeadGenius panels',
		nodes: PANEL_TABLE.map((row, i) => ({
			id: `p-${i + 1}`,
			name: panelNodeName(row, i),
			type: LEADGENIUS,
			typeVersion: 1,
			position: [(i % perRow) * 260, Math.floor(i / perRow) * 220] as [number, number],
			parameters: { resource: row.resource, operation: row.operation, ...(row.params ?? {}) },
			credentials: { leadGeniusApi: cred },
		})),
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}

export const GET_MANY_LIMIT = 5;

export function executeWorkflow(cred: Cred) {
	return {
		id: EDITOR_IDS.execute,
		name: 'e2e: Execute step on Lead → Get Many',
		nodes: [
			{
				id: 'x-1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			},
			{
				id: 'x-2',
				name: 'Get Many leads',
				type: LEADGENIUS,
				typeVersion: 1,
				position: [260, 0] as [number, number],
				parameters: { resource: 'lead', operation: 'getAll', clientId: { __rl: true, mode: 'list', value: '' }, limit: GET_MANY_LIMIT },
				credentials: { leadGeniusApi: cred },
			},
		],
		connections: { Start: { main: [[{ node: 'Get Many leads', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}
