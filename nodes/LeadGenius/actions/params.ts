import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a text has the shape of an email address. */
export function isEmail(text: string): boolean {
	return EMAIL.test(text);
}

/** Whether a raw parameter value holds an expression anywhere (a string starting with "="). */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

type Scalar = string | number | boolean | undefined | null;

/**
 * One execution's parameter values that cannot change between items: a parameter with no
 * expression in it reads the same for item 0 and item 9,999, so it is read from n8n once. Only
 * scalars are kept (callers may change the objects n8n hands out).
 */
export class ExecutionParams {
	/** Values read with and without `extractValue`, with the fallback they were read with. */
	private readonly values = [new Map<string, { fallback: unknown; value: Scalar }>(), new Map<string, { fallback: unknown; value: Scalar }>()];
	private readonly constant = new Map<string, boolean>();
	private readonly derived = new Map<string, unknown>();
	private inputItems?: INodeExecutionData[];

	constructor(private readonly fn: IExecuteFunctions) {}

	/** The input items (n8n's getInputData, asked once). */
	get items(): INodeExecutionData[] {
		return (this.inputItems ??= this.fn.getInputData());
	}

	/** What `compute` makes of item-independent values, made once per execution (keyed by `key`). */
	once<T>(key: string, compute: () => T): T {
		if (!this.derived.has(key)) this.derived.set(key, compute());
		return this.derived.get(key) as T;
	}

	/** The value `read` gives, read once when the parameter holds no expression. */
	read(name: string, extractValue: boolean, fallback: unknown, read: () => unknown): unknown {
		const values = this.values[extractValue ? 1 : 0];
		// an absent parameter reads as the fallback: a different fallback is a different value
		const cached = values.get(name);
		if (cached !== undefined && cached.fallback === fallback) return cached.value;
		const value = read();
		if ((value === null || typeof value !== 'object') && this.isConstant(name)) values.set(name, { fallback, value: value as Scalar });
		return value;
	}

	private isConstant(name: string): boolean {
		let known = this.constant.get(name);
		if (known === undefined) {
			let raw: unknown = this.fn.getNode().parameters;
			for (const part of name.split('.')) raw = raw && typeof raw === 'object' ? (raw as IDataObject)[part] : undefined;
			known = !hasExpression(raw);
			this.constant.set(name, known);
		}
		return known;
	}
}

/**
 * Reads one item's parameters and validates them. Every error names the parameter (display name
 * and internal name) and the item, so the user can find it at once.
 */
export class Params {
	constructor(
		private readonly fn: IExecuteFunctions,
		readonly i: number,
		private readonly labels: Map<string, string>,
		/** The execution's item-independent values (the router shares one across all items). */
		private readonly shared?: ExecutionParams,
	) {}

	private sealed = false;

	/**
	 * Ends phase one: from now on reading a parameter or the input is a programming error (phase two
	 * works only with what phase one returned). The router seals every item's reader after `read`.
	 */
	seal(): void {
		this.sealed = true;
	}

	private open(name: string): void {
		if (this.sealed) {
			throw new NodeOperationError(
				this.fn.getNode(),
				`Internal error: parameter "${name}" was read after the request phase began [item ${this.i}]`,
				{ itemIndex: this.i, description: 'Operations read every parameter in their read step.' },
			);
		}
	}

	/** Display name of a parameter (falls back to the internal name). */
	label(name: string): string {
		const top = name.split('.')[0];
		return this.labels.get(name) ?? this.labels.get(top) ?? name;
	}

	fail(name: string, problem: string, description?: string): never {
		throw new NodeOperationError(
			this.fn.getNode(),
			`Parameter "${this.label(name)}" ${problem} [item ${this.i}]`,
			{ itemIndex: this.i, description: description ?? `Internal parameter name: ${name}` },
		);
	}

	/** This item's input JSON (Map Automatically takes its fields from here). */
	input(): IDataObject {
		this.open('$json');
		return (this.shared ? this.shared.items : this.fn.getInputData())[this.i]?.json ?? {};
	}

	/** Like `fail`, for a field of the input item rather than a parameter. */
	failInput(field: string, problem: string, description: string): never {
		throw new NodeOperationError(this.fn.getNode(), `Input field "${field}" ${problem} [item ${this.i}]`, {
			itemIndex: this.i,
			description,
		});
	}

	/** Something derived from item-independent values, made once per execution (every item when unshared). */
	once<T>(key: string, compute: () => T): T {
		return this.shared ? this.shared.once(key, compute) : compute();
	}

	/** An optional date (a collection's value, already read): undefined when not given, else it must parse. */
	date(name: string, value: unknown): string | undefined {
		if (value === undefined) return undefined;
		const text = String(value);
		if (Number.isNaN(Date.parse(text))) this.fail(name, `is not a valid date (got "${text}")`);
		return text;
	}

	/**
	 * The node version this workflow saved (n8n's typeVersion), read once per execution: n8n's
	 * getNode() deep-copies the node, parameters and all, on every call.
	 */
	get version(): number {
		return this.once('@typeVersion', () => this.fn.getNode().typeVersion);
	}

	raw<T = unknown>(name: string, fallback?: unknown): T {
		this.open(name);
		const read = () => this.fn.getNodeParameter(name, this.i, fallback as never);
		return (this.shared ? this.shared.read(name, false, fallback, read) : read()) as T;
	}

	/** A string parameter; required ones must be non-blank. */
	str(name: string, opts: { required?: boolean; fallback?: string } = {}): string {
		const value = this.raw<unknown>(name, opts.fallback ?? '');
		const text = value === undefined || value === null ? '' : String(value).trim();
		if (opts.required && text === '') this.fail(name, 'is required but empty');
		return text;
	}

	/** The value of a resource locator (or a plain string parameter). */
	locator(name: string, opts: { required?: boolean } = { required: true }): string {
		this.open(name);
		const read = () => this.fn.getNodeParameter(name, this.i, '', { extractValue: true });
		const value = this.shared ? this.shared.read(name, true, '', read) : read();
		const text = value === undefined || value === null ? '' : String(value).trim();
		if ((opts.required ?? true) && text === '') this.fail(name, 'is required but empty');
		return text;
	}

	int(name: string, opts: { min?: number; max?: number; fallback?: number } = {}): number {
		const value = this.raw<unknown>(name, opts.fallback);
		const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof n !== 'number' || !Number.isInteger(n)) {
			this.fail(name, `must be a whole number (got ${JSON.stringify(value)})`);
		}
		if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
			this.fail(name, `must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'} (got ${n})`);
		}
		return n;
	}

	bool(name: string, fallback = false): boolean {
		return Boolean(this.raw(name, fallback));
	}

	/** An e-mail address; checked for shape when not empty. */
	email(name: string, opts: { required?: boolean } = {}): string {
		const text = this.str(name, opts);
		if (text !== '' && !isEmail(text)) this.fail(name, `is not a valid email address (got "${text}")`);
		return text;
	}

	/** A JSON parameter: an object typed in or passed by expression. */
	json(name: string, opts: { required?: boolean; array?: boolean } = {}): IDataObject | IDataObject[] | undefined {
		const value = this.raw<unknown>(name, opts.array ? '[]' : '{}');
		let parsed: unknown = value;
		if (typeof value === 'string') {
			if (value.trim() === '') {
				if (opts.required) this.fail(name, 'is required but empty');
				return undefined;
			}
			try {
				parsed = JSON.parse(value);
			} catch (error) {
				this.fail(name, `is not valid JSON: ${(error as Error).message}`);
			}
		}
		if (opts.array) {
			if (!Array.isArray(parsed)) this.fail(name, 'must be a JSON array');
		} else if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			this.fail(name, 'must be a JSON object');
		}
		return parsed as IDataObject | IDataObject[];
	}

	/** A collection parameter with empty strings removed (the API fails on empty strings). */
	collection(name: string): IDataObject {
		const value = this.raw<IDataObject>(name, {});
		return compact(value ?? {});
	}

	/** The Return All / Limit pair: undefined for Return All, else the validated Limit. */
	limit(max?: number): number | undefined {
		return this.bool('returnAll') ? undefined : this.int('limit', { min: 1, max, fallback: 50 });
	}

	/** A comma-separated or multi-select list of strings. */
	list(name: string): string[] {
		const value = this.raw<unknown>(name, []);
		const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
		return parts.map((v) => String(v).trim()).filter((v) => v !== '');
	}
}

/**
 * Drop undefined, null and empty-string values (LeadGenius answers 500 to empty strings), and the
 * `leave` keys; text is trimmed. Entries go into `into` (a new object by default).
 */
export function compact(obj: IDataObject, leave?: ReadonlySet<string>, into: IDataObject = {}): IDataObject {
	for (const k in obj) {
		if (!Object.prototype.hasOwnProperty.call(obj, k) || leave?.has(k)) continue;
		const v = obj[k];
		if (v === undefined || v === null) continue;
		if (typeof v === 'string') {
			const text = v.trim();
			if (text !== '') into[k] = text;
		} else into[k] = v;
	}
	return into;
}

/** Map internal names to display names, from every property (nested ones included). */
export function collectLabels(properties: INodeProperties[], into = new Map<string, string>()) {
	for (const prop of properties) {
		if (!into.has(prop.name)) into.set(prop.name, prop.displayName);
		for (const option of (prop.options ?? []) as unknown[]) {
			const nested = option as { name?: string; displayName?: string; values?: INodeProperties[] };
			if (nested.displayName && nested.name) into.set(`${prop.name}.${nested.name}`, nested.displayName);
			if (nested.values) collectLabels(nested.values, into);
		}
	}
	return into;
}
