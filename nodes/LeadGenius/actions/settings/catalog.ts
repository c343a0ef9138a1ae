/**
 * The fixed vocabularies of the settings and lead-processing contract (LEADGENIUS_API.md §3.9,
 * §3.10): enrichment services, copyright processes and SDR AI fields, each with its display label.
 * Every settings field and every selector option is generated from these arrays.
 */

import { AI_FIELDS } from '../bulk';

const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);

export interface Entry {
	/** The API's key, e.g. `enrichment1`, `aiLeadScore`. */
	key: string;
	/** Display label, e.g. `Enrichment 1`, `AI Lead Score`. */
	label: string;
	/** The lead field the item writes. */
	target: string;
}

/** Services of POST /api/leads/process/enrich (12); each is a URL setting plus `<key>_Apikey`. */
export const ENRICH_SERVICES: Entry[] = [
	{ key: 'companyUrl', label: 'Company URL', target: 'companyUrl' },
	{ key: 'emailFinder', label: 'Email Finder', target: 'email' },
	...oneToTen.map((n) => ({ key: `enrichment${n}`, label: `Enrichment ${n}`, target: `enrichment${n}` })),
];

/** Copyright processes 1–10 of POST /api/leads/process/copyright; process N writes `enrichment<N>`. */
export const COPYRIGHT_PROCESSES: number[] = oneToTen;

/** SDR AI fields (26) of POST /api/leads/process/sdr; field F uses the setting `<F>AgentId`. */
export const SDR_FIELDS: Entry[] = [
	...oneToTen.map((n) => ({ key: `message${n}`, label: `Message ${n}`, target: `message${n}` })),
	...AI_FIELDS.map(([key, label]) => ({ key, label, target: key })),
];
