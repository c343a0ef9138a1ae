/**
 * Bounded parallelism for the per-item and batch operations: at most `limit` calls of `fn` run at
 * once; results come back in input order, whatever order they finished in.
 */
export async function mapConcurrent<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	let next = 0;
	const lane = async (): Promise<void> => {
		for (;;) {
			const k = next++;
			if (k >= items.length) return;
			results[k] = await fn(items[k], k);
		}
	};
	await Promise.all(Array.from({ length: width }, lane));
	return results;
}
