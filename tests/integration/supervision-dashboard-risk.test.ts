/**
 * The dashboard's SLA risk by officer on a real database (PGlite, or PostgreSQL with DATABASE_URL):
 * each officer's open cases by the band of their most urgent clock, counted by hand; then past
 * 65,534 open cases, where a list of their ids no longer fits the driver's parameters (the chart
 * reads their clocks by a join).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import { rowsOf, type DbHandle } from '../../src/lib/server/db/client';
import { cases, clocks, organisations, users } from '../../src/lib/server/db/schema';
import { createCalendar } from '../../src/lib/domain/calendar';
import { loadSupervision } from '../../src/lib/server/supervision/supervision.service';

let handle: DbHandle;
let applicantId = 0;
/** Tuesday 10 February 2026, 10:00 Almaty. */
const NOW = new Date('2026-02-10T05:00:00Z');
const calendar = createCalendar();

async function officer(name: string) {
	const [u] = await handle.db
		.insert(users)
		.values({
			username: name.toLowerCase().replace(' ', '-'),
			displayName: name,
			passwordHash: 'x',
			unit: 'U1',
			createdAt: NOW,
			updatedAt: NOW
		})
		.returning({ id: users.id });
	return u!.id;
}

let n = 0;
/**
 * A case whose service term (001 Annex 1 row 3; 15 WD here) started at `started`; decided cases and
 * met clocks have no band.
 */
async function addCase(assigneeId: number | null, started: string, o: { decided?: boolean; met?: string } = {}) {
	const [c] = await handle.db
		.insert(cases)
		.values({
			number: `RK-${++n}`,
			service: 'export-licence',
			stage: o.decided ? 'granted' : 'under-review',
			applicantId,
			assigneeId,
			unit: 'U1',
			receivedAt: new Date(started),
			registeredOn: started.slice(0, 10),
			decidedAt: o.decided ? NOW : null,
			application: {},
			createdAt: new Date(started),
			updatedAt: new Date(started)
		})
		.returning({ id: cases.id });
	await handle.db.insert(clocks).values({
		caseId: c!.id,
		kind: 'service-term',
		unit: 'working_days',
		length: 15,
		citation: '001 Annex 1 row 3',
		events: [{ type: 'started', at: started }, ...(o.met ? [{ type: 'met', at: o.met }] : [])],
		state: o.met ? 'met' : 'running'
	});
}

beforeAll(async () => {
	handle = await createTestDb();
	const [org] = await handle.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Тәуекел»', legalAddress: 'Astana', city: 'Astana' })
		.returning({ id: organisations.id });
	applicantId = org!.id;
	const a = await officer('Officer A');
	const b = await officer('Officer B');
	// A: one started the day before (in time), one started in December (15 WD long past: breached).
	await addCase(a, '2026-02-09T05:00:00.000Z');
	await addCase(a, '2025-12-01T05:00:00.000Z');
	// B: one in time; a decided case with a breached clock counts nowhere.
	await addCase(b, '2026-02-06T05:00:00.000Z');
	await addCase(b, '2025-11-03T05:00:00.000Z', { decided: true });
	// Nobody's: a met clock, no band; the row stays with zeros.
	await addCase(null, '2026-01-05T05:00:00.000Z', { met: '2026-01-20T05:00:00.000Z' });
}, 120_000);

afterAll(async () => {
	await handle?.close();
});

const bands = (risk: { labels: string[]; series: { key: string; values: number[] }[] }) =>
	Object.fromEntries(risk.series.map((s) => [s.key, s.values]));

describe('dashboard: SLA risk by officer', () => {
	it('counts each open case once, in its most urgent band, counted by hand', async () => {
		const { risk } = await loadSupervision(handle.db, calendar, NOW);
		expect(risk.labels).toEqual(['Officer A', 'Officer B', '—']);
		expect(bands(risk)).toEqual({ breached: [1, 0, 0], red: [0, 0, 0], amber: [0, 0, 0], ok: [1, 1, 0] });
	});

	it('answers past 65,534 open cases, the same counts', async () => {
		await handle.db.execute(sql.raw(`alter table cases disable trigger case_search_refresh`));
		await handle.db.execute(
			sql.raw(`insert into cases (number, service, stage, applicant_id, unit, received_at, registered_on, application, created_at, updated_at)
			select 'RKB-' || g, 'export-licence', 'under-review', ${applicantId}, 'U1', now(), current_date, '{}'::jsonb, now(), now()
			from generate_series(1, 65600) g`)
		);
		const [row] = rowsOf<{ open: number }>(
			await handle.db.execute(sql.raw(`select count(*)::int as open from cases where decided_at is null`))
		);
		expect(row?.open).toBeGreaterThan(65_534);
		const { risk } = await loadSupervision(handle.db, calendar, NOW);
		expect(risk.labels).toEqual(['Officer A', 'Officer B', '—']);
		expect(bands(risk)).toEqual({ breached: [1, 0, 0], red: [0, 0, 0], amber: [0, 0, 0], ok: [1, 1, 0] });
	}, 300_000);
});
