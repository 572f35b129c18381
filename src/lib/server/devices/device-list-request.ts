/**
 * The HTTP side of the monthly device list import (004 P 11): who may (device-lists:work), and the
 * multipart form read and checked — `file` (XLSX), `reportingMonth` (YYYY-MM), `receivedAt` (an
 * instant or a local date-time, Almaty) and `coverLetter` (the "For official use" letter's number
 * and date). Shared by the API and the page's form action.
 */
import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { fieldProblem, zodIssueProblem } from '../../domain/errors/field-problem';
import { MAX_DEVICE_LIST_BYTES, type DeviceListUpload } from './device-lists';

const Fields = z
	.object({
		reportingMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM'),
		receivedAt: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, 'a date and time')
			.transform((v) => new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}+05:00`))
			.refine((d) => !Number.isNaN(d.getTime()), 'a real date and time'),
		coverLetter: z.string().trim().min(1, 'the cover letter number and date').max(200)
	})
	.strict();

export async function readDeviceListForm(form: FormData): Promise<DeviceListUpload> {
	const file = form.get('file');
	const fields: Record<string, unknown> = {};
	for (const [k, v] of form.entries()) if (k !== 'file') fields[k] = v;
	const parsed = Fields.safeParse(fields);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const name = String(issue.path[0] ?? 'form');
		throw new ApiError(422, `${name}: ${issue.message}.`, { [name]: zodIssueProblem(issue) });
	}
	if (!(file instanceof File) || file.size === 0)
		throw new ApiError(422, 'file: the XLSX list.', {
			file: fieldProblem('required', 'required')
		});
	if (file.size > MAX_DEVICE_LIST_BYTES)
		throw new ApiError(413, `The file is larger than ${MAX_DEVICE_LIST_BYTES} bytes.`);
	return { ...parsed.data, fileName: file.name.slice(0, 255), bytes: new Uint8Array(await file.arrayBuffer()) };
}
