/**
 * The workload "as of" counted in SQL (ADR-103) against the rule it implements, replayed in the
 * process the way the server did before (tests/helpers/workload-replay.ts), on a real database
 * (PGlite, or PostgreSQL with DATABASE_URL): a seeded history of cases opened and decided around
 * each instant asked, events written out of order, sub-millisecond instants, assignments to nobody
 * and malformed `after`s; every instant under every filter must give the same answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import { replayWorkloadAsOf } from '../helpers/workload-replay';
import type { DbHandle } from '../../src/lib/server/db/client';
import { cases, organisations, users } from '../../src/lib/server/db/schema';
import { loadWorkloadAsOf } from '../../src/lib/server/supervision/trend-workload.repository';
import type { AnalysisFilters } from '../../src/lib/server/supervision/analysis-query';
import { createRng } from '../../src/lib/domain/reference/prng';

let handle: DbHandle;
let applicantId = 0;
const officers: number[] = [];
const T0 = Date.parse('2026-04-01T05:00:00Z');
const DAY = 86_400_000;
/** The edge instant: cases are created, decided and re-assigned exactly at it or a fraction after. */
const A = new Date(T0 + 10 * DAY);
const SERVICES = ['export-licence', 'import-licence', 'complaint'];
const STAGES = ['completeness', 'review', 'consultation', 'decision'];

interface Ev {
	type: string;
	/** An ISO instant, microseconds allowed. */
	at: string;
	after: unknown;
}

let n = 0;
async function addCase(o: {
	created: Date;
	decided: string | null;
	unit: string | null;
	assigneeId: number | null;
	stage: string;
	service?: string;
	events: Ev[];
}) {
	const [c] = await handle.db
		.insert(cases)
		.values({
			number: `WS-${String(++n).padStart(4, '0')}`,
			service: o.service ?? SERVICES[n % SERVICES.length]!,
			stage: o.stage,
			applicantId,
			assigneeId: o.assigneeId,
			unit: o.unit,
			receivedAt: o.created,
			registeredOn: o.created.toISOString().slice(0, 10),
			application: {},
			createdAt: o.created,
			updatedAt: o.created
		})
		.returning({ id: cases.id });
	if (o.decided)
		await handle.db.execute(sql`update cases set decided_at = ${o.decided}::timestamptz where id = ${c!.id}`);
	let seq = 0;
	for (const e of o.events) {
		seq++;
		const after = e.after === undefined ? sql`null` : sql`${JSON.stringify(e.after)}::jsonb`;
		await handle.db.execute(sql`insert into case_events (case_id, seq, type, actor_label, at, after, prev_hash, hash)
			values (${c!.id}, ${seq}, ${e.type}, 'test', ${e.at}::timestamptz, ${after}, ${'p' + seq}, ${'h' + seq})`);
	}
}

/** An instant `ms` after `d`, with `micro` further microseconds (0–999). */
const iso = (d: Date, ms = 0, micro = 0) =>
	new Date(d.getTime() + ms).toISOString().replace('Z', `${String(micro).padStart(3, '0')}Z`);

beforeAll(async () => {
	handle = await createTestDb();
	const now = new Date(T0);
	for (let i = 0; i < 4; i++) {
		const [u] = await handle.db
			.insert(users)
			.values({
				username: `ws-o${i}`,
				displayName: `Officer ${i}`,
				passwordHash: 'x',
				unit: `U${i % 2}`,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: users.id });
		officers.push(u!.id);
	}
	const [org] = await handle.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Жүктеме»', legalAddress: 'Astana', city: 'Astana' })
		.returning({ id: organisations.id });
	applicantId = org!.id;
	const [o0, o1, o2, o3] = officers as [number, number, number, number];
	// Hand-made edges around A.
	// Created exactly at A, assigned at A, moved to review half a millisecond after A (the rule reads
	// milliseconds, so that is still "by A"), re-assigned a millisecond after A (not by A).
	await addCase({
		created: A,
		decided: null,
		unit: 'U0',
		assigneeId: o3,
		stage: 'decision',
		events: [
			{ type: 'case:created', at: iso(A), after: { stage: 'completeness' } },
			{ type: 'case:assigned', at: iso(A), after: { assigneeId: o0 } },
			{ type: 'completeness:confirmed', at: iso(A, 0, 500), after: { stage: 'review' } },
			{ type: 'case:assigned', at: iso(A, 1), after: { assigneeId: o1 } }
		]
	});
	// Created a millisecond after A: not open at A.
	await addCase({
		created: new Date(A.getTime() + 1),
		decided: null,
		unit: 'U0',
		assigneeId: o0,
		stage: 'review',
		events: []
	});
	// Decided exactly at A, and 0.4 ms after A (the same millisecond): neither open at A.
	await addCase({ created: new Date(T0), decided: iso(A), unit: 'U1', assigneeId: o1, stage: 'decision', events: [] });
	await addCase({
		created: new Date(T0),
		decided: iso(A, 0, 400),
		unit: 'U1',
		assigneeId: o1,
		stage: 'decision',
		events: []
	});
	// Decided a millisecond after A: open at A; no events, so its current officer and stage.
	await addCase({
		created: new Date(T0),
		decided: iso(A, 1),
		unit: null,
		assigneeId: o2,
		stage: 'decision',
		events: []
	});
	// Every assignment after A: nobody's at A; the only stage event after A: the current stage.
	await addCase({
		created: new Date(T0),
		decided: null,
		unit: 'U1',
		assigneeId: o2,
		stage: 'consultation',
		events: [
			{ type: 'case:assigned', at: iso(A, DAY), after: { assigneeId: o2 } },
			{ type: 'review:started', at: iso(A, DAY), after: { stage: 'review' } }
		]
	});
	// Assigned to nobody before A; an "assignment" without `assigneeId`, a numeric stage, an array
	// and a null `after` change nothing.
	await addCase({
		created: new Date(T0),
		decided: null,
		unit: 'U0',
		assigneeId: o3,
		stage: 'review',
		events: [
			{ type: 'case:assigned', at: iso(A, -DAY), after: { assigneeId: o1 } },
			{ type: 'case:assigned', at: iso(A, -DAY / 2), after: { assigneeId: null } },
			{ type: 'case:assigned', at: iso(A, -DAY / 4), after: {} },
			{ type: 'note:added', at: iso(A, -DAY / 4), after: ['assigneeId', 'stage'] },
			{ type: 'note:added', at: iso(A, -DAY / 4), after: undefined }
		]
	});
	// An array `after` on an assignment is no assignment: the current officer.
	await addCase({
		created: new Date(T0),
		decided: null,
		unit: 'U0',
		assigneeId: o2,
		stage: 'review',
		events: [{ type: 'case:assigned', at: iso(A, -DAY / 4), after: ['assigneeId'] }]
	});
	// A numeric stage is no stage: the current one.
	await addCase({
		created: new Date(T0),
		decided: null,
		unit: 'U0',
		assigneeId: o3,
		stage: 'consultation',
		events: [{ type: 'stage:odd', at: iso(A, -DAY / 4), after: { stage: 7 } }]
	});
	// An assignment with no `assigneeId` only: never assigned, so the current officer.
	await addCase({
		created: new Date(T0),
		decided: null,
		unit: 'U1',
		assigneeId: o0,
		stage: 'review',
		events: [{ type: 'case:assigned', at: iso(A, -DAY), after: { other: 1 } }]
	});
	// A seeded history: 120 cases over 20 days, half decided 0–15 days later, 0–8 events each at
	// random instants (some microseconds, some out of order), assignments to the four or nobody.
	const r = createRng(23).next;
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
	for (let i = 0; i < 120; i++) {
		const created = new Date(T0 + Math.floor(r() * 20 * DAY));
		const decided = r() < 0.5 ? iso(created, Math.floor(r() * 15 * DAY), Math.floor(r() * 1000)) : null;
		const events: Ev[] = [];
		const k = Math.floor(r() * 9);
		for (let j = 0; j < k; j++) {
			const at = iso(
				created,
				Math.floor(r() * 18 * DAY) - (r() < 0.1 ? DAY : 0),
				r() < 0.3 ? Math.floor(r() * 1000) : 0
			);
			const x = r();
			if (x < 0.4)
				events.push({ type: 'case:assigned', at, after: { assigneeId: r() < 0.15 ? null : pick(officers) } });
			else if (x < 0.8)
				events.push({ type: pick(['case:created', 'stage:changed']), at, after: { stage: pick(STAGES) } });
			else events.push({ type: 'note:added', at, after: { n: j } });
		}
		await addCase({
			created,
			decided,
			unit: r() < 0.1 ? null : pick(['U0', 'U1', 'U2']),
			assigneeId: r() < 0.2 ? null : pick(officers),
			stage: pick(STAGES),
			events
		});
	}
});

afterAll(async () => {
	await handle?.close();
});

describe('workload as of, SQL against the replay', () => {
	it('the edges at A: one unit, then one officer in it', async () => {
		const w = await loadWorkloadAsOf(handle.db, A, { unit: 'U0' });
		expect(w).toEqual(await replayWorkloadAsOf(handle.db, A, { unit: 'U0' }));
		// The case created at A: Officer 0's, in review half a millisecond after A.
		const o0 = officers[0]!;
		const mine = await loadWorkloadAsOf(handle.db, A, { unit: 'U0', officer: o0 });
		expect(mine).toEqual(await replayWorkloadAsOf(handle.db, A, { unit: 'U0', officer: o0 }));
		expect(mine.stages.find((s) => s.key === 'review')?.open).toBeGreaterThan(0);
	});

	const instants = [
		A,
		new Date(A.getTime() - 1),
		new Date(A.getTime() + 1),
		new Date(T0 - DAY),
		new Date(T0),
		...Array.from({ length: 9 }, (_, i) => new Date(T0 + (i + 1) * 3 * DAY + i * 3_600_000 + 123))
	];

	it('every instant under every filter gives the replay’s answer', async () => {
		const filterSets: AnalysisFilters[] = [
			{},
			{ service: 'export-licence' },
			{ unit: 'U1' },
			{ service: 'complaint', unit: 'U2' },
			...officers.map((officer) => ({ officer })),
			{ officer: officers[1]!, unit: 'U0' }
		];
		let compared = 0;
		let nonEmpty = 0;
		for (const at of instants)
			for (const f of filterSets) {
				const got = await loadWorkloadAsOf(handle.db, at, f);
				expect(got, `${at.toISOString()} ${JSON.stringify(f)}`).toEqual(await replayWorkloadAsOf(handle.db, at, f));
				compared++;
				if (got.total > 0) nonEmpty++;
			}
		expect(compared).toBe(instants.length * filterSets.length);
		// The comparison is not of empty answers.
		expect(nonEmpty).toBeGreaterThan(compared / 2);
		const whole = await loadWorkloadAsOf(handle.db, new Date(T0 + 12 * DAY), {});
		expect(whole.total).toBeGreaterThan(30);
		expect(whole.officers.map((o) => o.key)).toContain('');
		expect(whole.officers.length).toBe(5);
		expect(whole.units.map((u) => u.key).sort()).toEqual(['', 'U0', 'U1', 'U2']);
	});

	it('nothing open: zero and empty tables', async () => {
		const w = await loadWorkloadAsOf(handle.db, new Date(T0 - 2 * DAY), {});
		expect(w).toMatchObject({ total: 0, officers: [], units: [], stages: [], officerNames: {} });
	});
});
