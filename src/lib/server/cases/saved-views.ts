/** Each user's named `/cases` filters (ADR-041): at most 50 per user, names unique per user. */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { savedViews } from '../db/schema';

export const MAX_VIEWS = 50;

export async function listViews(db: Db, userId: number) {
	return db
		.select({ id: savedViews.id, name: savedViews.name, query: savedViews.query })
		.from(savedViews)
		.where(eq(savedViews.userId, userId))
		.orderBy(asc(savedViews.name));
}

/** Saves (or replaces, by name) a view; false when the user already has the maximum. */
export async function saveView(db: Db, userId: number, name: string, query: string, now: Date): Promise<boolean> {
	const [n] = await db.select({ n: count() }).from(savedViews).where(eq(savedViews.userId, userId));
	const exists = await db
		.select({ id: savedViews.id })
		.from(savedViews)
		.where(and(eq(savedViews.userId, userId), eq(savedViews.name, name)));
	if (!exists.length && Number(n?.n ?? 0) >= MAX_VIEWS) return false;
	await db
		.insert(savedViews)
		.values({ userId, name, query, createdAt: now })
		.onConflictDoUpdate({ target: [savedViews.userId, savedViews.name], set: { query, createdAt: now } });
	return true;
}

export async function deleteView(db: Db, userId: number, id: number): Promise<void> {
	await db.delete(savedViews).where(and(eq(savedViews.userId, userId), eq(savedViews.id, id)));
}
