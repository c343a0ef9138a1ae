/**
 * Lossless writes under production behaviour: Create Many, Create and Create or Update against a
 * sandbox whose batch create stores only part of what it claims, resets connections after
 * committing writes and answers 5xx. Shared by the jest files of this folder (one per leg, so
 * jest spreads them over its workers).
 */
import type { INodeParameters } from 'n8n-workflow';

import type { RuntimeOptions, Sandbox } from '../../sandbox/server';
import type { Harness } from '../helpers/harness';
import { emptyClient, harnessFor, useSandbox } from '../helpers/sandbox';
import { audit, leadRows } from './audit';
import type { Audit } from './audit';

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Fast retries: the faults are many, the waits are not what is under test. */
export const FAST_RETRIES = { maxRetries: 6, baseDelayMs: 5, maxWaitSeconds: 30 };

/** The hard mix: 30 % of batch rows stored, 5 % of writes reset after commit, 5 % 5xx. */
export const HARD = (seed: number): RuntimeOptions =>
	({ batchPersistRate: 0.3, resetAfterWriteRate: 0.05, faults: { seed, errorRate: 0.05 } }) as RuntimeOptions;

export const CALM = { batchPersistRate: 1, resetAfterWriteRate: 0, faults: {} } as unknown as RuntimeOptions;

export type Mapping = 'autoMap' | 'defineBelow';

export function createManyParams(slug: string, mapping: Mapping, extra: INodeParameters = {}): INodeParameters {
	const fields =
		mapping === 'autoMap'
			? { mappingMode: 'autoMap' }
			: {
					mappingMode: 'defineBelow',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
					email: '={{ $json.email }}',
					additionalFields: { companyName: '={{ $json.companyName }}' },
				};
	return {
		resource: 'lead',
		operation: 'createMany',
		clientId: rl(slug),
		...fields,
		options: { batchSize: 100 },
		requestOptions: FAST_RETRIES,
		...extra,
	};
}

export async function importUnder(
	sb: Sandbox,
	h: Harness,
	opts: { n: number; tag: string; runtime: RuntimeOptions; parameters: (slug: string) => INodeParameters },
): Promise<Audit & { requests: number }> {
	const { slug } = emptyClient(sb, opts.tag);
	const input = leadRows(opts.n, slug);
	sb.clearRequests();
	sb.setOptions(opts.runtime);
	let result;
	try {
		result = await h.run({ parameters: opts.parameters(slug), continueOnFail: true }, input);
	} finally {
		sb.setOptions(CALM);
	}
	expect(result.error).toBeUndefined();
	const a = { ...audit(sb, input, result.items), requests: sb.requests.length };
	const resent = result.items.filter((i) => i.json.resent === true).length;
	// eslint-disable-next-line no-console
	console.log(`lossless ${opts.tag}: ${JSON.stringify({ ...a, resent })}`);
	return a;
}

/**
 * The Create Many leg: 2,000 leads per seed into an empty client under the hard mix; afterwards the
 * store holds every lead exactly once, or its item says failed with a reason.
 */
export function createManySuite(mapping: Mapping, mode: 'apiKey' | 'password', seeds: number[]) {
	const sandbox = useSandbox({ rateLimit: 0, leads: 50 });
	describe(`Create Many (${mapping}, ${mode} credential) loses nothing and duplicates nothing under production behaviour`, () => {
		test.each(seeds)('2,000 leads, 30 %% of batch rows stored, 5 %% resets after write, 5 %% 5xx: seed %i', async (seed) => {
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
		}, 300_000);
	});
}
