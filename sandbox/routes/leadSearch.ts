/**
 * §3.14.7 Agent-style lead search: `page`/`pageSize`, case-insensitive substring filters, newest
 * first, `{ data, pagination }`. Served by GET /api/agent/leads and by GET /api/leads when `page`
 * or `pageSize` is present.
 */
import { AGENT_LEAD_EXACT_FILTERS, AGENT_LEAD_TEXT_FILTERS } from '../catalog';
import { tenant, type ApiRequest, type Ctx, type Reply } from '../http';
import { joinJson, rowJson, type Row } from '../store';
import type { Lead } from '../types';
import { qClamped, qString } from '../validate';

export function agentLeadSearch(req: ApiRequest, { store }: Ctx): Reply {
	const { companyId } = tenant(req);
	const pageSize = qClamped(req.query, 'pageSize', 20, 100);
	const page = qClamped(req.query, 'page', 1, Number.MAX_SAFE_INTEGER);
	const text: Array<[string, string]> = [];
	for (const f of AGENT_LEAD_TEXT_FILTERS) {
		const v = qString(req.query, f);
		if (v !== undefined) text.push([f, v.toLowerCase()]);
	}
	const exact: Array<[string, string]> = [];
	for (const f of AGENT_LEAD_EXACT_FILTERS) {
		const v = qString(req.query, f);
		if (v !== undefined) exact.push([f, v]);
	}
	const rows = store.leads.companyRows(companyId);
	const from = (page - 1) * pageSize;
	let pageRows: Row<Lead>[] = [];
	let total: number;
	if (text.length === 0 && exact.length === 0) {
		total = rows.length;
		const hi = rows.length - from; // newest first: walk backwards
		for (let i = hi - 1; i >= Math.max(0, hi - pageSize); i--) pageRows.push(rows[i]);
	} else {
		const matches: Row<Lead>[] = [];
		for (let i = rows.length - 1; i >= 0; i--) {
			const rec = rows[i].rec;
			let keep = true;
			for (const [f, v] of exact) {
				if (rec[f] !== v) {
					keep = false;
					break;
				}
			}
			if (keep) {
				for (const [f, needle] of text) {
					const value = rec[f];
					if (value === undefined || value === null || !String(value).toLowerCase().includes(needle)) {
						keep = false;
						break;
					}
				}
			}
			if (keep) matches.push(rows[i]);
		}
		total = matches.length;
		pageRows = matches.slice(from, from + pageSize);
	}
	const pagination = { page, pageSize, totalItems: total, totalPages: Math.ceil(total / pageSize) };
	return { status: 200, json: joinJson('{"success":true,"data":[', pageRows.map(rowJson), `],"pagination":${JSON.stringify(pagination)}}`) };
}

