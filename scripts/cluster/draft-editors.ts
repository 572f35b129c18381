/**
 * Scenario 2b of the cluster test: two co-editors of one refusal draft (the case's assignee and a
 * head, ADR-015), typing through nginx onto the node about to be killed (-9). Their sockets
 * reconnect through nginx to another node, the app's DraftProvider re-syncs what the server lacks,
 * and a reader opened afterwards must hold every update the server had acknowledged as stored.
 */
import * as Y from 'yjs';
import { io } from 'socket.io-client';
import { DraftProvider, type DraftSocket } from '../../src/lib/drafting/draft-provider';
import { BODY_FIELD } from '../../src/lib/server/drafting/draft-state';

interface Editor {
	name: string;
	doc: Y.Doc;
	socket: DraftSocket;
	provider: DraftProvider;
	acked: Uint8Array[];
	typed: number;
}

function connect(url: string, origin: string, cookie: string): DraftSocket {
	return io(url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie, origin },
		forceNew: true,
		reconnectionDelay: 500,
		reconnectionDelayMax: 2_000
	});
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
	const end = Date.now() + ms;
	while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
	return done();
}

/** Two editors on `url` (nginx sending them to the node to be killed), typing a character every `everyMs`. */
export async function startEditors(
	url: string,
	origin: string,
	caseId: string,
	cookies: { name: string; cookie: string }[],
	everyMs = 100
) {
	const editors: Editor[] = [];
	// An editor that cannot start closes them all: a socket left open would reconnect through the
	// rest of the run (and its pending joins would be answered by later faults).
	const close = () => {
		for (const e of editors) {
			e.provider.destroy();
			e.socket.close();
		}
	};
	for (const { name, cookie } of cookies) {
		const doc = new Y.Doc();
		const socket = connect(url, origin, cookie);
		const acked: Uint8Array[] = [];
		const provider = new DraftProvider({ socket, caseId, doc, onStored: (u) => acked.push(u) });
		editors.push({ name, doc, socket, provider, acked, typed: 0 });
		const t = Date.now();
		const settled = await until(() => provider.state.phase === 'synced' || provider.state.phase === 'refused', 30_000);
		const { phase, error } = provider.state;
		if (!settled || provider.state.access !== 'edit') {
			close();
			throw new Error(
				settled
					? `draft editor ${name} may not edit: ${error}`
					: `draft editor ${name} did not sync in ${Date.now() - t} ms (${phase}, socket ${socket.connected ? 'connected' : 'not connected'}${error ? `, ${error}` : ''})`
			);
		}
	}
	// Each editor types into a paragraph of its own (a keystroke: one Yjs update).
	for (const e of editors) {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('')]);
		e.doc.getXmlFragment(BODY_FIELD).push([p]);
	}
	let typing = true;
	const loop = (async () => {
		while (typing) {
			for (const [i, e] of editors.entries()) {
				const body = e.doc.getXmlFragment(BODY_FIELD).toArray() as Y.XmlElement[];
				const text = body[Math.min(i, body.length - 1)]!.get(0) as Y.XmlText;
				text.insert(text.length, e.name[0]!);
				e.typed++;
			}
			await new Promise((r) => setTimeout(r, everyMs));
		}
	})();
	return {
		editors,
		ackedSoFar: () => editors.reduce((n, e) => n + e.acked.length, 0),
		/** Stops typing, waits until each editor's edits are all stored (or `ms` passed), and reports. */
		async finish(readerUrl: string, readerCookie: string, ms = 60_000) {
			typing = false;
			await loop;
			const t = Date.now();
			const saved = await until(
				() => editors.every((e) => e.provider.state.phase === 'synced' && e.provider.state.unsaved === 0),
				ms
			);
			const savedMs = Date.now() - t;
			// A reader of its own, through the balancer, after everything: the server's document.
			const doc = new Y.Doc();
			const socket = connect(readerUrl, origin, readerCookie);
			const reader = new DraftProvider({ socket, caseId, doc });
			const synced = await until(() => reader.state.phase === 'synced', 30_000);
			const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
			let acked = 0;
			let missing = 0;
			for (const e of editors)
				for (const u of e.acked) {
					acked++;
					const { to } = Y.parseUpdateMeta(u);
					if ([...to].some(([client, clock]) => (vector.get(client) ?? 0) < clock)) missing++;
				}
			reader.destroy();
			socket.close();
			close();
			return {
				typed: editors.reduce((n, e) => n + e.typed, 0),
				acked,
				missing,
				saved,
				savedMs,
				synced,
				reconnectedTo: editors.map((e) => e.socket.connected)
			};
		}
	};
}
