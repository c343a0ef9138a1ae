import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { listOperation } from '../builders';
import { returnAllAndLimit } from '../fields';
import type { Operation, Resource } from '../types';

/**
 * Admin routes answer 403 to anyone but a platform administrator. Say so in LeadGenius terms
 * instead of a bare "Not allowed" (the transport's error keeps its HTTP code and details).
 */
function adminOnly(op: Operation): Operation {
	return {
		...op,
		run: async (read, ctx) => {
			try {
				return await op.run!(read, ctx);
			} catch (error) {
				if (error instanceof NodeApiError && error.httpCode === '403') {
					const said = error.message;
					error.message = `Admin → ${op.name} needs a LeadGenius platform administrator: the credential's user is not one`;
					error.description = [
						'LeadGenius admin routes only accept the session of a platform administrator: use an Email & Password or Access Token credential of an admin user (API keys are refused).',
						`LeadGenius said: ${said}`,
						error.description ?? '',
					]
						.filter((s) => s !== '')
						.join('\n');
				}
				// n8n errors (the transport's NodeApiError included) go on as they are; anything else
				// is wrapped so it still names the item
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.api.node, error as Error, { itemIndex: ctx.i });
			}
		},
	};
}

export const admin: Resource = {
	value: 'admin',
	name: 'Admin',
	description: 'Platform-wide lists (platform administrators only)',
	operations: [
		adminOnly(
			listOperation({
				value: 'getAllCompanies',
				name: 'Get Many Companies',
				action: 'Get many companies on the platform',
				description: 'List every company on the platform, with member, client and lead counts',
				path: '/api/admin/companies',
				style: { whole: true, itemKeys: ['companies', 'data', 'items'] },
				properties: returnAllAndLimit(),
			}),
		),
		adminOnly(
			listOperation({
				value: 'getAllUsers',
				name: 'Get Many Users',
				action: 'Get many users on the platform',
				description: 'List every user on the platform, with their company and role',
				path: '/api/admin/users',
				style: { whole: true, itemKeys: ['users', 'data', 'items'] },
				properties: returnAllAndLimit(),
			}),
		),
	],
};
