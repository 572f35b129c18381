import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DraftProvider, type DraftSocket } from './draft-provider';

/**
 * A socket.io-client stand-in whose server never answers: `drop()` loses the connection as
 * socket.io does — `disconnect`, then every pending acknowledgement rejected with
 * "socket has been disconnected" (socket.io-client ≥ 4.6) — and `reconnect()` fires `connect`.
 */
function silentSocket() {
	const handlers = new Map<string, ((...a: unknown[]) => void)[]>();
	const pending: ((e: Error) => void)[] = [];
	const asked: string[] = [];
	let connected = true;
	const fire = (event: string) => handlers.get(event)?.forEach((fn) => fn());
	const socket = {
		get connected() {
			return connected;
		},
		on(event: string, fn: (...a: unknown[]) => void) {
			handlers.set(event, [...(handlers.get(event) ?? []), fn]);
			return socket;
		},
		off(event: string, fn: (...a: unknown[]) => void) {
			handlers.set(
				event,
				(handlers.get(event) ?? []).filter((f) => f !== fn)
			);
			return socket;
		},
		emit() {
			return socket;
		},
		emitWithAck(event: string) {
			asked.push(event);
			return new Promise((_, reject) => pending.push(reject));
		}
	};
	return {
		socket: socket as unknown as DraftSocket,
		asked,
		drop() {
			connected = false;
			fire('disconnect');
			for (const reject of pending.splice(0)) reject(new Error('socket has been disconnected'));
		},
		reconnect() {
			connected = true;
			fire('connect');
		}
	};
}

describe('DraftProvider when the connection drops before the server answers', () => {
	it('goes offline instead of rejecting, and joins again on the next connection', async () => {
		const s = silentSocket();
		const provider = new DraftProvider({ socket: s.socket, caseId: 'c', doc: new Y.Doc() });
		expect(s.asked).toEqual(['draft:join']);
		s.drop();
		// An unhandled rejection here would fail the run (vitest reports it as an error).
		await new Promise((r) => setTimeout(r, 5));
		expect(provider.state.phase).toBe('offline');
		s.reconnect();
		expect(s.asked).toEqual(['draft:join', 'draft:join']);
		expect(provider.state.phase).toBe('connecting');
		provider.destroy();
	});
});
