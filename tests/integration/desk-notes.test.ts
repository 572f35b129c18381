/**
 * Internal notes (ADR-042) on a real database, PGlite and PostgreSQL: @mentions checked against who
 * can open the case (refused with the reason), 5 minutes to edit then final, only by the author,
 * each write a case event in the audit chain, and notes in no view outside the Committee.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { caseEvents, cases, consultations, organisations, userRoles, users } from '../../src/lib/server/db/schema';
import { ensureReferenceData } from '../../src/lib/server/db/reference-data';
import { addNote, editNote, listNotes, type NoteAuthor } from '../../src/lib/server/notes/notes.service';
import { caseView } from '../../src/lib/server/cases/case-view';
import { createCalendar } from '../../src/lib/domain/calendar';
import { ApiError } from '../../src/lib/server/http/api-error';
import { verifyAuditTrail } from '../../src/lib/server/audit/audit.repository';

let handle: DbHandle;
const u: Record<string, NoteAuthor> = {};
let licence = '';
let device = '';
const T0 = new Date('2026-03-02T05:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		if (e instanceof ApiError) return { status: e.status, message: e.message };
		throw e;
	}
	return null;
}

beforeAll(async () => {
	handle = await createTestDb();
	await ensureReferenceData(handle.db);
	const now = new Date();
	for (const [name, role, unit] of [
		['head', 'head', null],
		['officer', 'officer', 'U1'],
		['officer2', 'officer', 'U2'],
		['reviewer', 'complaint_reviewer', null],
		['liaison', 'agency_liaison', null],
		['gone', 'officer', 'U1']
	] as const) {
		const [row] = await handle.db
			.insert(users)
			.values({
				username: name,
				displayName: `${name} name`,
				passwordHash: 'x',
				unit,
				disabled: name === 'gone',
				agencyCode: role === 'agency_liaison' ? 'nsc' : null,
				createdAt: now,
				updatedAt: now
			})
			.returning();
		await handle.db.insert(userRoles).values({ userId: row!.id, role });
		u[name] = { userId: row!.id, username: name, roles: [role], unit };
	}
	const [o] = await handle.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Тест»', legalAddress: 'A', city: 'A' })
		.returning();
	const mk = async (number: string, service: string, assigneeId: number | null) => {
		const [c] = await handle.db
			.insert(cases)
			.values({
				number,
				service,
				stage: 'under-review',
				applicantId: o!.id,
				assigneeId,
				unit: 'U1',
				receivedAt: T0,
				registeredOn: '2026-03-02',
				application: {},
				createdAt: T0,
				updatedAt: T0
			})
			.returning();
		return c!.id;
	};
	licence = await mk('EL-2026-00001', 'export-licence', u.officer!.userId);
	device = await mk('DV-2026-00001', 'device-verification', u.officer!.userId);
	await handle.db
		.insert(consultations)
		.values({ caseId: licence, agencyCode: 'nsc', requestedAt: T0, dueAt: at(10_000) });
}, 120_000);

afterAll(async () => {
	await handle?.close();
});

describe('mentions', () => {
	it('a colleague who can open the case is mentioned and recorded', async () => {
		const id = await addNote(
			handle.db,
			licence,
			u.officer!,
			{ text: '@head please check **1С350**; cc @officer2' },
			at(0)
		);
		const [note] = (await listNotes(handle.db, licence)).filter((n) => n.id === id);
		expect(note).toMatchObject({ author: 'officer', mentions: ['head', 'officer2'], editedAt: null });
	});

	it.each([
		['@reviewer', 'device', '@reviewer cannot see this case'],
		['@officer2', 'device', '@officer2 cannot see this case'],
		['@liaison', 'licence', '@liaison cannot see this case'],
		['@nobody', 'licence', '@nobody: no such colleague'],
		['@gone', 'licence', '@gone: no such colleague']
	])('%s on the %s case is refused with the reason', async (mention, which, reason) => {
		const caseId = which === 'device' ? device : licence;
		const before = (await listNotes(handle.db, caseId)).length;
		const r = await refusal(addNote(handle.db, caseId, u.officer!, { text: `see ${mention}` }, at(1)));
		expect(r?.status).toBe(422);
		expect(r?.message).toContain(reason);
		expect(await listNotes(handle.db, caseId)).toHaveLength(before);
	});

	it('an e-mail address is not a mention', async () => {
		await expect(addNote(handle.db, licence, u.head!, { text: 'write to nobody@gov.kz' }, at(1))).resolves.toBeTypeOf(
			'string'
		);
	});

	it('who cannot open the case cannot write on it either; blank or huge text is refused', async () => {
		expect((await refusal(addNote(handle.db, device, u.reviewer!, { text: 'x' }, at(1))))?.status).toBe(404);
		expect((await refusal(addNote(handle.db, licence, u.officer!, { text: '   ' }, at(1))))?.status).toBe(422);
		expect((await refusal(addNote(handle.db, licence, u.officer!, { text: 'x'.repeat(5001) }, at(1))))?.status).toBe(
			422
		);
		expect((await refusal(addNote(handle.db, 'not-a-uuid', u.officer!, { text: 'x' }, at(1))))?.status).toBe(404);
	});
});

describe('editing', () => {
	it('its author edits within 5 minutes; another may not; after 5 minutes it is final', async () => {
		const id = await addNote(handle.db, licence, u.officer!, { text: 'first' }, at(20));
		await editNote(handle.db, licence, id, u.officer!, { text: 'second @head' }, at(24));
		expect((await refusal(editNote(handle.db, licence, id, u.head!, { text: 'mine now' }, at(24))))?.status).toBe(403);
		const late = await refusal(editNote(handle.db, licence, id, u.officer!, { text: 'third' }, at(25.1)));
		expect(late?.status).toBe(409);
		const note = (await listNotes(handle.db, licence)).find((n) => n.id === id)!;
		expect(note).toMatchObject({ text: 'second @head', mentions: ['head'], editedAt: at(24).toISOString() });
	});

	it('every write is a case event in the hash chain, with the text before and after', async () => {
		const events = await handle.db
			.select()
			.from(caseEvents)
			.where(eq(caseEvents.caseId, licence))
			.orderBy(asc(caseEvents.seq));
		const types = events.map((e) => e.type);
		expect(types.filter((t) => t === 'note:added')).toHaveLength(3);
		const edited = events.find((e) => e.type === 'note:edited')!;
		expect(edited).toMatchObject({ actorLabel: 'officer', before: { text: 'first' }, after: { text: 'second @head' } });
		expect((await verifyAuditTrail(handle.db)).breaks).toEqual([]);
	});
});

describe('never outside the Committee', () => {
	it('staff read them in the case; the applicant and the agency do not', async () => {
		const cal = createCalendar({});
		const staff = await caseView(
			handle.db,
			licence,
			{ kind: 'staff', user: { kind: 'staff', userId: u.head!.userId, username: 'head', roles: ['head'] }, unit: null },
			at(30),
			cal
		);
		expect(JSON.stringify(staff)).toContain('second @head');
		const [k] = await handle.db.select().from(consultations).where(eq(consultations.caseId, licence));
		for (const viewer of [{ kind: 'applicant' as const }, { kind: 'agency' as const, consultationId: k!.id }]) {
			const text = JSON.stringify(await caseView(handle.db, licence, viewer, at(30), cal));
			expect(text).not.toContain('second @head');
			expect(text).not.toContain('1С350**');
			expect(text).not.toContain('notes');
		}
	});
});
