/**
 * Reads a JSON request body with a size limit and a strict schema: 415 for another content type,
 * 413 when too large, 400 when not JSON or nested too deep, 422 with a message per field when the
 * shape is wrong or a text holds a control character (see text-safety.ts).
 */
import type { z } from 'zod';
import { ApiError } from './api-error';
import { fieldProblem, zodFieldProblems, type FieldProblem } from '../../domain/errors/field-problem';
import { findControlChar, jsonDeeperThan, MAX_JSON_DEPTH } from './text-safety';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S,
	maxBytes = DEFAULT_MAX_BODY_BYTES
): Promise<z.infer<S>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) throw new ApiError(415, 'Send the body as application/json.');
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) throw new ApiError(413, `The body is larger than ${maxBytes} bytes.`);
	const text = await request.text();
	if (new TextEncoder().encode(text).length > maxBytes)
		throw new ApiError(413, `The body is larger than ${maxBytes} bytes.`);
	if (jsonDeeperThan(text, MAX_JSON_DEPTH))
		throw new ApiError(400, `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new ApiError(400, 'The body is not valid JSON.');
	}
	const control = findControlChar(value);
	if (control !== null)
		throw new ApiError(
			422,
			'Some fields are invalid.',
			{
				[control]: fieldProblem(
					'control-character',
					'contains a control character (only tab and line breaks are allowed)'
				)
			},
			undefined,
			'invalid-fields'
		);
	const parsed = schema.safeParse(value, { reportInput: true });
	if (!parsed.success)
		throw new ApiError(422, 'Some fields are invalid.', fieldErrors(parsed.error), undefined, 'invalid-fields');
	return parsed.data;
}

/** Each field's first problem, coded (ADR-107); the one mapping of zod's issues is field-problem.ts. */
export function fieldErrors(error: z.ZodError): Record<string, FieldProblem> {
	return zodFieldProblems(error);
}
