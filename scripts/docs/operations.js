#!/usr/bin/env node
/**
 * README operations table, generated from the LeadGenius node's description (resource and
 * operation options, in the order and with the words the node panel shows) and the operation
 * registry (the endpoints each operation calls).
 *
 *   npm run docs:operations          build, then rewrite the table in README.md
 *   node scripts/docs/operations.js --check   exit 1 if README.md differs from dist/
 *
 * Only the text between the two markers below is replaced; the rest of README.md is left alone.
 * test/conformance/readme.test.ts fails when the table drifts from the sources.
 *
 * Plain CommonJS so it runs without a compile step; types in operations.d.ts.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

/** `a|b` breaks a Markdown table cell; new lines too. */
function cell(text) {
	return String(text ?? '')
		.replace(/\r?\n/g, ' ')
		.replace(/\|/g, '\\|')
		.trim();
}

/** `POST /api/leads (batch)` → `` `POST /api/leads` (batch) ``. */
function route(text) {
	const match = /^([A-Z]+) (\S+)(?: (.+))?$/.exec(text);
	if (!match) return cell(text);
	const [, method, url, note] = match;
	return `\`${method} ${cell(url)}\`${note ? ` ${cell(note)}` : ''}`;
}

function options(prop) {
	return Array.isArray(prop.options) ? prop.options : [];
}

/**
 * Rows of the table: one per operation, resources and operations in the node panel's order.
 * `resources` is the registry (`actions/registry.ts`): it adds each operation's endpoints.
 */
function operationRows(description, resources) {
	const properties = description.properties;
	const resourceProp = properties.find((p) => p.name === 'resource');
	if (!resourceProp) throw new Error('The node description has no "resource" parameter');
	const rows = [];
	for (const resourceOption of options(resourceProp)) {
		const operationProp = properties.find(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource ?? []).includes(resourceOption.value),
		);
		if (!operationProp) throw new Error(`Resource "${resourceOption.value}" has no "operation" parameter`);
		const registered = resources.find((r) => r.value === resourceOption.value);
		for (const operationOption of options(operationProp)) {
			const op = registered?.operations.find((o) => o.value === operationOption.value);
			rows.push({
				resource: resourceOption.name,
				operation: operationOption.name,
				description: operationOption.description || operationOption.action || '',
				routes: op?.routes ?? [],
			});
		}
	}
	return rows;
}

/** The Markdown that goes between the markers (without them). */
function renderOperationsTable(description, resources) {
	const rows = operationRows(description, resources);
	const resourceCount = new Set(rows.map((r) => r.resource)).size;
	const lines = [
		`${rows.length} operations in ${resourceCount} resources.`,
		'',
		'| Resource | Operation | Description | Endpoint |',
		'| --- | --- | --- | --- |',
	];
	let previous;
	for (const row of rows) {
		const resource = row.resource === previous ? '' : `**${cell(row.resource)}**`;
		previous = row.resource;
		lines.push(
			`| ${resource} | ${cell(row.operation)} | ${cell(row.description)} | ${row.routes.map(route).join('<br>')} |`,
		);
	}
	if (rows.some((r) => r.routes.some((x) => x.includes('{agent}')))) {
		lines.push(
			'',
			'`{agent}` is the Agent API path prefix set in the credential (default `/api/agent`; newer deployments use `/api`).',
		);
	}
	return lines.join('\n');
}

/** Replace what is between the markers; throws when they are missing or out of order. */
function replaceBetweenMarkers(text, table) {
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	if (start === -1 || end === -1 || end < start) {
		throw new Error(`README.md must contain ${START} followed by ${END}`);
	}
	return `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`;
}

/** What is between the markers now (trimmed), or undefined without markers. */
function currentTable(text) {
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	if (start === -1 || end === -1 || end < start) return undefined;
	return text.slice(start + START.length, end).trim();
}

function loadFromDist(root) {
	const nodeFile = path.join(root, 'dist/nodes/LeadGenius/LeadGenius.node.js');
	const registryFile = path.join(root, 'dist/nodes/LeadGenius/actions/registry.js');
	if (!fs.existsSync(nodeFile)) throw new Error(`${nodeFile} is missing: run npm run build first`);
	const { LeadGenius } = require(nodeFile);
	const { resources } = require(registryFile);
	return { description: new LeadGenius().description, resources };
}

function main(argv) {
	const root = path.resolve(__dirname, '../..');
	const check = argv.includes('--check');
	const readmeArg = argv.indexOf('--readme');
	const readme = readmeArg === -1 ? path.join(root, 'README.md') : path.resolve(argv[readmeArg + 1]);
	const { description, resources } = loadFromDist(root);
	const table = renderOperationsTable(description, resources);
	const text = fs.readFileSync(readme, 'utf8');
	const updated = replaceBetweenMarkers(text, table);
	if (check) {
		if (updated !== text) {
			console.error(`${path.relative(root, readme)}: the operations table is out of date. Run: npm run docs:operations`);
			return 1;
		}
		console.log(`${path.relative(root, readme)}: operations table up to date`);
		return 0;
	}
	if (updated !== text) fs.writeFileSync(readme, updated);
	console.log(
		`${path.relative(root, readme)}: operations table ${updated === text ? 'already up to date' : 'updated'} (${operationRows(description, resources).length} operations)`,
	);
	return 0;
}

module.exports = { START, END, operationRows, renderOperationsTable, replaceBetweenMarkers, currentTable };

if (require.main === module) {
	try {
		process.exitCode = main(process.argv.slice(2));
	} catch (error) {
		console.error(error.message);
		process.exitCode = 1;
	}
}
