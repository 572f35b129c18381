/**
 * `/cases` and its CSV (ADR-041): the filter of the URL as one SQL condition, ordered by a sortable
 * column and the id, paged by keyset (the row after the last one shown, never OFFSET), within what
 * the viewer may see (search-scope.ts: device-verification cases only with them in hand).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { DEVICE_SERVICE, type SearchScope } from '../../domain/access/search-scope';
import { decodeCursor, encodeCursor, type CaseListFilter, type CaseSort } from './case-list.filter';
import { userNameRaw } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';

/** Almaty is UTC+5 all year (ADR-001): a date filter covers that day there. */
const dayStart = (d: string) => `${d}T00:00:00+05:00`;
const dayAfter = (d: string) => new Date(Date.parse(dayStart(d)) + 86_400_000).toISOString();

/** Each sortable column, as the expression the keyset compares (with an index behind each). */
const SORT_EXPR: Record<CaseSort, SQL> = {
	received: sql`c.received_at`,
	decided: sql`coalesce(c.decided_at, 'infinity'::timestamptz)`,
	number: sql`c.number`,
	service: sql`c.service`,
	stage: sql`c.stage`
};
const SORT_CAST: Record<CaseSort, SQL> = {
	received: sql`::timestamptz`,
	decided: sql`::timestamptz`,
	number: sql`::text`,
	service: sql`::text`,
	stage: sql`::text`
};

export interface ListViewer {
	userId: number;
	scope: SearchScope;
	/** The reader's language, for the assignee's name (ADR-062). */
	locale?: DisplayLocale;
}

/**
 * How a band is read: `join` starts from the band's clocks (a few, or counted); `walk` tests each case
 * the sort's index yields against the band's cases held as one hashed set (a band of many cases, where
 * reading them all to sort them costs more than the walk to the first page; ADR-136).
 */
type BandRead = 'join' | 'walk';

/** How the page reads what the count reads plainly (ADR-136). */
interface WhereRead {
	band?: BandRead;
	/**
	 * Decided dates said on the decided sort's key, `coalesce(decided_at, 'infinity')`, which the pair
	 * indexes hold: a page by decided date reads the range from them. Said on `decided_at`, the
	 * descending walk started at the undecided cases (infinity) and tested 100,000 of them before the
	 * first decided one (1.2 s measured). One form, not both: the same range twice made the planner
	 * expect a hundred rows of 6,000 and sort them all.
	 */
	decidedOnSortKey?: boolean;
}

export function caseListWhere(f: CaseListFilter, viewer: ListViewer, now: Date, read: WhereRead = {}): SQL {
	const w: SQL[] = [];
	const scope = viewer.scope;
	if (scope.kind !== 'staff') w.push(sql`false`);
	else if (scope.devices === 'none') w.push(sql`c.service <> ${DEVICE_SERVICE}`);
	else if (scope.devices !== 'all')
		w.push(
			sql`(c.service <> ${DEVICE_SERVICE} or c.assignee_id is null or c.assignee_id = ${scope.devices.assigneeId} or c.unit = ${scope.devices.unit})`
		);
	if (f.service) w.push(sql`c.service = ${f.service}`);
	if (f.stage) w.push(sql`c.stage = ${f.stage}`);
	if (f.assignee === 'none') w.push(sql`c.assignee_id is null`);
	else if (f.assignee === 'me') w.push(sql`c.assignee_id = ${viewer.userId}`);
	else if (typeof f.assignee === 'number') w.push(sql`c.assignee_id = ${f.assignee}`);
	if (f.unit) w.push(sql`c.unit = ${f.unit}`);
	if (f.receivedFrom) w.push(sql`c.received_at >= ${dayStart(f.receivedFrom)}::timestamptz`);
	if (f.receivedTo) w.push(sql`c.received_at < ${dayAfter(f.receivedTo)}::timestamptz`);
	if (read.decidedOnSortKey && (f.decidedFrom || f.decidedTo)) {
		const key = SORT_EXPR.decided;
		// A finite upper bound leaves out the undecided (infinity) by itself.
		w.push(sql`${key} >= ${f.decidedFrom ? dayStart(f.decidedFrom) : '-infinity'}::timestamptz`);
		w.push(sql`${key} < ${f.decidedTo ? dayAfter(f.decidedTo) : 'infinity'}::timestamptz`);
	} else {
		if (f.decidedFrom) w.push(sql`c.decided_at >= ${dayStart(f.decidedFrom)}::timestamptz`);
		if (f.decidedTo) w.push(sql`c.decided_at < ${dayAfter(f.decidedTo)}::timestamptz`);
	}
	if (f.agency)
		w.push(sql`exists (select 1 from consultations k where k.case_id = c.id and k.agency_code = ${f.agency})`);
	if (f.mfa === 'none') w.push(sql`not exists (select 1 from mfa_checks m where m.case_id = c.id)`);
	else if (f.mfa === 'pending')
		w.push(sql`exists (select 1 from mfa_checks m where m.case_id = c.id and m.result_at is null)`);
	else if (f.mfa)
		w.push(sql`exists (select 1 from mfa_checks m where m.case_id = c.id and m.authentic = ${f.mfa === 'authentic'})`);
	if (f.band) w.push(bandCondition(f.band, now, read.band ?? 'join'));
	return w.length ? sql.join(w, sql` and `) : sql`true`;
}

/**
 * A case's band is its most urgent open clock's (queue/urgency.ts), from the stored instants the
 * scheduler keeps current (ADR-088): breached past a due, red past `red_at`, amber past `warn_at`.
 * Every warned or breached clock has `least(warn_at, red_at, due_at) <= now` (amber ≤ red ≤ due),
 * so the warned bands are the cases of the few clocks clocks_band_idx finds, grouped by case and
 * told apart by what their clocks passed, read once (ADR-136) instead of one probe of the clocks per
 * case on the sort index's way (0.9–3.3 s at a million). `walk`: a sublink under OR is not turned into
 * a join, so PostgreSQL keeps the band's cases as one hashed set and walks the sort's index to the
 * first page (`or false` is folded away after that choice).
 */
function bandCondition(band: NonNullable<CaseListFilter['band']>, now: Date, read: BandRead): SQL {
	const at = sql`${now.toISOString()}::timestamptz`;
	const warned = sql`k.state in ('running', 'overdue') and least(k.warn_at, k.red_at, k.due_at) <= ${at}`;
	if (band === 'ok') return sql`not exists (select 1 from clocks k where k.case_id = c.id and ${warned})`;
	const breached = sql`count(*) filter (where k.state = 'overdue' or k.due_at <= ${at})`;
	const red = sql`count(*) filter (where k.red_at <= ${at})`;
	const having =
		band === 'breached'
			? sql`${breached} > 0`
			: band === 'red'
				? sql`${red} > 0 and ${breached} = 0`
				: band === 'amber'
					? sql`${red} = 0 and ${breached} = 0`
					: sql`${breached} = 0`;
	const cases = sql`c.id in (select k.case_id from clocks k where ${warned} group by k.case_id having ${having})`;
	return read === 'walk' ? sql`(${cases} or false)` : cases;
}

export interface CaseListRow {
	id: string;
	number: string;
	service: string;
	stage: string;
	applicant: string;
	bin: string;
	assigneeId: number | null;
	assignee: string | null;
	unit: string | null;
	receivedAt: string;
	decidedAt: string | null;
	nextDueAt: string | null;
	sortValue: string | null;
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** One page of the list, and the cursors of the pages before and after it. */
export async function listCasePage(
	db: Db,
	f: CaseListFilter,
	viewer: ListViewer,
	now: Date,
	limit: number,
	/**
	 * The filter selects at most COUNT_CAP cases (the count said so): read them all through the
	 * filter's own indexes, then sort. Otherwise the planner may walk the sort's index and test every
	 * case of a million against a filter that keeps none (2.4 s measured). `few: false` (the count was
	 * capped): a band filter walks the sort's index instead of reading its thousands of cases.
	 */
	opts: { few?: boolean } = {}
) {
	const sort = f.sort ?? 'received';
	const dir = f.dir ?? (sort === 'received' || sort === 'decided' ? 'desc' : 'asc');
	const before = f.before ? decodeCursor(f.before) : null;
	const after = !before && f.after ? decodeCursor(f.after) : null;
	const expr = SORT_EXPR[sort];
	// Reading backwards (the page before) walks the other way, then turns the rows round.
	const forward = !before;
	const asc = (dir === 'asc') === forward;
	const cursor = before ?? after;
	// The count said the band keeps more than COUNT_CAP cases: walk the sort's index (ADR-136).
	const conds = [
		caseListWhere(f, viewer, now, {
			band: opts.few === false && f.band ? 'walk' : 'join',
			decidedOnSortKey: sort === 'decided'
		})
	];
	if (cursor) {
		const value = cursor.value === null ? sql`'infinity'::timestamptz` : sql`${cursor.value}${SORT_CAST[sort]}`;
		conds.push(
			asc
				? sql`(${expr}, c.id) > (${value}, ${cursor.id}::uuid)`
				: sql`(${expr}, c.id) < (${value}, ${cursor.id}::uuid)`
		);
	}
	const order = asc ? sql`asc` : sql`desc`;
	const where = opts.few
		? sql`c.id in (select id from (select c.id from cases c where ${sql.join(conds, sql` and `)} limit ${COUNT_CAP + 1}) few offset 0)`
		: sql.join(conds, sql` and `);
	const orderBy = sql`order by ${expr} ${order}, c.id ${order}`;
	const pageOf = (w: SQL) => sql`select c.id, ${expr} as k from cases c where ${w} ${orderBy} limit ${limit + 1}`;
	// A decided range, latest received first: a case is received before it is decided (write-plan.ts
	// decides at the moment; a receipt is never in the future), so the walk down the received order
	// starts at the range's end instead of passing every case received since (0.4–0.7 s at a million).
	// The cases that break the rule, if any, are read apart: the planner cannot know there are none
	// (it guesses a third), so a one-time test on their own empty index skips that read (ADR-136).
	const ids =
		!opts.few && sort === 'received' && !asc && f.decidedTo
			? sql`select id from ((${pageOf(sql`${where} and c.received_at < ${dayAfter(f.decidedTo)}::timestamptz and c.decided_at >= c.received_at`)})
				union all (select c.id, ${expr} as k from cases c where ${where} and c.decided_at < c.received_at
					and exists (select 1 from cases e where e.decided_at < e.received_at))) ids
				order by k desc, id desc limit ${limit + 1}`
			: sql`select c.id from cases c where ${where} ${orderBy} limit ${limit + 1}`;
	// The page's ids first, from the sort's index alone where it can (a walk reads no case it skips),
	// then the 51 rows with their applicant and assignee (ADR-136).
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select c.id, c.number, c.service, c.stage, o.name as applicant, o.bin, c.assignee_id, ${userNameRaw('u', viewer.locale ?? 'en')} as assignee,
				c.unit, c.received_at, c.decided_at, ${expr} as sort_value,
				(select min(k.due_at) from clocks k where k.case_id = c.id and k.state in ('running', 'overdue')) as next_due_at
			from (${ids}) page
			join cases c on c.id = page.id
			join organisations o on o.id = c.applicant_id
			left join users u on u.id = c.assignee_id
			${orderBy}`)
	);
	const more = rows.length > limit;
	const page = rows.slice(0, limit).map(toRow);
	if (!forward) page.reverse();
	const first = page[0];
	const last = page[page.length - 1];
	const hasNext = forward ? more : true;
	const hasPrev = forward ? !!after : more;
	return {
		rows: page,
		sort,
		dir,
		next: hasNext && last ? encodeCursor(last.sortValue, last.id) : null,
		prev: hasPrev && first ? encodeCursor(first.sortValue, first.id) : null
	};
}

function toRow(r: Record<string, unknown>): CaseListRow {
	const sv = r.sort_value;
	const sortValue =
		sv === null || sv === undefined
			? null
			: sv instanceof Date
				? Number.isNaN(sv.getTime())
					? null
					: sv.toISOString()
				: String(sv) === 'infinity'
					? null
					: /^\d{4}-\d\d-\d\d[ T]/.test(String(sv))
						? new Date(String(sv)).toISOString()
						: String(sv);
	return {
		id: String(r.id),
		number: String(r.number),
		service: String(r.service),
		stage: String(r.stage),
		applicant: String(r.applicant),
		bin: String(r.bin),
		assigneeId: (r.assignee_id as number | null) ?? null,
		assignee: (r.assignee as string | null) ?? null,
		unit: (r.unit as string | null) ?? null,
		receivedAt: iso(r.received_at)!,
		decidedAt: iso(r.decided_at),
		nextDueAt: iso(r.next_due_at),
		sortValue
	};
}

/**
 * Counting is capped: an exact count of a broad filter reads every matching row (10,000 scattered
 * rows of a million took a second), while "more than 1,000" is what a list needs to say.
 */
export const COUNT_CAP = 1000;

/** How many cases the filter selects, up to COUNT_CAP (`capped` when there are more). */
export async function countCases(
	db: Db,
	f: CaseListFilter,
	viewer: ListViewer,
	now: Date
): Promise<{ count: number; capped: boolean }> {
	const [row] = rowsOf<{ n: string | number }>(
		await db.execute(
			sql`select count(*) as n from (select 1 from cases c where ${caseListWhere(f, viewer, now)} limit ${COUNT_CAP + 1}) x`
		)
	);
	const n = Number(row?.n ?? 0);
	return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
