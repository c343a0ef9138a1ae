import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import type { ApiRequest, PageStyle } from '../transport/client';
import { pickArray } from '../transport/client';
import { leadClientSlug } from './client-slug';
import type { Params } from './params';
import type { OpContext, OpResult, Operation } from './types';

/** Operation header: what the user sees in the operation list. */
export interface OperationHeader {
	value: string;
	name: string;
	action: string;
	description?: string;
	properties?: INodeProperties[];
	/** Output fields that carry a secret (see Operation.secretOutputs). */
	secretOutputs?: string[];
}

/** The parts of an operation its header gives, the same for every builder. */
export function fromHeader(spec: OperationHeader): Pick<Operation, 'value' | 'name' | 'action' | 'description' | 'secretOutputs'> {
	const { value, name, action, description, secretOutputs } = spec;
	return { value, name, action, description, ...(secretOutputs ? { secretOutputs } : {}) };
}

type FromParams<T> = (p: Params, ctx: OpContext) => T;

/** Runs in phase two, just before the request is sent, and may change it. */
export type BeforeSend = (req: ApiRequest, ctx: OpContext) => Promise<void>;

/**
 * The invisible-lead guard for a request whose `qs.client_id` names a lead's client: the value the
 * user gave becomes the client's slug (a record ID is converted; anything else stops the item).
 */
export const leadClientInQuery: BeforeSend = async (req, ctx) => {
	const value = req.qs?.client_id;
	if (typeof value === 'string' && value !== '') req.qs = { ...req.qs, client_id: await leadClientSlug(ctx.api, value, ctx.i, ctx.p.hints) };
};

export interface RequestSpec extends OperationHeader {
	method: IHttpRequestMethods;
	/** A fixed path, or one built from the parameters. `{agent}` stands for the Agent API prefix. */
	path: string | FromParams<string>;
	/** Route(s) for the coverage table when the path is built from parameters. */
	route?: string;
	qs?: FromParams<IDataObject | undefined>;
	body?: FromParams<IDataObject | IDataObject[] | undefined>;
	/** Bulk routes: refuse credentials other than an API key before sending. */
	apiKeyOnly?: boolean;
	/** Validates parameters the request itself does not use (runs before anything is sent). */
	check?: FromParams<void>;
	idempotent?: boolean;
	/** Phase two, before sending: complete the request with what needs a look-up (e.g. a client's slug). */
	before?: BeforeSend;
	/** Turn the answer into output records (default: the answer itself). */
	output?: (answer: IDataObject, p: Params) => OpResult;
}

/** An operation that is one request: the common case, a row of the endpoint table. */
export function requestOperation(spec: RequestSpec): Operation {
	return {
		...fromHeader(spec),
		routes: [spec.route ?? `${spec.method} ${typeof spec.path === 'string' ? spec.path : '?'}`],
		properties: spec.properties ?? [],
		prepare: (ctx) => {
			if (spec.apiKeyOnly) ctx.api.requireApiKey(`${spec.name}`, ctx.i);
			spec.check?.(ctx.p, ctx);
			const req = buildRequest(spec, ctx);
			return async () => {
				await spec.before?.(req, ctx);
				const answer = await ctx.api.request<IDataObject>(req);
				return spec.output ? spec.output(answer ?? {}, ctx.p) : (answer ?? {});
			};
		},
	};
}

function buildRequest(spec: RequestSpec, ctx: OpContext): ApiRequest {
	const path = typeof spec.path === 'string' ? spec.path : spec.path(ctx.p, ctx);
	return {
		method: spec.method,
		path,
		qs: spec.qs?.(ctx.p, ctx),
		body: spec.body?.(ctx.p, ctx),
		idempotent: spec.idempotent,
		itemIndex: ctx.i,
	};
}

export interface ListSpec extends OperationHeader {
	path: string;
	qs?: FromParams<IDataObject | undefined>;
	style: PageStyle;
	/** Largest Limit the user may ask for (defaults to no maximum). */
	maxLimit?: number;
	/** Shape each record for output (e.g. Simplify). */
	map?: (record: IDataObject, p: Params) => IDataObject;
	apiKeyOnly?: boolean;
	before?: BeforeSend;
}

/** A paginated list with Return All / Limit (the fields are added by the caller). */
export function listOperation(spec: ListSpec): Operation {
	return {
		...fromHeader(spec),
		routes: [`GET ${spec.path}`],
		properties: spec.properties ?? [],
		prepare: (ctx) => {
			if (spec.apiKeyOnly) ctx.api.requireApiKey(spec.name, ctx.i);
			const limit = ctx.p.limit(spec.maxLimit);
			const returnAll = limit === undefined;
			const qs = spec.qs?.(ctx.p, ctx);
			return async () => {
				const req: ApiRequest = { method: 'GET', path: spec.path, qs, itemIndex: ctx.i };
				await spec.before?.(req, ctx);
				const records = await ctx.api.paginate(
					req,
					spec.style,
					{ returnAll, limit },
				);
				return spec.map ? records.map((r) => spec.map!(r, ctx.p)) : records;
			};
		},
	};
}

/** A list the API serves whole (no pagination): Return All / Limit applied locally. */
export function wholeListOperation(
	spec: OperationHeader & {
		path: string;
		itemKeys: string[];
		qs?: FromParams<IDataObject | undefined>;
		map?: (record: IDataObject, p: Params) => IDataObject;
	},
): Operation {
	return requestOperation({
		...spec,
		method: 'GET',
		check: (p) => void p.limit(),
		output: (answer, p) => {
			const records = pickArray(answer, spec.itemKeys);
			const mapped = spec.map ? records.map((r) => spec.map!(r, p)) : records;
			const limit = p.limit();
			return limit === undefined ? mapped : mapped.slice(0, limit);
		},
	});
}

/** A copy of the record without the given keys (e.g. an answer's `success` flag). */
export function omit(record: IDataObject, ...keys: string[]): IDataObject {
	const out = { ...record };
	for (const key of keys) delete out[key];
	return out;
}

/** The object under the first key present (APIs wrap single records differently). */
export function unwrap(answer: IDataObject, ...keys: string[]): IDataObject {
	for (const key of keys) {
		const value = answer[key];
		if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	}
	return answer;
}
