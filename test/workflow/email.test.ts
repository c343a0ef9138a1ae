import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 5, rateLimit: 0 });

describe('Email resource', () => {
	test('Validate checks format and MX, one item per address', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run(
			{ parameters: { resource: 'email', operation: 'validate', email: '={{ $json.address }}' } },
			[{ address: 'jane@acme.example' }, { address: ' nobody@invalid.test ' }, { address: 'not-an-email' }],
		);
		expect(error).toBeUndefined();
		expect(apiCalls(sb).map((c) => [c.method, c.path, c.body])).toEqual([
			['POST', '/api/email-validate', { email: 'jane@acme.example' }],
			['POST', '/api/email-validate', { email: 'nobody@invalid.test' }],
			// a malformed address is for LeadGenius to judge, not refused by the node
			['POST', '/api/email-validate', { email: 'not-an-email' }],
		]);
		expect(items.map((i) => i.json)).toEqual([
			{ success: true, email: 'jane@acme.example', isValid: true, formatValid: true, hasMx: true, reason: null },
			{ success: true, email: 'nobody@invalid.test', isValid: false, formatValid: true, hasMx: false, reason: 'no_mx_records' },
			{ success: true, email: 'not-an-email', isValid: false, formatValid: false, hasMx: false, reason: 'invalid_format' },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Verify reports valid, catch-all, unknown and bouncing mailboxes', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.clearRequests();
		const { items, error } = await h.run(
			{ parameters: { resource: 'email', operation: 'verify', email: '={{ $json.address }}' } },
			[{ address: 'jane@acme.example' }, { address: 'any@catchall.test' }, { address: 'who@unknown.test' }, { address: 'bounce.me@acme.example' }],
		);
		expect(error).toBeUndefined();
		expect(apiCalls(sb).map((c) => `${c.method} ${c.path} ${(c.body as { email: string }).email}`)).toEqual([
			'POST /api/email-verify jane@acme.example',
			'POST /api/email-verify any@catchall.test',
			'POST /api/email-verify who@unknown.test',
			'POST /api/email-verify bounce.me@acme.example',
		]);
		expect(items.map((i) => [i.json.status, i.json.catchAll, i.json.reason])).toEqual([
			['valid', false, null],
			['catch_all', true, 'accepts_all_addresses'],
			['unknown', false, 'smtp_timeout'],
			['invalid', false, 'mailbox_not_found'],
		]);
		expect(items[0].json).toEqual({ success: true, email: 'jane@acme.example', status: 'valid', mx: true, smtp: true, catchAll: false, reason: null });
	});

	test('an empty address names the parameter and sends nothing; with Continue On Fail the others go on', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb);
		sb.clearRequests();
		const { items, error } = await h.run(
			{ parameters: { resource: 'email', operation: 'verify', email: '={{ $json.address }}' }, continueOnFail: true },
			[{ address: '' }, { address: 'ok@acme.example' }],
		);
		expect(error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(1);
		expect(apiCalls(sb)[0].body).toEqual({ email: 'ok@acme.example' });
		expect(items[0].json.error).toBe('Parameter "Email" is required but empty [item 0]');
		expect(items[1].json).toMatchObject({ email: 'ok@acme.example', status: 'valid' });
	});
});
