/**
 * The `/cases` list behind a row of the supervision tables: the same period and filters, narrowed to
 * the row's service, unit, officer or agency. Parameter names are those of the case list's filters.
 */
import type { Period } from './period';

export interface CasesLinkFilters {
	readonly service?: string;
	readonly unit?: string;
	readonly officer?: number;
	readonly agency?: string;
}

export function casesLink(period: Period, filters: CasesLinkFilters, row: CasesLinkFilters = {}): string {
	const f = { ...filters, ...row };
	const p = new URLSearchParams();
	if (f.service) p.set('service', f.service);
	if (f.unit) p.set('unit', f.unit);
	if (f.officer) p.set('assignee', String(f.officer));
	if (f.agency) p.set('agency', f.agency);
	p.set('from', period.from);
	p.set('to', period.to);
	return `/cases?${p.toString()}`;
}
