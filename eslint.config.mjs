/**
 * Lint for the shipped code (nodes/, credentials/, package.json) with n8n's own rules for community
 * nodes, in the shape of `@n8n/node-cli`'s `n8n-node lint` config:
 *
 *   - @eslint/js recommended + typescript-eslint recommended (as n8n-node lint),
 *   - @n8n/eslint-plugin-community-nodes `recommended` (n8n Cloud rules: restricted globals and
 *     imports, credential, icon, paired-item and package.json rules),
 *   - eslint-plugin-n8n-nodes-base `community` (package.json), `credentials` and `nodes` rule sets,
 *     with the same three rules switched off that n8n-node lint and the scanner switch off,
 *   - our stricter import allow-list (scripts/lint/strict-rules.mjs).
 *
 * Not taken from n8n-node lint: eslint-plugin-import-x (its checks — unresolved or duplicate
 * imports — are already type errors for tsc). Test, sandbox, bench and e2e code is not shipped and
 * is not linted here.
 *
 * Exceptions (rules off or relaxed) live in this file only, each with its reason: see
 * "Explained exceptions" below.
 *
 * Run: npm run lint
 */
import js from '@eslint/js';
import { globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

import { communityNodesPlugin, nodesBasePlugin } from './scripts/lint/community-plugin.mjs';
import { strictPlugin, strictRules } from './scripts/lint/strict-rules.mjs';

const community = communityNodesPlugin.configs.recommended;

export default tseslint.config(
	globalIgnores(['dist/**', 'build/**', 'node_modules/**', 'coverage/**', '.n8n-local/**', '.n8n-user/**']),
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, community],
		plugins: { leadgenius: strictPlugin },
		rules: {
			// as n8n-node lint
			'prefer-spread': 'off',
			'no-console': 'error',
			...strictRules,
		},
	},
	{ plugins: { 'n8n-nodes-base': nodesBasePlugin } },
	{
		files: ['package.json'],
		extends: [community],
		rules: { ...nodesBasePlugin.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		// Codex files (*.node.json) are linted by n8n's scanner as part of the source; parse them the same way.
		files: ['nodes/**/*.json', 'credentials/**/*.json'],
		extends: [community],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...nodesBasePlugin.configs.credentials.rules,
			// off in n8n-node lint and the scanner: not valid for community nodes
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// off in n8n-node lint and the scanner: @n8n/community-nodes/credential-password-field is more accurate
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...nodesBasePlugin.configs.nodes.rules,
			// off in n8n-node lint and the scanner: inputs/outputs use the NodeConnectionTypes enum
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// off in n8n-node lint and the scanner: the API really has maximum limits
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// ---- Explained exceptions (the only place rules are relaxed; keep each with its reason) ----
	// None of these touches a rule of n8n's scanner (@n8n/community-nodes/*, n8n-nodes-base/*): the
	// scanner lints with allowInlineConfig: false and its own config, so it could not be relaxed here.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			// typescript-eslint recommended (part of n8n-node lint, not of the scanner). Leaving a key
			// out of an API answer is written `const { success: _success, ...rest } = answer`: the
			// named sibling of a rest element is there to be dropped, so it is not "unused".
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
);
