/**
 * What a socket is told as it connects (`session:welcomed`: the server's time, who it is, the last
 * event id published) and its clock re-synchronisation (`time:sync`), for the browser's countdowns.
 */
import type { AppContext } from '../../src/lib/server/context';
import type { AppSocket } from '../socket-types';

export function welcomeSocket(socket: AppSocket, deps: { ctx: AppContext; lastEventId: () => number }): void {
	socket.emit('session:welcomed', {
		serverTime: deps.ctx.clock.now().toISOString(),
		username: socket.data.username,
		lastEventId: deps.lastEventId()
	});
	socket.on('time:sync', (ack) => {
		if (typeof ack !== 'function') return;
		ack({ data: { serverTime: deps.ctx.clock.now().toISOString() } });
	});
}
