/**
 * The HTTP side of attachments (ADR-056): who is calling (a staff session, or the portal's token
 * speaking for the applicant named in `X-Applicant-Bin`), and the upload read with its limits: 415
 * for another body, 413 when declared too large, 422 for a missing or extra field. Two forms:
 * multipart/form-data (field `file`, optional `replaces`), or the raw bytes as
 * application/octet-stream with `X-Filename` (percent-encoded UTF-8) and optional `X-Replaces`. Both
 * are streamed to disk as they arrive (ADR-090). A server such as the portal sends no Origin header, and
 * SvelteKit refuses cross-site multipart posts (its CSRF check), so the portal uses the raw form.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { Readable } from 'node:stream';
import busboy, { type Busboy } from 'busboy';
import { ApiError } from '../http/api-error';
import { fieldProblem } from '../../domain/errors/field-problem';
import { requirePermission } from '../auth/guard';
import { staffCaller } from '../auth/staff-actor';
import { hasBearer, requireToken } from '../integration/token-auth';
import type { AttachmentCaller, UploadedFile } from './attachments.service';
import { tooLarge } from './blob-store';

export async function attachmentCaller(event: RequestEvent): Promise<AttachmentCaller> {
	if (hasBearer(event)) {
		await requireToken(event, ['portal']);
		const bin = event.request.headers.get('x-applicant-bin') ?? '';
		if (!/^\d{12}$/.test(bin))
			throw new ApiError(422, 'X-Applicant-Bin: the 12-digit BIN/IIN of the applicant the portal speaks for.', {
				'x-applicant-bin': fieldProblem(bin ? 'invalid-bin' : 'required', 'required, 12 digits')
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
): Promise<{ file: UploadedFile; replaces: Promise<string | undefined> | string | undefined }> {
	const type = request.headers.get('content-type') ?? '';
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes + FRAMING_BYTES) throw tooLarge(maxBytes);
	if (/^application\/octet-stream\b/i.test(type)) return rawUpload(request);
	if (!/^multipart\/form-data\b/i.test(type))
		throw new ApiError(
			415,
			'Send the file as multipart/form-data (field "file") or as application/octet-stream with X-Filename.'
		);
	if (!request.body)
		throw new ApiError(422, 'file: the file to attach.', { file: fieldProblem('required', 'required') });
	return multipartUpload(request.body, type, maxBytes);
}

const broken = () => new ApiError(400, 'The upload is not a complete multipart/form-data body.');
const unknownField = (name: string) =>
	new ApiError(422, `Unknown fields: ${name}.`, {
		[name]: fieldProblem('unknown-field', 'not allowed', { keys: name })
	});

/**
 * multipart/form-data read as it arrives (busboy): the `file` part is handed on as a stream the blob
 * store writes to its temporary file, never whole in memory; `replaces` may come before or after it,
 * so it is a promise settled when the body has ended (a late unknown field rejects it: the caller
 * then discards what it staged). A body cut short is 400; the size limit is the store's (413).
 */
async function multipartUpload(
	body: ReadableStream<Uint8Array>,
	type: string,
	maxBytes: number
): Promise<{ file: UploadedFile; replaces: Promise<string | undefined> }> {
	let parser: Busboy;
	try {
		parser = busboy({
			headers: { 'content-type': type },
			// No fileSize limit here: past it busboy would skip the rest at full speed, and the body limit
			// of the adapter would cut the connection before the store's own 413 (which halts the read).
			limits: { files: 1, fields: 2, fieldSize: 200 },
			// File names are UTF-8, as browsers send them (busboy's default is latin1).
			defParamCharset: 'utf8'
		});
	} catch {
		throw broken();
	}
	const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
	// Stops reading without cancelling the body: cancelling it destroys the connection, and the
	// refusal (413, 422) would never reach the client. The answer closes the connection instead.
	const halt = () => {
		source.unpipe(parser);
		source.pause();
	};
	let replaces: string | undefined;
	let fail: ApiError | null = null;
	let gotFile: (f: { name: string; stream: Readable }) => void = () => {};
	let noFile: (e: ApiError) => void = () => {};
	const file = new Promise<{ name: string; stream: Readable }>((ok, ko) => {
		gotFile = ok;
		noFile = ko;
	});
	const ended = new Promise<string | undefined>((ok, ko) => {
		const stop = (e: ApiError) => {
			fail ??= e;
			noFile(fail);
			ko(fail);
			halt();
		};
		parser.on('file', (name, stream, info) => {
			if (name !== 'file') return void (stream.resume(), stop(unknownField(name)));
			gotFile({ name: info.filename ?? '', stream });
		});
		parser.on('field', (name, value) => {
			if (name !== 'replaces') return stop(unknownField(name));
			replaces = value;
		});
		parser.on('filesLimit', () =>
			stop(new ApiError(422, 'One file per upload.', { file: fieldProblem('one-file-only', 'one file') }))
		);
		parser.on('fieldsLimit', () => stop(unknownField('…')));
		parser.on('error', () => stop(broken()));
		parser.on('close', () => {
			noFile(new ApiError(422, 'file: the file to attach.', { file: fieldProblem('required', 'required') }));
			if (fail) ko(fail);
			else ok(replaces || undefined);
		});
		// The adapter's own body limit (BODY_SIZE_LIMIT) errors the body with a 413: said as ours.
		source.on('error', (e) => stop((e as { status?: unknown }).status === 413 ? tooLarge(maxBytes) : broken()));
	});
	ended.catch(() => {}); // observed by the caller once the file is stored; never unhandled here
	source.pipe(parser);
	const { name, stream } = await file;
	async function* bytes(): AsyncGenerator<Uint8Array> {
		let done = false;
		try {
			for await (const chunk of stream) yield chunk as Uint8Array;
			if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
			done = true;
		} catch (e) {
			if (e instanceof ApiError) throw e;
			throw fail ?? broken();
		} finally {
			// Stopped early (413, a refused type): the rest of the body is not read.
			if (!done) halt();
		}
	}
	return { file: { name, bytes: bytes() }, replaces: ended };
}

function rawUpload(request: Request): { file: UploadedFile; replaces: string | undefined } {
	let name: string;
	try {
		name = decodeURIComponent(request.headers.get('x-filename') ?? '');
	} catch {
		name = '';
	}
	if (!name.trim() || !request.body)
		throw new ApiError(422, 'X-Filename: the file name, percent-encoded UTF-8.', {
			'x-filename': fieldProblem('required', 'required')
		});
	// Read without cancelling the body when the store stops early (see `halt` above).
	const body = request.body as unknown as import('node:stream/web').ReadableStream<Uint8Array>;
	const bytes = body.values({ preventCancel: true });
	return {
		file: { name, bytes },
		replaces: request.headers.get('x-replaces') || undefined
	};
}
