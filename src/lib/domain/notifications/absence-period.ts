/**
 * An absence as the account page states it (ADR-087): whole Almaty days, first and last day
 * inclusive. Stored as instants: from 00:00 of the first day to 00:00 after the last (+05:00,
 * ADR-001). Pure: today's date comes from the caller.
 */
import { MS_PER_DAY } from '../calendar/almaty-time';

/** The longest absence one declaration covers; a longer one is declared again. */
export const MAX_ABSENCE_DAYS = 366;

export type AbsencePeriodError = 'from-invalid' | 'to-invalid' | 'from-past' | 'to-before-from' | 'too-long';

/** What the account page's form may say of a field (ADR-087). */
export type AbsenceFieldError =
	AbsencePeriodError | 'substitute-missing' | 'substitute-not-eligible' | 'reason' | 'overlap';
export type AbsenceFormErrors = Partial<Record<'from' | 'to' | 'substitute' | 'reason', AbsenceFieldError>>;
export interface AbsenceFormValues {
	from: string;
	to: string;
	substitute: string;
	reason: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight at the start of an Almaty day, or null when the text is not a real date. */
export function almatyMidnight(day: string): Date | null {
	if (!DAY.test(day)) return null;
	const at = new Date(`${day}T00:00:00+05:00`);
	if (Number.isNaN(at.getTime())) return null;
	// 2026-02-30 parses as March 2nd: only the date written back is a real one.
	return new Date(at.getTime() + 5 * 3_600_000).toISOString().slice(0, 10) === day ? at : null;
}

export function absencePeriod(
	from: string,
	to: string,
	today: string
): { ok: true; startsAt: Date; endsAt: Date } | { ok: false; field: 'from' | 'to'; error: AbsencePeriodError } {
	const start = almatyMidnight(from);
	if (!start) return { ok: false, field: 'from', error: 'from-invalid' };
	const last = almatyMidnight(to);
	if (!last) return { ok: false, field: 'to', error: 'to-invalid' };
	if (from < today) return { ok: false, field: 'from', error: 'from-past' };
	if (to < from) return { ok: false, field: 'to', error: 'to-before-from' };
	const endsAt = new Date(last.getTime() + MS_PER_DAY);
	if (endsAt.getTime() - start.getTime() > MAX_ABSENCE_DAYS * MS_PER_DAY)
		return { ok: false, field: 'to', error: 'too-long' };
	return { ok: true, startsAt: start, endsAt };
}
