import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LeadGeniusApi } from '../../credentials/LeadGeniusApi.credentials';
import { resources } from '../../nodes/LeadGenius/actions/registry';
import { CREDENTIAL, endpoints, methodAndPath, rowKey } from './endpoints';

const operations = resources.flatMap((r) => r.operations.map((o) => ({ resource: r.value, operation: o.value, routes: o.routes })));

describe('Endpoint coverage (contract §4)', () => {
	test('the table has the 63 rows of §4, numbered 1–63, with 57 distinct method+path pairs', () => {
		expect(endpoints.map((r) => r.n)).toEqual(Array.from({ length: 63 }, (_, k) => k + 1));
		// §4 counts the Agent API routes in their /api form, where row 62 shares GET /api/leads with row 9
		const pairs = new Set(endpoints.map((r) => rowKey(r).replace('{agent}', '/api')));
		expect(pairs.size).toBe(57);
	});

	test.each(endpoints.filter((r) => r.resource !== CREDENTIAL).map((r) => [r.n, `${r.method} ${r.path}`, r] as const))(
		'row %i (%s) has its operation in the node',
		(_n, _route, r) => {
			const op = operations.find((o) => o.resource === r.resource && o.operation === r.operation);
			if (!op) {
				const known = operations.filter((o) => o.resource === r.resource).map((o) => o.operation);
				throw new Error(
					`Row ${r.n} (${r.method} ${r.path}): no operation "${r.operation}" in resource "${r.resource}"` +
						(known.length ? ` (it has: ${known.join(', ')})` : ' (no such resource in the registry)'),
				);
			}
			expect(op.routes.map(methodAndPath)).toContain(rowKey(r));
		},
	);

	test('rows 1–2 (log in, refresh) are implemented by the credential', () => {
		const source = readFileSync(join(__dirname, '../../credentials/LeadGeniusApi.credentials.ts'), 'utf8');
		const credentialRows = endpoints.filter((r) => r.resource === CREDENTIAL);
		expect(credentialRows.map((r) => r.n)).toEqual([1, 2]);
		for (const r of credentialRows) {
			// referenced as a request URL (end of a string or template), not only in prose
			expect(source).toMatch(new RegExp(`${r.path.replace(/\//g, '\\/')}[\`'"]`));
		}
		expect(typeof new LeadGeniusApi().preAuthentication).toBe('function');
	});

	test('every route an operation declares is an endpoint of the table', () => {
		const known = new Set(endpoints.map(rowKey));
		const strays = operations.flatMap((o) =>
			o.routes.filter((route) => !known.has(methodAndPath(route))).map((route) => `${o.resource}/${o.operation}: ${route}`),
		);
		expect(strays).toEqual([]);
	});

	test('routes are written "METHOD /path" (Agent API routes with the {agent} prefix)', () => {
		const malformed = operations.flatMap((o) =>
			o.routes
				.filter((route) => !/^(GET|POST|PUT|DELETE|PATCH) (\/api\/|\{agent\}\/)\S*( \([a-z]+\))?$/.test(route))
				.map((route) => `${o.resource}/${o.operation}: ${route}`),
		);
		expect(malformed).toEqual([]);
	});
});
