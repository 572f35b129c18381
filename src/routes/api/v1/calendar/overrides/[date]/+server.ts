import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { parseDate } from '$lib/server/calendar/calendar-query';
import { OverrideInputSchema } from '$lib/server/calendar/override.schema';

const OverrideSchema = OverrideInputSchema.omit({ date: true });

/** Admin only: set a decreed day transfer, closure or working Saturday; open deadlines are recomputed. */
export const PUT = apiRoute(async (event) => {
	const admin = requirePermission(event, 'calendar:manage');
	const date = parseDate('date', event.params.date ?? '');
	const body = await readJson(event.request, OverrideSchema, 4096);
	const summary = await event.locals.ctx.calendar.change(
		{ date, override: body },
		{ userId: admin.id, label: admin.username }
	);
	return json({ date, ...body, recomputed: summary });
});

export const DELETE = apiRoute(async (event) => {
	const admin = requirePermission(event, 'calendar:manage');
	const date = parseDate('date', event.params.date ?? '');
	const summary = await event.locals.ctx.calendar.change(
		{ date, override: null },
		{ userId: admin.id, label: admin.username }
	);
	return json({ date, removed: true, recomputed: summary });
});
