/**
 * Internal notes on a case (ADR-042): written by staff who may open the case, each @mention checked
 * (the mentioned colleague must be able to open it too, or the note is refused with the reason),
 * editable by its author for 5 minutes, then immutable. Each write appends a case event in the same
 * transaction (`note:added`, `note:edited`: the audit trail, and the outbox that shows it live to
 * staff). Never part of any view outside the Committee.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../db/client';
import { caseNotes, cases, userRoles, users } from '../db/schema';
import { appendCaseEvent } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import { fieldProblem, zodFieldProblems } from '../../domain/errors/field-problem';
import { mentionsIn } from '../../domain/notes/markdown-lite';
import { scopeSeesCase, searchScope } from '../../domain/access/search-scope';
import { knownRoles, type Role } from '../../domain/access/roles';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';
import type { NoteView } from '../../types/desk';

export const NOTE_EDIT_WINDOW_MS = 5 * 60_000;
export const NoteInputSchema = z.object({ text: z.string().trim().min(1).max(5000) }).strict();

export interface NoteAuthor {
	userId: number;
	username: string;
	roles: readonly Role[];
	unit: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function caseFor(ex: Executor, caseId: string, author: NoteAuthor) {
	if (!UUID.test(caseId)) throw ApiError.notFound('case-not-found', 'No such case.');
	const [c] = await ex
		.select({ id: cases.id, service: cases.service, assigneeId: cases.assigneeId, unit: cases.unit })
		.from(cases)
		.where(eq(cases.id, caseId));
	const scope = searchScope({ userId: author.userId, roles: author.roles, unit: author.unit, agencyCode: null });
	if (!c || !scopeSeesCase(scope, c)) throw ApiError.notFound('case-not-found', 'No such case.');
	return c;
}

/** The mentioned users, each of whom must exist, be active and be able to open the case. */
async function checkMentions(ex: Executor, text: string, c: Awaited<ReturnType<typeof caseFor>>) {
	const names = mentionsIn(text);
	if (names.length > 20)
		throw new ApiError(422, 'At most 20 colleagues can be mentioned in one note.', {
			text: fieldProblem('mentions', 'mentions')
		});
	if (!names.length) return [];
	const found = await ex
		.select({ id: users.id, username: users.username, unit: users.unit, disabled: users.disabled })
		.from(users)
		.where(inArray(users.username, names));
	const roles = found.length
		? await ex
				.select()
				.from(userRoles)
				.where(
					inArray(
						userRoles.userId,
						found.map((u) => u.id)
					)
				)
		: [];
	const refused: string[] = [];
	const refusedNames: string[] = [];
	for (const name of names) {
		const u = found.find((x) => x.username === name);
		if (!u || u.disabled) {
			refused.push(`@${name}: no such colleague`);
			refusedNames.push(`@${name}`);
			continue;
		}
		const scope = searchScope({
			userId: u.id,
			roles: knownRoles(roles.filter((r) => r.userId === u.id).map((r) => r.role)),
			unit: u.unit,
			agencyCode: null
		});
		if (!scopeSeesCase(scope, c)) {
			refused.push(`@${name} cannot see this case`);
			refusedNames.push(`@${name}`);
		}
	}
	if (refused.length)
		throw new ApiError(422, `The note mentions someone it cannot reach: ${refused.join('; ')}.`, {
			text: fieldProblem('mention-unreachable', refused.join('; '), { names: refusedNames.join(', ') })
		});
	return found.filter((u) => names.includes(u.username));
}

function viewOf(
	n: typeof caseNotes.$inferSelect,
	author: { username: string; displayName: string },
	mentioned: Map<number, string>
): NoteView {
	return {
		id: n.id,
		author: author.username,
		authorName: author.displayName,
		text: n.text,
		mentions: n.mentions.map((id) => mentioned.get(id) ?? String(id)),
		createdAt: n.createdAt.toISOString(),
		editedAt: n.editedAt?.toISOString() ?? null,
		editableUntil: new Date(n.createdAt.getTime() + NOTE_EDIT_WINDOW_MS).toISOString()
	};
}

export async function listNotes(ex: Executor, caseId: string, locale: DisplayLocale = 'en'): Promise<NoteView[]> {
	const rows = await ex
		.select({ n: caseNotes, username: users.username, displayName: userNameSql(locale) })
		.from(caseNotes)
		.innerJoin(users, eq(users.id, caseNotes.authorId))
		.where(eq(caseNotes.caseId, caseId))
		.orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
	const ids = [...new Set(rows.flatMap((r) => r.n.mentions))];
	const names = ids.length
		? await ex.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids))
		: [];
	const mentioned = new Map(names.map((u) => [u.id, u.username]));
	return rows.map((r) => viewOf(r.n, r, mentioned));
}

export async function listNotesFor(db: Db, caseId: string, reader: NoteAuthor): Promise<NoteView[]> {
	await caseFor(db, caseId, reader);
	return listNotes(db, caseId);
}

export async function addNote(db: Db, caseId: string, author: NoteAuthor, input: unknown, now: Date) {
	const parsed = NoteInputSchema.safeParse(input);
	if (!parsed.success) throw new ApiError(422, 'text: 1 to 5,000 characters.', zodFieldProblems(parsed.error));
	const text = parsed.data.text;
	return db.transaction(async (tx) => {
		const c = await caseFor(tx, caseId, author);
		const mentioned = await checkMentions(tx, text, c);
		const [note] = await tx
			.insert(caseNotes)
			.values({ caseId, authorId: author.userId, text, mentions: mentioned.map((u) => u.id), createdAt: now })
			.returning();
		await appendCaseEvent(tx, caseId, {
			type: 'note:added',
			actor: { userId: author.userId, label: author.username },
			at: now,
			after: { noteId: note!.id, text, mentions: mentioned.map((u) => u.username) }
		});
		return note!.id;
	});
}

export async function editNote(db: Db, caseId: string, noteId: string, author: NoteAuthor, input: unknown, now: Date) {
	const parsed = NoteInputSchema.safeParse(input);
	if (!parsed.success) throw new ApiError(422, 'text: 1 to 5,000 characters.', zodFieldProblems(parsed.error));
	if (!UUID.test(noteId)) throw ApiError.notFound('note-not-found', 'No such note.');
	const text = parsed.data.text;
	return db.transaction(async (tx) => {
		const c = await caseFor(tx, caseId, author);
		const [note] = await tx
			.select()
			.from(caseNotes)
			.where(and(eq(caseNotes.id, noteId), eq(caseNotes.caseId, caseId)))
			.for('update');
		if (!note) throw ApiError.notFound('note-not-found', 'No such note.');
		if (note.authorId !== author.userId) throw new ApiError(403, 'Only its author may edit a note.');
		if (now.getTime() - note.createdAt.getTime() > NOTE_EDIT_WINDOW_MS)
			throw new ApiError(409, 'A note can be edited for 5 minutes after it is written; this one is now final.');
		const mentioned = await checkMentions(tx, text, c);
		await tx
			.update(caseNotes)
			.set({ text, mentions: mentioned.map((u) => u.id), editedAt: now })
			.where(eq(caseNotes.id, noteId));
		await appendCaseEvent(tx, caseId, {
			type: 'note:edited',
			actor: { userId: author.userId, label: author.username },
			at: now,
			before: { noteId, text: note.text },
			after: { noteId, text, mentions: mentioned.map((u) => u.username) }
		});
		return noteId;
	});
}
