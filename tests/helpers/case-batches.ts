/**
 * Reads rows belonging to many cases a batch of case ids at a time (one `in (…)` list per query stays
 * well under the drivers' parameter limit) and groups them by case, in the order the query returns.
 */
const BATCH = 5000;

export async function groupByCaseInBatches<R extends { caseId: string }, V>(
	caseIds: readonly string[],
	read: (ids: string[]) => Promise<R[]>,
	toValue: (row: R) => V
): Promise<Map<string, V[]>> {
	const byCase = new Map<string, V[]>();
	for (let i = 0; i < caseIds.length; i += BATCH) {
		for (const row of await read(caseIds.slice(i, i + BATCH))) {
			const list = byCase.get(row.caseId) ?? [];
			list.push(toValue(row));
			byCase.set(row.caseId, list);
		}
	}
	return byCase;
}
