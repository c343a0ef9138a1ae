/** Every LeadGenius route table, one per contract group (§3). */
import type { RouteDef } from '../http';
import { adminRoutes } from './admin';
import { agentRoutes } from './agent';
import { authRoutes } from './auth';
import { bulkRoutes } from './bulk';
import { clientRoutes } from './clients';
import { companyRoutes } from './company';
import { emailRoutes } from './email';
import { integrationRoutes } from './integrations';
import { leadRoutes } from './leads';
import { processingRoutes } from './processing';
import { searchHistoryRoutes } from './searchHistory';
import { settingsRoutes } from './settings';
import { territoryRoutes } from './territory';
import { triggerRoutes } from './trigger';
import { webhookRoutes } from './webhooks';

export const routeGroups: Readonly<Record<string, readonly RouteDef[]>> = {
	auth: authRoutes,
	clients: clientRoutes,
	leads: leadRoutes,
	bulk: bulkRoutes,
	company: companyRoutes,
	searchHistory: searchHistoryRoutes,
	webhooks: webhookRoutes,
	territory: territoryRoutes,
	settings: settingsRoutes,
	processing: processingRoutes,
	trigger: triggerRoutes,
	email: emailRoutes,
	integrations: integrationRoutes,
	agent: agentRoutes,
	admin: adminRoutes,
};

export const apiRoutes: readonly RouteDef[] = Object.values(routeGroups).flat();
