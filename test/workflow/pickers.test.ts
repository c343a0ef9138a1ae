import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { loadOptionsContext, useSandbox } from '../helpers/sandbox';
import type { Mode } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 10 });

/** A real n8n-core load-options context for the node, as the editor uses for resource locators. */
async function pickerContext(mode: Mode): Promise<ILoadOptionsFunctions> {
	return await loadOptionsContext(sandbox(), mode, { parameters: { resource: 'lead', operation: 'create' }, path: 'clientId' });
}

const { listSearch } = new LeadGenius().methods;

describe.each<Mode>(['password', 'accessToken', 'apiKey'])('resource locator lists (%s credential)', (mode) => {
	test('clients list by name and return the client_id slug; the filter narrows them', async () => {
		const sb = sandbox();
		const ctx = await pickerContext(mode);
		const all = await listSearch.searchClients.call(ctx);
		const stored = sb.store.clientsOf(sb.demo.companyId);
		expect(all.results.map((r) => r.value).sort()).toEqual(stored.map((c) => c.client_id).sort());
		const demo = stored.find((c) => c.client_id === sb.demo.clientId)!;
		const filtered = await listSearch.searchClients.call(ctx, demo.clientName.slice(0, 5));
		expect(filtered.results.map((r) => r.value)).toContain(sb.demo.clientId);
		expect(filtered.results.length).toBeLessThanOrEqual(all.results.length);
	});

	test('client records return the record ID', async () => {
		const sb = sandbox();
		const ctx = await pickerContext(mode);
		const { results } = await listSearch.searchClientRecords.call(ctx);
		expect(results.map((r) => r.value)).toContain(sb.demo.clientRecordId);
	});

	test('webhooks list by name and return their IDs', async () => {
		const sb = sandbox();
		const ctx = await pickerContext(mode);
		const { results } = await listSearch.searchWebhooks.call(ctx);
		expect(results.map((r) => r.value)).toContain(sb.webhookId);
		expect(results.every((r) => /\((generic|heyreach|woodpecker|lemlist)\)$/.test(r.name))).toBe(true);
	});
});
