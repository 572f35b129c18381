/**
 * The HTTP side of attachments (ADR-056): who is calling (a staff session, or the portal's token
 * speaking for the applicant named in `X-Applicant-Bin`), and the upload read with its limits: 415
 * for another body, 413 when declared too large, 422 for a missing or extra field. Two forms:
 * multipart/form-data (field `file`, optional `replaces`), or the raw bytes as
 * application/octet-stream with `X-Filename` (percent-encoded UTF-8) and optional `X-Replaces` —
 * streamed to disk as they arrive. A server such as the portal sends no Origin header, and
 * SvelteKit refuses cross-site multipart posts (its CSRF check), so the portal uses the raw form.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ApiError } from '../http/api-error';
import { requirePermission } from '../auth/guard';
import { staffCaller } from '../auth/staff-actor';
import { hasBearer, requireToken } from '../integration/token-auth';
import type { AttachmentCaller, UploadedFile } from './attachments.service';

export async function attachmentCaller(event: RequestEvent): Promise<AttachmentCaller> {
	if (hasBearer(event)) {
		await requireToken(event, ['portal']);
		const bin = event.request.headers.get('x-applicant-bin') ?? '';
		if (!/^\d{12}$/.test(bin))
			throw new ApiError(422, 'X-Applicant-Bin: the 12-digit BIN/IIN of the applicant the portal speaks for.', {
				'x-applicant-bin': 'required, 12 digits'
			});
		return { kind: 'portal', applicantBin: bin };
	}
	const user = requirePermission(event, 'cases:read');
	return { ...staffCaller(event, user), standsInFor: await event.locals.ctx.absences.standsInFor(user.id) };
}

/** Room for the multipart framing and the other fields around the file. */
const FRAMING_BYTES = 64 * 1024;

export async function readUpload(
	request: Request,
	maxBytes: number
): Promise<{ file: UploadedFile; replaces: string | undefined }> {
	const type = request.headers.get('content-type') ?? '';
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes + FRAMING_BYTES) throw new ApiError(413, `The file is larger than ${maxBytes} bytes.`);
	if (/^application\/octet-stream\b/i.test(type)) return rawUpload(request);
	if (!/^multipart\/form-data\b/i.test(type))
		throw new ApiError(
			415,
			'Send the file as multipart/form-data (field "file") or as application/octet-stream with X-Filename.'
		);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		throw new ApiError(400, 'The upload is not a complete multipart/form-data body.');
	}
	const extra = [...form.keys()].filter((k) => k !== 'file' && k !== 'replaces');
	if (extra.length) throw new ApiError(422, `Unknown fields: ${extra.join(', ')}.`, { [extra[0]!]: 'not allowed' });
	const file = form.get('file');
	if (!(file instanceof File)) throw new ApiError(422, 'file: the file to attach.', { file: 'required' });
	const replaces = form.get('replaces');
	if (replaces !== null && typeof replaces !== 'string')
		throw new ApiError(422, 'replaces: an attachment id.', { replaces: 'not text' });
	return {
		file: { name: file.name, bytes: file.stream() as unknown as AsyncIterable<Uint8Array> },
		replaces: replaces || undefined
	};
}

function rawUpload(request: Request): { file: UploadedFile; replaces: string | undefined } {
	let name: string;
	try {
		name = decodeURIComponent(request.headers.get('x-filename') ?? '');
	} catch {
		name = '';
	}
	if (!name.trim() || !request.body)
		throw new ApiError(422, 'X-Filename: the file name, percent-encoded UTF-8.', { 'x-filename': 'required' });
	return {
		file: { name, bytes: request.body as unknown as AsyncIterable<Uint8Array> },
		replaces: request.headers.get('x-replaces') || undefined
	};
}
