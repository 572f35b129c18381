/**
 * The audit trail: rows written in the same transaction as the change, refused on UPDATE, DELETE
 * and TRUNCATE by the database, and hash-chained so a tampered history is detected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { auditEvents, caseEvents, cases, organisations, users } from '../../src/lib/server/db/schema';
import {
	appendAuditEvent,
	appendCaseEvent,
	appendCaseEvents,
	verifyAuditTrail
} from '../../src/lib/server/audit/audit.repository';
import { createUserService } from '../../src/lib/server/users/users.service';
import { ensureReferenceData } from '../../src/lib/server/db/reference-data';
import { ManualClock } from '../../src/lib/server/clock';

let h: DbHandle;
let caseId: string;
const clock = new ManualClock(new Date('2026-04-01T05:00:00Z'));
const actor = { userId: null, label: 'test' };

beforeAll(async () => {
	h = await createTestDb();
	await ensureReferenceData(h.db);
	const [org] = await h.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Тест»', legalAddress: 'Astana', city: 'Astana' })
		.returning();
	const now = clock.now();
	const [c] = await h.db
		.insert(cases)
		.values({
			number: 'EL-TEST-1',
			service: 'export-licence',
			stage: 'registered',
			applicantId: org!.id,
			receivedAt: now,
			registeredOn: '2026-04-01',
			application: {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	caseId = c!.id;
	for (let i = 1; i <= 4; i++) {
		await h.db.transaction((tx) =>
			appendCaseEvent(tx, caseId, {
				type: 'stage-changed',
				actor,
				at: clock.now(),
				citation: '001 p.14',
				before: { stage: `s${i - 1}` },
				after: { stage: `s${i}` }
			})
		);
		clock.advance(60_000);
	}
});
afterAll(() => h.close());

async function anotherCase(number: string) {
	const [org] = await h.db.select().from(organisations);
	const now = clock.now();
	const [c] = await h.db
		.insert(cases)
		.values({
			number,
			service: 'export-licence',
			stage: 'registered',
			applicantId: org!.id,
			receivedAt: now,
			registeredOn: '2026-04-01',
			application: {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	return c;
}

describe('audit trail', () => {
	it('chains rows per case: seq 1..n, each prev_hash is the previous hash', async () => {
		const rows = await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.seq);
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
		for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
		expect((await verifyAuditTrail(h.db)).breaks).toEqual([]);
	});

	it('writes a user change and its audit row together, with before and after', async () => {
		const service = createUserService({ db: h.db, clock });
		const id = await service.create(
			{ username: 'auditee', displayName: 'A', password: 'long enough pw', roles: ['officer'] },
			actor
		);
		await service.setRoles(id, ['officer', 'head'], actor);
		const rows = await h.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.stream, `user:${id}`))
			.orderBy(auditEvents.seq);
		expect(rows.map((r) => r.type)).toEqual(['user-created', 'roles-changed']);
		expect(rows[1]!.before).toMatchObject({ roles: ['officer'] });
		expect(rows[1]!.after).toMatchObject({ roles: ['head', 'officer'] });
		expect(JSON.stringify(rows)).not.toContain('argon2');
	});

	it('rolls the audit row back with a failed change', async () => {
		const before = (await h.db.select().from(auditEvents)).length;
		await expect(
			h.db.transaction(async (tx) => {
				await appendAuditEvent(tx, 'calendar', {
					type: 'override-set',
					actor,
					at: clock.now(),
					after: { date: '2026-05-08' }
				});
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect((await h.db.select().from(auditEvents)).length).toBe(before);
	});

	it.each([
		['UPDATE case_events', sql`update case_events set type = 'forged'`],
		['DELETE case_events', sql`delete from case_events`],
		['TRUNCATE case_events', sql`truncate case_events`],
		['UPDATE audit_events', sql`update audit_events set actor_label = 'someone else'`],
		['DELETE audit_events', sql`delete from audit_events`],
		['TRUNCATE audit_events', sql`truncate audit_events`]
	])('the database refuses %s', async (_name, statement) => {
		// drizzle wraps the driver's error; the database's own message is its cause.
		const dbError = h.db.execute(statement).catch((e: { cause?: unknown }) => Promise.reject(e.cause ?? e));
		await expect(dbError).rejects.toThrow(/is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
	});

	it('detects a row tampered with behind the triggers', async () => {
		await h.db.execute(sql`alter table case_events disable trigger case_events_append_only`);
		await h.db.execute(
			sql`update case_events set after = '{"stage":"granted"}'::jsonb where case_id = ${caseId} and seq = 2`
		);
		await h.db.execute(sql`alter table case_events enable trigger case_events_append_only`);
		const { breaks } = await verifyAuditTrail(h.db);
		expect(breaks).toEqual([expect.objectContaining({ stream: `case:${caseId}`, seq: 2, problem: 'hash-mismatch' })]);
	});

	it('serialises concurrent appends to one case so the chain never forks', async () => {
		const now = clock.now();
		const c = await anotherCase('EL-TEST-2');
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				h.db.transaction((tx) => appendCaseEvent(tx, c!.id, { type: `e${i}`, actor, at: now }))
			)
		);
		const rows = await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, c!.id)).orderBy(caseEvents.seq);
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		const brokenHere = (await verifyAuditTrail(h.db)).breaks.filter((b) => b.stream === `case:${c!.id}`);
		expect(brokenHere).toEqual([]);
	});

	it('appends several events at once onto the chain, in order, each id after the previous (the outbox order)', async () => {
		const now = clock.now();
		const c = await anotherCase('EL-TEST-3');
		await appendCaseEvent(h.db, c!.id, { type: 'first', actor, at: now });
		const appended = await appendCaseEvents(
			h.db,
			c!.id,
			['second', 'third', 'fourth'].map((type, i) => ({ type, actor, at: new Date(now.getTime() + i), after: { i } }))
		);
		expect(appended.map((r) => [r.seq, r.type])).toEqual([
			[2, 'second'],
			[3, 'third'],
			[4, 'fourth']
		]);
		const rows = await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, c!.id)).orderBy(caseEvents.seq);
		expect(rows.map((r) => r.type)).toEqual(['first', 'second', 'third', 'fourth']);
		for (let i = 1; i < rows.length; i++) {
			expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
			expect(rows[i]!.id).toBeGreaterThan(rows[i - 1]!.id);
		}
		expect((await verifyAuditTrail(h.db)).breaks.filter((b) => b.stream === `case:${c!.id}`)).toEqual([]);
		expect(await appendCaseEvents(h.db, c!.id, [])).toEqual([]);
	});

	it('keeps users referenced by the trail: deleting one who acted is refused', async () => {
		const [u] = await h.db.select().from(users).where(eq(users.username, 'auditee'));
		await appendAuditEvent(h.db, `user:${u!.id}`, {
			type: 'signed-out-everywhere',
			actor: { userId: u!.id, label: 'auditee' },
			at: clock.now()
		});
		const deleting = h.db
			.delete(users)
			.where(eq(users.id, u!.id))
			.catch((e: { cause?: unknown }) => Promise.reject(e.cause ?? e));
		await expect(deleting).rejects.toThrow(/violates foreign key constraint/);
		expect(await h.db.select().from(users).where(eq(users.id, u!.id))).toHaveLength(1);
	});
});
