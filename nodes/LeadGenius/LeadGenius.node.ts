import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { buildProperties, subtitleExpression } from './actions/registry';
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
		credentials: [{ name: 'leadGeniusApi', required: true }],
		properties: buildProperties(),
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
