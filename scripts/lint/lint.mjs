#!/usr/bin/env node
/**
 * `npm run lint`: n8n's lint rules for community nodes on everything the package ships.
 *
 *   1. source       — eslint.config.mjs on nodes/, credentials/ and package.json (the shape of
 *                     `n8n-node lint`, plus our import allow-list);
 *   2. description  — n8n's node rules on the LeadGenius node's generated description, read from
 *                     dist/ (scripts/lint/description-lint.js; build first).
 *
 * Both always run; exit code 1 on any error or warning (warnings are fixed, or explained once in
 * eslint.config.mjs).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

import { ruleSetVersions } from './community-plugin.mjs';

const require = createRequire(import.meta.url);
const { checkDescription, format } = require('./description-lint.js');
const { staleDist } = require('./dist-fresh.js');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGETS = ['nodes', 'credentials', 'package.json'];

async function sourceLint() {
	const eslint = new ESLint({ cwd: root });
	const results = await eslint.lintFiles(TARGETS);
	const errors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const text = await (await eslint.loadFormatter('stylish')).format(results);
	return { name: `source (${results.length} files)`, errors, warnings, text };
}

async function descriptionLint() {
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
const parts = [await sourceLint(), await descriptionLint()];
let failed = false;
for (const part of parts) {
	if (part.text.trim()) console.log(part.text.trimEnd());
}
for (const part of parts) {
	const ok = part.errors === 0 && part.warnings === 0;
	failed ||= !ok;
	console.log(`${ok ? '✔' : '✖'} lint ${part.name}: ${part.errors} errors, ${part.warnings} warnings`);
}
process.exitCode = failed ? 1 : 0;
