import { harnessFor, useSandbox } from '../helpers/sandbox';
import type { Mode } from '../helpers/sandbox';
import { createManyParams, HARD, importUnder } from './lossless';
import type { Mapping } from './lossless';

const sandbox = useSandbox({ rateLimit: 0, leads: 50 });

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('Create Many loses nothing and duplicates nothing under production behaviour', () => {
	const cases: Array<[Mapping, Mode]> = [['autoMap', 'apiKey']];
	describe.each(cases)('%s, %s credential (read-back by its list)', (mapping, mode) => {
		test.each(SEEDS)('2,000 leads, 30 %% of batch rows stored, 5 %% resets after write, 5 %% 5xx: seed %i', async (seed) => {
			const sb = sandbox();
			const h = await harnessFor(sb, mode);
			const a = await importUnder(sb, h, {
				n: 2000,
				tag: `cm-${mapping}-${seed}`,
				runtime: HARD(seed),
				parameters: (slug) => createManyParams(slug, mapping),
			});
			expect(a).toMatchObject({ lost: 0, duplicates: 0, wrongIds: 0, failedWithoutReason: 0 });
			expect(a.created + a.failed).toBe(2000);
			// the faults make some items fail honestly, never most of them
			expect(a.created).toBeGreaterThan(1900);
		});
	});
});
