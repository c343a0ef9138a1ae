/**
 * One page loop over the bulk list (`GET /api/enrich-leads/list`, chained by `nextToken`) for every
 * bench path that reads it by hand: the raw loops (axios) and the floor node (n8n's request helper)
 * differ only in how one page is fetched. No imports, so bench/workflow.ts and bench/paths.ts can
 * both use it.
 */
export const BULK_PATH = '/api/enrich-leads/list';

export interface BulkPage {
	data: Array<Record<string, unknown>>;
	nextToken?: string | null;
}

/** Every page of `query` (plus `nextToken`), `onPage` per page; returns the requests sent. */
export async function forEachBulkPage(
	getPage: (query: Record<string, string | number>) => Promise<BulkPage>,
	query: Record<string, string | number>,
	onPage: (rows: BulkPage['data']) => void,
): Promise<number> {
	let nextToken: string | undefined;
	let requests = 0;
	for (;;) {
		const page = await getPage(nextToken ? { ...query, nextToken } : query);
		requests++;
		onPage(page.data);
		if (!page.nextToken) return requests;
		nextToken = page.nextToken;
		if (requests > 10_000) throw new Error('bulk list: too many pages');
	}
}
