import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { addNote, listNotes, listNotesFor, NoteInputSchema } from '$lib/server/notes/notes.service';
import { staffActor } from '$lib/server/auth/staff-actor';

/** The case's internal notes (staff only; ADR-042). */
export const GET = apiRoute(async (event) => {
	const user = requirePermission(event, 'cases:read');
	return json({ notes: await listNotesFor(event.locals.ctx.db, event.params.id ?? '', staffActor(user)) });
});

/** A new internal note `{ text }`: each @mention must be a colleague who can open the case. */
export const POST = apiRoute(async (event) => {
	const user = requirePermission(event, 'cases:read');
	const body = await readJson(event.request, NoteInputSchema, 32 * 1024);
	const { db, clock } = event.locals.ctx;
	const caseId = event.params.id ?? '';
	const id = await addNote(db, caseId, staffActor(user), body, clock.now());
	const notes = await listNotes(db, caseId);
	return json(
		notes.find((n) => n.id === id),
		{ status: 201 }
	);
});
