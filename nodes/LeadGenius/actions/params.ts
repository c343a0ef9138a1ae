import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a text has the shape of an email address. */
export function isEmail(text: string): boolean {
	return EMAIL.test(text);
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
	) {}

	get node() {
		return this.fn.getNode();
	}

	/** Where an operation leaves execution hints (shown above the output). */
	get hints(): Pick<IExecuteFunctions, 'addExecutionHints'> {
		return this.fn;
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
		return this.fn.getInputData()[this.i]?.json ?? {};
	}

	/** Like `fail`, for a field of the input item rather than a parameter. */
	failInput(field: string, problem: string, description: string): never {
		throw new NodeOperationError(this.fn.getNode(), `Input field "${field}" ${problem} [item ${this.i}]`, {
			itemIndex: this.i,
			description,
		});
	}

	raw<T = unknown>(name: string, fallback?: unknown): T {
		return this.fn.getNodeParameter(name, this.i, fallback as never) as T;
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
		const value = this.fn.getNodeParameter(name, this.i, '', { extractValue: true }) as unknown;
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

/** Drop undefined, null and empty-string values (LeadGenius answers 500 to empty strings). */
export function compact(obj: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(obj)) {
		if (v === undefined || v === null) continue;
		if (typeof v === 'string' && v.trim() === '') continue;
		out[k] = typeof v === 'string' ? v.trim() : v;
	}
	return out;
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
