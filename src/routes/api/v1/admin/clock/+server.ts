import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { readJson } from '$lib/server/http/json-body';
import { requirePermission } from '$lib/server/auth/guard';
import type { ManualClock } from '$lib/server/clock';

const MoveSchema = z
	.object({ now: z.iso.datetime({ offset: true, message: 'an ISO 8601 instant with an offset' }) })
	.strict();

/** The simulated clock (MERZIM_CLOCK=simulated only): training, demos and tests. */
export const GET = apiRoute(async (event) => {
	requirePermission(event, 'calendar:manage');
	const { ctx } = event.locals;
	return json({ mode: ctx.config.clock, now: ctx.clock.now().toISOString() });
});

export const POST = apiRoute(async (event) => {
	requirePermission(event, 'calendar:manage');
	const { ctx } = event.locals;
	// Duck-typed: the clock may come from the server bundle, where `instanceof` would not match.
	const clock = ctx.clock as Partial<ManualClock>;
	if (ctx.config.clock !== 'simulated' || typeof clock.set !== 'function')
		throw new ApiError(404, 'The clock can be moved only when the server runs with MERZIM_CLOCK=simulated.');
	const { now } = await readJson(event.request, MoveSchema, 1024);
	const to = new Date(now);
	if (to < ctx.clock.now()) throw new ApiError(409, 'The simulated clock only moves forward.');
	clock.set(to);
	// Due timers fire before the answer, so a caller sees their effects at once.
	const fired = await ctx.scheduler.tick();
	return json({ now: ctx.clock.now().toISOString(), fired });
});
