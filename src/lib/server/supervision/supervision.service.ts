/**
 * Figures for the supervisor's dashboard, computed from the clocks (the truth) with the calendar:
 * breaches per week by service, open cases by stage, SLA risk by officer, agency response times and
 * complaint compliance.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, clocks, consultations, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import { urgencyOf } from '../../domain/queue/urgency';
import { reviveClock } from '../calendar/recompute-clocks';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';
import { groupBy } from '../../domain/group-by';

export interface Series {
	label: string;
	key: string;
	values: number[];
}
export interface ChartData {
	labels: string[];
	series: Series[];
}

const BANDS = ['breached', 'red', 'amber', 'ok'] as const;

/** `locale`: the reader's language, for the officers' names (ADR-062). */
export async function loadSupervision(db: Db, calendar: WorkingCalendar, now: Date, locale: DisplayLocale = 'en') {
	const [breaches, byStage, risk, agencies, complaints] = await Promise.all([
		breachesPerWeek(db, calendar, now),
		openByStage(db),
		riskByOfficer(db, calendar, now, locale),
		agencyResponse(db, calendar),
		complaintCompliance(db)
	]);
	return { breaches, byStage, risk, agencies, complaints };
}

/** Clocks past their due (breached, or met late, or still overdue), by ISO week of the due, last 8 weeks. */
async function breachesPerWeek(db: Db, calendar: WorkingCalendar, now: Date): Promise<ChartData> {
	const since = new Date(now.getTime() - 8 * 7 * 86_400_000);
	const rows = await db
		.select({
			service: cases.service,
			week: sql<string>`to_char(date_trunc('week', ${clocks.dueAt} at time zone 'Asia/Almaty'), 'YYYY-MM-DD')`,
			n: sql<number>`count(*)::int`
		})
		.from(clocks)
		.innerJoin(cases, eq(cases.id, clocks.caseId))
		.where(
			and(inArray(clocks.state, ['breached', 'overdue']), sql`${clocks.dueAt} >= ${since.toISOString()}::timestamptz`)
		)
		.groupBy(cases.service, sql`2`);
	const weeks = Array.from({ length: 8 }, (_, i) =>
		weekStart(calendar, new Date(now.getTime() - (7 - i) * 7 * 86_400_000))
	);
	const services = [...new Set(rows.map((r) => r.service))].sort();
	return {
		labels: weeks,
		series: services.map((s) => ({
			key: s,
			label: s,
			values: weeks.map((w) => Number(rows.find((r) => r.service === s && r.week === w)?.n ?? 0))
		}))
	};
}

function weekStart(calendar: WorkingCalendar, at: Date): string {
	const date = calendar.localDate(at);
	const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
	return calendar.addCalendarDays(date, -weekday);
}

async function openByStage(db: Db): Promise<ChartData> {
	const rows = await db
		.select({ stage: cases.stage, n: sql<number>`count(*)::int` })
		.from(cases)
		.where(isNull(cases.decidedAt))
		.groupBy(cases.stage)
		.orderBy(cases.stage);
	return {
		labels: rows.map((r) => r.stage),
		series: [{ key: 'open', label: 'open', values: rows.map((r) => Number(r.n)) }]
	};
}

/** Each officer's open cases by the band of their most urgent running clock. */
async function riskByOfficer(db: Db, calendar: WorkingCalendar, now: Date, locale: DisplayLocale): Promise<ChartData> {
	const open = await db
		.select({ id: cases.id, officer: userNameSql(locale) })
		.from(cases)
		.leftJoin(users, eq(users.id, cases.assigneeId))
		.where(isNull(cases.decidedAt));
	// The open cases' clocks by a join, not an id list: past 65,534 open cases a list of their ids
	// exceeds the driver's parameters and the page failed.
	const byCase = groupBy(
		await db
			.select({ clock: clocks })
			.from(clocks)
			.innerJoin(cases, eq(cases.id, clocks.caseId))
			.where(isNull(cases.decidedAt)),
		(r) => r.clock.caseId,
		(r) => reviveClock(r.clock)
	);
	const officers = [...new Set(open.map((c) => c.officer ?? '—'))].sort();
	const counts = new Map<string, Record<string, number>>(
		officers.map((o) => [o, { breached: 0, red: 0, amber: 0, ok: 0 }])
	);
	for (const c of open) {
		const u = urgencyOf({ clocks: byCase.get(c.id) ?? [] }, calendar, now);
		if (u.band !== 'none') counts.get(c.officer ?? '—')![u.band]!++;
	}
	return {
		labels: officers,
		series: BANDS.map((b) => ({ key: b, label: b, values: officers.map((o) => counts.get(o)![b]!) }))
	};
}

/** Per agency: median working days to answer (answers only) and the share deemed approved (001 p.16). */
async function agencyResponse(db: Db, calendar: WorkingCalendar) {
	const rows = await db
		.select({
			agency: consultations.agencyCode,
			requestedAt: consultations.requestedAt,
			answeredAt: consultations.answeredAt,
			decision: consultations.decision
		})
		.from(consultations)
		.where(isNotNull(consultations.decision));
	const byAgency = groupBy(rows, (r) => r.agency);
	return [...byAgency.keys()].sort().map((agency) => {
		const mine = byAgency.get(agency)!;
		const answered = mine.filter((r) => r.decision !== 'deemed_approved' && r.answeredAt);
		const days = answered
			.map((r) => calendar.workingMinutesBetween(r.requestedAt, r.answeredAt!) / 480)
			.sort((a, b) => a - b);
		const median = days.length
			? (days[Math.floor((days.length - 1) / 2)]! + days[Math.ceil((days.length - 1) / 2)]!) / 2
			: null;
		const deemed = mine.filter((r) => r.decision === 'deemed_approved').length;
		return {
			agency,
			answered: answered.length,
			medianWorkingDays: median === null ? null : Math.round(median * 10) / 10,
			deemedShare: mine.length ? deemed / mine.length : 0,
			total: mine.length
		};
	});
}

/**
 * Complaint cases by their review clock (5 or 15 WD, extended at most once; 001 pp.24–25): decided
 * within their term, late, still open in time, open and overdue.
 */
async function complaintCompliance(db: Db) {
	const rows = await db
		.select({ state: clocks.state, n: sql<number>`count(*)::int` })
		.from(clocks)
		.innerJoin(cases, eq(cases.id, clocks.caseId))
		.where(and(eq(cases.service, 'complaint'), eq(clocks.kind, 'complaint-review')))
		.groupBy(clocks.state);
	const n = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
	return { met: n('met'), breached: n('breached'), running: n('running') + n('suspended'), overdue: n('overdue') };
}
