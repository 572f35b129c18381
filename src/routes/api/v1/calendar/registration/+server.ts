import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { onlyParams, parseInstant, requireParam } from '$lib/server/calendar/calendar-query';

/** Registration day of an application received at an instant (17:00 cut-off; ADR-002, 001 p.14). */
export const GET = apiRoute(async ({ url, locals }) => {
	onlyParams(url.searchParams, ['received']);
	const received = parseInstant('received', requireParam(url.searchParams, 'received'));
	const calendar = await locals.ctx.calendar.current();
	return json({ registeredOn: calendar.registrationDay(received) });
});
