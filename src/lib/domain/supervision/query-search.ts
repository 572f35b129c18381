import type { Period } from './period';
import type { CasesLinkFilters } from './cases-link';

/** The supervision query string that reproduces a period and filters (page URL, export links). */
export function analysisSearch(period: Period, filters: CasesLinkFilters): URLSearchParams {
	const p = new URLSearchParams();
	if (period.kind === 'custom') {
		p.set('from', period.from);
		p.set('to', period.to);
	} else p.set('period', period.kind);
	for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') p.set(k, String(v));
	return p;
}
