import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { operation, type OperationHeader } from '../builders';
import { COPYRIGHT_PROCESSES, ENRICH_SERVICES, SDR_FIELDS } from '../catalog';
import { bool, multi, required } from '../fields';
import type { Params } from '../params';
import { leadIdProperties, readLeadId } from '../lead/locator';
import { readWait, triggerRuns, waitForRuns, waitProperties } from '../poll';
import type { Operation, Resource } from '../types';

/**
 * §3.10 Lead processing: settings-driven background runs for one lead (rows 40–42), with an
 * optional Wait for Completion that polls GET /api/trigger-task-status for every run id.
 */

interface ProcessSpec extends OperationHeader {
	description: string;
	path: string;
	/** The body's selector key and the parameter that fills it. */
	selector: string;
	selectorProperty: INodeProperties;
	readSelector: (p: Params) => Array<string | number>;
	overwriteDescription: string;
}

const leadId = leadIdProperties(required('leadId', 'Lead ID', { placeholder: 'e.g. 7c0e…', description: 'The lead record ID' }));

function processOperation(spec: ProcessSpec): Operation {
	return operation({
		...spec,
		routes: [`POST ${spec.path}`, triggerRuns.route],
		properties: [
			...leadId,
			spec.selectorProperty,
			bool('overwrite', 'Overwrite', false, { description: spec.overwriteDescription }),
			...waitProperties('all runs have'),
		],
		read: (p) => {
			const body: IDataObject = { leadId: readLeadId(p) };
			const selected = spec.readSelector(p);
			if (selected.length) body[spec.selector] = selected;
			body.overwrite = p.bool('overwrite');
			return { body, plan: readWait(p) };
		},
		run: async ({ body, plan }, ctx) => {
			const answer = (await ctx.api.request<IDataObject>({ method: 'POST', path: spec.path, body, itemIndex: ctx.i })) ?? {};
			if (!plan) return answer;
			const runIds = Array.isArray(answer.runIds) ? answer.runIds.map(String) : [];
			const runs = await waitForRuns(ctx, runIds, plan, triggerRuns);
			return { ...answer, runs };
		},
	});
}

/** A multi-select of strings, checked against the allowed keys (expressions may send anything). */
function readKeys(p: Params, name: string, allowed: string[], noun: string): string[] {
	const out: string[] = [];
	for (const value of p.list(name)) {
		if (!allowed.includes(value)) {
			p.fail(name, `has an unknown ${noun} "${value}"`, `Allowed values: ${allowed.join(', ')}`);
		}
		if (!out.includes(value)) out.push(value);
	}
	return out;
}

function readProcesses(p: Params): number[] {
	const raw = p.raw<unknown>('processes', []);
	const values = Array.isArray(raw) ? raw : typeof raw === 'number' ? [raw] : p.list('processes');
	const out: number[] = [];
	for (const value of values) {
		const text = String(value).trim().replace(/^enrichment/i, '');
		if (text === '') continue;
		const n = Number(text);
		if (!Number.isInteger(n) || n < 1 || n > 10) {
			p.fail('processes', `must hold process numbers 1 to 10 (got ${JSON.stringify(value)})`);
		}
		if (!out.includes(n)) out.push(n);
	}
	return out;
}

const serviceKeys = ENRICH_SERVICES.map((s) => s.key);
const sdrKeys = SDR_FIELDS.map((f) => f.key);

export const leadProcessing: Resource = {
	value: 'leadProcessing',
	name: 'Lead Processing',
	description: 'Run enrichment, copyright AI and SDR AI on a lead, as configured in the settings',
	operations: [
		processOperation({
			value: 'runEnrichment',
			name: 'Run Enrichment',
			action: 'Run enrichment services on a lead',
			description: 'Start the enrichment services of your URL settings for a lead; each becomes a background run',
			path: '/api/leads/process/enrich',
			selector: 'services',
			selectorProperty: multi(
				'services',
				'Services',
				ENRICH_SERVICES.map((s) => ({ name: s.label, value: s.key, description: `Writes the lead's ${s.target} field` })),
				{ description: 'Services to run. None selected: every service configured in your URL settings.' },
			),
			readSelector: (p) => readKeys(p, 'services', serviceKeys, 'service'),
			overwriteDescription: 'Whether to also run services whose lead field already has a value (otherwise they are skipped)',
		}),
		processOperation({
			value: 'runCopyright',
			name: 'Run Copyright AI',
			action: 'Run copyright AI processes on a lead',
			description: 'Start the copyright processes of your agent settings for a lead; process N writes the lead\'s enrichment N field',
			path: '/api/leads/process/copyright',
			selector: 'processes',
			selectorProperty: multi(
				'processes',
				'Processes',
				COPYRIGHT_PROCESSES.map((n) => ({ name: `Process ${n}`, value: n, description: `Writes the lead's enrichment${n} field` })),
				{ description: 'Copyright processes to run. None selected: every process with an agent in your agent settings.' },
			),
			readSelector: readProcesses,
			overwriteDescription: 'Whether to also run processes whose lead field already has a value (otherwise they are skipped)',
		}),
		processOperation({
			value: 'runSdr',
			name: 'Run SDR AI',
			action: 'Run SDR AI on a lead',
			description: 'Start the agents of your SDR AI settings for a lead (messages, scores, next actions…)',
			path: '/api/leads/process/sdr',
			selector: 'fields',
			selectorProperty: multi(
				'fields',
				'Fields',
				SDR_FIELDS.map((f) => ({ name: f.label, value: f.key })),
				{ description: 'SDR fields to fill. None selected: every field with an agent in your SDR AI settings.' },
			),
			readSelector: (p) => readKeys(p, 'fields', sdrKeys, 'SDR field'),
			overwriteDescription: 'Whether to also fill fields that already have a value (otherwise they are skipped)',
		}),
	],
};
