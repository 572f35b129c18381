/**
 * The pieces every `openapi*.ts` file builds its paths from: the security requirements, a JSON
 * answer, the error answers (each file says what each status means for its own paths), path
 * parameters and request bodies generated from the zod schemas the server validates with.
 */
import { z } from 'zod';

export const session = [{ session: [] }];
export const bearer = [{ bearer: [] }];

/** The shared error body (`components.schemas.Error` in openapi.ts). */
export const errorSchema = { $ref: '#/components/schemas/Error' } as const;

/** A JSON answer with its schema. */
export const ok = (schema: object, description = 'OK') => ({
	description,
	content: { 'application/json': { schema } }
});

/**
 * The error answers of one file's paths: `errors(401, 404)` gives each status its description from
 * `describe` (one text for all, or one per status) and the error body `schema`.
 */
export const errorResponses =
	(describe: string | Record<number, string>, schema: object = errorSchema) =>
	(...codes: number[]) =>
		Object.fromEntries(
			codes.map((c) => [
				String(c),
				{
					description: typeof describe === 'string' ? describe : describe[c],
					content: { 'application/json': { schema } }
				}
			])
		);

/** A path parameter holding a uuid. */
export const uuidParam = (name: string, description?: string) => ({
	name,
	in: 'path',
	required: true,
	schema: { type: 'string', format: 'uuid' },
	...(description === undefined ? {} : { description })
});

/** The JSON schema of what a zod schema accepts. */
export const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
