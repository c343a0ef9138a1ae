/**
 * Parallel Requests and the execution's rate-limit gate (issue 18), in real n8n-core runs against
 * the sandbox: parallel runs give the same items, in the same order with the same paired items, as
 * one-by-one runs, also under 5xx, dropped connections and 429 storms; bad input sends nothing;
 * a 429 pauses every lane; Max Requests per Minute stays under a per-minute limit with no 429.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { apiCalls, harnessFor, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox({ leads: 80, rateLimit: 0 });

const calm = { rateLimit: 0, rateWindowMs: 60_000, faults: {} };
afterEach(() => sandbox().setOptions(calm));

const ADDRESSES = ['jane@acme.example', 'any@catchall.test', 'who@unknown.test', 'bounce.me@acme.example', 'x@invalid.test'];
const addresses = (n: number) => Array.from({ length: n }, (_, k) => ({ address: ADDRESSES[k % ADDRESSES.length].replace('@', `+${k}@`) }));

/** Short backoffs and a generous retry budget: faults are survived, not reported. */
const retrying = { baseDelayMs: 5, maxRetries: 20, maxWaitSeconds: 60 };

/** 15% 5xx, 10% resets and a 429 storm (`perSecond` requests per second per user). */
const storm = (seed: number, perSecond = 30) => ({ rateLimit: perSecond, rateWindowMs: 1000, faults: { seed, errorRate: 0.15, resetRate: 0.1 } });

const shape = (items: INodeExecutionData[]) => items.map((i) => ({ json: i.json, pairedItem: i.pairedItem }));

const statuses = (sb: Sandbox) => {
	const out: Record<number, number> = {};
	for (const r of apiCalls(sb)) out[r.status] = (out[r.status] ?? 0) + 1;
	return out;
};

describe('Parallel Requests', () => {
	test('Email → Verify: parallel (6) gives the items of a one-by-one run, in order, under 5xx, resets and 429 storms', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const input = addresses(90);
		const run = (parallel: number) =>
			h.run({ parameters: { resource: 'email', operation: 'verify', email: '={{ $json.address }}', requestOptions: { ...retrying, parallel } } }, input);

		const clean = await run(1);
		expect(clean.error).toBeUndefined();
		expect(clean.items).toHaveLength(90);
		expect(clean.items.map((i) => i.json.email)).toEqual(input.map((i) => i.address));

		for (const [parallel, seed] of [
			[1, 11],
			[6, 12],
		]) {
			sb.setOptions(storm(seed));
			sb.clearRequests();
			const faulty = await run(parallel);
			expect(faulty.error).toBeUndefined();
			expect(shape(faulty.items)).toEqual(shape(clean.items));
			const seen = statuses(sb);
			// the faults really happened: 5xx, resets (status 0) and 429s
			expect(seen[429]).toBeGreaterThan(0);
			expect((seen[500] ?? 0) + (seen[503] ?? 0)).toBeGreaterThan(0);
			expect(seen[0]).toBeGreaterThan(0);
			sb.setOptions(calm);
		}
	});

	test('parallel really overlaps requests: 8 lanes at 100 ms latency take about an eighth of the time', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.setOptions({ faults: { latencyMs: 100 } });
		const input = addresses(32);
		const timed = async (parallel: number) => {
			const t0 = Date.now();
			const r = await h.run({ parameters: { resource: 'email', operation: 'verify', email: '={{ $json.address }}', requestOptions: { parallel } } }, input);
			expect(r.error).toBeUndefined();
			return { ms: Date.now() - t0, r };
		};
		const one = await timed(1);
		const eight = await timed(8);
		expect(shape(eight.r.items)).toEqual(shape(one.r.items));
		expect(one.ms).toBeGreaterThanOrEqual(32 * 100);
		expect(eight.ms).toBeLessThan(one.ms * 0.4);
	});

	test('Update Many (Map Automatically): parallel chunks give the items of a sequential run and update every lead once', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const leads = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 60);
		const input = (tag: string): IDataObject[] => leads.map((l, k) => (k === 7 ? { id: 'no-such-lead', title: tag } : { id: l.id, title: `${tag}-${k}` }));
		const run = (parallel: number, tag: string) =>
			h.run(
				{
					parameters: {
						resource: 'lead',
						operation: 'updateMany',
						mappingMode: 'autoMap',
						options: { batchSize: 4 },
						requestOptions: { ...retrying, parallel },
					},
				},
				input(tag),
			);
		sb.setOptions(storm(21, 6));
		sb.clearRequests();
		const sequential = await run(1, 'seq');
		expect(sequential.error).toBeUndefined();
		sb.setOptions(storm(22, 6));
		sb.clearRequests();
		const parallel = await run(5, 'par');
		expect(parallel.error).toBeUndefined();
		const seen = statuses(sb);
		expect(seen[429]).toBeGreaterThan(0);
		expect((seen[500] ?? 0) + (seen[503] ?? 0) + (seen[0] ?? 0)).toBeGreaterThan(0);

		expect(shape(parallel.items)).toEqual(shape(sequential.items));
		expect(parallel.items.map((i) => i.json.status)).toEqual(leads.map((_, k) => (k === 7 ? 'failed' : 'updated')));
		for (const [k, l] of leads.entries()) if (k !== 7) expect(sb.store.getLead(String(l.id))?.title).toBe(`par-${k}`);
		// 15 chunks of 4: each answered 200 exactly once
		expect(apiCalls(sb).filter((r) => r.method === 'PUT' && r.status === 200)).toHaveLength(15);
	});

	test('bad input sends nothing; with Continue On Fail the other items go on, in order', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const input = addresses(12);
		input[5] = { address: '' };
		const parameters = { resource: 'email', operation: 'verify', email: '={{ $json.address }}', requestOptions: { parallel: 4 } };

		sb.clearRequests();
		const stopped = await h.run({ parameters }, input);
		expect(stopped.error?.message).toMatch(/Parameter "Email" is required but empty \[item 5\]/);
		expect(apiCalls(sb)).toHaveLength(0);

		sb.clearRequests();
		const goesOn = await h.run({ parameters, continueOnFail: true }, input);
		expect(goesOn.error).toBeUndefined();
		expect(apiCalls(sb)).toHaveLength(11);
		expect(goesOn.items.map((i) => i.pairedItem)).toEqual(input.map((_, k) => ({ item: k })));
		expect(goesOn.items[5].json.error).toMatch(/\[item 5\]/);
		expect(goesOn.items.map((i) => i.json.email ?? null)).toEqual(input.map((i, k) => (k === 5 ? null : i.address)));
	});

	test('without Continue On Fail the first failed item stops the run and no new item starts', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		const leads = sb.store.leadsOfClient(sb.demo.companyId, sb.demo.clientId).slice(0, 40);
		const input: IDataObject[] = leads.map((l) => ({ id: l.id }));
		input[9] = { id: 'no-such-lead' };
		sb.clearRequests();
		const { error } = await h.run(
			{ parameters: { resource: 'lead', operation: 'get', leadId: '={{ $json.id }}', requestOptions: { parallel: 4 } } },
			input,
		);
		expect(error?.message).toMatch(/not found|404/i);
		expect((error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(9);
		// items up to the failure and the lanes in flight beside it ran; not the 40
		expect(apiCalls(sb).length).toBeLessThan(9 + 1 + 4 + 1);
	});
});

describe('the execution rate-limit gate', () => {
	test('a 429 pauses every lane until the limit resets, not only the one that got it', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		// 150 ms per answer: a lane not paused would send its next request 150 ms after its answer
		sb.setOptions({ rateLimit: 10, rateWindowMs: 1000, faults: { latencyMs: 150 } });
		sb.clearRequests();
		const { error, items } = await h.run(
			{ parameters: { resource: 'email', operation: 'verify', email: '={{ $json.address }}', requestOptions: { ...retrying, parallel: 4 } } },
			addresses(30),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(30);
		const log = apiCalls(sb);
		const first429 = log.find((r) => r.status === 429)!;
		expect(first429).toBeDefined();
		// The first 429 is answered 150 ms after it arrived (`at` is the arrival) and says Retry-After
		// 1 s: requests sent before that answer reached the node arrive up to then (plus slack for a
		// loaded machine); nothing new is sent until the pause is over, about 1.15 s after `at`.
		const during = log.filter((r) => r.at > first429.at + 150 + 150 && r.at < first429.at + 150 + 900);
		expect(during).toEqual([]);
		// each exhausted window costs at most the requests in flight (4), not a 429 per lane per retry
		const windows = Math.ceil(30 / 10);
		expect(log.filter((r) => r.status === 429).length).toBeLessThanOrEqual(4 * windows);
	});

	test('the wait budget still holds: a pause longer than Max Total Wait fails the items instead of waiting', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.setOptions({ rateLimit: 3, rateWindowMs: 5000 });
		sb.clearRequests();
		const t0 = Date.now();
		const { items, error } = await h.run(
			{
				parameters: {
					resource: 'email',
					operation: 'verify',
					email: '={{ $json.address }}',
					requestOptions: { parallel: 2, maxWaitSeconds: 1, baseDelayMs: 5 },
				},
				continueOnFail: true,
			},
			addresses(8),
		);
		expect(error).toBeUndefined();
		expect(Date.now() - t0).toBeLessThan(4000);
		expect(items.map((i) => i.pairedItem)).toEqual(addresses(8).map((_, k) => ({ item: k })));
		expect(items.slice(0, 3).every((i) => i.json.email)).toBe(true);
		for (const i of items.slice(3)) expect(`${i.json.error} ${i.json.description}`).toMatch(/rate limit/i);
		// the first 429 paused the run: the lane beside it may have been on the wire, nothing after
		expect(apiCalls(sb).length).toBeLessThanOrEqual(3 + 2);
	});

	test('Max Requests per Minute keeps a run under a per-minute limit with no 429 at all', async () => {
		const sb = sandbox();
		const h = await harnessFor(sb, 'apiKey');
		sb.setOptions({ rateLimit: 10, rateWindowMs: 60_000 });
		sb.clearRequests();
		const input = addresses(13);
		const { items, error } = await h.run(
			{
				parameters: {
					resource: 'email',
					operation: 'verify',
					email: '={{ $json.address }}',
					requestOptions: { parallel: 4, maxRequestsPerMinute: 10 },
				},
			},
			input,
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.email)).toEqual(input.map((i) => i.address));
		const log = apiCalls(sb);
		expect(log.filter((r) => r.status === 429)).toEqual([]);
		expect(log).toHaveLength(13);
		// the eleventh request waited for the first one's minute
		expect(log[10].at - log[0].at).toBeGreaterThanOrEqual(60_000);
		expect(log[10].at - log[0].at).toBeLessThan(62_000);
	}, 90_000);
});
