import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { buildProperties, sensitiveOutputFields, subtitleExpression } from './actions/registry';
import { route } from './actions/router';
import { listSearch } from './methods/listSearch';
import { resourceMapping } from './methods/resourceMapping';

export class LeadGenius implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LeadGenius',
		name: 'leadGenius',
		icon: { light: 'file:leadgenius.svg', dark: 'file:leadgenius.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: subtitleExpression(),
		description: 'Manage clients and leads, enrich and score leads, and extract leads in bulk with LeadGenius Pro',
		defaults: { name: 'LeadGenius' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// n8n 2.x: for AI workflow builders (n8n 1.x ignores it)
		builderHint: {
			searchHint:
				'LeadGenius Pro sales data: clients, leads (create, upsert, bulk create/update, search), enrichment, AI copy and SDR scoring, bulk lead extraction to files, inbound webhooks, territory analytics',
		},
		// n8n 2.x: output fields holding secrets are always redacted (n8n 1.x ignores it)
		sensitiveOutputFields: sensitiveOutputFields(),
		credentials: [{ name: 'leadGeniusApi', required: true }],
		properties: buildProperties(),
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
