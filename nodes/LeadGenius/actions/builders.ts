import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import type { ApiRequest, PageStyle } from '../transport/client';
import { pickArray } from '../transport/client';
import { requireApiKey } from './bulk-access';
import { leadClientSlug } from './client-slug';
import type { Params } from './params';
import type { ItemContext, OpResult, Operation } from './types';

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
export function fromHeader(spec: OperationHeader): Pick<Operation, 'value' | 'name' | 'action' | 'description' | 'secretOutputs' | 'properties'> {
	const { value, name, action, description, secretOutputs } = spec;
	return { value, name, action, description, ...(secretOutputs ? { secretOutputs } : {}), properties: spec.properties ?? [] };
}

export interface OperationSpec<R> extends OperationHeader {
	/** Endpoints the operation calls, as `METHOD /path` (for the coverage table). */
	routes: string[];
	/** Phase one: read and validate every parameter the operation uses. Sends nothing. */
	read: (p: Params, ctx: ItemContext) => R;
	/** Phase two: talk to the API with what `read` returned (parameters can no longer be read). */
	run: (read: R, ctx: ItemContext) => Promise<OpResult>;
}

/**
 * The one operation shape: a typed read step (phase one, the only step that sees `p`) and a run
 * step (phase two) that gets its result. Every other builder is made of this one.
 */
export function operation<R>(spec: OperationSpec<R>): Operation {
	return {
		...fromHeader(spec),
		routes: spec.routes,
		read: spec.read,
		run: spec.run as (read: unknown, ctx: ItemContext) => Promise<OpResult>,
	};
}

/** Runs in phase two, just before the request is sent, and may change it. */
export type BeforeSend<R = unknown> = (req: ApiRequest, ctx: ItemContext, read: R) => Promise<void>;

/**
 * The invisible-lead guard for a request whose `qs.client_id` names a lead's client: the value the
 * user gave becomes the client's slug (a record ID is converted; anything else stops the item).
 */
export const leadClientInQuery: BeforeSend = async (req, ctx) => {
	const value = req.qs?.client_id;
	if (typeof value === 'string' && value !== '') req.qs = { ...req.qs, client_id: await leadClientSlug(ctx.api, value, ctx.i, ctx.fn) };
};

export interface RequestSpec<R> extends OperationHeader {
	method: IHttpRequestMethods;
	/** A fixed path, or one built from what `read` returned. `{agent}` stands for the Agent API prefix. */
	path: string | ((read: R) => string);
	/** Route for the coverage table: derived from the method and a fixed path; required for a computed one. */
	route?: string;
	/**
	 * Phase one: read and validate every parameter the request uses (omit when it reads none).
	 * Unless `qs` or `body` is declared, or the path is computed from it, what `read` returns is sent
	 * as it is: as the body of a POST, PUT or PATCH, as the query of a GET or DELETE.
	 */
	read?: (p: Params, ctx: ItemContext) => R;
	/** The query, built from what `read` returned (when it is not `read`'s result itself). */
	qs?: (read: R) => IDataObject | undefined;
	/** The body, built from what `read` returned (when it is not `read`'s result itself). */
	body?: (read: R) => IDataObject | IDataObject[] | undefined;
	/** Bulk routes: refuse credentials other than an API key before sending. */
	apiKeyOnly?: boolean;
	idempotent?: boolean;
	/** Phase two, before sending: complete the request with what needs a look-up (e.g. a client's slug). */
	before?: BeforeSend<R>;
	/** Turn the answer into output records (default: the answer itself). */
	output?: (answer: IDataObject, read: R, ctx: ItemContext) => OpResult;
}

/** The route of a request for the coverage table: given, or derived from the method and the fixed path. */
function routeOf<R>(spec: RequestSpec<R>): string {
	if (spec.route) return spec.route;
	if (typeof spec.path !== 'string') throw new Error(`${spec.name}: a computed path needs its route`);
	return `${spec.method} ${spec.path}`;
}

/** Where a request sends what its `read` step returned when the operation does not say. */
const SENT_AS: Partial<Record<IHttpRequestMethods, 'qs' | 'body'>> = { GET: 'qs', DELETE: 'qs', HEAD: 'qs' };

/** What `read` returned, when it can be sent as a query or a body; a builder error otherwise. */
function readAsObject(read: unknown, name: string): IDataObject {
	if (read === null || typeof read !== 'object' || Array.isArray(read)) {
		throw new Error(`${name}: its read step returned no object to send; declare qs or body`);
	}
	return read as IDataObject;
}

/** An operation that is one request: the common case, a row of the endpoint table. */
export function requestOperation<R = undefined>(spec: RequestSpec<R>): Operation {
	return operation({
		...spec,
		routes: [routeOf(spec)],
		read: (p, ctx) => {
			if (spec.apiKeyOnly) requireApiKey(ctx.api, spec.name, ctx.i);
			const read = spec.read ? spec.read(p, ctx) : (undefined as R);
			const path = typeof spec.path === 'string' ? spec.path : spec.path(read);
			const req: ApiRequest = { method: spec.method, path, qs: spec.qs?.(read), body: spec.body?.(read), idempotent: spec.idempotent };
			if (spec.read && !spec.qs && !spec.body && typeof spec.path === 'string') {
				req[SENT_AS[spec.method] ?? 'body'] = readAsObject(read, spec.name);
			}
			return { read, req };
		},
		run: async ({ read, req }, ctx) => {
			const sent = { ...req, itemIndex: ctx.i };
			await spec.before?.(sent, ctx, read);
			const answer = (await ctx.api.request<IDataObject>(sent)) ?? {};
			return spec.output ? spec.output(answer, read, ctx) : answer;
		},
	});
}

/** A list the API serves whole, in one answer: Return All / Limit are applied to it here. */
export interface WholeList {
	whole: true;
	/** Response keys that may hold the records, tried in order. */
	itemKeys: string[];
}

export interface ListSpec<R> extends OperationHeader {
	path: string;
	/** Phase one: read and validate the parameters the list uses (omit when it reads none). Unless `qs` is declared, what it returns is the query. */
	read?: (p: Params, ctx: ItemContext) => R;
	/** The query, built from what `read` returned (when it is not `read`'s result itself). */
	qs?: (read: R) => IDataObject | undefined;
	/** How the API pages the list, or that it serves it whole. */
	style: PageStyle | WholeList;
	/** Largest Limit the user may ask for (defaults to no maximum). */
	maxLimit?: number;
	/** Shape each record for output (e.g. Simplify). */
	map?: (record: IDataObject, read: R) => IDataObject;
	apiKeyOnly?: boolean;
	before?: BeforeSend<R>;
}

/** A list with Return All / Limit (the fields are added by the caller): paginated, or served whole. */
export function listOperation<R = undefined>(spec: ListSpec<R>): Operation {
	const style = spec.style;
	return operation({
		...spec,
		routes: [`GET ${spec.path}`],
		read: (p, ctx) => {
			if (spec.apiKeyOnly) requireApiKey(ctx.api, spec.name, ctx.i);
			const limit = p.limit(spec.maxLimit);
			const read = spec.read ? spec.read(p, ctx) : (undefined as R);
			const qs = spec.qs ? spec.qs(read) : spec.read ? readAsObject(read, spec.name) : undefined;
			return { read, limit, qs };
		},
		run: async ({ read, limit, qs }, ctx) => {
			const req: ApiRequest = { method: 'GET', path: spec.path, qs, itemIndex: ctx.i };
			await spec.before?.(req, ctx, read);
			let records: IDataObject[];
			if ('whole' in style) {
				const all = pickArray((await ctx.api.request<IDataObject>(req)) ?? {}, style.itemKeys);
				records = limit === undefined ? all : all.slice(0, limit);
			} else {
				records = await ctx.api.paginate(req, style, { returnAll: limit === undefined, limit });
			}
			return spec.map ? records.map((r) => spec.map!(r, read)) : records;
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
