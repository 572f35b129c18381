/**
 * Pushes new notifications to their recipient's own sockets (ADR-060): each socket of a staff
 * session joins the room of its user (decided by the server at the handshake, never by the client);
 * after a case event is committed, the notifications it caused are read and each goes to the
 * sockets in its user's room on this process only — every process reads the outbox itself, so a
 * broadcast through the Redis adapter would double it.
 */
import { inArray } from 'drizzle-orm';
import { notifications } from '../../src/lib/server/db/schema';
import { NOTIFYING_TYPES } from '../../src/lib/domain/notifications/recipients';
import { notificationText } from '../../src/lib/server/notifications/notification-text';
import type { AppContext } from '../../src/lib/server/context';
import type { OutboxRow } from '../outbox-publisher';
import type { AppSocket, IO } from '../socket-types';

export const userRoom = (userId: number) => `user:${userId}`;

/** A staff socket listens for its user's notifications; a wall-board kiosk gets none. */
export function joinUserRoom(socket: AppSocket): void {
	if (!socket.data.viewer.kiosk) void socket.join(userRoom(socket.data.userId));
}

export function createNotificationPush(io: IO, ctx: AppContext) {
	return async (row: OutboxRow): Promise<void> => {
		if (!row.envelope || !NOTIFYING_TYPES.has(row.envelope.type)) return;
		const rows = await ctx.db
			.select()
			.from(notifications)
			.where(inArray(notifications.caseEventId, [row.id]));
		for (const n of rows) {
			const ids = io.of('/').adapter.rooms.get(userRoom(n.userId));
			if (!ids || ids.size === 0) continue;
			const unread = await ctx.notifications.unreadCount(n.userId);
			const behalf = n.onBehalfOf === null ? null : ((await ctx.users.publicView(n.onBehalfOf))?.displayName ?? null);
			for (const id of ids) {
				const socket = io.of('/').sockets.get(id);
				// Checked again at the socket: the room is the user's, but a socket re-used by another user never is.
				if (!socket || socket.data.userId !== n.userId) continue;
				socket.emit('notification:created', {
					id: n.id,
					kind: n.kind,
					caseId: n.caseId,
					caseNumber: typeof n.data.caseNumber === 'string' ? n.data.caseNumber : null,
					text: notificationText(n.kind, n.data, socket.data.locale),
					onBehalfOf: behalf,
					createdAt: n.createdAt.toISOString(),
					unread
				});
			}
		}
	};
}
