/**
 * What an AI Agent's model reads when it chooses among our operations: the node is `usableAsTool`,
 * and with the default "Set Automatically" description n8n builds the tool's description from the
 * operation's `action` (n8n-workflow getToolDescriptionForNode → makeDescription). Each of those
 * texts must read as an instruction a model can pick by: a sentence that starts with what it does,
 * distinct from every other operation, with no internal value (camelCase parameter or resource
 * values, routes, placeholders) in it.
 */
import { getToolDescriptionForNode } from 'n8n-workflow';
import type { INode, INodeParameters } from 'n8n-workflow';

import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { resources } from '../../nodes/LeadGenius/actions/registry';

const nodeType = new LeadGenius();

/** The verbs our actions may start with: each says what the call does to the data. */
const VERBS = new Set([
	'Create',
	'Get',
	'Update',
	'Delete',
	'Find',
	'Search',
	'Queue',
	'Rename',
	'Run',
	'Trigger',
	'Validate',
	'Verify',
	'Start',
	'Send',
]);

const operations = resources.flatMap((r) => r.operations.map((o) => ({ resource: r, operation: o })));

function toolDescription(parameters: INodeParameters): string {
	const node: INode = {
		id: 'tool',
		name: 'LeadGenius',
		type: 'n8n-nodes-leadgenius.leadGeniusTool',
		typeVersion: 1,
		position: [0, 0],
		parameters: { descriptionType: 'auto', ...parameters },
	};
	return getToolDescriptionForNode(node, nodeType);
}

/** Internal values a model should never have to read: camelCase identifiers, routes, placeholders. */
function internalValues(text: string): string[] {
	const found: string[] = [];
	for (const word of text.split(/[\s,;:()]+/)) {
		if (/[a-z][A-Z]/.test(word) && !/^(LinkedIn|LeadGenius|EpsimoAI)$/.test(word)) found.push(word);
	}
	for (const pattern of [/\/api\b/, /[{}$`]/, /\b\w+_\w+\b/, /\bundefined\b/, /\bnull\b/, /\[object/]) {
		const m = text.match(pattern);
		if (m) found.push(m[0]);
	}
	return [...new Set(found)];
}

describe('tool descriptions (what an AI Agent model reads for each operation)', () => {
	it('the node can be used as a tool', () => {
		expect(nodeType.description.usableAsTool).toBe(true);
	});

	it.each(operations.map(({ resource, operation }) => [`${resource.value} → ${operation.value}`, resource, operation] as const))(
		'%s: an action sentence, in the generated tool description, without internal values',
		(_label, resource, operation) => {
			const action = operation.action;
			const description = toolDescription({ resource: resource.value, operation: operation.value });
			expect(description).toBe(`${action} in LeadGenius`);
			// A sentence that says what it does: an imperative verb first, then what it acts on.
			const [verb, ...rest] = action.split(' ');
			expect({ action, verb: VERBS.has(verb) }).toEqual({ action, verb: true });
			expect(rest.length).toBeGreaterThanOrEqual(1);
			expect(action.length).toBeLessThanOrEqual(80);
			expect(action).not.toMatch(/[.!?]$/);
			// Get Many reads "Get many …" (n8n's wording, also checked by its lint rules).
			if (operation.value.startsWith('getAll')) expect(action).toMatch(/^Get many /);
			expect({ action, internal: internalValues(action) }).toEqual({ action, internal: [] });
			// The option's description (shown under the operation) may name an output field
			// ("webhookUrl"), but no route or placeholder.
			const optionDescription = operation.description ?? action;
			expect({ optionDescription, route: /\/api\b|[{}$`]|\bundefined\b/.test(optionDescription) }).toEqual({ optionDescription, route: false });
		},
	);

	it('no two operations share a tool description (a model must be able to tell them apart)', () => {
		const seen = new Map<string, string>();
		const clashes: string[] = [];
		for (const { resource, operation } of operations) {
			const text = toolDescription({ resource: resource.value, operation: operation.value });
			const key = `${resource.value}.${operation.value}`;
			if (seen.has(text)) clashes.push(`${seen.get(text)} and ${key}: "${text}"`);
			seen.set(text, key);
		}
		expect(clashes).toEqual([]);
	});

	it('the checks find internal values when there are some', () => {
		expect(internalValues('Get many enrichedLead records')).toEqual(['enrichedLead']);
		expect(internalValues('Call GET /api/leads with {agent}')).toEqual(expect.arrayContaining(['/api', '{']));
		expect(internalValues('Update the client_id of a lead')).toEqual(['client_id']);
		expect(internalValues('Find leads by email or LinkedIn URL')).toEqual([]);
	});
});
