/**
 * README.md's operations table is generated from the node description (scripts/docs/operations.js).
 * When this fails, run: npm run docs:operations
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { resources } from '../../nodes/LeadGenius/actions/registry';
import {
	END,
	START,
	currentTable,
	operationRows,
	renderOperationsTable,
	replaceBetweenMarkers,
} from '../../scripts/docs/operations';

const readmePath = join(resolve(__dirname, '../..'), 'README.md');
const description = new LeadGenius().description;

describe('README operations table', () => {
	test('is in sync with the node description (else run: npm run docs:operations)', () => {
		const readme = readFileSync(readmePath, 'utf8');
		const table = currentTable(readme);
		expect(table).toBeDefined();
		expect(table).toBe(renderOperationsTable(description, resources));
	});

	test('lists every registered operation once, with its endpoints', () => {
		const rows = operationRows(description, resources);
		const registered = resources.flatMap((r) => r.operations.map((o) => `${r.value}/${o.value}`));
		expect(rows).toHaveLength(registered.length);
		expect(new Set(rows.map((r) => `${r.resource}/${r.operation}`)).size).toBe(rows.length);
		for (const row of rows) {
			expect(row.description).not.toBe('');
			expect(row.routes.length).toBeGreaterThan(0);
		}
	});

	test('the generator replaces only the text between the markers', () => {
		const text = `# Title\n\nbefore\n${START}\nold table\n${END}\nafter\n`;
		const once = replaceBetweenMarkers(text, '| new |');
		expect(once).toBe(`# Title\n\nbefore\n${START}\n| new |\n${END}\nafter\n`);
		expect(replaceBetweenMarkers(once, '| new |')).toBe(once);
		expect(() => replaceBetweenMarkers('# no markers', '| x |')).toThrow(/must contain/);
		expect(currentTable('# no markers')).toBeUndefined();
	});

	test('table cells are escaped and routes rendered as code', () => {
		const table = renderOperationsTable(
			{
				...description,
				properties: [
					{ displayName: 'Resource', name: 'resource', type: 'options', default: 'x', options: [{ name: 'X', value: 'x' }] },
					{
						displayName: 'Operation',
						name: 'operation',
						type: 'options',
						default: 'get',
						displayOptions: { show: { resource: ['x'] } },
						options: [{ name: 'Get', value: 'get', action: 'Get a|b', description: 'Get a|b\nrecord' }],
					},
				],
			},
			[{ value: 'x', operations: [{ value: 'get', routes: ['GET {agent}/x (one)'] }] }],
		);
		expect(table).toContain('| **X** | Get | Get a\\|b record | `GET {agent}/x` (one) |');
		expect(table).toContain('`{agent}` is the Agent API path prefix');
	});
});
