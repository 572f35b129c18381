import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { checkYear, onlyParams } from '$lib/server/calendar/calendar-query';

/** Every non-working day of a year with its reason, and the weekend days made working by decree. */
export const GET = apiRoute(async ({ url, params, locals }) => {
	onlyParams(url.searchParams, []);
	const year = checkYear('year', Number(params.year));
	const calendar = await locals.ctx.calendar.current();
	return json({
		year,
		nonWorkingDays: calendar.nonWorkingDays(year),
		workingWeekendDays: calendar.workingWeekendDays(year)
	});
});
