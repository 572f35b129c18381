/**
 * The kept compliance facts (ADR-135) against the former replay of every decided case's clocks, on a
 * real database (PGlite, or PostgreSQL with DATABASE_URL): a generated year of decided cases, then
 * each way a fact goes stale — a reassignment, a clock's new event, a reopened case, a running clock
 * passing its due, a calendar decree — must give the replay's tables again on the next read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { cases, clocks, decidedCaseFacts, organisations, users } from '../../src/lib/server/db/schema';
import { ManualClock } from '../../src/lib/server/clock';
import { createCalendarService, type CalendarService } from '../../src/lib/server/calendar/calendar.service';
import { systemActor } from '../../src/lib/server/audit/audit.repository';
import {
	loadCompliance,
	loadComplianceByReplay,
	periodInstants
} from '../../src/lib/server/supervision/analysis.repository';
import { dirtyCount, refreshDecidedFacts } from '../../src/lib/server/supervision/decided-facts.repository';
import { periodContaining } from '../../src/lib/domain/supervision/period';
import type { AnalysisFilters } from '../../src/lib/server/supervision/analysis-query';
import { createRng } from '../../src/lib/domain/reference/prng';

let handle: DbHandle;
let calendars: CalendarService;
const clock = new ManualClock(new Date('2026-01-20T06:00:00Z'));
const officers: number[] = [];
const year = periodContaining('year', '2025-06-01');
const quarter = periodContaining('quarter', '2025-05-01');

const iso = (d: Date) => d.toISOString();
const day = 86_400_000;

async function seedYear(orgId: number) {
	const rng = createRng(2025);
	const r = () => rng.next();
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
	for (let i = 0; i < 160; i++) {
		// Received through 2025 (and the last weeks of 2024), at 10:00 Almaty.
		const received = new Date(Date.UTC(2024, 11, 1, 5) + Math.floor(r() * 390) * day);
		const decided = new Date(received.getTime() + (1 + Math.floor(r() * 40)) * day + Math.floor(r() * 8) * 3_600_000);
		const [c] = await handle.db
			.insert(cases)
			.values({
				number: `DF-${i}`,
				service: pick(['export-licence', 'import-licence', 'end-user-certificate']),
				stage: 'decided',
				applicantId: orgId,
				assigneeId: pick([...officers, null]),
				unit: pick(['U1', 'U2', null]),
				receivedAt: received,
				registeredOn: received.toISOString().slice(0, 10),
				application: {},
				decidedAt: decided,
				createdAt: received,
				updatedAt: received
			})
			.returning();
		const events: Record<string, unknown>[] = [{ type: 'started', at: iso(received) }];
		if (r() < 0.3 && decided.getTime() - received.getTime() > 8 * day) {
			const from = new Date(received.getTime() + 2 * day);
			events.push({ type: 'suspended', at: iso(from), reason: 'MFA check', legalBasis: '001 p.18' });
			events.push({ type: 'resumed', at: iso(new Date(from.getTime() + 4 * day)) });
		}
		events.push(
			r() < 0.08 ? { type: 'cancelled', at: iso(decided), reason: 'withdrawn' } : { type: 'met', at: iso(decided) }
		);
		const term = {
			kind: 'service-term',
			unit: 'working_days',
			length: pick([5, 10, 15, 30]),
			citation: '001 Annex 1 row 3'
		};
		await handle.db.insert(clocks).values({ caseId: c!.id, ...term, events, state: 'met' });
		if (r() < 0.35)
			await handle.db.insert(clocks).values({
				caseId: c!.id,
				kind: 'consultation',
				subject: 'nsc',
				unit: 'working_days',
				length: 10,
				citation: '001 p.16',
				// Answered 3 to 24 days on: past its 10 working days sometimes (met late: a breach).
				events: [
					{ type: 'started', at: iso(received) },
					{ type: 'met', at: iso(new Date(received.getTime() + (3 + Math.floor(r() * 22)) * day)) }
				],
				state: 'met'
			});
	}
}

beforeAll(async () => {
	handle = await createTestDb();
	calendars = createCalendarService({ db: handle.db, clock });
	for (const name of ['df-aida', 'df-bek', 'df-dana']) {
		const [u] = await handle.db
			.insert(users)
			.values({
				username: name,
				displayName: name,
				passwordHash: 'x',
				createdAt: clock.now(),
				updatedAt: clock.now()
			})
			.returning({ id: users.id });
		officers.push(u!.id);
	}
	const [org] = await handle.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Факт»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	await seedYear(org!.id);
});

afterAll(async () => {
	await handle?.close();
});

/** Both ways at the clock's now, with the calendar as it stands. */
async function both(period = year, filters: AnalysisFilters = {}) {
	const calendar = await calendars.current();
	const kept = await loadCompliance(handle.db, calendar, clock.now(), period, filters, 'en');
	const replayed = await loadComplianceByReplay(handle.db, calendar, clock.now(), period, filters, 'en');
	return { kept, replayed };
}

describe('kept compliance facts (ADR-135)', () => {
	it('equal the replay for the year, a quarter and each filter, and leave nothing dirty', async () => {
		expect(await dirtyCount(handle.db)).toBeGreaterThan(100); // marked by the triggers on insert
		const { kept, replayed } = await both();
		expect(replayed.services.reduce((n, s) => n + s.decided, 0)).toBeGreaterThan(100);
		expect(kept).toEqual(replayed);
		expect(await dirtyCount(handle.db)).toBe(0);
		for (const [period, filters] of [
			[quarter, {}],
			[year, { service: 'import-licence' }],
			[year, { unit: 'U2' }],
			[year, { officer: officers[1] }]
		] as const) {
			const r = await both(period, filters);
			expect(r.kept).toEqual(r.replayed);
		}
	});

	it('follow a reassignment and a unit change of a decided case', async () => {
		const [c] = await handle.db.select().from(cases).where(eq(cases.number, 'DF-7'));
		const to = officers.find((o) => o !== c!.assigneeId)!;
		await handle.db.update(cases).set({ assigneeId: to, unit: 'U9' }).where(eq(cases.id, c!.id));
		expect(await dirtyCount(handle.db)).toBe(1);
		const { kept, replayed } = await both();
		expect(kept).toEqual(replayed);
		expect(kept.units.find((u) => u.key === 'U9')?.decided).toBe(1);
	});

	it("follow a clock's new event: a term met late after a correction", async () => {
		const [row] = await handle.db
			.select({ id: clocks.id, caseId: clocks.caseId, events: clocks.events, decidedAt: cases.decidedAt })
			.from(clocks)
			.innerJoin(cases, eq(cases.id, clocks.caseId))
			.where(sql`${clocks.kind} = 'service-term' and ${clocks.events} @> '[{"type":"met"}]'`)
			.limit(1);
		const before = (await both()).kept;
		const events = (row!.events as { type: string; at: string }[]).map((e) =>
			e.type === 'met' ? { ...e, at: new Date(Date.parse(e.at) + 90 * day).toISOString() } : e
		);
		await handle.db.update(clocks).set({ events }).where(eq(clocks.id, row!.id));
		const { kept, replayed } = await both();
		expect(kept).toEqual(replayed);
		expect(kept).not.toEqual(before);
	});

	it('drop a case that is no longer decided', async () => {
		const [c] = await handle.db.select().from(cases).where(eq(cases.number, 'DF-11'));
		const before = (await both()).kept;
		await handle.db.update(cases).set({ decidedAt: null, stage: 'review' }).where(eq(cases.id, c!.id));
		const { kept, replayed } = await both();
		expect(kept).toEqual(replayed);
		const total = (t: typeof kept) => t.services.reduce((n, s) => n + s.decided, 0);
		expect(total(kept)).toBe(total(before) - 1);
		expect(await handle.db.select().from(decidedCaseFacts).where(eq(decidedCaseFacts.caseId, c!.id))).toEqual([]);
	});

	it('turn a running clock of a decided case into a breach once its due passes, with no write', async () => {
		// A certificate's presentation clock runs on after the decision (000 Annex 4: 6 months).
		const [c] = await handle.db.select().from(cases).where(eq(cases.number, 'DF-3'));
		const started = new Date('2026-01-21T05:00:00Z');
		await handle.db.insert(clocks).values({
			caseId: c!.id,
			kind: 'certificate-presentation',
			unit: 'working_days',
			length: 3,
			citation: '000 p.9',
			events: [{ type: 'started', at: started.toISOString() }],
			state: 'running'
		});
		clock.set(new Date('2026-01-22T06:00:00Z'));
		const early = await both();
		expect(early.kept).toEqual(early.replayed);
		const breachesOf = (t: typeof early.kept) =>
			t.services.reduce((n, s) => n + (s.breaches['certificate-presentation'] ?? 0), 0);
		expect(breachesOf(early.kept)).toBe(0);
		const [fact] = await handle.db.select().from(decidedCaseFacts).where(eq(decidedCaseFacts.caseId, c!.id));
		expect(fact!.staleAt).not.toBeNull();
		clock.set(new Date(fact!.staleAt!.getTime() + 60_000));
		expect(await dirtyCount(handle.db)).toBe(0); // nothing was written: only time passed
		const late = await both();
		expect(late.kept).toEqual(late.replayed);
		expect(breachesOf(late.kept)).toBe(1);
	});

	it('are recomputed for the period after a calendar decree moves a day off', async () => {
		const before = (await both()).kept;
		// Every Wednesday of May 2025 a day off: the working days used of May's cases shrink.
		for (const date of ['2025-05-14', '2025-05-21', '2025-05-28'])
			await calendars.change({ date, override: { kind: 'day_off', reason: 'test decree' } }, systemActor);
		const { kept, replayed } = await both();
		expect(kept).toEqual(replayed);
		expect(kept).not.toEqual(before);
		const calendar = await calendars.current();
		const inYear = await refreshDecidedFacts(handle.db, calendar, clock.now(), periodInstants(calendar, year));
		expect(inYear.computed).toBe(0); // all current now
	});

	it('leave out, and keep dirty, a case whose clock history cannot be replayed, until it is mended', async () => {
		const [c] = await handle.db
			.select()
			.from(cases)
			.where(sql`${cases.decidedAt} between '2025-03-01' and '2025-10-31' and ${cases.number} not in ('DF-3', 'DF-7')`)
			.orderBy(cases.number)
			.limit(1);
		const [term] = await handle.db
			.select()
			.from(clocks)
			.where(sql`${clocks.caseId} = ${c!.id} and ${clocks.kind} = 'service-term'`);
		const good = term!.events;
		// A met event after now: the rules refuse the history (ClockSequenceError).
		const future = new Date(clock.now().getTime() + 30 * day).toISOString();
		await handle.db
			.update(clocks)
			.set({
				events: [
					{ type: 'started', at: iso(c!.receivedAt) },
					{ type: 'met', at: future }
				]
			})
			.where(eq(clocks.id, term!.id));
		const calendar = await calendars.current();
		const instants = periodInstants(calendar, year);
		const first = await refreshDecidedFacts(handle.db, calendar, clock.now(), instants);
		expect(first.failed).toBe(1);
		expect(await dirtyCount(handle.db)).toBe(1);
		const kept = await loadCompliance(handle.db, calendar, clock.now(), year, {}, 'en');
		const total = kept.services.reduce((n, s) => n + s.decided, 0);
		await expect(loadComplianceByReplay(handle.db, calendar, clock.now(), year, {}, 'en')).rejects.toThrow(/after now/);
		await handle.db.update(clocks).set({ events: good }).where(eq(clocks.id, term!.id));
		const mended = await both();
		expect(mended.kept).toEqual(mended.replayed);
		expect(mended.kept.services.reduce((n, s) => n + s.decided, 0)).toBe(total + 1);
		expect(await dirtyCount(handle.db)).toBe(0);
	});

	it('give the same tables when two readers refresh at once', async () => {
		await handle.db
			.update(cases)
			.set({ assigneeId: officers[0] })
			.where(sql`${cases.number} like 'DF-2%'`);
		const [a, b] = await Promise.all([both(), both()]);
		expect(a.kept).toEqual(a.replayed);
		expect(b.kept).toEqual(a.replayed);
		expect(await dirtyCount(handle.db)).toBe(0);
	});
});
