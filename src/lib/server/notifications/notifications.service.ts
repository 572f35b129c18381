/**
 * A user's own notifications (ADR-060): the list, the unread count, marking read, and the
 * preferences per kind and channel. Every query is scoped to the asking user: nobody reads or marks
 * another's notifications.
 */
import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notificationPreferences, notifications, users } from '../db/schema';
import {
	NOTIFICATION_CHANNELS,
	NOTIFICATION_KINDS,
	wants,
	type NotificationChannel,
	type NotificationKind
} from '../../domain/notifications/kinds';
import { notificationText, type Language } from './notification-text';
import type { NotificationItem } from '../../realtime/contract';

export interface NotificationView extends NotificationItem {
	read: boolean;
}

export type Preferences = Record<NotificationKind, Record<NotificationChannel, boolean>>;

export function createNotificationService(deps: { db: Db }) {
	const { db } = deps;

	async function unreadCount(userId: number): Promise<number> {
		const [row] = await db
			.select({ n: count() })
			.from(notifications)
			.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
		return Number(row?.n ?? 0);
	}

	return {
		unreadCount,

		/** Newest first, keyset by id; `text` in `locale`. */
		async list(userId: number, locale: Language, opts: { before?: number; limit?: number } = {}) {
			const limit = Math.min(opts.limit ?? 50, 100);
			const rows = await db
				.select({ n: notifications, behalf: users.displayName })
				.from(notifications)
				.leftJoin(users, eq(users.id, notifications.onBehalfOf))
				.where(
					and(
						eq(notifications.userId, userId),
						opts.before !== undefined ? lt(notifications.id, opts.before) : undefined
					)
				)
				.orderBy(desc(notifications.id))
				.limit(limit + 1);
			const items: NotificationView[] = rows.slice(0, limit).map(({ n, behalf }) => ({
				id: n.id,
				kind: n.kind,
				caseId: n.caseId,
				caseNumber: typeof n.data.caseNumber === 'string' ? n.data.caseNumber : null,
				text: notificationText(n.kind, n.data, locale),
				onBehalfOf: behalf,
				createdAt: n.createdAt.toISOString(),
				read: n.readAt !== null
			}));
			return { items, unread: await unreadCount(userId), next: rows.length > limit ? items.at(-1)!.id : null };
		},

		/** Marks the given notifications (or all) of this user read; returns the unread count after. */
		async markRead(userId: number, which: { ids: number[] } | { all: true }, at: Date): Promise<number> {
			await db
				.update(notifications)
				.set({ readAt: at })
				.where(
					and(
						eq(notifications.userId, userId),
						isNull(notifications.readAt),
						'ids' in which ? inArray(notifications.id, which.ids.length ? which.ids : [-1]) : undefined
					)
				);
			return unreadCount(userId);
		},

		async preferences(userId: number): Promise<Preferences> {
			const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
			return Object.fromEntries(
				NOTIFICATION_KINDS.map((k) => [k, Object.fromEntries(NOTIFICATION_CHANNELS.map((c) => [c, wants(rows, k, c)]))])
			) as Preferences;
		},

		async setPreferences(
			userId: number,
			changes: { kind: NotificationKind; channel: NotificationChannel; enabled: boolean }[]
		): Promise<void> {
			if (changes.length === 0) return;
			await db.transaction(async (tx) => {
				for (const c of changes)
					await tx
						.insert(notificationPreferences)
						.values({ userId, ...c })
						.onConflictDoUpdate({
							target: [notificationPreferences.userId, notificationPreferences.kind, notificationPreferences.channel],
							set: { enabled: c.enabled }
						});
			});
		}
	};
}

export type NotificationService = ReturnType<typeof createNotificationService>;
