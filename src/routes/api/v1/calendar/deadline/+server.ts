import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { fieldProblem } from '$lib/domain/errors/field-problem';
import { SUPPORTED_FIRST_YEAR, SUPPORTED_LAST_YEAR } from '$lib/domain/calendar';
import { almatyIso, onlyParams, parseDate, parseDays, requireParam } from '$lib/server/calendar/calendar-query';

/**
 * The end of a term of N working days (18:30 of the N-th working day after `start`) or N calendar
 * days (23:59:59 of the N-th day, or of the next working day when the N-th day is not one: the
 * general civil-law rule), start day = day 0 (ADR-003).
 */
export const GET = apiRoute(async ({ url, locals }) => {
	const q = url.searchParams;
	onlyParams(q, ['start', 'workingDays', 'calendarDays']);
	const start = parseDate('start', requireParam(q, 'start'));
	const hasWorking = q.has('workingDays');
	if (hasWorking === q.has('calendarDays'))
		throw new ApiError(400, 'Give exactly one of "workingDays" or "calendarDays".', {
			workingDays: fieldProblem('exactly-one-of', 'exactly one of workingDays, calendarDays', {
				values: 'workingDays, calendarDays'
			})
		});
	const calendar = await locals.ctx.calendar.current();
	try {
		const due = hasWorking
			? calendar.workingDaysDue(start, parseDays('workingDays', requireParam(q, 'workingDays')))
			: calendar.calendarDaysDue(start, parseDays('calendarDays', requireParam(q, 'calendarDays')));
		return json({ dueDate: calendar.localDate(due), due: almatyIso(due) });
	} catch (e) {
		if (e instanceof RangeError)
			throw new ApiError(400, 'The term ends outside the supported years.', {
				start: fieldProblem('term-outside-years', e.message, {
					min: String(SUPPORTED_FIRST_YEAR),
					max: String(SUPPORTED_LAST_YEAR)
				})
			});
		throw e;
	}
});
