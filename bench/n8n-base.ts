/**
 * n8n's own HTTP Request and Split Out nodes, loaded from the project-local n8n install
 * (`.n8n-local/n8n-<version>/`, made by scripts/n8n — n8n-nodes-base is far too big to be a
 * devDependency), into the bench's n8n-core executions.
 *
 * Two copies of n8n-workflow. The install has its own `node_modules/n8n-workflow`; the project
 * has another (n8n 2.41.1 ships n8n-workflow 2.41.0 with n8n-core 2.41.1: exactly our
 * devDependencies' pair). Loaded side by side, n8n-nodes-base would throw errors that the project's n8n-core does
 * not recognise (`instanceof NodeOperationError`/`NodeApiError`/`ExecutionBaseError` across
 * copies is false, so errors lose their shape) and would use a second set of module singletons
 * (the expression engine and its configuration, `sleep`, the global `LoggerProxy`). So before
 * the first node file is required, Module._resolveFilename is wrapped: a request for
 * `n8n-workflow` (or a sub-path) whose parent file lives inside the n8n install resolves as if
 * it came from the project root. Everything else (lodash, xlsx, jsdom, …) keeps resolving
 * inside the install. Only n8n-workflow is shared: the loaded node files require nothing else
 * the project also has (checked: n8n-core, @n8n/di are not required by them).
 */
import Module from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';

import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

export const N8N_VERSION = '2.41.1';

const ROOT = path.resolve(__dirname, '..', '..');

interface N8nInstall {
	version: string;
	dir: string;
}

type ResolveFilename = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;

let hooked: string | undefined;

/** Make `n8n-workflow` required from inside `installDir` resolve to the project's copy. */
export function shareN8nWorkflow(installDir: string): void {
	if (hooked === installDir) return;
	if (hooked) throw new Error(`n8n-workflow is already shared with ${hooked}`);
	hooked = installDir;
	const prefix = installDir.endsWith(path.sep) ? installDir : installDir + path.sep;
	const fromRoot = { paths: [ROOT] };
	const mod = Module as unknown as { _resolveFilename: ResolveFilename };
	const original = mod._resolveFilename;
	mod._resolveFilename = function (request, parent, ...rest) {
		if (
			(request === 'n8n-workflow' || request.startsWith('n8n-workflow/')) &&
			parent?.filename &&
			parent.filename.startsWith(prefix)
		) {
			return require.resolve(request, fromRoot);
		}
		return original.call(this, request, parent, ...rest);
	};
}

export interface N8nBaseNodes {
	version: string;
	dir: string;
	/** n8n-workflow version of the install and of the project (must match). */
	workflowVersions: { install: string; project: string };
	/** The versioned HTTP Request node (V1, V2, V3 = typeVersion 3 … 4.x). */
	httpRequest: IVersionedNodeType;
	splitOut: INodeType;
	/** Seconds ensureN8n took (0.1 s when installed; a few minutes on a fresh clone). */
	ensureSeconds: number;
}

/** Install n8n 1.123.81 if needed (scripts/n8n `ensureN8n`) and load the two node types. */
export function loadN8nBaseNodes(): N8nBaseNodes {
	const t0 = Date.now();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const lib = require(path.join(ROOT, 'scripts', 'n8n', 'lib.js')) as { ensureN8n(v?: string): N8nInstall };
	const inst = lib.ensureN8n(N8N_VERSION);
	const ensureSeconds = (Date.now() - t0) / 1000;
	const modules = path.join(inst.dir, 'node_modules');
	const versionOf = (pkgJson: string) => (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
	const workflowVersions = {
		install: versionOf(path.join(modules, 'n8n-workflow', 'package.json')),
		project: versionOf(require.resolve('n8n-workflow/package.json', { paths: [ROOT] })),
	};
	if (workflowVersions.install !== workflowVersions.project) {
		throw new Error(
			`n8n ${inst.version} ships n8n-workflow ${workflowVersions.install}, the project has ${workflowVersions.project}: the HTTP Request node would run against another API`,
		);
	}
	shareN8nWorkflow(modules);
	const base = path.join(modules, 'n8n-nodes-base', 'dist', 'nodes');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(path.join(base, 'HttpRequest', 'HttpRequest.node.js')) as {
		HttpRequest: new () => IVersionedNodeType;
	};
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SplitOut } = require(path.join(base, 'Transform', 'SplitOut', 'SplitOut.node.js')) as {
		SplitOut: new () => INodeType;
	};
	return {
		version: inst.version,
		dir: inst.dir,
		workflowVersions,
		httpRequest: new HttpRequest(),
		splitOut: new SplitOut(),
		ensureSeconds,
	};
}
