import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { operation } from '../builders';
import { COPYRIGHT_PROCESSES, ENRICH_SERVICES, SDR_FIELDS, SYSTEM_FIELDS } from '../catalog';
import { bool, collection, multi, secret, text } from '../fields';
import type { Params } from '../params';
import type { Operation, Resource } from '../types';

/**
 * §3.9 Settings: three company-level records (URL, Agent, SDR AI settings), one resource each with
 * Get / Create / Update — the nine rows 31–39 of the endpoint table. Every field of the contract is
 * a named parameter generated from the catalog; API keys are password fields, are scrubbed from
 * every error and, unless asked for, left out of the output.
 */

interface SettingsKind {
	value: string;
	name: string;
	/** Lower-case noun for sentences, e.g. "URL settings". */
	noun: string;
	path: string;
	description: string;
	fields: INodeProperties[];
	/** Fields holding secrets (the `_Apikey` keys). */
	secretKeys: string[];
}

const urlFields: INodeProperties[] = ENRICH_SERVICES.flatMap((s) => [
	text(s.key, `${s.label} Endpoint`, {
		placeholder: 'https://…',
		description: `URL of the ${s.label} enrichment service (Lead Processing → Run Enrichment writes its result into the lead's ${s.target} field)`,
	}),
	secret(`${s.key}_Apikey`, `${s.label} API Key`, {
		description: `API key LeadGenius sends to the ${s.label} service`,
	}),
]);

const projectId = text('projectId', 'Project ID', { placeholder: 'e.g. proj_abc123', description: 'EpsimoAI project that holds the agents' });

const agentFields: INodeProperties[] = [
	projectId,
	...COPYRIGHT_PROCESSES.map((n) =>
		text(`enrichment${n}AgentId`, `Copyright Process ${n} Agent ID`, {
			placeholder: 'e.g. asst_abc123',
			description: `EpsimoAI agent that runs copyright process ${n} (writes the lead's enrichment${n} field)`,
		}),
	),
];

const sdrFields: INodeProperties[] = [
	projectId,
	...SDR_FIELDS.map((f) =>
		text(`${f.key}AgentId`, `${f.label} Agent ID`, {
			placeholder: 'e.g. asst_abc123',
			description: `EpsimoAI agent that writes the lead's ${f.key} field (Lead Processing → Run SDR AI)`,
		}),
	),
];

export const SETTINGS_KINDS: SettingsKind[] = [
	{
		value: 'urlSettings',
		name: 'URL Setting',
		noun: 'URL settings',
		path: '/api/settings/url',
		description: "The company's URL settings: enrichment service endpoints and their API keys",
		fields: urlFields,
		secretKeys: ENRICH_SERVICES.map((s) => `${s.key}_Apikey`),
	},
	{
		value: 'agentSettings',
		name: 'Agent Setting',
		noun: 'agent settings',
		path: '/api/settings/agent',
		description: "The company's agent settings: EpsimoAI agents of the copyright AI processes",
		fields: agentFields,
		secretKeys: [],
	},
	{
		value: 'sdrAiSettings',
		name: 'SDR AI Setting',
		noun: 'SDR AI settings',
		path: '/api/settings/sdr-ai',
		description: "The company's SDR AI settings: EpsimoAI agents of the SDR AI fields",
		fields: sdrFields,
		secretKeys: [],
	},
];

function includeKeysOption(kind: SettingsKind): INodeProperties[] {
	if (kind.secretKeys.length === 0) return [];
	return [
		bool('includeApiKeys', 'Include API Keys', false, {
			description:
				'Whether to output the API keys in clear. Off: they are left out (so they do not end up in the execution log) and "apiKeysSet" lists the services that have one.',
		}),
	];
}

/** The settings record in the answer, or null when the company has none yet. */
function recordOf(answer: IDataObject): IDataObject | null {
	if ('settings' in answer) {
		const s = answer.settings;
		return s && typeof s === 'object' && !Array.isArray(s) ? (s as IDataObject) : null;
	}
	for (const key of ['data', 'record']) {
		const v = answer[key];
		if (v && typeof v === 'object' && !Array.isArray(v)) return v as IDataObject;
	}
	// a bare record at the top level
	const rest = { ...answer };
	delete rest.success;
	return Object.keys(rest).length ? rest : null;
}

/** Whether the output shows the API keys in clear (Options → Include API Keys; read in phase one). */
function showsKeys(kind: SettingsKind, p: Params): boolean {
	if (kind.secretKeys.length === 0) return true;
	const options = p.raw<IDataObject>('options', {}) ?? {};
	return options.includeApiKeys === true;
}

function present(kind: SettingsKind, record: IDataObject, showKeys: boolean): IDataObject {
	const out: IDataObject = { configured: true, ...record };
	if (showKeys) return out;
	const set: string[] = [];
	for (const key of kind.secretKeys) {
		const v = out[key];
		if (v !== undefined && v !== null && v !== '') set.push(key.replace(/_Apikey$/, ''));
		delete out[key];
	}
	out.apiKeysSet = set;
	return out;
}

function notConfigured(kind: SettingsKind): IDataObject {
	return {
		configured: false,
		settings: null,
		message: `Your company has no ${kind.noun} yet: create them with ${kind.name} → Create`,
	};
}

function getOperation(kind: SettingsKind): Operation {
	return operation({
		value: 'get',
		name: 'Get',
		action: `Get the ${kind.noun} of your company`,
		description: `Get the company's ${kind.noun}; says "configured: false" when there are none yet`,
		routes: [`GET ${kind.path}`],
		properties: kind.secretKeys.length ? [collection('options', 'Options', includeKeysOption(kind), { placeholder: 'Add Option' })] : [],
		read: (p) => showsKeys(kind, p),
		run: async (showKeys, { api, i }) => {
			let answer: IDataObject;
			try {
				answer = (await api.request<IDataObject>({ method: 'GET', path: kind.path, itemIndex: i })) ?? {};
			} catch (error) {
				// the contract allows 404 not_found for "no settings yet"
				if (error instanceof NodeApiError && error.httpCode === '404') return notConfigured(kind);
				throw error instanceof NodeOperationError || error instanceof NodeApiError
					? error
					: new NodeOperationError(api.node, error as Error, { itemIndex: i });
			}
			const record = recordOf(answer);
			return record ? present(kind, record, showKeys) : notConfigured(kind);
		},
	});
}

function writeOperation(kind: SettingsKind, mode: 'create' | 'update'): Operation {
	const create = mode === 'create';
	const fieldsName = create ? 'createFields' : 'updateFields';
	const fieldOptions = kind.fields.map((f) => ({ name: f.displayName, value: f.name }));
	const options: INodeProperties[] = [
		...(create
			? []
			: [
					multi('clearFields', 'Fields to Clear', fieldOptions, {
						description: 'Fields to empty (sent as null)',
					}),
				]),
		...includeKeysOption(kind),
	];
	return operation({
		value: mode,
		name: create ? 'Create' : 'Update',
		action: create ? `Create the ${kind.noun} of your company` : `Update the ${kind.noun} of your company`,
		description: create
			? `Create the company's ${kind.noun} (fails if they already exist: use Update)`
			: `Change some of the company's ${kind.noun}; fields left out keep their value`,
		routes: [`${create ? 'POST' : 'PUT'} ${kind.path}`],
		properties: [
			collection(fieldsName, create ? 'Fields' : 'Update Fields', kind.fields),
			...(options.length ? [collection('options', 'Options', options, { placeholder: 'Add Option' })] : []),
		],
		read: (p, ctx) => {
			const body = p.collection(fieldsName);
			// values typed into secret fields must never appear in an error, whatever the server echoes
			for (const key of kind.secretKeys) if (typeof body[key] === 'string' && body[key] !== '') ctx.addSecret(body[key]);
			if (!create) {
				const opts = p.raw<IDataObject>('options', {}) ?? {};
				const clear = Array.isArray(opts.clearFields) ? (opts.clearFields as string[]) : [];
				for (const key of clear) {
					if (!kind.fields.some((f) => f.name === key)) p.fail('options.clearFields', `has an unknown field "${key}"`);
					if (key in body) p.fail('options.clearFields', `lists "${p.label(`${fieldsName}.${key}`)}", which Update Fields also sets`);
					body[key] = null;
				}
				if (Object.keys(body).length === 0) p.fail(fieldsName, 'needs at least one field to change (or a field to clear)');
			}
			for (const key of Object.keys(body)) {
				if (SYSTEM_FIELDS.includes(key)) delete body[key];
			}
			return { body, showKeys: showsKeys(kind, p) };
		},
		run: async ({ body, showKeys }, { api, i }) => {
			const answer = await api.request<IDataObject>({
				method: create ? 'POST' : 'PUT',
				path: kind.path,
				body,
				itemIndex: i,
			});
			return present(kind, recordOf(answer ?? {}) ?? {}, showKeys);
		},
	});
}

function settingsResource(kind: SettingsKind): Resource {
	return {
		value: kind.value,
		name: kind.name,
		description: kind.description,
		// with "Include API Keys" on, every operation outputs the `_Apikey` fields in clear
		operations: [getOperation(kind), writeOperation(kind, 'create'), writeOperation(kind, 'update')].map((op) =>
			kind.secretKeys.length ? { ...op, secretOutputs: kind.secretKeys } : op,
		),
	};
}

export const [urlSettings, agentSettings, sdrAiSettings] = SETTINGS_KINDS.map(settingsResource);
