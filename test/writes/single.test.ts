import { harnessFor, useSandbox } from '../helpers/sandbox';
import { FAST_RETRIES, HARD, importUnder, rl } from './lossless';

const sandbox = useSandbox({ rateLimit: 0, leads: 50 });

const fromInput = {
	firstName: '={{ $json.firstName }}',
	lastName: '={{ $json.lastName }}',
	email: '={{ $json.email }}',
	additionalFields: { companyName: '={{ $json.companyName }}' },
	requestOptions: FAST_RETRIES,
};

describe('Create and Create or Update create exactly once under production behaviour', () => {
	test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('Create, 200 items, 5 %% resets after write, 5 %% 5xx: seed %i', async (seed) => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'password');
		const a = await importUnder(sb, h, {
			n: 200,
			tag: `c-${seed}`,
			runtime: HARD(seed),
			parameters: (slug) => ({ resource: 'lead', operation: 'create', clientId: rl(slug), ...fromInput }),
		});
		expect(a).toMatchObject({ lost: 0, duplicates: 0, wrongIds: 0, failedWithoutReason: 0 });
		expect(a.created).toBeGreaterThan(190);
	}, 180_000);

	test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('Create or Update, 200 items, 5 %% resets after write, 5 %% 5xx: seed %i', async (seed) => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const a = await importUnder(sb, h, {
			n: 200,
			tag: `u-${seed}`,
			runtime: HARD(seed),
			parameters: (slug) => ({ resource: 'lead', operation: 'upsert', clientId: rl(slug), matchBy: 'email', ...fromInput }),
		});
		expect(a).toMatchObject({ lost: 0, duplicates: 0, wrongIds: 0, failedWithoutReason: 0 });
		expect(a.created).toBeGreaterThan(190);
	}, 180_000);
});
