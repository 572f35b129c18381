import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { onlyParams, parseDate, requireParam } from '$lib/server/calendar/calendar-query';

/** Working days after `from` up to and including `to` (negative when `to` is before `from`). */
export const GET = apiRoute(async ({ url, locals }) => {
	onlyParams(url.searchParams, ['from', 'to']);
	const from = parseDate('from', requireParam(url.searchParams, 'from'));
	const to = parseDate('to', requireParam(url.searchParams, 'to'));
	const calendar = await locals.ctx.calendar.current();
	return json({ workingDays: calendar.workingDaysBetween(from, to) });
});
