/**
 * Recomputing open clocks after a calendar change (ADR-004) on a real database: the
 * grouped fast path (single `started` working-day terms) and the one-by-one path (every other
 * history) must leave exactly what `computeClock` gives for each clock's own history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import { clockRow } from '../helpers/clock-row';
import type { DbHandle } from '../../src/lib/server/db/client';
import { ensureReferenceData } from '../../src/lib/server/db/reference-data';
import { cases, clocks, organisations } from '../../src/lib/server/db/schema';
import { createCalendar } from '../../src/lib/domain/calendar';
import { computeClock, type ClockEvent, type SlaClock } from '../../src/lib/domain/sla';
import { recomputeOpenClocks, reviveClock } from '../../src/lib/server/calendar/recompute-clocks';
import { createRng } from '../../src/lib/domain/reference/prng';
import { storedState } from '../../src/lib/server/cases/write-plan';

let handle: DbHandle;
const before = createCalendar({});
const now = new Date('2026-06-01T05:00:00Z'); // Monday 10:00 in Almaty
const DAY_OFF = '2026-06-08';
const after = before.withOverrides([{ date: DAY_OFF, kind: 'day_off', reason: 'Decree' }]);

function randomClock(rng: ReturnType<typeof createRng>): SlaClock {
	const startDay = before.addWorkingDays(before.localDate(now), -rng.int(1, 40));
	const start = new Date(
		before.endOfCalendarDay(startDay).getTime() + 1000 - 86_400_000 + rng.int(8 * 60, 20 * 60) * 60_000
	);
	const events: ClockEvent[] = [{ type: 'started', at: start }];
	const shape = rng.int(0, 3);
	if (shape === 1) {
		// 001 p.17 para 3: the MFA check suspends the term; sometimes the result is already in.
		const s = new Date(Math.min(now.getTime() - 3_600_000, start.getTime() + rng.int(1, 10) * 86_400_000));
		events.push({ type: 'suspended', at: s, reason: 'MFA check', legalBasis: '001 p.17' });
		if (rng.chance(0.5))
			events.push({
				type: 'resumed',
				at: new Date(Math.min(now.getTime() - 60_000, s.getTime() + rng.int(1, 5) * 86_400_000))
			});
	}
	const unit = shape === 2 ? 'calendar_days' : 'working_days';
	const kind = shape === 1 ? 'service-term' : rng.pick(['service-term', 'consultation', 'completeness'] as const);
	return { kind, unit, length: rng.int(1, 45), citation: 'test', events };
}

beforeAll(async () => {
	handle = await createTestDb();
	await ensureReferenceData(handle.db);
});
afterAll(() => handle.close());

describe('recomputeOpenClocks', () => {
	it('leaves every open clock with the due computeClock gives for its own history under the new calendar', async () => {
		const rng = createRng('recompute-paths');
		const [org] = await handle.db
			.insert(organisations)
			.values({ bin: '000740001307', name: 'Test', legalAddress: 'Astana', city: 'Astana' })
			.returning();
		const planned: SlaClock[] = Array.from({ length: 400 }, () => randomClock(rng));
		for (const [i, clock] of planned.entries()) {
			const at = clock.events[0]!.at;
			const [c] = await handle.db
				.insert(cases)
				.values({
					number: `T-${i}`,
					service: 'export-licence',
					stage: 'under-review',
					applicantId: org!.id,
					receivedAt: at,
					registeredOn: before.localDate(at),
					application: {},
					createdAt: at,
					updatedAt: at
				})
				.returning();
			const was = computeClock(clock, before, now);
			await handle.db.insert(clocks).values({
				...clockRow(c!.id, clock),
				state: storedState(was.state, was.due, null),
				dueAt: was.due
			});
		}
		const expectedMoves = planned.filter(
			(c) => computeClock(c, before, now).due?.getTime() !== computeClock(c, after, now).due?.getTime()
		).length;
		expect(expectedMoves).toBeGreaterThan(50); // the day off sits inside many running terms

		const preview = await handle.db.transaction((tx) =>
			recomputeOpenClocks(tx, { after, now, date: DAY_OFF, write: false })
		);
		const summary = await handle.db.transaction((tx) =>
			recomputeOpenClocks(tx, { after, now, date: DAY_OFF, write: true })
		);
		expect(summary).toEqual(preview);
		expect(summary).toMatchObject({ moved: expectedMoves, cases: expectedMoves, skipped: 0 });

		const stored = await handle.db.select().from(clocks).orderBy(asc(clocks.id));
		for (const row of stored) {
			const truth = computeClock(reviveClock(row), after, now);
			// Past its due but not yet announced by the scheduler: stored as running (write-plan.ts).
			expect({ due: row.dueAt?.toISOString() ?? null, state: row.state }).toEqual({
				due: truth.due?.toISOString() ?? null,
				state: storedState(truth.state, truth.due, row.firedFor)
			});
		}
		// A second run finds nothing left to move.
		expect(
			await handle.db.transaction((tx) => recomputeOpenClocks(tx, { after, now, date: DAY_OFF, write: true }))
		).toMatchObject({ moved: 0, cases: 0 });
	});
});
