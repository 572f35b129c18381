/**
 * Validation of the public calendar API's query strings: every parameter is named in the error,
 * unknown parameters are refused (a typo must not silently fall back to a default).
 */
import { ApiError } from '../http/api-error';
import { SUPPORTED_FIRST_YEAR, SUPPORTED_LAST_YEAR } from '../../domain/calendar';
import { fieldProblem, type FieldProblem } from '../../domain/errors/field-problem';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A value not in the format `format` (`date`, `datetime`), answered in the catalogue's words for it. */
const notInFormat = (format: string, message: string): FieldProblem => ({
	code: 'invalid-format',
	message,
	params: { format },
	variant: format
});
export const MAX_TERM_DAYS = 3650;

export function onlyParams(params: URLSearchParams, allowed: string[]): void {
	for (const key of params.keys()) {
		if (!allowed.includes(key))
			throw new ApiError(400, `Unknown parameter "${key}"; allowed: ${allowed.join(', ')}.`, {
				[key]: fieldProblem('unknown-field', 'unknown parameter', { keys: key })
			});
	}
}

export function requireParam(params: URLSearchParams, name: string): string {
	const values = params.getAll(name);
	if (values.length === 0 || values[0] === '')
		throw new ApiError(400, `Parameter "${name}" is required.`, { [name]: fieldProblem('required', 'required') });
	if (values.length > 1)
		throw new ApiError(400, `Parameter "${name}" is given more than once.`, {
			[name]: fieldProblem('repeated', 'repeated')
		});
	return values[0]!;
}

/** A real calendar date within the supported years. */
export function parseDate(name: string, value: string): string {
	const m = DATE_RE.exec(value);
	const bad = () =>
		new ApiError(
			400,
			`Parameter "${name}" must be a date YYYY-MM-DD between ${SUPPORTED_FIRST_YEAR} and ${SUPPORTED_LAST_YEAR}.`,
			{ [name]: notInFormat('date', 'invalid date') }
		);
	if (!m) throw bad();
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const probe = new Date(Date.UTC(y, mo - 1, d));
	if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw bad();
	checkYear(name, y);
	return value;
}

export function checkYear(name: string, year: number): number {
	if (!Number.isInteger(year) || year < SUPPORTED_FIRST_YEAR || year > SUPPORTED_LAST_YEAR)
		throw new ApiError(
			400,
			`Parameter "${name}" must be a year between ${SUPPORTED_FIRST_YEAR} and ${SUPPORTED_LAST_YEAR}.`,
			{
				[name]: fieldProblem('out-of-range', 'year out of range', {
					min: String(SUPPORTED_FIRST_YEAR),
					max: String(SUPPORTED_LAST_YEAR)
				})
			}
		);
	return year;
}

export function parseDays(name: string, value: string): number {
	if (!/^\d{1,4}$/.test(value) || Number(value) > MAX_TERM_DAYS)
		throw new ApiError(400, `Parameter "${name}" must be a whole number from 0 to ${MAX_TERM_DAYS}.`, {
			[name]: fieldProblem('out-of-range', 'out of range', { min: '0', max: String(MAX_TERM_DAYS) })
		});
	return Number(value);
}

/** An ISO 8601 instant with an explicit offset (a bare local time would be ambiguous). */
export function parseInstant(name: string, value: string): Date {
	const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
	const at = new Date(value);
	if (!ok || Number.isNaN(at.getTime()))
		throw new ApiError(
			400,
			`Parameter "${name}" must be an ISO 8601 instant with an offset, e.g. 2026-03-20T16:30:00+05:00.`,
			{ [name]: notInFormat('datetime', 'invalid instant') }
		);
	checkYear(name, Number(value.slice(0, 4)));
	return at;
}

/** An instant as Almaty local time with its +05:00 offset, as the API promises. */
export function almatyIso(at: Date): string {
	const local = new Date(at.getTime() + 5 * 3_600_000).toISOString().slice(0, 19);
	return `${local}+05:00`;
}
