/**
 * Secrets in outputs (n8n 2.x `sensitiveOutputFields`): the operations whose output carries a
 * secret run for real against the sandbox, and every field of their output that holds one of the
 * sandbox's secrets (API keys it minted, webhook keys, the settings' service API keys) must be
 * listed in the node description's `sensitiveOutputFields`, which n8n always redacts.
 *
 * The secrets are found by value, not by name: a new field that carries one fails the test until it
 * is declared (`secretOutputs` on its operation).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LeadGenius } from '../../nodes/LeadGenius/LeadGenius.node';
import { resources } from '../../nodes/LeadGenius/actions/registry';
import { ENRICH_SERVICES } from '../../nodes/LeadGenius/actions/catalog';
import type { Sandbox } from '../../sandbox/server';
import { harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 5, rateLimit: 0 });
const declared = new LeadGenius().description.sensitiveOutputFields ?? [];

/** Every secret value the sandbox holds now: minted API keys, webhook keys, settings API keys. */
function sandboxSecrets(sb: Sandbox): string[] {
	const out = [...sb.store.apiKeys.keys(), ...sb.store.webhookSecrets.values()];
	for (const companyId of [sb.demo.companyId, sb.other.companyId]) {
		for (const kind of ['url', 'agent', 'sdr-ai'] as const) {
			const record = (sb.store.getSettings(companyId, kind) ?? {}) as IDataObject;
			for (const [key, value] of Object.entries(record)) {
				if (key.endsWith('_Apikey') && typeof value === 'string' && value !== '') out.push(value);
			}
		}
	}
	return out.filter((s) => s.length >= 8);
}

/** Dot paths (from item.json) of every string that contains one of the secrets. */
function pathsWithSecrets(value: unknown, secrets: string[], at = ''): string[] {
	if (typeof value === 'string') return secrets.some((s) => value.includes(s)) ? [at] : [];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value as IDataObject).flatMap(([key, v]) => pathsWithSecrets(v, secrets, at ? `${at}.${key}` : key));
}

/** Operations run here, and the secret-carrying fields seen in their real outputs. */
const ran = new Set<string>();
const seen = new Set<string>();

async function runAndCheck(sb: Sandbox, parameters: INodeParameters, account = sb.demo) {
	const h = await harnessFor(sb, 'password', account);
	const { items, error } = await h.run({ parameters });
	expect(error).toBeUndefined();
	expect(items.length).toBeGreaterThan(0);
	ran.add(`${String(parameters.resource)}.${String(parameters.operation)}`);
	const secrets = sandboxSecrets(sb);
	const fields = [...new Set(items.flatMap((item) => pathsWithSecrets(item.json, secrets)))];
	for (const field of fields) seen.add(field);
	// the check itself: every field that carries a secret is declared
	expect({ operation: `${String(parameters.resource)} → ${String(parameters.operation)}`, undeclared: fields.filter((f) => !declared.includes(f)) }).toEqual({
		operation: `${String(parameters.resource)} → ${String(parameters.operation)}`,
		undeclared: [],
	});
	return { items, fields };
}

describe('secrets in outputs are declared in sensitiveOutputFields', () => {
	test('API Key → Create: the new key', async () => {
		const sb = sandbox();
		const { fields } = await runAndCheck(sb, { resource: 'apiKey', operation: 'create', name: 'redaction check', description: '' });
		expect(fields).toEqual(['apiKey']);
	});

	test('Webhook → Create and Get Many: the webhook URL carries its key', async () => {
		const sb = sandbox();
		const created = await runAndCheck(sb, { resource: 'webhook', operation: 'create', name: 'Redaction hook', platform: 'generic' });
		expect(created.fields).toEqual(['webhookUrl']);
		const listed = await runAndCheck(sb, { resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(listed.fields).toEqual(['webhookUrl']);
	});

	test('URL Settings → Create, Update, Get with "Include API Keys": every service API key', async () => {
		const sb = sandbox();
		const keys = Object.fromEntries(ENRICH_SERVICES.map((s, n) => [`${s.key}_Apikey`, `svc-key-${n}-${'x'.repeat(12)}`]));
		const options = { includeApiKeys: true };
		const created = await runAndCheck(sb, { resource: 'urlSettings', operation: 'create', createFields: keys, options }, sb.other);
		expect(created.fields.sort()).toEqual(Object.keys(keys).sort());
		const updated = await runAndCheck(
			sb,
			{ resource: 'urlSettings', operation: 'update', updateFields: { companyUrl_Apikey: `changed-${'y'.repeat(12)}` }, options },
			sb.other,
		);
		expect(updated.fields.sort()).toEqual(Object.keys(keys).sort());
		const read = await runAndCheck(sb, { resource: 'urlSettings', operation: 'get', options }, sb.other);
		expect(read.fields.sort()).toEqual(Object.keys(keys).sort());
	});

	// runs last (tests run in order): the tests above covered every declaration
	test('every operation that declares secret outputs ran above, and every declared field was seen carrying a secret', () => {
		const declaring = resources.flatMap((r) => r.operations.filter((o) => o.secretOutputs?.length).map((o) => `${r.value}.${o.value}`));
		expect([...ran].sort()).toEqual(expect.arrayContaining(declaring.sort()));
		expect([...seen].sort()).toEqual([...declared].sort());
	});
});
