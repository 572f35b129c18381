/**
 * The outbox lag of this process as the log states it: how many committed case events its
 * publisher has not sent to its sockets yet, and for how long it has been behind (0 when caught
 * up). Events carry no commit time (a breach is stamped with its due, 001 p.16), so the time is
 * measured here: from the first look that found the publisher behind to now.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';

export interface OutboxLag {
	lagEvents: number;
	lagMs: number;
}

/**
 * Committed case events past the last id this process's publisher sent. `published` is read after
 * the outbox's end, so an event published while the query ran is not counted as behind.
 */
export async function unpublishedEvents(db: Db, published: () => number): Promise<number> {
	const [row] = rowsOf<{ max: string | number | null }>(await db.execute(sql`select max(id) as max from case_events`));
	return Math.max(0, Number(row?.max ?? 0) - published());
}

export function createOutboxLag(deps: { db: Db; published: () => number; now?: () => number }) {
	const now = deps.now ?? (() => performance.now());
	let behindSince: number | null = null;
	return {
		async read(): Promise<OutboxLag> {
			const lagEvents = await unpublishedEvents(deps.db, deps.published);
			const t = now();
			if (lagEvents === 0) behindSince = null;
			else behindSince ??= t;
			return { lagEvents, lagMs: behindSince === null ? 0 : Math.round(t - behindSince) };
		}
	};
}
