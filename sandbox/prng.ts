/**
 * Small deterministic pseudo-random generator (mulberry32) plus helpers.
 * Everything the seed produces is derived from one of these, so a given seed
 * always yields the same data set.
 */

/** 32-bit FNV-1a hash of a string, optionally mixed with a numeric salt. */
export function hash32(text: string, salt = 0): number {
	let h = (0x811c9dc5 ^ salt) >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/** Mixes integers into a well-spread 32-bit value (counter-based randomness). */
export function mix32(a: number, b: number, c = 0): number {
	let h = (a ^ 0x9e3779b9) >>> 0;
	h = imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
	h = (h ^ imul(b + 0x27d4eb2f, 0x165667b1)) >>> 0;
	h = imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
	h = (h ^ imul(c + 0x61c88647, 0x27d4eb2d)) >>> 0;
	h = imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
	return (h ^ (h >>> 16)) >>> 0;
}

// Built-ins are bound to module constants: under Jest (vm contexts) every global lookup goes
// through an interceptor, which made the 100k-lead seed several times slower.
const imul = Math.imul;
const floor = Math.floor;
const fromCharCode = String.fromCharCode;

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const UUID_CODES: number[] = new Array(36).fill(0);

export class Prng {
	private state: number;

	constructor(seed: number) {
		this.state = (floor(seed) ^ 0x5bd1e995) >>> 0;
	}

	/** Next unsigned 32-bit integer. */
	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return (t ^ (t >>> 14)) >>> 0;
	}

	/** Float in [0, 1). */
	float(): number {
		return this.next() / 4294967296;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return floor(this.float() * n);
	}

	/** Integer in [min, max]. */
	range(min: number, max: number): number {
		return min + this.int(max - min + 1);
	}

	chance(p: number): boolean {
		return this.float() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	/** RFC 4122 version-4 shaped UUID built from this generator (one flat string allocation). */
	uuid(): string {
		const codes = UUID_CODES;
		let w = 0;
		let o = 0;
		for (let i = 0; i < 16; i++) {
			if ((i & 3) === 0) w = this.next();
			let byte = (w >>> ((i & 3) * 8)) & 255;
			if (i === 6) byte = 0x40 | (byte & 15);
			else if (i === 8) byte = 0x80 | (byte & 63);
			if (i === 4 || i === 6 || i === 8 || i === 10) codes[o++] = 45; // '-'
			codes[o++] = HEX_CODES[byte >>> 4];
			codes[o++] = HEX_CODES[byte & 15];
		}
		return fromCharCode.apply(null, codes);
	}

	/** Lower-case alphanumeric string of the given length. */
	alnum(length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += ALNUM[this.int(36)];
		return out;
	}

	hex(bytes: number): string {
		let out = '';
		for (let i = 0; i < bytes; i++) out += HEX[this.next() & 255];
		return out;
	}
}
