#!/usr/bin/env node
/**
 * Lints the LeadGenius node's *generated* description with n8n's node rules.
 *
 * The node's parameters are built by actions/registry.ts from small builders (text(), bool(),
 * collection(), ...). eslint-plugin-n8n-nodes-base reads parameters only where they are object
 * literals, so on the sources it cannot see most of what the user sees. Here we take the
 * description the node really has at run time, write it out as the object literal a hand-written
 * node would have (nodes/LeadGenius/LeadGenius.node.ts in a scratch folder), and run the same
 * `nodes` rule set on it that `n8n-node lint` and n8n's scanner use. Then a few checks of ours that
 * no n8n rule makes (see auditDescription).
 *
 *   node scripts/lint/description-lint.js        lint dist/ (npm run build first)
 *
 * Plain CommonJS so jest (test/conformance/description.test.ts) and node both load it.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The three rules n8n-node lint and the scanner switch off for community nodes. */
const N8N_OFF = {
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function quote(text) {
	return `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}

function isParameter(value) {
	return value && typeof value === 'object' && 'displayName' in value && 'name' in value && 'type' in value;
}

/** An entry of an options list: `{ name, value }`. */
function isOption(value) {
	return value && typeof value === 'object' && 'name' in value && 'value' in value && !('type' in value);
}

/** Lines of the literal for `value`, each with the parameter path it belongs to. */
function emit(value, depth, where) {
	const pad = '\t'.repeat(depth);
	if (Array.isArray(value)) {
		if (value.length === 0) return [{ text: '[]', where }];
		const lines = [{ text: '[', where }];
		for (const item of value) {
			const inner = emit(item, depth + 1, where);
			inner[0].text = `${pad}\t${inner[0].text}`;
			inner[inner.length - 1].text += ',';
			lines.push(...inner);
		}
		lines.push({ text: `${pad}]`, where });
		return lines;
	}
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
		if (entries.length === 0) return [{ text: '{}', where }];
		const step = isParameter(value) ? value.name : isOption(value) ? `[${String(value.value)}]` : undefined;
		const own = step === undefined ? where : `${where ? `${where} › ` : ''}${step}`;
		const lines = [{ text: '{', where: own }];
		for (const [key, v] of entries) {
			const inner = emit(v, depth + 1, own);
			inner[0].text = `${pad}\t${IDENTIFIER.test(key) ? key : quote(key)}: ${inner[0].text}`;
			inner[inner.length - 1].text += ',';
			lines.push(...inner);
		}
		lines.push({ text: `${pad}}`, where: own });
		return lines;
	}
	if (typeof value === 'string') return [{ text: quote(value), where }];
	return [{ text: String(value), where }];
}

/** Where each top-level parameter shows: `resource/operation`. */
function showsFor(prop) {
	const show = prop.displayOptions?.show ?? {};
	const resource = (show.resource ?? []).join(',');
	const operation = (show.operation ?? []).join(',');
	return resource || operation ? `${resource}/${operation}` : '';
}

/**
 * The description as the source of a hand-written node. `where[i]` tells, for line i + 1, which
 * parameter it belongs to (`lead/create: additionalFields › city`).
 */
function serializeDescription(description, className = 'LeadGenius') {
	const { properties, ...rest } = description;
	const head = emit(rest, 1, '');
	head[head.length - 1].text = head[head.length - 1].text.replace(/\t*}$/, '');
	const lines = [
		{ text: "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';", where: '' },
		{ text: '', where: '' },
		{ text: `export class ${className} implements INodeType {`, where: '' },
		{ text: `\tdescription: INodeTypeDescription = ${head[0].text}`, where: '' },
		...head.slice(1, -1),
		{ text: '\t\tproperties: [', where: '' },
	];
	for (const prop of properties) {
		const shows = showsFor(prop);
		const inner = emit(prop, 3, '').map((l) => ({ ...l, where: shows ? `${shows}: ${l.where}` : l.where }));
		inner[0].text = `\t\t\t${inner[0].text}`;
		inner[inner.length - 1].text += ',';
		lines.push(...inner);
	}
	lines.push({ text: '\t\t],', where: '' }, { text: '\t};', where: '' }, { text: '}', where: '' }, { text: '', where: '' });
	return { code: lines.map((l) => l.text).join('\n'), where: lines.map((l) => l.where) };
}

/** n8n's `nodes` rule set (as n8n-node lint and the scanner apply it) on the generated literal. */
async function lintGeneratedDescription(description, className = 'LeadGenius') {
	const { ESLint } = require('eslint');
	const tseslint = require('typescript-eslint');
	const nodesBase = require('eslint-plugin-n8n-nodes-base');
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-description-'));
	const filePath = path.join(cwd, 'nodes', className, `${className}.node.ts`);
	const { code, where } = serializeDescription(description, className);
	try {
		const eslint = new ESLint({
			cwd,
			overrideConfigFile: true,
			allowInlineConfig: false,
			overrideConfig: [
				{
					files: ['**/*.ts'],
					languageOptions: { parser: tseslint.parser },
					plugins: { 'n8n-nodes-base': nodesBase },
					rules: { ...nodesBase.configs.nodes.rules, ...N8N_OFF },
				},
			],
		});
		const [result] = await eslint.lintText(code, { filePath });
		return result.messages.map((m) => ({
			severity: m.severity === 2 ? 'error' : 'warning',
			rule: m.ruleId ?? 'parse',
			where: where[m.line - 1] || `line ${m.line}`,
			line: m.line,
			text: code.split('\n')[m.line - 1]?.trim() ?? '',
			message: m.message,
		}));
	} finally {
		fs.rmSync(cwd, { recursive: true, force: true });
	}
}

/**
 * Checks of ours that no n8n rule makes, on the description the user sees:
 * - every field has a description (collection containers excepted, as in n8n's own nodes);
 * - every operation option has an `action` (the AI-tool description and the panel's sentence).
 */
function auditDescription(description) {
	const problems = [];
	const visit = (props, where) => {
		for (const p of props) {
			if (p.type === 'notice' || p.type === 'hidden') continue;
			const here = `${where}${where.endsWith(': ') ? '' : ' › '}${p.name}`;
			if (p.type === 'collection') {
				visit(p.options ?? [], here);
				continue;
			}
			if (p.type === 'fixedCollection') {
				for (const o of p.options ?? []) visit(o.values ?? [], `${here} › ${o.name}`);
				continue;
			}
			if (p.name === 'operation') {
				for (const o of p.options ?? []) {
					if (!o.action) problems.push({ severity: 'error', rule: 'operation-action', where: `${here} › ${o.value}`, message: 'Operation option has no action sentence' });
				}
				continue;
			}
			if (p.name === 'resource') continue;
			if (!String(p.description ?? '').trim()) {
				problems.push({
					severity: 'error',
					rule: 'param-description',
					where: here,
					message: `"${p.displayName}" has no description`,
				});
			}
		}
	};
	for (const prop of description.properties) visit([prop], `${showsFor(prop) || '(all)'}: `);
	return problems;
}

/** All findings for one node description. */
async function checkDescription(description, className) {
	return [...(await lintGeneratedDescription(description, className)), ...auditDescription(description)];
}

function format(problems) {
	return problems
		.map((p) => `  ${p.severity.padEnd(7)} ${p.where}  ${p.message}  ${p.rule}${p.text ? `\n          ↳ ${p.text}` : ''}`)
		.join('\n');
}

async function main() {
	const root = path.resolve(__dirname, '../..');
	const nodeFile = path.join(root, 'dist/nodes/LeadGenius/LeadGenius.node.js');
	const stale = require('./dist-fresh.js').staleDist(root);
	if (stale) {
		console.error(`description lint: ${stale}`);
		return 1;
	}
	const { LeadGenius } = require(nodeFile);
	const problems = await checkDescription(new LeadGenius().description, 'LeadGenius');
	const errors = problems.filter((p) => p.severity === 'error').length;
	const warnings = problems.length - errors;
	if (problems.length) console.log(`LeadGenius node description (generated, from dist/):\n${format(problems)}\n`);
	console.log(`description lint: ${errors} errors, ${warnings} warnings`);
	return errors + warnings > 0 ? 1 : 0;
}

module.exports = { serializeDescription, lintGeneratedDescription, auditDescription, checkDescription, format };

if (require.main === module) {
	main().then(
		(code) => (process.exitCode = code),
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
