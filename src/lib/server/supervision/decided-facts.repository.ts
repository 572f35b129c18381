/**
 * The compliance facts of decided cases, kept in `decided_case_facts` (ADR-135) so a year's
 * compliance over a million cases is one indexed aggregate, not a replay of every decided case's
 * clocks. The facts are those `decidedCaseFacts` derives (domain/supervision/case-facts.ts), which
 * stays the one definition; this module only keeps them current and sums them:
 * - triggers mark a case dirty when its decision, grouping columns or clocks are written;
 * - a fact that time alone changes (a clock still running turns overdue at its due) expires then;
 * - facts computed under another calendar (a decree moved a day off) or other rules are recomputed.
 * Every read brings the period's facts up to date first, so no table is computed from stale rows.
 */
import { createHash } from 'node:crypto';
import { and, getTableColumns, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { cases, clocks, decidedCaseFacts, decidedCaseFactsDirty, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import { decidedCaseFactsUntil } from '../../domain/supervision/case-facts';
import { ClockSequenceError } from '../../domain/sla/clock-errors';
import { byLabelNoneLast, type ComplianceDimension, type ComplianceRow } from '../../domain/supervision/compliance';
import { medianOfCounts, percentileOfCounts } from '../../domain/supervision/statistics';
import type { ClockKind } from '../../domain/sla/clock-types';
import type { DisplayLocale } from '../../domain/format/display-format';
import { reviveClock } from '../calendar/recompute-clocks';
import { groupBy } from '../../domain/group-by';
import { userNameSql } from '../users/display-name';

/** Raise when the derivation of the facts changes (case-facts.ts, compute-clock.ts): every row is recomputed. */
const FACTS_RULES = 1;
/** Cases computed per round trip: two reads and one upsert each. */
const BATCH = 2_000;

const keys = new WeakMap<WorkingCalendar, string>();
/** The years whose shipped holidays the key covers: every case this desk has or will hold. */
const KEY_YEARS = { from: 2010, to: 2040 };
let shipped: string | null = null;

/**
 * What the facts were computed with: the rules' version, the public holidays and carry-overs this
 * build ships (hashed once per process: the same in every calendar) and the overrides decreed since.
 * A day moved by a decree or by a new holiday rule changes the key.
 */
export function calendarKey(calendar: WorkingCalendar): string {
	let key = keys.get(calendar);
	if (!key) {
		if (!shipped) {
			const base = calendar.withOverrides([]);
			const h = createHash('sha256');
			for (let y = Math.max(KEY_YEARS.from, base.fromYear); y <= Math.min(KEY_YEARS.to, base.toYear); y++)
				h.update(`${base.nonWorkingDays(y).map((d) => d.date)}|${base.workingWeekendDays(y).map((d) => d.date)}\n`);
			shipped = h.digest('hex');
		}
		const overrides = [...calendar.overrides]
			.sort((a, b) => (a.date < b.date ? -1 : 1))
			.map((o) => `${o.date}:${o.kind}`);
		key = createHash('sha256')
			.update(`rules ${FACTS_RULES}\n${shipped}\n${overrides.join(',')}`)
			.digest('hex')
			.slice(0, 32);
		keys.set(calendar, key);
	}
	return key;
}

export interface FactsRefresh {
	/** Cases whose facts were computed (or removed, when no longer decided). */
	computed: number;
	/** Decided cases whose clocks cannot be replayed (left out, still dirty or expired). */
	failed: number;
}

/**
 * Brings the facts of the cases decided in [start, end) up to date at `now`, and every dirty case's
 * (a dirty case's decision date is only known once it is read). Idempotent and safe to run in
 * several processes at once: each computes the same rows, and a case written meanwhile stays dirty.
 */
export async function refreshDecidedFacts(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	period: { start: Date; end: Date }
): Promise<FactsRefresh> {
	const key = calendarKey(calendar);
	let computed = 0;
	let failed = 0;
	// Keyset walks: a case that cannot be computed stays dirty (or expired) and is passed, not retried.
	for (let after = 0; ;) {
		const marked = await db
			.select({ caseId: decidedCaseFactsDirty.caseId, mark: decidedCaseFactsDirty.mark })
			.from(decidedCaseFactsDirty)
			.where(gt(decidedCaseFactsDirty.mark, after))
			.orderBy(decidedCaseFactsDirty.mark)
			.limit(BATCH);
		if (!marked.length) break;
		const r = await computeFacts(db, calendar, now, key, marked);
		computed += r.computed;
		failed += r.failed.length;
		after = marked[marked.length - 1]!.mark!;
		if (marked.length < BATCH) break;
	}
	// Expired by time, or computed under another calendar: only the period's (the rest when read).
	const at = now.toISOString();
	for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
		// Each condition read through its own index (a partial one on stale_at, one on the key and
		// the decision), the union walked by case id: one filter over the primary key read every row.
		const expired = rowsOf<{ case_id: string }>(
			await db.execute(sql`
				with e as materialized (
					select case_id from decided_case_facts where stale_at <= ${at}::timestamptz
					union
					select case_id from decided_case_facts
					where (calendar_key < ${key} or calendar_key > ${key})
						and decided_at >= ${period.start.toISOString()}::timestamptz
						and decided_at < ${period.end.toISOString()}::timestamptz)
				select case_id from e where case_id > ${after}::uuid order by case_id limit ${BATCH}`)
		);
		if (!expired.length) break;
		const r = await computeFacts(
			db,
			calendar,
			now,
			key,
			expired.map((e) => ({ caseId: e.case_id, mark: null }))
		);
		computed += r.computed;
		failed += r.failed.length;
		after = expired[expired.length - 1]!.case_id;
		if (expired.length < BATCH) break;
	}
	return { computed, failed };
}

async function computeFacts(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	key: string,
	marked: { caseId: string; mark: number | null }[]
) {
	const ids = marked.map((m) => m.caseId);
	const decided = await db
		.select({
			id: cases.id,
			service: cases.service,
			unit: cases.unit,
			assigneeId: cases.assigneeId,
			decidedAt: cases.decidedAt
		})
		.from(cases)
		.where(and(inArray(cases.id, ids), sql`${cases.decidedAt} is not null`));
	const clocksByCase = groupBy(
		await db.select().from(clocks).where(inArray(clocks.caseId, ids)),
		(c) => c.caseId,
		(c) => reviveClock(c)
	);
	const rows: (typeof decidedCaseFacts.$inferInsert)[] = [];
	const failed: string[] = [];
	for (const c of decided) {
		const input = {
			caseId: c.id,
			service: c.service,
			unit: c.unit,
			officerId: c.assigneeId,
			officer: null,
			decidedAt: c.decidedAt!,
			clocks: clocksByCase.get(c.id) ?? []
		};
		let derived: ReturnType<typeof decidedCaseFactsUntil>;
		try {
			derived = decidedCaseFactsUntil(input, calendar, now);
		} catch (e) {
			// A clock history the rules refuse (e.g. an event after `now`): the case stays dirty, is
			// left out of the tables and named in the log, as a data fault to mend.
			if (!(e instanceof ClockSequenceError)) throw e;
			failed.push(c.id);
			continue;
		}
		const { facts, staleAt } = derived;
		rows.push({
			caseId: c.id,
			decidedAt: c.decidedAt!,
			service: c.service,
			unit: c.unit,
			assigneeId: c.assigneeId,
			term: facts.term,
			workingDaysUsed: facts.workingDaysUsed,
			suspendedWorkingDays: facts.suspendedWorkingDays,
			breachedClocks: [...facts.breachedClocks],
			staleAt,
			calendarKey: key
		});
	}
	if (failed.length)
		console.error(
			`supervision facts: ${failed.length} decided case(s) with a clock history that cannot be replayed, left out: ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? ', …' : ''}`
		);
	const computedIds = new Set(rows.map((r) => r.caseId));
	const failedIds = new Set(failed);
	// No longer decided, or not computable now: no facts row (a failed case's former facts are stale).
	const gone = ids.filter((id) => !computedIds.has(id));
	const dirty = marked.filter((m) => m.mark !== null && !failedIds.has(m.caseId));
	await db.transaction(async (tx) => {
		if (rows.length)
			await tx.insert(decidedCaseFacts).values(rows).onConflictDoUpdate({
				target: decidedCaseFacts.caseId,
				set: UPSERT_SET
			});
		if (gone.length) await tx.delete(decidedCaseFacts).where(inArray(decidedCaseFacts.caseId, gone));
		// Only the markings read: a case marked again meanwhile keeps its newer mark, and is computed again.
		if (dirty.length)
			await tx.execute(
				sql`delete from decided_case_facts_dirty where (case_id, mark) in (${sql.join(
					dirty.map((m) => sql`(${m.caseId}::uuid, ${m.mark}::bigint)`),
					sql`, `
				)})`
			);
	});
	return { computed: ids.length - failed.length, failed };
}

/** Every column but the key takes the new row's value on conflict: derived, so none is forgotten. */
const UPSERT_SET = Object.fromEntries(
	Object.entries(getTableColumns(decidedCaseFacts))
		.filter(([, column]) => !column.primary)
		.map(([field, column]) => [field, sql.raw(`excluded.${column.name}`)])
);

export interface FactsFilter {
	service?: string;
	unit?: string;
	officer?: number;
	agency?: string;
}

/** The compliance tables of the cases decided in [start, end), summed in the database. */
export async function complianceFromFacts(
	db: Db,
	period: { start: Date; end: Date },
	filters: FactsFilter,
	locale: DisplayLocale
): Promise<Record<ComplianceDimension, ComplianceRow[]>> {
	const where: SQL[] = [
		sql`f.decided_at >= ${period.start.toISOString()}::timestamptz`,
		sql`f.decided_at < ${period.end.toISOString()}::timestamptz`
	];
	if (filters.service) where.push(sql`f.service = ${filters.service}`);
	if (filters.unit) where.push(sql`f.unit = ${filters.unit}`);
	if (filters.officer !== undefined) where.push(sql`f.assignee_id = ${filters.officer}`);
	if (filters.agency)
		where.push(
			sql`exists (select 1 from consultations k where k.case_id = f.case_id and k.agency_code = ${filters.agency})`
		);
	const cond = sql.join(where, sql` and `);
	// The dimension a grouping-sets row belongs to, and its key as text ('' for none).
	const dimension = sql`case when grouping(f.service) = 0 then 'service' when grouping(f.unit) = 0 then 'unit' else 'officer' end`;
	const key = sql`coalesce(case when grouping(f.service) = 0 then f.service when grouping(f.unit) = 0 then f.unit
		else f.assignee_id::text end, '')`;
	// Counts per group and per working-days-used value: one hashed pass, no sort. The median and the
	// p90 come from these few hundred counts, exactly as from the sorted values.
	const [counts, breaches] = await Promise.all([
		db.execute(sql`
			select ${dimension} as dim, ${key} as key, f.working_days_used as used,
				count(*)::int as decided, count(f.term)::int as with_term,
				(count(*) filter (where f.term = 'met'))::int as within_term,
				coalesce(sum(f.suspended_working_days), 0)::int as suspended
			from decided_case_facts f where ${cond}
			group by grouping sets ((f.service, f.working_days_used), (f.unit, f.working_days_used),
				(f.assignee_id, f.working_days_used))`),
		db.execute(sql`
			select ${dimension} as dim, ${key} as key, b.kind, count(*)::int as n
			from decided_case_facts f cross join unnest(f.breached_clocks) as b(kind)
			where ${cond} and f.breached_clocks <> '{}'
			group by grouping sets ((f.service, b.kind), (f.unit, b.kind), (f.assignee_id, b.kind))`)
	]);
	const breachesOf = groupBy(
		rowsOf<{ dim: ComplianceDimension; key: string; kind: ClockKind; n: number }>(breaches),
		(r) => `${r.dim}\u0000${r.key}`
	);
	const groups = groupBy(
		rowsOf<{
			dim: ComplianceDimension;
			key: string;
			used: number | null;
			decided: number;
			with_term: number;
			within_term: number;
			suspended: number;
		}>(counts),
		(r) => `${r.dim}\u0000${r.key}`
	);
	const officerIds = [...groups.values()]
		.map((g) => g[0]!)
		.filter((r) => r.dim === 'officer' && r.key !== '')
		.map((r) => Number(r.key));
	const names = new Map(
		officerIds.length
			? (
					await db
						.select({ id: users.id, name: userNameSql(locale) })
						.from(users)
						.where(inArray(users.id, officerIds))
				).map((u) => [String(u.id), u.name])
			: []
	);
	const tables: Record<ComplianceDimension, ComplianceRow[]> = { service: [], unit: [], officer: [] };
	for (const [id, rows] of groups) {
		const { dim, key: k } = rows[0]!;
		const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + Number(f(r)), 0);
		const decided = sum((r) => r.decided);
		const withTerm = sum((r) => r.with_term);
		const withinTerm = sum((r) => r.within_term);
		const histogram = rows
			.filter((r) => r.used !== null)
			.map((r) => ({ value: Number(r.used), count: Number(r.decided) }));
		const byKind: Partial<Record<ClockKind, number>> = {};
		for (const b of breachesOf.get(id) ?? []) byKind[b.kind] = Number(b.n);
		tables[dim].push({
			key: k,
			label: dim === 'officer' ? (k === '' ? '' : (names.get(k) ?? '')) : k,
			decided,
			withTerm,
			withinTerm,
			withinTermShare: withTerm ? withinTerm / withTerm : null,
			medianWorkingDays: medianOfCounts(histogram),
			p90WorkingDays: percentileOfCounts(histogram, 0.9),
			suspendedWorkingDays: sum((r) => r.suspended),
			breaches: byKind,
			breachTotal: Object.values(byKind).reduce((n, v) => n + v, 0)
		});
	}
	for (const t of Object.values(tables)) t.sort(byLabelNoneLast);
	return tables;
}

/** For tests: whether any decided case lacks current facts (dirty) at the moment. */
export async function dirtyCount(db: Db): Promise<number> {
	const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(decidedCaseFactsDirty);
	return Number(r?.n ?? 0);
}
