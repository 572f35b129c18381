import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import type { RequestHandler } from './$types';

/** Liveness and database reachability, for load balancers; reveals nothing else. */
export const GET: RequestHandler = async ({ locals }) => {
	await locals.ctx.db.execute(sql`select 1`);
	return json({ status: 'ok', database: locals.ctx.dbHandle.driver });
};
