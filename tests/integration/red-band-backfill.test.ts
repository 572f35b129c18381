/**
 * The start-up fill of clocks.red_at (ADR-088) runs to its end once (ADR-099): a start cut off
 * before the end is resumed by the next, and a start after a finished fill does not fill again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import { clockRow } from '../helpers/clock-row';
import type { DbHandle } from '../../src/lib/server/db/client';
import { ensureReferenceData } from '../../src/lib/server/db/reference-data';
import { auditEvents, cases, clocks, organisations } from '../../src/lib/server/db/schema';
import { createCalendar } from '../../src/lib/domain/calendar';
import { clockTimers } from '../../src/lib/domain/procedures/timers';
import { computeClock, type SlaClock } from '../../src/lib/domain/sla';
import { FILLED, fillRedBandsOnce } from '../../src/lib/server/calendar/red-band-backfill';

let handle: DbHandle;
const calendar = createCalendar({});
const now = new Date('2026-06-01T05:00:00Z'); // Monday 10:00 in Almaty
// A service term (001 Annex 1 row 3; 15 WD here, shorter than the act's), started a week before.
const clock: SlaClock = {
	kind: 'service-term',
	unit: 'working_days',
	length: 15,
	citation: '001 Annex 1 row 3',
	events: [{ type: 'started', at: new Date('2026-05-25T04:00:00Z') }]
};
let clockId: string;

const markers = () =>
	handle.db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.stream, FILLED.stream), eq(auditEvents.type, FILLED.type)));
const storedRedAt = async () =>
	(await handle.db.select({ redAt: clocks.redAt }).from(clocks).where(eq(clocks.id, clockId)))[0]!.redAt;

beforeAll(async () => {
	handle = await createTestDb();
	await ensureReferenceData(handle.db);
	const [org] = await handle.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'Test', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const at = clock.events[0]!.at;
	const [c] = await handle.db
		.insert(cases)
		.values({
			number: 'T-RED-1',
			service: 'export-licence',
			stage: 'under-review',
			applicantId: org!.id,
			receivedAt: at,
			registeredOn: calendar.localDate(at),
			application: {},
			createdAt: at,
			updatedAt: at
		})
		.returning();
	// Written as before red_at was stored: open, with a due, without a red instant.
	const [k] = await handle.db
		.insert(clocks)
		.values({
			...clockRow(c!.id, clock),
			state: 'running',
			dueAt: computeClock(clock, calendar, now).due
		})
		.returning();
	clockId = k!.id;
});
afterAll(() => handle.close());

describe('fillRedBandsOnce', () => {
	it('leaves no completion row when a start is cut off, so the next start fills', async () => {
		await expect(
			fillRedBandsOnce(handle.db, () => Promise.reject(new Error('calendar not read')), now)
		).rejects.toThrow('calendar not read');
		expect(await markers()).toEqual([]);
		expect(await storedRedAt()).toBeNull();

		expect(await fillRedBandsOnce(handle.db, async () => calendar, now)).toBe(1);
		const expected = clockTimers(clock, calendar, now).redAt;
		expect(expected).not.toBeNull();
		expect((await storedRedAt())?.toISOString()).toBe(expected!.toISOString());
		expect((await markers()).map((r) => [r.actorLabel, r.after])).toEqual([['system', { filled: 1 }]]);
	});

	it('skips the fill on a later start, reading only the completion row', async () => {
		await handle.db.update(clocks).set({ redAt: null }).where(eq(clocks.id, clockId));
		let calendarRead = false;
		const skipped = await fillRedBandsOnce(
			handle.db,
			async () => {
				calendarRead = true;
				return calendar;
			},
			now
		);
		expect(skipped).toBeNull();
		expect(calendarRead).toBe(false);
		expect(await storedRedAt()).toBeNull();
		expect(await markers()).toHaveLength(1);
	});
});
