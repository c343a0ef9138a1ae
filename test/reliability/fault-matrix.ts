/**
 * Fault matrix: for every fault (429 storm, 20% 5xx, connection resets, 1 s tokens, latency
 * spikes with timeouts, all combined) × 20 seeds, a bulk extraction of 20,000 leads returns exactly
 * the seeded set, and a Create Many of 500 leads ends with every item created once or reported
 * failed — checked against the sandbox's own state. Results are summed up in the last test.
 * (Create Many's read-back and re-sends make each import cost more than it did; 2,000-lead imports
 * under production behaviour, 10 seeds per mapping, are test/writes/'s job.)
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox, RuntimeOptions } from '../../sandbox/server';
import { createHarness } from '../helpers/harness';
import { credentialsFor, emptyClient } from '../helpers/sandbox';

const SEEDS = Array.from({ length: 20 }, (_, k) => 1000 + k * 7919);
const LEADS = 20_000;
const CREATES = 500;

interface Fault {
	name: string;
	options: (seed: number) => RuntimeOptions;
	/** Per-attempt timeout for this fault's runs (spikes need a short one to show timeouts). */
	timeoutSeconds?: number;
}

export const FAULTS: Fault[] = [
	{ name: '429 storm', options: () => ({ rateLimit: 25, rateWindowMs: 1000 }) },
	{ name: '20% 5xx', options: (seed) => ({ faults: { seed, errorRate: 0.2 } }) },
	{ name: 'connection resets', options: (seed) => ({ faults: { seed, resetRate: 0.15 } }) },
	{ name: '1 s token lifetime', options: (seed) => ({ tokenTtl: 1, faults: { seed, latencyMs: 25 } }) },
	{
		name: 'latency spikes',
		options: (seed) => ({ faults: { seed, latencySpikeRate: 0.15, latencySpikeMs: 450 } }),
		timeoutSeconds: 0.25,
	},
	{
		name: 'all combined',
		options: (seed) => ({
			rateLimit: 40,
			rateWindowMs: 1000,
			tokenTtl: 1,
			faults: { seed, errorRate: 0.1, resetRate: 0.08, latencyMs: 5, latencySpikeRate: 0.08, latencySpikeMs: 450 },
		}),
		timeoutSeconds: 0.25,
	},
];

const calm: RuntimeOptions = { rateLimit: 0, rateWindowMs: 60_000, tokenTtl: 3600, faults: {} };

/** Registers the matrix for the faults whose names are given (one jest file per half). */
export function faultMatrix(names: string[]) {
	const faults = FAULTS.filter((f) => names.includes(f.name));
	const summary = { scenarios: 0, recordsChecked: 0, duplicates: 0, losses: 0, createdOnce: 0, reportedFailed: 0, extractions: 0 };
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, leads: LEADS, rateLimit: 0, recordRequests: false, quiet: true });
	});
	afterAll(async () => {
		await sb?.close();
	});

	const requestOptions = (fault: Fault) => ({
		// parallel lanes: batches, and the re-sends of what a failed batch did not store
		parallel: 4,
		baseDelayMs: 10,
		maxRetries: 12,
		maxWaitSeconds: 120,
		...(fault.timeoutSeconds ? { timeoutSeconds: fault.timeoutSeconds } : {}),
	});

	async function extractAll(sb: Sandbox, fault: Fault, mode: 'apiKey') {
		const h = createHarness(await credentialsFor(sb, mode));
		return h.run({
			parameters: {
				resource: 'enrichedLead',
				operation: 'getAll',
				clientId: { __rl: true, mode: 'id', value: sb.demo.clientId },
				returnAll: true,
				fields: ['email'],
				requestOptions: requestOptions(fault),
			},
		});
	}

	/** Each scenario imports into a new, empty client, so Create Many's read-back reads only its own leads. */
	async function createMany(sb: Sandbox, fault: Fault, tag: string, client: string) {
		const h = createHarness(await credentialsFor(sb, 'password'));
		const input = Array.from({ length: CREATES }, (_, k) => ({ email: `fm-${tag}-${k}@matrix.test` }));
		const result = await h.run(
			{
				parameters: {
					resource: 'lead',
					operation: 'createMany',
					clientId: { __rl: true, mode: 'id', value: client },
					firstName: 'Fault',
					lastName: 'Matrix',
					email: '={{ $json.email }}',
					options: { batchSize: 50 },
					requestOptions: requestOptions(fault),
				},
				continueOnFail: true,
			},
			input,
		);
		return { input, result };
	}

	describe.each(faults)('fault matrix: $name', (fault) => {
		test(`${SEEDS.length} seeds: bulk extraction exactly once, Create Many without duplicates or losses`, async () => {
			const seeded = new Set(sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).map((l) => l.id));
			expect(seeded.size).toBe(LEADS);
			for (const seed of SEEDS) {
				sb.setOptions({ ...calm, ...fault.options(seed) });
				try {
					// bulk extraction: exactly the seeded set
					const bulk = await extractAll(sb, fault, 'apiKey');
					expect(bulk.error).toBeUndefined();
					const ids = bulk.items.map((i) => String(i.json.id));
					expect(ids.length).toBe(LEADS);
					expect(new Set(ids).size).toBe(LEADS);
					for (const id of ids) if (!seeded.has(id)) throw new Error(`unknown id ${id}`);
					summary.extractions++;
					summary.recordsChecked += ids.length;

					// create many: every item created once or reported failed
					const tag = `${fault.name.replace(/\W+/g, '')}-${seed}`;
					const { slug: client } = emptyClient(sb, `fm-${tag}`.toLowerCase());
					const { input, result } = await createMany(sb, fault, tag, client);
					expect(result.error).toBeUndefined();
					expect(result.items).toHaveLength(CREATES);
					sb.setOptions(calm);
					const stored = new Map<string, number>();
					for (const lead of sb.store.allLeadsOf(sb.demo.companyId)) {
						const email = String(lead.email ?? '');
						if (email.startsWith(`fm-${tag}-`)) stored.set(email, (stored.get(email) ?? 0) + 1);
					}
					result.items.forEach((item, k) => {
						expect(item.pairedItem).toEqual({ item: k });
						const email = input[k].email;
						const count = stored.get(email) ?? 0;
						if (count > 1) summary.duplicates++;
						const json = item.json as IDataObject;
						if (json.status === 'created') {
							if (count !== 1) summary.losses++;
							else summary.createdOnce++;
						} else {
							// reported failed: an error item (the whole chunk failed) — never silently dropped
							expect(json.error).toBeDefined();
							summary.reportedFailed++;
						}
					});
					expect(stored.size).toBeLessThanOrEqual(CREATES);
					summary.recordsChecked += CREATES;
					summary.scenarios++;
				} finally {
					sb.setOptions(calm);
				}
			}
			expect(summary.duplicates).toBe(0);
			expect(summary.losses).toBe(0);
		}, 600_000);
	});

	test('fault matrix summary', () => {
		// eslint-disable-next-line no-console
		console.log(`fault matrix: ${faults.length} faults × ${SEEDS.length} seeds = ${summary.scenarios} scenarios; ` +
			`${summary.extractions} extractions of ${LEADS} leads; records checked ${summary.recordsChecked}; ` +
			`created once ${summary.createdOnce}, reported failed ${summary.reportedFailed}, duplicates ${summary.duplicates}, losses ${summary.losses}`);
		expect(summary.scenarios).toBe(faults.length * SEEDS.length);
		expect(summary.duplicates).toBe(0);
		expect(summary.losses).toBe(0);
	});
}
