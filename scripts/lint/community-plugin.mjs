/**
 * Loads n8n's own lint plugins for community nodes, exactly as n8n's verification scanner
 * (`@n8n/scan-community-package`) resolves them.
 *
 * `npm run lint` (`n8n-node lint`) runs the plugin version `@n8n/node-cli` brings; the scanner
 * brings its own (an older one, today). The scripts here that stand in for the scanner
 * (scan-package.mjs, and the codex part of extra.mjs: the scanner lints codex files, n8n-node lint
 * does not) take the plugin from the scanner's tree: the rule set the verification gate really
 * runs, pinned by the scanner's version.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const scannerManifest = require.resolve('@n8n/scan-community-package/package.json');
const fromScanner = createRequire(scannerManifest);

/** Absolute path of the scanner's entry module (exports analyzePackage, buildScanConfig, ...). */
export const scannerModulePath = fromScanner.resolve('./scanner/scanner.mjs');

const communityEntry = fromScanner.resolve('@n8n/eslint-plugin-community-nodes');

/** `@n8n/eslint-plugin-community-nodes` (ESM): `{ rules, configs: { recommended, ... } }`. */
export const communityNodesPlugin = (await import(pathToFileURL(communityEntry).href)).default;

/** `eslint-plugin-n8n-nodes-base` (CommonJS): `{ rules, configs: { community, credentials, nodes } }`. */
export const nodesBasePlugin = require('eslint-plugin-n8n-nodes-base');

/** Versions of every rule set in play, for reports. */
export function ruleSetVersions() {
	const version = (manifest) => require(manifest).version;
	return {
		'@n8n/scan-community-package': version(scannerManifest),
		'@n8n/eslint-plugin-community-nodes': communityNodesPlugin.meta.version,
		'eslint-plugin-n8n-nodes-base': version(require.resolve('eslint-plugin-n8n-nodes-base/package.json')),
		eslint: version(require.resolve('eslint/package.json')),
		'typescript-eslint': version(require.resolve('typescript-eslint/package.json')),
	};
}
