import { apiRoute } from '$lib/server/http/api-error';
import { attachmentCaller } from '$lib/server/attachments/attachment-request';
import { contentDisposition } from '$lib/domain/attachments/sniff';

/** Types a browser may show inline (the preview); anything else is downloaded. */
const INLINE = new Set(['pdf', 'png', 'jpeg', 'txt']);

/** One version's bytes, as stored; the read is audited (ADR-056). `?download` forces a download. */
export const GET = apiRoute(async (event) => {
	const caller = await attachmentCaller(event);
	const { view, body } = await event.locals.ctx.attachments.open(
		event.params.id ?? '',
		event.params.attId ?? '',
		caller
	);
	const inline = INLINE.has(view.kind) && !event.url.searchParams.has('download');
	return new Response(body, {
		headers: {
			'content-type': view.mime,
			'content-length': String(view.size),
			'content-disposition': contentDisposition(view.filename, inline),
			'x-content-type-options': 'nosniff',
			// A stored file never runs script, even opened directly.
			'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
			'cache-control': 'private, no-store',
			etag: `"${view.sha256}"`
		}
	});
});
