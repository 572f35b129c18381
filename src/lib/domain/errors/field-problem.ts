/**
 * What is wrong with one input field (ADR-107): a stable machine `code` (`required`, `too-long`,
 * `invalid-format`, `not-in-list`… or the domain's own, such as `invalid-bin`), the values the
 * catalogue message names (`params`: `{max}`, `{values}`, a canonical `{citation}`), and an English
 * text for logs and tests. The text a person reads comes from the catalogue (`cite_field_<code>`)
 * in the caller's language, in src/lib/server/http/error-answer.ts; nothing here knows a language.
 */
import type { z } from 'zod';

export interface FieldProblem {
	readonly code: string;
	/** The English text, for logs and tests (and English answers when the catalogue lacks the code). */
	readonly message: string;
	readonly params?: Readonly<Record<string, string>>;
	/** A catalogue variant of the code's message (`too-small` strictly: `exclusive`). */
	readonly variant?: string;
}

export function fieldProblem(code: string, message: string, params?: Record<string, string>): FieldProblem {
	return params ? { code, message, params } : { code, message };
}

/** The params a custom issue carries (`.refine(…, { params: { code, citation } })`), as strings. */
function customParams(issue: z.core.$ZodIssue): { code?: string; params: Record<string, string> } {
	const raw = (issue as { params?: Record<string, unknown> }).params ?? {};
	const params: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) if (k !== 'code' && v !== undefined) params[k] = String(v);
	return { code: typeof raw.code === 'string' ? raw.code : undefined, params };
}

const SIZE: Record<string, [small: string, big: string]> = {
	string: ['too-short', 'too-long'],
	array: ['too-few', 'too-many'],
	set: ['too-few', 'too-many'],
	number: ['too-small', 'too-large'],
	int: ['too-small', 'too-large'],
	bigint: ['too-small', 'too-large'],
	date: ['too-early', 'too-late']
};

/**
 * One zod issue as a field problem: the one mapping from zod's issue kinds to codes, for every
 * form and API body. A missing value is `required` (seen with `reportInput`, or an empty required
 * text or list); a custom issue names its own code in its params, else it is `invalid`.
 */
export function zodIssueProblem(issue: z.core.$ZodIssue): FieldProblem {
	const message = issue.message;
	switch (issue.code) {
		case 'invalid_type':
			// An absent field: undefined in JSON, null from a form without it.
			return 'input' in issue && (issue.input === undefined || issue.input === null)
				? { code: 'required', message }
				: { code: 'wrong-type', message, params: { expected: String(issue.expected) } };
		case 'too_small': {
			const [small] = SIZE[issue.origin] ?? ['too-small'];
			const min = String(issue.minimum);
			if ((issue.origin === 'string' || issue.origin === 'array') && Number(issue.minimum) <= 1)
				return { code: 'required', message };
			return { code: small, message, params: { min }, ...(issue.inclusive === false && { variant: 'exclusive' }) };
		}
		case 'too_big': {
			const big = SIZE[issue.origin]?.[1] ?? 'too-large';
			return {
				code: big,
				message,
				params: { max: String(issue.maximum) },
				...(issue.inclusive === false && { variant: 'exclusive' })
			};
		}
		case 'invalid_format':
			return { code: 'invalid-format', message, params: { format: issue.format }, variant: issue.format };
		case 'invalid_value':
			if (issue.values.length === 1 && issue.values[0] === true) return { code: 'must-be-true', message };
			return { code: 'not-in-list', message, params: { values: issue.values.map(String).join(', ') } };
		case 'unrecognized_keys':
			return { code: 'unknown-field', message, params: { keys: issue.keys.join(', ') } };
		case 'not_multiple_of':
			return { code: 'not-multiple', message, params: { step: String(issue.divisor) } };
		case 'custom': {
			const { code, params } = customParams(issue);
			return { code: code ?? 'invalid', message, ...(Object.keys(params).length && { params }) };
		}
		default:
			return { code: 'invalid', message };
	}
}

/**
 * Every field's first problem, keyed by its path ("goodsLines.0.hsCode"; "(body)" for the body
 * itself), or for a page's form by the form field it came from ("roles" for "roles.0"). An unknown
 * key is the problem of that key, not of the object holding it.
 */
export function zodFieldProblems(error: z.ZodError, by: 'path' | 'form-field' = 'path'): Record<string, FieldProblem> {
	const fields: Record<string, FieldProblem> = {};
	const keyOf = (path: PropertyKey[]) => (by === 'path' ? path.join('.') : String(path[0] ?? '')) || '(body)';
	for (const issue of error.issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys)
				fields[keyOf([...issue.path, key])] ??= { code: 'unknown-field', message: `unknown field ${key}` };
			continue;
		}
		fields[keyOf(issue.path)] ??= zodIssueProblem(issue);
	}
	return fields;
}
