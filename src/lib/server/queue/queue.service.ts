/**
 * The officers' queues: open cases with their clocks, ordered by legal urgency (domain/queue), with
 * pending consultations and the MFA check, filtered as the URL says. Suspended cases come apart.
 */
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, clocks, consultations, mfaChecks, organisations, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import type { CalendarSnapshot } from '../../domain/calendar/browser-calendar';
import { byUrgency, urgencyOf } from '../../domain/queue/urgency';
import { reviveClock } from '../calendar/recompute-clocks';
import { readableCases } from '../cases/readable-cases';
import type { Role } from '../../domain/access/roles';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';
import { groupBy } from '../../domain/group-by';

export const QUEUE_TABS = ['mine', 'unit', 'unassigned', 'all'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const RISK_BANDS = ['breached', 'red', 'amber', 'ok'] as const;

export interface QueueFilter {
	tab: QueueTab;
	service?: string;
	stage?: string;
	agency?: string;
	mfaPending?: boolean;
	band?: (typeof RISK_BANDS)[number];
}

export interface QueueRow {
	id: string;
	number: string;
	service: string;
	applicant: string;
	stage: string;
	assignee: string | null;
	next: { kind: string; subject: string | null; due: string; citation: string } | null;
	remainingWorkingMinutes: number | null;
	band: string;
	suspension: { since: string; reason: string; legalBasis: string } | null;
	pendingAgencies: string[];
	mfa: 'pending' | 'authentic' | 'not-authentic' | null;
}

export type QueueUser = {
	id: number;
	unit: string | null;
	roles: readonly Role[];
	kiosk?: boolean;
	standsInFor?: readonly number[];
};

/** Which cases a queue tab shows this user, and the service filter (the undecided list and ADR-084's section). */
export function queueScope(user: QueueUser, f: Pick<QueueFilter, 'tab' | 'service'>): SQL[] {
	const where: SQL[] = [];
	// Confidential cases only for those who work them (004 P 14–15).
	const readable = readableCases(user);
	if (readable) where.push(readable);
	// A substitute's own cases include those of the colleagues away for whom they stand in (ADR-061).
	if (f.tab === 'mine') where.push(inArray(cases.assigneeId, [user.id, ...(user.standsInFor ?? [])]));
	if (f.tab === 'unit') where.push(user.unit ? eq(cases.unit, user.unit) : isNull(cases.id));
	if (f.tab === 'unassigned') where.push(isNull(cases.assigneeId));
	if (f.service) where.push(eq(cases.service, f.service));
	return where;
}

export async function loadQueue(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	user: QueueUser,
	f: QueueFilter,
	/** The reader's language, for the assignee's name (ADR-062). */
	locale: DisplayLocale = 'en'
) {
	const where: SQL[] = [isNull(cases.decidedAt), ...queueScope(user, f)];
	if (f.stage) where.push(eq(cases.stage, f.stage));
	const open = await db
		.select({
			id: cases.id,
			number: cases.number,
			service: cases.service,
			stage: cases.stage,
			applicant: organisations.name,
			assignee: userNameSql(locale)
		})
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.leftJoin(users, eq(users.id, cases.assigneeId))
		.where(and(...where));
	const ids = open.map((c) => c.id);
	const [clockRows, pending, checks] = ids.length
		? await Promise.all([
				db.select().from(clocks).where(inArray(clocks.caseId, ids)),
				db
					.select({ caseId: consultations.caseId, agency: consultations.agencyCode })
					.from(consultations)
					.where(and(inArray(consultations.caseId, ids), isNull(consultations.decision))),
				db
					.select({ caseId: mfaChecks.caseId, resultAt: mfaChecks.resultAt, authentic: mfaChecks.authentic })
					.from(mfaChecks)
					.where(inArray(mfaChecks.caseId, ids))
			])
		: [[], [], []];

	const clocksOf = groupBy(clockRows, (k) => k.caseId);
	const agenciesOf = groupBy(pending, (p) => p.caseId);
	const mfaOf = new Map(checks.map((m) => [m.caseId, m]));
	const rows = open.map((c) => {
		const caseClocks = clocksOf.get(c.id) ?? [];
		const urgency = urgencyOf(
			{ clocks: caseClocks.map((k) => ({ ...reviveClock(k), subject: k.subject })) },
			calendar,
			now
		);
		const next = urgency.next;
		const citation = next
			? (caseClocks.find((k) => k.kind === next.kind && (k.subject ?? null) === next.subject)?.citation ?? '')
			: '';
		const check = mfaOf.get(c.id);
		const row: QueueRow = {
			...c,
			next: next?.due ? { kind: next.kind, subject: next.subject, due: next.due.toISOString(), citation } : null,
			remainingWorkingMinutes: Number.isFinite(urgency.remainingWorkingMinutes)
				? urgency.remainingWorkingMinutes
				: null,
			band: urgency.band,
			suspension: urgency.suspension ? { ...urgency.suspension, since: urgency.suspension.since.toISOString() } : null,
			pendingAgencies: (agenciesOf.get(c.id) ?? []).map((p) => p.agency).sort(),
			mfa: !check ? null : check.resultAt === null ? 'pending' : check.authentic ? 'authentic' : 'not-authentic'
		};
		return { row, urgency, key: c.number };
	});

	const kept = rows.filter(
		({ row }) =>
			(!f.agency || row.pendingAgencies.includes(f.agency)) &&
			(!f.mfaPending || row.mfa === 'pending') &&
			(!f.band || row.band === f.band)
	);
	kept.sort(byUrgency);
	return {
		active: kept.filter((r) => !r.row.suspension).map((r) => r.row),
		suspended: kept.filter((r) => r.row.suspension).map((r) => r.row)
	};
}

/** What the browser needs to count working time itself: this year's and next year's days. */
export function calendarSnapshot(calendar: WorkingCalendar, now: Date): CalendarSnapshot {
	const year = Number(calendar.localDate(now).slice(0, 4));
	const years = [year - 1, year, year + 1].filter((y) => y >= calendar.fromYear && y <= calendar.toYear);
	return {
		fromYear: years[0]!,
		toYear: years.at(-1)!,
		nonWorkingDays: years.flatMap((y) => calendar.nonWorkingDays(y)),
		workingWeekendDays: years.flatMap((y) => calendar.workingWeekendDays(y))
	};
}
