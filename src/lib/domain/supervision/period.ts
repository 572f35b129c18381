/**
 * The supervisor's reporting period: this week, month, quarter or year, or a custom range, as
 * inclusive Almaty local dates. Weeks start on Monday (the Labour Code's working week).
 */
import { civilFromDays, daysFromCivil, formatLocalDate, isoWeekday, parseLocalDate } from '../calendar/local-date';
import type { LocalDate } from '../calendar';

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
	readonly kind: PeriodKind;
	/** First day, inclusive. */
	readonly from: LocalDate;
	/** Last day, inclusive. */
	readonly to: LocalDate;
}

/** The week, month, quarter or year that contains `today` (an Almaty local date). */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, today: LocalDate): Period {
	const day = parseLocalDate(today);
	const [y, m] = civilFromDays(day);
	switch (kind) {
		case 'week': {
			const monday = day - (isoWeekday(day) - 1);
			return { kind, from: formatLocalDate(monday), to: formatLocalDate(monday + 6) };
		}
		case 'month':
			return { kind, ...monthSpan(y, m, 1) };
		case 'quarter':
			return { kind, ...monthSpan(y, m - ((m - 1) % 3), 3) };
		case 'year':
			return { kind, ...monthSpan(y, 1, 12) };
	}
}

/** A custom range; RangeError when `to` is before `from`. */
export function customPeriod(from: LocalDate, to: LocalDate): Period {
	if (parseLocalDate(to) < parseLocalDate(from)) throw new RangeError(`period ends (${to}) before it starts (${from})`);
	return { kind: 'custom', from, to };
}

export function inPeriod(period: Period, date: LocalDate): boolean {
	return date >= period.from && date <= period.to;
}

function monthSpan(year: number, firstMonth: number, months: number): { from: LocalDate; to: LocalDate } {
	const start = daysFromCivil(year, firstMonth, 1);
	const endMonth = firstMonth + months; // the month after the span, maybe in the next year
	const next = daysFromCivil(year + Math.floor((endMonth - 1) / 12), ((endMonth - 1) % 12) + 1, 1);
	return { from: formatLocalDate(start), to: formatLocalDate(next - 1) };
}
