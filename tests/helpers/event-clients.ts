/**
 * Case-event test clients: a signed-in socket opened as draft-clients' `openSocket` opens one,
 * recording every case event it receives and how often it (re)connected, resolved once the server
 * has welcomed it; and a wait for a condition that those events meet.
 */
import type { CaseEventEnvelope } from '../../src/lib/realtime/contract';
import { CASE_EVENT_TYPES } from '../../src/lib/realtime/contract';
import { openSocket } from './draft-clients';

export type EventClient = Awaited<ReturnType<typeof eventClient>>;

export async function eventClient(
	url: string,
	cookie: string,
	opts: { reconnection?: boolean; headers?: Record<string, string> } = {}
) {
	const socket = openSocket(url, cookie, opts);
	const received: CaseEventEnvelope[] = [];
	let connects = 0;
	socket.on('connect', () => void connects++);
	for (const type of CASE_EVENT_TYPES) socket.on(type, (e) => received.push(e));
	await new Promise<void>((ok, fail) => {
		socket.once('session:welcomed', () => ok());
		socket.once('connect_error', fail);
	});
	return { socket, received, connects: () => connects, has: (id: number) => received.some((e) => e.id === id) };
}

/** Resolves once `check` holds, polling every 20 ms; throws after `ms`. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
}
