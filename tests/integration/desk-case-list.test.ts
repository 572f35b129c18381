/**
 * `/cases`'s list on a real database (PGlite and PostgreSQL): each filter of the URL, keyset paging
 * forwards and back without a gap or a repeat under every sort, the count, the CSV's lines, and the
 * device-verification rule of the search (ADR-040, ADR-041).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { cases, clocks, consultations, mfaChecks, organisations, users } from '../../src/lib/server/db/schema';
import { ensureReferenceData } from '../../src/lib/server/db/reference-data';
import { countCases, listCasePage } from '../../src/lib/server/cases/case-list.repository';
import { parseCaseListFilter, SORTS, type CaseListFilter } from '../../src/lib/server/cases/case-list.filter';
import { searchScope } from '../../src/lib/domain/access/search-scope';
import { csvLine } from '../../src/lib/server/cases/csv';

let handle: DbHandle;
let officerId = 0;
const NOW = new Date('2026-03-20T06:00:00Z');
const head = () => ({ userId: 1, scope: searchScope({ userId: 1, roles: ['head'], unit: null, agencyCode: null }) });
const SERVICES = ['export-licence', 'import-licence', 'end-user-certificate', 'device-verification'];
const STAGES = ['under-review', 'consultation', 'granted'];

beforeAll(async () => {
	handle = await createTestDb();
	await ensureReferenceData(handle.db);
	const now = new Date();
	const [u] = await handle.db
		.insert(users)
		.values({ username: 'o1', displayName: 'O One', passwordHash: 'x', unit: 'U1', createdAt: now, updatedAt: now })
		.returning();
	officerId = u!.id;
	const [o] = await handle.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Тест»', legalAddress: 'A', city: 'A' })
		.returning();
	// 60 cases: service by i % 4, stage by i % 3, received one a day from 1 Feb, some the same instant.
	for (let i = 0; i < 60; i++) {
		const received = new Date(Date.UTC(2026, 1, 1 + Math.floor(i / 2), 4));
		const [c] = await handle.db
			.insert(cases)
			.values({
				number: `T-2026-${String(i).padStart(5, '0')}`,
				service: SERVICES[i % 4]!,
				stage: STAGES[i % 3]!,
				applicantId: o!.id,
				assigneeId: i % 5 === 0 ? officerId : null,
				unit: i % 2 ? 'U1' : 'U2',
				receivedAt: received,
				registeredOn: received.toISOString().slice(0, 10),
				decidedAt: STAGES[i % 3] === 'granted' ? new Date(received.getTime() + 86_400_000 * 3) : null,
				application: {},
				createdAt: now,
				updatedAt: now
			})
			.returning();
		if (i % 6 === 1)
			await handle.db
				.insert(consultations)
				.values({ caseId: c!.id, agencyCode: 'nsc', requestedAt: received, dueAt: received });
		if (i % 7 === 0)
			await handle.db.insert(mfaChecks).values({
				caseId: c!.id,
				requestedAt: received,
				resultAt: i % 14 === 0 ? received : null,
				authentic: i % 14 === 0 ? true : null
			});
		if (i < 10)
			await handle.db.insert(clocks).values({
				caseId: c!.id,
				kind: 'service-term',
				unit: 'working_days',
				length: 30,
				citation: 'x',
				events: [],
				state: 'running',
				// 0–2: breached; 3–4: red; 5: amber; 6–9: in time (ADR-088).
				dueAt: new Date(NOW.getTime() + (i < 3 ? -1 : 5) * 86_400_000),
				warnAt: new Date(NOW.getTime() + (i < 6 ? -1 : 2) * 86_400_000),
				redAt: new Date(NOW.getTime() + (i < 5 ? -1 : 4) * 3_600_000)
			});
		// A second clock, less urgent than the first, leaves the case's band as it was (ADR-136): 1 breached
		// with a red one, 4 red with an amber one, 5 amber with one written before red_at existed.
		if (i === 1 || i === 4 || i === 5)
			await handle.db.insert(clocks).values({
				caseId: c!.id,
				kind: 'complaint-review',
				unit: 'working_days',
				length: 10,
				citation: 'x',
				events: [],
				state: 'running',
				dueAt: new Date(NOW.getTime() + 5 * 86_400_000),
				warnAt: new Date(NOW.getTime() - 86_400_000),
				redAt: i === 5 ? null : new Date(NOW.getTime() + (i === 1 ? -1 : 4) * 3_600_000)
			});
	}
}, 120_000);

afterAll(async () => {
	await handle?.close();
});

async function all(f: CaseListFilter, viewer = head(), limit = 7, few = false) {
	const seen: string[] = [];
	let after: string | undefined;
	for (let n = 0; n < 100; n++) {
		const page = await listCasePage(handle.db, { ...f, after }, viewer, NOW, limit, { few });
		seen.push(...page.rows.map((r) => r.number));
		if (!page.next) break;
		after = page.next;
	}
	return seen;
}
const numbersOf = (pred: (i: number) => boolean) =>
	Array.from({ length: 60 }, (_, i) => i)
		.filter(pred)
		.map((i) => `T-2026-${String(i).padStart(5, '0')}`);

describe('filters', () => {
	it.each([
		['service=import-licence', (i: number) => i % 4 === 1],
		['stage=granted&service=export-licence', (i: number) => i % 3 === 2 && i % 4 === 0],
		['assignee=none&unit=U1', (i: number) => i % 5 !== 0 && i % 2 === 1],
		['agency=nsc', (i: number) => i % 6 === 1],
		['mfa=pending', (i: number) => i % 7 === 0 && i % 14 !== 0],
		['mfa=authentic', (i: number) => i % 14 === 0],
		['mfa=none&stage=consultation', (i: number) => i % 7 !== 0 && i % 3 === 1],
		['band=breached', (i: number) => i < 3],
		['band=red', (i: number) => i >= 3 && i < 5],
		['band=amber', (i: number) => i === 5],
		['band=ok&service=export-licence', (i: number) => i >= 6 && i % 4 === 0],
		// An old link's `warning`: red or amber.
		['band=warning', (i: number) => i >= 3 && i < 6],
		['receivedFrom=2026-02-03&receivedTo=2026-02-04', (i: number) => i >= 4 && i < 8],
		['decidedFrom=2026-02-10&decidedTo=2026-02-12', (i: number) => i % 3 === 2 && i >= 12 && i < 18]
	])('%s', async (q, pred) => {
		const { filter, dropped } = parseCaseListFilter(new URLSearchParams(q));
		expect(dropped).toEqual([]);
		expect((await all(filter)).sort()).toEqual(numbersOf(pred));
		// Read through the filter's own indexes (as the page does when the count is small): the same.
		expect(await all(filter, head(), 7, true)).toEqual(await all(filter));
		expect(await countCases(handle.db, filter, head(), NOW)).toEqual({ count: numbersOf(pred).length, capped: false });
	});

	it('drops what it does not understand, and never fails on it', async () => {
		const { filter, dropped } = parseCaseListFilter(
			new URLSearchParams("service=nope&stage=x';--&assignee=-1&receivedFrom=2026-13-40&after=%%%&sort=id")
		);
		expect(dropped.sort()).toEqual(['assignee', 'receivedFrom', 'service', 'sort', 'stage']);
		expect((await listCasePage(handle.db, filter, head(), NOW, 5)).rows).toHaveLength(5);
	});
});

describe('keyset paging', () => {
	it.each(SORTS.flatMap((s) => [[s, 'asc'] as const, [s, 'desc'] as const]))(
		'by %s %s: every case once, in order; the page before is the page before',
		async (sort, dir) => {
			const forward = await all({ sort, dir });
			expect(new Set(forward).size).toBe(60);
			// Going back from the third page gives the second.
			const p1 = await listCasePage(handle.db, { sort, dir }, head(), NOW, 7);
			const p2 = await listCasePage(handle.db, { sort, dir, after: p1.next! }, head(), NOW, 7);
			const p3 = await listCasePage(handle.db, { sort, dir, after: p2.next! }, head(), NOW, 7);
			const back = await listCasePage(handle.db, { sort, dir, before: p3.prev! }, head(), NOW, 7);
			expect(back.rows.map((r) => r.number)).toEqual(p2.rows.map((r) => r.number));
			const first = await listCasePage(handle.db, { sort, dir, before: p2.prev! }, head(), NOW, 7);
			expect(first.rows.map((r) => r.number)).toEqual(p1.rows.map((r) => r.number));
			expect(first.prev).toBeNull();
		}
	);
});

describe('band and decided dates under every sort', () => {
	// The rows and order a band or decided-date filter gives are the whole list's, in its order, kept
	// by the same test in JS: the band read from its clocks and the decided range read on the sort
	// key (ADR-136) change how the rows are found, never which or in what order.
	const granted = (i: number) => i % 3 === 2;
	const decidedDay = (i: number) => 1 + Math.floor(i / 2) + 3; // received day of February + 3
	it.each(
		(
			[
				['band=breached', (i: number) => i < 3],
				['band=red&unit=U2', (i: number) => i === 4],
				['band=amber', (i: number) => i === 5],
				['band=ok&decidedFrom=2026-02-20', (i: number) => i >= 10 && granted(i) && decidedDay(i) >= 20],
				[
					'decidedFrom=2026-02-10&decidedTo=2026-02-20',
					(i: number) => granted(i) && decidedDay(i) >= 10 && decidedDay(i) <= 20
				],
				['decidedTo=2026-02-12&stage=granted', (i: number) => granted(i) && decidedDay(i) <= 12],
				[
					'decidedFrom=2026-02-25&service=export-licence',
					(i: number) => granted(i) && i % 4 === 0 && decidedDay(i) >= 25
				]
			] as const
		).flatMap(([q, pred]) => SORTS.flatMap((s) => [[q, s, 'asc', pred] as const, [q, s, 'desc', pred] as const]))
	)('%s by %s %s', async (q, sort, dir, pred) => {
		const { filter } = parseCaseListFilter(new URLSearchParams(q));
		const keep = new Set(numbersOf(pred));
		expect(keep.size).toBeGreaterThan(0);
		const expected = (await all({ sort, dir })).filter((n) => keep.has(n));
		expect(await all({ ...filter, sort, dir })).toEqual(expected);
		expect(await all({ ...filter, sort, dir }, head(), 7, true)).toEqual(expected);
		expect(await countCases(handle.db, filter, head(), NOW)).toEqual({ count: keep.size, capped: false });
	});
});

describe('a case decided before it was received', () => {
	// The page by receipt reads a decided range from its end, as a decision follows its receipt; a case
	// that breaks the rule is still listed, in its place (ADR-136).
	it('is listed where it belongs', async () => {
		const number = 'T-2026-00020'; // received 11 February, granted 14 February
		const [row] = await handle.db.select().from(cases).where(eq(cases.number, number));
		await handle.db
			.update(cases)
			.set({ decidedAt: new Date(Date.UTC(2026, 1, 8, 4)) })
			.where(eq(cases.id, row!.id));
		try {
			const { filter } = parseCaseListFilter(new URLSearchParams('decidedFrom=2026-02-05&decidedTo=2026-02-09'));
			const keep = new Set([...numbersOf((i) => i % 3 === 2 && 4 + Math.floor(i / 2) <= 9), number]);
			for (const dir of ['desc', 'asc'] as const) {
				const expected = (await all({ sort: 'received', dir })).filter((n) => keep.has(n));
				expect(expected).toContain(number);
				expect(await all({ ...filter, sort: 'received', dir })).toEqual(expected);
				expect(await all({ ...filter, sort: 'received', dir }, head(), 2)).toEqual(expected);
				expect(await all({ ...filter, sort: 'received', dir }, head(), 7, true)).toEqual(expected);
			}
		} finally {
			await handle.db.update(cases).set({ decidedAt: row!.decidedAt }).where(eq(cases.id, row!.id));
		}
	});
});

describe('visibility', () => {
	it('device-verification cases only with them in hand', async () => {
		const reviewer = {
			userId: 99,
			scope: searchScope({ userId: 99, roles: ['complaint_reviewer'], unit: null, agencyCode: null })
		};
		const officerU2 = {
			userId: 98,
			scope: searchScope({ userId: 98, roles: ['officer'], unit: 'U2', agencyCode: null })
		};
		const dv = { service: 'device-verification' as const };
		expect(await all(dv, head())).toHaveLength(15);
		expect(await all(dv, reviewer)).toEqual([]);
		// Every device case is of unit U1: an officer of U2 sees only the unassigned ones.
		expect((await all(dv, officerU2)).sort()).toEqual(numbersOf((i) => i % 4 === 3 && i % 5 !== 0));
	});
});

describe('CSV', () => {
	it('quotes what needs it and defuses formulas', () => {
		expect(csvLine(['a', 'b,c', 'say "hi"', '=1+1', '-2', 'line\nbreak'])).toBe(
			`a,"b,c","say ""hi""",'=1+1,'-2,"line\nbreak"\r\n`
		);
	});
});
