import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import { absenceReasons } from '$lib/server/db/schema';

const Body = z
	.object({
		substitute: z.string().min(1).max(64),
		startsAt: z.iso.datetime({ offset: true }),
		endsAt: z.iso.datetime({ offset: true }),
		reason: z.enum(absenceReasons).optional()
	})
	.strict();

/** Sets an out-of-office period with a substitute (ADR-061); answers its id. */
export const POST = apiRoute(async (event) => {
	const user = requirePermission(event, 'cases:work');
	const body = await readJson(event.request, Body, 4096);
	const id = await event.locals.ctx.absences.set(
		user.id,
		{
			substitute: body.substitute,
			startsAt: new Date(body.startsAt),
			endsAt: new Date(body.endsAt),
			reason: body.reason
		},
		{ userId: user.id, label: user.username }
	);
	return json({ id }, { status: 201 });
});
