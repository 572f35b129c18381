import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { checkYear, onlyParams } from '$lib/server/calendar/calendar-query';

/**
 * Every non-working day of a year with its reason, and the weekend days made working by decree.
 * The reasons an admin wrote for overrides are internal: a caller who is not signed in (and holds
 * no token) sees which days moved, not why.
 */
export const GET = apiRoute(async ({ url, params, locals, request }) => {
	onlyParams(url.searchParams, []);
	const year = checkYear('year', Number(params.year));
	const calendar = await locals.ctx.calendar.current();
	const known =
		locals.user !== null ||
		(request.headers.has('authorization') &&
			(await locals.ctx.tokens.authenticate(request.headers.get('authorization'))) !== null);
	const nonWorkingDays = calendar.nonWorkingDays(year);
	const workingWeekendDays = calendar.workingWeekendDays(year);
	return json({
		year,
		nonWorkingDays: known
			? nonWorkingDays
			: nonWorkingDays.map((d) => (d.kind === 'override' ? { ...d, name: 'Day off by override' } : d)),
		workingWeekendDays: known
			? workingWeekendDays
			: workingWeekendDays.map((d) => ({ ...d, reason: 'Working day by override' }))
	});
});
