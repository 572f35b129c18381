/**
 * Cases whose data the act itself makes confidential to the people who work them (ADR-022).
 * 004 P 14: the Telecommunications Committee uses the device information only for the tasks these
 * Rules give it; P 15: those with access do not spread it; P 16: it is destroyed when the purpose is
 * reached and no practical need is left. So a device-verification case is read only by the officers
 * who verify it (its assignee, or any officer while nobody has taken it) and by heads, who assign and
 * answer for the work — not by supervisors, registrars, complaint reviewers, liaisons, admins or the
 * wall board; every read is audited; its device data are destroyed after the retention period.
 */
import type { LocalDate, WorkingCalendar } from '../calendar';
import type { Role } from './roles';

/** The services whose cases are confidential in this way, with the points that make them so. */
export const CONFIDENTIAL_SERVICES: Readonly<Record<string, string>> = {
	'device-verification': '004 P 14–15'
};

/** The point that makes cases of this service confidential, or null when they are not. */
export const confidentialityOf = (service: string): string | null => CONFIDENTIAL_SERVICES[service] ?? null;

export interface CaseReader {
	readonly userId: number;
	readonly roles: readonly Role[];
	readonly kiosk?: boolean;
}

/** Whether this staff member may read this case at all (need to know comes after, case-audience.ts). */
export function mayReadCase(viewer: CaseReader, c: { service: string; assigneeId: number | null }): boolean {
	if (!confidentialityOf(c.service)) return true;
	if (viewer.kiosk) return false;
	if (viewer.roles.includes('head')) return true;
	return viewer.roles.includes('officer') && (c.assigneeId === null || c.assigneeId === viewer.userId);
}

/**
 * 004 P 16 leaves the retention period to "the legislation"; ADR-022 fixes it: the device data of a
 * decided verification are no longer needed one calendar month after the decision (the results have
 * gone to the operators, P 9, and the month's list of P 11 is in). The term ends on a working day
 * (ADR-003); the data are destroyed after its end.
 */
export const DEVICE_DATA_RETENTION_MONTHS = 1;

export function deviceDataDestroyedAfter(decidedOn: LocalDate, calendar: WorkingCalendar): Date {
	return calendar.endOfCalendarDay(calendar.termEndDay(calendar.addMonths(decidedOn, DEVICE_DATA_RETENTION_MONTHS)));
}

/**
 * What the append-only trail may say of a clock's subject. The trail cannot be destroyed (ADR-017),
 * so device data never enter it (004 P 16): a per-device clock's subject is its IMEI (15 digits,
 * no other subject has that form), written as "device".
 */
export function trailSubject(subject: string | null): string | null {
	return subject !== null && /^\d{15}$/.test(subject) ? 'device' : subject;
}
