import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { attachmentCaller, readUpload } from '$lib/server/attachments/attachment-request';

/** Every version of the case's attachments (the portal: those the applicant brought; ADR-056). */
export const GET = apiRoute(async (event) => {
	const caller = await attachmentCaller(event);
	return json({ attachments: await event.locals.ctx.attachments.list(event.params.id ?? '', caller) });
});

/** Attaches a file (multipart field `file`; `replaces` for a new version of an attachment). */
export const POST = apiRoute(async (event) => {
	const caller = await attachmentCaller(event);
	const { attachments } = event.locals.ctx;
	const { file, replaces } = await readUpload(event.request, attachments.maxBytes);
	return json(await attachments.add(event.params.id ?? '', caller, file, replaces), { status: 201 });
});
