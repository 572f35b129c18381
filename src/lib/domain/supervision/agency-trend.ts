/**
 * The agencies' answers month by month (001 p.16: 10 WD, silence is a deemed approval): one row per
 * calendar month of the period, by the Almaty month of the request, months without requests
 * included (a gap is an answer too), so a chart's axis is the period's months.
 */
import type { WorkingCalendar } from '../calendar';
import { consultationSummary, type ConsultationFacts, type ConsultationSummary } from './agency-stats';
import type { Period } from './period';

export interface AgencyTrendRow extends ConsultationSummary {
	/** 'YYYY-MM'. */
	readonly month: string;
}

/** The months a period touches, first to last ('YYYY-MM'). */
export function monthsOf(period: Period): string[] {
	const months: string[] = [];
	let [y, m] = period.from.slice(0, 7).split('-').map(Number) as [number, number];
	const last = period.to.slice(0, 7);
	for (;;) {
		const month = `${y}-${String(m).padStart(2, '0')}`;
		months.push(month);
		if (month >= last) return months;
		[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
	}
}

export function agencyTrend(
	facts: readonly ConsultationFacts[],
	period: Period,
	calendar: WorkingCalendar
): AgencyTrendRow[] {
	const byMonth = new Map<string, ConsultationFacts[]>(monthsOf(period).map((m) => [m, []]));
	for (const f of facts) byMonth.get(calendar.localDate(f.requestedAt).slice(0, 7))?.push(f);
	return [...byMonth.entries()].map(([month, mine]) => ({ month, ...consultationSummary(mine, calendar) }));
}
