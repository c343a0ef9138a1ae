/** Types of scripts/n8n/lib.js (plain CommonJS, so `npm start` needs no compile step). */

export interface NodeInstall {
	major: number;
	version: string;
	prefix: string;
	home: string;
	bin: string;
	binDir: string;
	nodedir: string;
}

export interface N8nInstall {
	version: string;
	dir: string;
	bin: string;
	node: NodeInstall;
	stamp?: { installSeconds: number; rebuildSeconds: number; [k: string]: unknown };
	hasPublishCommand: boolean;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
	nodes: string[];
}

export interface N8nHandle {
	pid: number;
	url: string;
	port: number;
	logFile: string;
	version: string;
	startSeconds: number;
	logTail(lines?: number): string;
	exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
	stop(timeoutMs?: number): Promise<void>;
}

export interface HttpAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: any;
}

export type N8nEnv = NodeJS.ProcessEnv & { N8N_USER_FOLDER: string; N8N_PORT: string };

export const PROJECT_ROOT: string;
export const LOCAL_DIR: string;
export const N8N_ALIASES: Record<string, string>;
export const DEFAULT_N8N_VERSION: string;
export const E2E_N8N_VERSIONS: string[];
export const NODE_VERSIONS: Record<number, string>;

export function log(...args: unknown[]): void;
export function tail(text: string, lines?: number): string;
export function sleep(ms: number): Promise<void>;
export function readJson<T = any>(file: string): T | undefined;
export function writeJson(file: string, value: unknown): void;
export function resolveN8nVersion(requested?: string): string;
export function nodeMajorFor(n8nVersion: string): number;
export function ensureNode(major: number): NodeInstall;
export function ensureN8n(requested?: string): N8nInstall;
export function verifyN8n(inst: N8nInstall): Record<string, unknown>;
export function buildAndPack(opts?: { build?: boolean; cwd?: string }): string;
export function installCommunityPackage(userFolder: string, tgz: string): InstalledPackage;
export function registerCommunityPackage(
	inst: N8nInstall,
	env: N8nEnv,
	pkg: InstalledPackage,
): Array<{ name: string; type: string; version: number }>;
export function n8nEnv(
	inst: N8nInstall,
	opts: { userFolder: string; port?: number; brokerPort?: number; host?: string; listen?: string; extra?: Record<string, string> },
): N8nEnv;
export function n8nCli(inst: N8nInstall, env: N8nEnv, args: string[], opts?: { timeoutMs?: number }): string;
export function n8nCliAsync(
	inst: N8nInstall,
	env: N8nEnv,
	args: string[],
	opts?: { timeoutMs?: number; allowFailure?: boolean },
): Promise<string>;
export function importCredentials(inst: N8nInstall, env: N8nEnv, credentials: unknown[]): string;
export function importWorkflows(inst: N8nInstall, env: N8nEnv, workflows: Array<{ id?: string }>): string;
export function readWorkflows(
	inst: N8nInstall,
	env: N8nEnv,
	ids: string[],
): Array<{ id: string; name: string; versionId: string | null; nodes: unknown[]; connections: Record<string, unknown> }>;
export function activateWorkflows(inst: N8nInstall, env: N8nEnv, ids: string[]): string;
export function httpRequest(
	url: string,
	opts?: { method?: string; headers?: Record<string, string>; body?: unknown; timeoutMs?: number },
): Promise<HttpAnswer>;
export function startN8n(inst: N8nInstall, env: N8nEnv, opts?: { readyTimeoutMs?: number; logFile?: string }): Promise<N8nHandle>;
export function setupOwner(
	baseUrl: string,
	owner: { email: string; password: string; firstName?: string; lastName?: string },
): Promise<{ email: string; password: string; created: boolean }>;
export function login(baseUrl: string, owner: { email: string; password: string }): Promise<string>;
export function pidAlive(pid: number): boolean;
export function waitForActivation(
	inst: N8nInstall,
	baseUrl: string,
	cookie: string,
	ids: string[],
	opts?: { timeoutMs?: number },
): Promise<void>;
