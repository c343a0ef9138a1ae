/**
 * Production mode: the behaviours of the real LeadGenius API that the well-behaved default sandbox
 * does not have (vendor integration guides, "Known Bugs & Pitfalls"). Every behaviour has its own
 * option (CLI flag, LG_SANDBOX_* variable, `startSandbox` option, `setOptions` at runtime); the
 * `production` switch turns all of them on at the documented values, and options given explicitly
 * win over the switch. Random choices are pure functions of (fault seed, counter, lane), like the
 * fault injector, so the same seed and the same request sequence give the same outcome.
 */
import { mix32 } from './prng';

/** Where the Agent API answers: under one prefix only, or under both (the default). */
export type AgentPrefix = 'both' | '/api/agent' | '/api';

export const AGENT_PREFIXES: readonly AgentPrefix[] = ['both', '/api/agent', '/api'];

/** The production-mode options (all optional; `undefined` = default or the `production` preset). */
export interface ProductionOptions {
	/** All behaviours on at the values of `PRODUCTION_PRESET`; explicit options below win. Default false. */
	production?: boolean;
	/** Fraction (0..1) of a batch create's accepted rows that is really stored; the answer claims all. Default 1. */
	batchPersistRate?: number;
	/** Lead writes accept any `client_id`; a lead whose `client_id` is not a client slug is stored but listed nowhere. Default false. */
	invisibleLeads?: boolean;
	/** `phone`, `""` values and `lastName: "."` answer 500 "Failed to create lead - no data returned" instead of 400. Default false. */
	productionErrors?: boolean;
	/** A purge of a client holding more than N leads deletes the first N and answers 504; 0 = off (default). */
	purgeTimeoutLeads?: number;
	/** Agent API routes answer only under this prefix (`/api/agent` or `/api`); default `both`. */
	agentPrefix?: AgentPrefix;
	/** Fraction (0..1) of successful POST/PUT/DELETE requests that are committed, then reset without an answer. Default 0. */
	resetAfterWriteRate?: number;
}

export type ProductionSettings = Required<ProductionOptions>;

/** Every behaviour off: the kind, well-behaved sandbox. */
export const PRODUCTION_DEFAULTS: Readonly<ProductionSettings> = Object.freeze({
	production: false,
	batchPersistRate: 1,
	invisibleLeads: false,
	productionErrors: false,
	purgeTimeoutLeads: 0,
	agentPrefix: 'both' as AgentPrefix,
	resetAfterWriteRate: 0,
});

/**
 * What `production: true` sets. `resetAfterWriteRate` stays 0: a lost answer is a network fault,
 * not a documented behaviour of the API; give it explicitly to combine both.
 */
export const PRODUCTION_PRESET: Readonly<ProductionSettings> = Object.freeze({
	production: true,
	batchPersistRate: 0,
	invisibleLeads: true,
	productionErrors: true,
	purgeTimeoutLeads: 1000,
	agentPrefix: '/api/agent' as AgentPrefix,
	resetAfterWriteRate: 0,
});

/** The keys of `ProductionOptions` (for option parsing in the CLI and the control route). */
export const PRODUCTION_KEYS = Object.keys(PRODUCTION_DEFAULTS) as ReadonlyArray<keyof ProductionOptions>;

/** The message of production's 500 on a bad lead field. */
export const PRODUCTION_ERROR_MESSAGE = 'Failed to create lead - no data returned';

function rate(name: string, v: unknown): number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new Error(`'${name}' must be a number from 0 to 1, got ${JSON.stringify(v)}`);
	return v;
}

/** Checks one option value; throws an Error naming the option when it is out of range. */
export function checkProductionOption<K extends keyof ProductionOptions>(key: K, v: unknown): ProductionSettings[K] {
	switch (key) {
		case 'batchPersistRate':
		case 'resetAfterWriteRate':
			return rate(key, v) as ProductionSettings[K];
		case 'purgeTimeoutLeads':
			if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`'${key}' must be a non-negative integer, got ${JSON.stringify(v)}`);
			return v as ProductionSettings[K];
		case 'agentPrefix':
			if (!AGENT_PREFIXES.includes(v as AgentPrefix)) throw new Error(`'${key}' must be one of ${AGENT_PREFIXES.join(', ')}, got ${JSON.stringify(v)}`);
			return v as ProductionSettings[K];
		default:
			if (typeof v !== 'boolean') throw new Error(`'${key}' must be a boolean, got ${JSON.stringify(v)}`);
			return v as ProductionSettings[K];
	}
}

/**
 * Applies `o` on top of `base`: `production` (when given) first resets every behaviour to the preset
 * (true) or the defaults (false); then each explicitly given option wins.
 */
export function resolveProduction(o: ProductionOptions | undefined, base: Readonly<ProductionSettings> = PRODUCTION_DEFAULTS): ProductionSettings {
	const out: ProductionSettings = { ...base };
	if (!o) return out;
	if (o.production !== undefined) Object.assign(out, checkProductionOption('production', o.production) ? PRODUCTION_PRESET : PRODUCTION_DEFAULTS);
	for (const key of PRODUCTION_KEYS) {
		if (key === 'production' || o[key] === undefined) continue;
		(out as unknown as Record<string, unknown>)[key] = checkProductionOption(key, o[key]);
	}
	return out;
}

/** The options of `ProductionOptions` found in a wider object (e.g. `SandboxOptions`). */
export function pickProduction(o: Partial<Record<keyof ProductionOptions, unknown>>): ProductionOptions {
	const out: Record<string, unknown> = {};
	for (const key of PRODUCTION_KEYS) if (o[key] !== undefined) out[key] = o[key];
	return out as ProductionOptions;
}

/** Lanes of the counter-based randomness (distinct from the fault injector's lanes 1–3). */
const LANE_BATCH_PERSIST = 11;
const LANE_RESET_AFTER_WRITE = 12;

/** The live production-mode state of one sandbox: settings plus the deterministic counters. */
export class ProductionMode {
	private s: ProductionSettings;
	private persistCounter = 0;
	private writeCounter = 0;

	constructor(
		o: ProductionOptions | undefined,
		private readonly seed: () => number,
	) {
		this.s = resolveProduction(o);
	}

	get settings(): Readonly<ProductionSettings> {
		return this.s;
	}

	/** Changes the given options (see `resolveProduction`) and restarts both counters at 0. */
	configure(o: ProductionOptions): void {
		this.s = resolveProduction(o, this.s);
		this.restart();
	}

	/** Restarts the counters (also done when the fault seed changes). */
	restart(): void {
		this.persistCounter = 0;
		this.writeCounter = 0;
	}

	/** Whether the next accepted row of a batch create is really stored (row n of the sandbox's life). */
	persistBatchRow(): boolean {
		const r = this.s.batchPersistRate;
		if (r >= 1) return true;
		const n = this.persistCounter++;
		return mix32(this.seed(), n, LANE_BATCH_PERSIST) / 4294967296 < r;
	}

	/** For a successful non-exempt write: the index of the reset to inject, or null to answer normally. */
	resetAfterWrite(): number | null {
		const r = this.s.resetAfterWriteRate;
		if (r <= 0) return null;
		const n = this.writeCounter++;
		return mix32(this.seed(), n, LANE_RESET_AFTER_WRITE) / 4294967296 < r ? n : null;
	}

	/**
	 * Whether an Agent API route registered at `routePath` answers: always with prefix `both`;
	 * otherwise only when the path is under the configured prefix (`/api/agent/…` vs `/api/…`).
	 */
	agentRouteServed(routePath: string): boolean {
		const p = this.s.agentPrefix;
		if (p === 'both') return true;
		const underAgent = routePath.startsWith('/api/agent/');
		return p === '/api/agent' ? underAgent : !underAgent;
	}

	/** Whether GET /api/leads with page/pageSize is the Agent lead search (false when the Agent API lives under /api/agent only). */
	get agentSearchOnLeads(): boolean {
		return this.s.agentPrefix !== '/api/agent';
	}
}
