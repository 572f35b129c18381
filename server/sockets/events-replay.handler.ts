/**
 * `events:replay`: one page of the committed case events after the client's position, as this
 * socket's viewer may see them now (replay.ts), one in flight per socket and a bounded number per
 * session (socket-limits.ts), so one user cannot stall everyone.
 */
import { ReplayRequestSchema } from '../../src/lib/realtime/contract';
import type { AppContext } from '../../src/lib/server/context';
import { replayPage, ReplayErrors } from '../replay';
import type { createReplayGate } from '../socket-limits';
import type { AppSocket } from '../socket-types';
import { refusal } from './refusal';

export interface ReplayDeps {
	ctx: AppContext;
	replays: ReturnType<typeof createReplayGate>;
	/** Reads the socket's session and user again (false: it may no longer act; socket-audience.ts). */
	recheck: (socket: AppSocket) => Promise<boolean>;
	/** The last event id the publisher has sent live. */
	published: () => number;
}

export function handleEventsReplay(socket: AppSocket, deps: ReplayDeps): void {
	socket.on('events:replay', async (request, ack) => {
		if (typeof ack !== 'function') return;
		const parsed = ReplayRequestSchema.safeParse(request);
		if (!parsed.success) return ack(refusal(socket, ReplayErrors.invalid()));
		const answer = await deps.replays.run(socket.id, socket.data.sessionId, async () => {
			// The database may be out of reach for the recheck as for the page: either failure is an
			// answer to ask again, never a rejection left to end the process (the cluster test's nodes
			// died so while PostgreSQL was down).
			try {
				// The rights of now, not of the handshake (the user may have been demoted or disabled).
				if (!(await deps.recheck(socket))) return refusal(socket, ReplayErrors.sessionEnded());
				// Up to what the publisher has sent: anything later arrives live, so nothing is doubled.
				return {
					data: await replayPage(
						deps.ctx.db,
						socket.data.viewer,
						parsed.data,
						deps.published(),
						undefined,
						socket.data.locale
					)
				};
			} catch (e) {
				console.error('events:replay:', e);
				return refusal(socket, ReplayErrors.failed());
			}
		});
		ack(answer.ok ? answer.value : refusal(socket, answer.error));
	});
}
