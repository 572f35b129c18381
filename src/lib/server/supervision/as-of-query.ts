/**
 * The instant of a workload "as of" query: `at=YYYY-MM-DD` is the end of that Almaty day (UTC+5,
 * ADR-001), `at=` an ISO date-time with its offset the instant itself; absent, now. The future is
 * refused: the history has no answer for it.
 */
import { ApiError } from '../http/api-error';
import { fieldProblem } from '../../domain/errors/field-problem';
import { parseDate } from '../calendar/calendar-query';

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseAsOf(value: string | null, now: Date): Date {
	if (value === null || value === '') return now;
	let at: Date;
	if (INSTANT_RE.test(value)) at = new Date(value);
	else at = new Date(new Date(`${parseDate('at', value)}T00:00:00+05:00`).getTime() + 86_400_000 - 1);
	if (Number.isNaN(at.getTime()))
		throw new ApiError(400, 'Parameter "at" must be a date or a date-time with its offset.', {
			at: { code: 'invalid-format', message: 'invalid', params: { format: 'datetime' }, variant: 'datetime' }
		});
	if (at.getTime() > now.getTime())
		throw new ApiError(400, 'Parameter "at" is in the future; the workload is known up to now.', {
			at: fieldProblem('in-the-future', 'future')
		});
	return at;
}
