/** Types of scripts/n8n/project.js. */
export const CREDENTIAL_IDS: { apiKey: string; password: string };
export const CREDENTIALS: Array<{ id: string; name: string; authMode: 'apiKey' | 'password' }>;
export const OWNER: { email: string; password: string; firstName: string; lastName: string };
export const EXAMPLES_DIR: string;
export interface SandboxInfo {
	url: string;
	email: string;
	password: string;
	apiKey: string;
	userId: string;
	[k: string]: unknown;
}
export function buildCredentials(
	sb: SandboxInfo,
	opts?: { only?: Array<'apiKey' | 'password'> },
): Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>;
export function loadExamples(dir?: string): Array<{ id: string; name: string; nodes: any[]; connections: any; [k: string]: unknown }>;
export const SANDBOX_WEBHOOK_SECRET: string;
export function examplesToActivate(examples: Array<{ id: string; nodes: Array<{ type: string }> }>): string[];
export const EXAMPLES_STATE_FILE: string;
type Workflow = { id: string; name: string; nodes: any[]; connections: any; [k: string]: unknown };
export function syncExamples(
	inst: import('./lib').N8nInstall,
	env: import('./lib').N8nEnv,
	examples: Workflow[],
	opts?: { activate?: string[] },
): { imported: Workflow[]; current: Workflow[]; kept: Workflow[] };
export const SESSION_FILE: string;
