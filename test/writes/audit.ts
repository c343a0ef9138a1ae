/**
 * The lossless-writes audit: after an import, compare what every item says with what the
 * sandbox's store really holds (invisible leads included).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';

export interface Audit {
	items: number;
	created: number;
	failed: number;
	skipped: number;
	/** Items not failed whose lead is not stored. */
	lost: number;
	/** E-mails stored more than once. */
	duplicates: number;
	/** `created` items whose id is not the stored lead's. */
	wrongIds: number;
	/** Failed items without a reason. */
	failedWithoutReason: number;
}

/** Input rows with tricky but valid values; every e-mail unique to this import. */
export function leadRows(n: number, tag: string) {
	return Array.from({ length: n }, (_, k) => ({
		firstName: `Zoë ${k}`,
		lastName: k % 7 === 0 ? "O'Brien-Núñez" : `Lastname${k}`,
		email: `lead${k}.${tag}@import.test`,
		companyName: k % 3 === 0 ? 'Acme, "Inc."' : 'Globex',
	}));
}

export function audit(sb: Sandbox, input: Array<{ email: string }>, out: INodeExecutionData[]): Audit {
	const byEmail = new Map<string, string[]>();
	const wanted = new Set(input.map((r) => r.email.toLowerCase()));
	for (const lead of sb.store.allLeadsOf(sb.demo.companyId)) {
		const email = String(lead.email ?? '').toLowerCase();
		if (!wanted.has(email)) continue;
		byEmail.set(email, [...(byEmail.get(email) ?? []), lead.id]);
	}
	const a: Audit = { items: input.length, created: 0, failed: 0, skipped: 0, lost: 0, duplicates: 0, wrongIds: 0, failedWithoutReason: 0 };
	for (const ids of byEmail.values()) if (ids.length > 1) a.duplicates++;
	// pairedItem ties every output item to its input row
	const outcome = new Map<number, INodeExecutionData>();
	for (const item of out) {
		const paired = item.pairedItem as { item: number } | undefined;
		if (paired) outcome.set(paired.item, item);
	}
	input.forEach((row, k) => {
		const item = outcome.get(k);
		const stored = byEmail.get(row.email.toLowerCase()) ?? [];
		const json = item?.json ?? {};
		if (!item || json.error !== undefined) {
			a.failed++;
			if (typeof json.error !== 'string' || json.error.length < 10) a.failedWithoutReason++;
			return;
		}
		if (json.status === 'skipped') {
			a.skipped++;
			return;
		}
		if (stored.length === 0) a.lost++;
		if (json.status === 'created' || json.operation === 'created' || (json.status === undefined && json.id !== undefined)) {
			a.created++;
			if (stored.length !== 1 || stored[0] !== json.id) a.wrongIds++;
		} else {
			a.lost++; // neither created nor failed nor skipped: not an honest outcome
		}
	});
	return a;
}
