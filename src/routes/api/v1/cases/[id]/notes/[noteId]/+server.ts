import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { staffActor } from '$lib/server/auth/staff-actor';
import { editNote, listNotes, NoteInputSchema } from '$lib/server/notes/notes.service';

/** Its author edits a note `{ text }` within 5 minutes of writing it; after that it is final (409). */
export const PATCH = apiRoute(async (event) => {
	const user = requirePermission(event, 'cases:read');
	const body = await readJson(event.request, NoteInputSchema, 32 * 1024);
	const { db, clock } = event.locals.ctx;
	const caseId = event.params.id ?? '';
	const id = await editNote(db, caseId, event.params.noteId ?? '', staffActor(user), body, clock.now());
	return json((await listNotes(db, caseId)).find((n) => n.id === id));
});
