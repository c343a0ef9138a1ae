#!/usr/bin/env node
/**
 * `npm run lint:extra`: our checks on the shipped code beyond n8n's own lint (`npm run lint` =
 * `n8n-node lint` in strict mode, whose eslint.config.mjs must stay n8n's default):
 *
 *   1. strict imports — the import allow-list and restricted globals of scripts/lint/strict-rules.mjs
 *                       on nodes/ and credentials/ (n8n's rules let a node import any devDependency);
 *   2. codex          — n8n's community-node rules on the codex files (*.node.json), which n8n's
 *                       scanner lints but `n8n-node lint` does not (it lints TypeScript and package.json);
 *   3. description    — n8n's node rules on the LeadGenius node's generated description, read from
 *                       dist/ (scripts/lint/description-lint.js; build first).
 *
 * All run; exit code 1 on any error or warning. No inline `eslint-disable` counts here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

import { communityNodesPlugin, ruleSetVersions } from './community-plugin.mjs';
import { strictPlugin, strictRules } from './strict-rules.mjs';

const require = createRequire(import.meta.url);
const { checkDescription, format } = require('./description-lint.js');
const { staleDist } = require('./dist-fresh.js');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function eslintPart(name, patterns, config) {
	const eslint = new ESLint({
		cwd: root,
		allowInlineConfig: false,
		errorOnUnmatchedPattern: false,
		overrideConfigFile: true,
		overrideConfig: config,
	});
	const results = await eslint.lintFiles(patterns);
	const errors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const text = await (await eslint.loadFormatter('stylish')).format(results);
	return { name: `${name} (${results.length} files)`, errors, warnings, text };
}

const strictImports = () =>
	eslintPart('strict imports', ['nodes/**/*.ts', 'credentials/**/*.ts'], [
		{
			files: ['**/*.ts'],
			languageOptions: { parser: tseslint.parser },
			plugins: { leadgenius: strictPlugin },
			rules: strictRules,
		},
	]);

const codex = () =>
	eslintPart(
		'codex',
		['nodes/**/*.node.json', 'credentials/**/*.json'],
		tseslint.config({
			files: ['**/*.json'],
			extends: [communityNodesPlugin.configs.recommended],
			languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		}),
	);

async function description() {
	const stale = staleDist(root);
	if (stale) return { name: 'description', errors: 1, warnings: 0, text: `  error  ${stale}` };
	const { LeadGenius } = require(path.join(root, 'dist/nodes/LeadGenius/LeadGenius.node.js'));
	const problems = await checkDescription(new LeadGenius().description, 'LeadGenius');
	const errors = problems.filter((p) => p.severity === 'error').length;
	return {
		name: 'description (generated LeadGenius node, from dist/)',
		errors,
		warnings: problems.length - errors,
		text: problems.length ? `LeadGenius node description:\n${format(problems)}` : '',
	};
}

const versions = ruleSetVersions();
console.log(`rule sets: ${Object.entries(versions).map(([k, v]) => `${k}@${v}`).join(', ')}`);
const parts = [await strictImports(), await codex(), await description()];
let failed = false;
for (const part of parts) {
	if (part.text.trim()) console.log(part.text.trimEnd());
}
for (const part of parts) {
	const ok = part.errors === 0 && part.warnings === 0;
	failed ||= !ok;
	console.log(`${ok ? '✔' : '✖'} lint:extra ${part.name}: ${part.errors} errors, ${part.warnings} warnings`);
}
process.exitCode = failed ? 1 : 0;
