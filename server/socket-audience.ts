/**
 * A socket's rights are decided at its handshake and decided again whenever they may have changed:
 * - pushed: the users service tells when a user's roles or status change, the session service when
 *   sessions end (sign-out, "sign out everywhere"); with REDIS_URL the change goes to every process;
 * - checked: each replay and each draft join reads the session and the user again;
 * - swept: every few seconds all connected sessions and users are read (a backstop for a change
 *   made by another process without Redis, or one written to the database by hand).
 * A disabled user's sockets, and those of an ended session, are disconnected. A user whose roles,
 * unit or agency changed keeps the connection with the new audience at once: later events and
 * replays are filtered by it and drafts are re-decided (`onViewerChanged`); the pages themselves
 * are checked again on every request.
 *
 * Whom a user stands in for (ADR-061, ADR-087) is part of the viewer: a substitute has the absent
 * colleague's cases in hand, live too. The absences naming the user that are not over are read with
 * the rights (at the handshake, on a change, by the sweep); declaring or cancelling one is pushed
 * like a change of roles (absences.service.ts → account changes). An absence starts and ends by the
 * clock, with nothing to push it: each delivery checks the clock against the windows read (`settle`),
 * so the substitute's first event after the start is already theirs, and none after the end.
 */
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../src/lib/server/context';
import { sessions, userRoles, users } from '../src/lib/server/db/schema';
import type { AccountChange } from '../src/lib/server/auth/account-changes';
import type { SessionUser } from '../src/lib/server/auth/session.service';
import type { Viewer } from '../src/lib/realtime/contract';
import type { AppSocket as AudienceSocket, IO } from './socket-types';
import { knownRoles } from '../src/lib/domain/access/roles';
import { standInsAt, type StandInWindow } from '../src/lib/domain/access/stand-ins';

type EndReason = 'revoked' | 'expired' | 'disabled';

/** The viewer of a user's socket (the same key for the same rights, whatever the field order). */
export function viewerOf(
	user: Pick<SessionUser, 'id' | 'roles' | 'unit' | 'agencyCode'>,
	kiosk: boolean,
	standsInFor: readonly number[] = []
): Viewer {
	return {
		userId: user.id,
		roles: [...user.roles].sort(),
		unit: user.unit,
		agencyCode: user.agencyCode,
		kiosk,
		// A wall-board session works no cases, for anyone.
		standsInFor: kiosk ? [] : [...new Set(standsInFor)].sort((a, b) => a - b)
	};
}

/** The absences a socket's user stands in for, and when the first of them next starts or ends. */
interface StandIns {
	windows: StandInWindow[];
	/** ms since the epoch; Infinity when no window starts or ends any more. */
	changesAt: number;
}

export function setViewer(socket: AudienceSocket, viewer: Viewer): boolean {
	const key = JSON.stringify(viewer);
	if (key === socket.data.viewerKey) return false;
	socket.data.viewer = viewer;
	socket.data.viewerKey = key;
	return true;
}

const ending = new WeakSet<AudienceSocket>();

/** Tells the socket why and closes it on the next turn, so an ack being answered still gets out first. */
function end(socket: AudienceSocket, reason: EndReason) {
	if (!socket.connected || ending.has(socket)) return;
	ending.add(socket);
	socket.emit('session:ended', { reason });
	setImmediate(() => socket.disconnect(true));
}

/** A user's rights as the socket server needs them, or absent when the user is disabled or gone. */
type Rights = Pick<SessionUser, 'id' | 'roles' | 'unit' | 'agencyCode'>;

async function loadRights(ctx: AppContext, userIds: number[]): Promise<Map<number, Rights>> {
	if (userIds.length === 0) return new Map();
	const rows = await ctx.db
		.select({
			id: users.id,
			disabled: users.disabled,
			unit: users.unit,
			agencyCode: users.agencyCode,
			role: userRoles.role
		})
		.from(users)
		.leftJoin(userRoles, eq(userRoles.userId, users.id))
		.where(inArray(users.id, userIds));
	const out = new Map<number, Rights>();
	for (const r of rows) {
		if (r.disabled) continue;
		let rights = out.get(r.id);
		if (!rights) out.set(r.id, (rights = { id: r.id, roles: [], unit: r.unit, agencyCode: r.agencyCode }));
		rights.roles.push(...knownRoles([r.role]));
	}
	return out;
}

const standIns = new WeakMap<AudienceSocket, StandIns>();

export function createSocketAudience(
	io: IO,
	ctx: AppContext,
	opts: {
		/** The socket's viewer changed (drafts re-decide their access). */
		onViewerChanged: (socket: AudienceSocket) => void;
		/** Tell the other processes (Redis); absent with one process. */
		forward?: (change: AccountChange) => void;
	}
) {
	const local = () => [...io.of('/').sockets.values()];
	const now = () => ctx.realClock.now().getTime();

	/** The socket's viewer from these rights and windows at `at`; true when it changed. */
	function assign(socket: AudienceSocket, user: Rights, windows: StandInWindow[], at: number): boolean {
		const kiosk = socket.data.viewer.kiosk;
		const { ids, changesAt } = standInsAt(kiosk ? [] : windows, at);
		standIns.set(socket, { windows, changesAt });
		return setViewer(socket, viewerOf(user, kiosk, ids));
	}

	/** Re-decides the given sockets from the database: sessions that ended, users disabled or changed. */
	async function decide(sockets: AudienceSocket[]): Promise<void> {
		if (sockets.length === 0) return;
		const sessionIds = [...new Set(sockets.map((s) => s.data.sessionId))];
		const userIds = [...new Set(sockets.map((s) => s.data.userId))];
		const [rows, rights, windows] = await Promise.all([
			ctx.db.select().from(sessions).where(inArray(sessions.id, sessionIds)),
			loadRights(ctx, userIds),
			ctx.absences.standInWindows(userIds)
		]);
		const at = now();
		const alive = new Map(rows.map((r) => [r.id, ctx.sessions.expiresAt(r).getTime()]));
		for (const socket of sockets) {
			const expires = alive.get(socket.data.sessionId);
			if (expires === undefined) end(socket, 'revoked');
			else if (expires <= at) end(socket, 'expired');
			else {
				const user = rights.get(socket.data.userId);
				if (!user) end(socket, 'disabled');
				else if (assign(socket, user, windows.get(socket.data.userId) ?? [], at)) opts.onViewerChanged(socket);
			}
		}
	}

	function apply(change: AccountChange): Promise<void> {
		if (change.kind === 'sessions') {
			const ended = new Set(change.sessionIds);
			for (const socket of local()) if (ended.has(socket.data.sessionId)) end(socket, 'revoked');
			return Promise.resolve();
		}
		return decide(local().filter((s) => s.data.userId === change.userId));
	}

	return {
		/**
		 * At the handshake, before the socket is admitted: whom its user stands in for. A failed read
		 * rejects, and the handshake refuses the socket as unavailable (ADR-125).
		 */
		async admit(socket: AudienceSocket): Promise<void> {
			if (socket.data.viewer.kiosk) return;
			const v = socket.data.viewer;
			const user: Rights = { id: v.userId, roles: v.roles, unit: v.unit, agencyCode: v.agencyCode };
			const windows = await ctx.absences.standInWindows([v.userId]);
			assign(socket, user, windows.get(v.userId) ?? [], now());
		},
		/**
		 * Before a delivery at `at` (ms): an absence that started or ended since the socket was last
		 * decided puts the absentee's cases into, or out of, its hands now.
		 */
		settle(socket: AudienceSocket, at: number): void {
			const s = standIns.get(socket);
			if (!s || at < s.changesAt) return;
			const v = socket.data.viewer;
			const user: Rights = { id: v.userId, roles: v.roles, unit: v.unit, agencyCode: v.agencyCode };
			if (assign(socket, user, s.windows, at)) opts.onViewerChanged(socket);
		},
		/** A change told by this process's services: applied here and sent to the other processes. */
		changed(change: AccountChange): void {
			opts.forward?.(change);
			void apply(change).catch((e) => console.error('socket rights:', e));
		},
		/** A change another process forwarded (checked: it crossed the network). */
		received(change: unknown): void {
			const c = change as AccountChange | null;
			const valid =
				(c?.kind === 'user' && Number.isSafeInteger(c.userId)) ||
				(c?.kind === 'sessions' && Array.isArray(c.sessionIds) && c.sessionIds.every((id) => typeof id === 'string'));
			if (!valid) return console.error('account:changed from another process is malformed');
			void apply(c).catch((e) => console.error('socket rights:', e));
		},
		/** Reads this socket's session and user again; false (and the socket ended) when it may no longer act. */
		async recheck(socket: AudienceSocket): Promise<boolean> {
			await decide([socket]);
			return socket.connected && !ending.has(socket);
		},
		/** The backstop: every connected socket, in two queries. */
		sweep: () => decide(local())
	};
}
