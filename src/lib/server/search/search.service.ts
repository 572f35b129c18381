/**
 * The case search behind the header's box and `GET /api/v1/search` (ADR-040): a few indexed
 * queries on `case_search` (exact keys in a GIN array index, names with pg_trgm) and on the case
 * number (a prefix index), each bounded, each restricted to what the viewer may see
 * (domain/access/search-scope.ts). Nothing restricted is stored in `case_search`, so nothing
 * restricted can match.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { parseSearchQuery } from '../../domain/search/parse-query';
import { DEVICE_SERVICE, scopeMatchesBy, type SearchScope } from '../../domain/access/search-scope';
import type { SearchHit } from '../../types/desk';

export const GROUP_LIMIT = 8;
export const SEARCH_GROUPS = ['number', 'bin', 'imei', 'ext', 'code', 'name'] as const;
export type SearchGroup = (typeof SEARCH_GROUPS)[number];

interface Row {
	id: string;
	number: string;
	service: string;
	stage: string;
	applicant: string;
	keys: string[] | null;
}

/** The visibility condition of a scope, on `cases c`. */
function visible(scope: SearchScope): SQL {
	if (scope.kind === 'agency')
		return sql`exists (select 1 from consultations k where k.case_id = c.id and k.agency_code = ${scope.agency})`;
	if (scope.kind !== 'staff') return sql`false`;
	const d = scope.devices;
	if (d === 'all') return sql`true`;
	if (d === 'none') return sql`c.service <> ${DEVICE_SERVICE}`;
	return sql`(c.service <> ${DEVICE_SERVICE} or c.assignee_id is null or c.assignee_id = ${d.assigneeId}
		or c.unit = ${d.unit})`;
}

/** How many matches of one kind are read before visibility and order: a bound on every query. */
const CANDIDATES = 200;

/**
 * The matches of `where` on case_search, found first through its own index (a materialised CTE, so
 * the planner cannot choose to walk a million cases in number order and test each), then narrowed
 * to what the viewer may see, in number order.
 */
function matched(where: SQL, vis: SQL, limit: number): SQL {
	return sql`with m as materialized (select s.case_id, s.keys from case_search s where ${where} limit ${CANDIDATES})
		select c.id, c.number, c.service, c.stage, o.name as applicant, m.keys
		from m join cases c on c.id = m.case_id join organisations o on o.id = c.applicant_id
		where ${vis} order by c.number limit ${limit}`;
}

function textArray(values: string[]): SQL {
	return sql`array[${sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	)}]::text[]`;
}

export async function searchCases(db: Db, scope: SearchScope, q: string) {
	const query = parseSearchQuery(q);
	const groups: Partial<Record<SearchGroup, SearchHit[]>> = {};
	if (query.empty || scope.kind === 'none') return { groups: [] as { group: SearchGroup; hits: SearchHit[] }[] };
	const vis = visible(scope);
	const run = async (q: SQL) => rowsOf<Row>(await db.execute(q));

	const exact = query.keys.filter((k) => !k.startsWith('hs:') && !k.startsWith('cc:'));
	const codes = query.keys.filter((k) => k.startsWith('hs:') || k.startsWith('cc:'));
	const allowedExact = exact.filter((k) =>
		scopeMatchesBy(scope, k.startsWith('seq:') ? 'number' : (k.split(':')[0] as 'bin' | 'imei' | 'ext'))
	);
	const tasks: (() => Promise<void>)[] = [];
	const add = (group: SearchGroup, rows: Row[]) => {
		const seen = new Set(Object.values(groups).flatMap((g) => g.map((h) => h.id)));
		const hits = rows
			.filter((r) => !seen.has(r.id))
			.map((r) => ({
				id: r.id,
				number: r.number,
				service: r.service,
				stage: r.stage,
				applicant: scope.kind === 'agency' ? null : r.applicant
			}));
		if (hits.length) groups[group] = [...(groups[group] ?? []), ...hits];
	};

	if (allowedExact.length)
		tasks.push(() =>
			run(matched(sql`s.keys && ${textArray(allowedExact)}`, vis, GROUP_LIMIT * 2)).then((rows) => {
				for (const r of rows) {
					const hit = (r.keys ?? []).find((k) => allowedExact.includes(k)) ?? 'seq:';
					const kind = hit.split(':')[0];
					add(kind === 'seq' ? 'number' : (kind as SearchGroup), [r]);
				}
			})
		);
	if (query.numberPrefix && scopeMatchesBy(scope, 'number'))
		tasks.push(() =>
			run(
				matched(
					sql`s.case_id in (select id from cases where number like ${query.numberPrefix + '%'} limit ${CANDIDATES})`,
					vis,
					GROUP_LIMIT
				)
			).then((rows) => add('number', rows))
		);
	if (codes.length && scopeMatchesBy(scope, 'code'))
		tasks.push(() =>
			run(matched(sql`s.keys && ${textArray(codes)}`, vis, GROUP_LIMIT)).then((rows) => add('code', rows))
		);
	if (query.namePatterns.length && scopeMatchesBy(scope, 'name'))
		tasks.push(() =>
			run(
				matched(
					sql.join(
						query.namePatterns.map((p) => sql`s.names like ${p}`),
						sql` and `
					),
					vis,
					GROUP_LIMIT
				)
			).then((rows) => add('name', rows))
		);
	// One after another: the embedded database has one session, and the groups de-duplicate in order.
	for (const t of tasks) await t();
	return {
		groups: SEARCH_GROUPS.filter((g) => groups[g]?.length).map((g) => ({
			group: g,
			hits: groups[g]!.slice(0, GROUP_LIMIT)
		}))
	};
}
