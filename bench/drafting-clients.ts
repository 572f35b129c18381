/**
 * The editors of the drafting benchmark, in a child process (so their CPU is not the server's): N
 * Yjs documents joined to one draft — through Merzim's socket.io DraftProvider, or through
 * Hocuspocus's provider — each with its own paragraph, typing `cps` characters per second for
 * `seconds`. Latency is from a keystroke (the moment the character is inserted in the typist's
 * document) to the moment that character is integrated in another editor's document; all editors
 * share this process's clock. With `carets`, every keystroke also moves its author's caret. Reads
 * its configuration from the JSON file in argv[2], prints "ready", waits for "go" on stdin, types
 * `warmupSeconds` unmeasured, prints "measuring", types `seconds`, then prints one JSON report and
 * exits.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { DraftProvider } from '../src/lib/drafting/draft-provider';

interface Config {
	mode: 'merzim' | 'hocuspocus';
	url: string;
	/** Merzim: the case whose draft is edited, and one session cookie per editor. */
	caseId?: string;
	cookies?: string[];
	/** Hocuspocus: the document name. */
	docName?: string;
	editors: number;
	cps: number;
	seconds: number;
	/** Typing before the measured run, not counted: both servers then measure warm code, in either order. */
	warmupSeconds: number;
	/**
	 * Each keystroke also moves its author's caret (awareness), as y-prosemirror's cursor plugin
	 * does in the editor.
	 */
	carets?: boolean;
}

const cfg = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Config;
const sentAt = new Map<string, number>();
let latencies: number[] = [];
let keystrokes = 0;

interface Editor {
	doc: Y.Doc;
	awareness: Awareness;
	close(): void;
}

async function connect(i: number): Promise<Editor> {
	const doc = new Y.Doc();
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === null || origin === undefined) return; // our own typing
		const now = performance.now();
		for (const s of Y.decodeUpdate(update).structs) {
			if (!(s instanceof Y.Item) || s.id.client === doc.clientID) continue;
			for (let k = 0; k < s.length; k++) {
				const t = sentAt.get(`${s.id.client}:${s.id.clock + k}`);
				if (t !== undefined) latencies.push(now - t);
			}
		}
	});
	if (cfg.mode === 'merzim') {
		const socket = io(cfg.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie: cfg.cookies![i]!, origin: cfg.url },
			forceNew: true
		});
		const provider = new DraftProvider({ socket, caseId: cfg.caseId!, doc });
		await provider.whenSynced();
		return { doc, awareness: provider.awareness, close: () => (provider.destroy(), socket.close()) };
	}
	const socket = new HocuspocusProviderWebsocket({ url: cfg.url, WebSocketPolyfill: WebSocket });
	const provider = new HocuspocusProvider({ websocketProvider: socket, name: cfg.docName!, document: doc });
	const synced = new Promise<void>((ok) => provider.on('synced', () => ok()));
	provider.attach();
	await synced;
	return { doc, awareness: provider.awareness!, close: () => (provider.destroy(), socket.destroy()) };
}

const editors: Editor[] = [];
for (let i = 0; i < cfg.editors; i++) editors.push(await connect(i));
if (cfg.carets)
	editors.forEach((e, i) => e.awareness.setLocalStateField('user', { name: `Editor ${i}`, color: '#1f77b4' }));

// Each editor types into a paragraph of its own (created concurrently), as people write different grounds.
const texts = editors.map(({ doc }) => {
	const p = new Y.XmlElement('paragraph');
	const text = new Y.XmlText('');
	p.insert(0, [text]);
	doc.getXmlFragment('default').insert(0, [p]);
	return text;
});
const paragraphs = (doc: Y.Doc) => doc.getXmlFragment('default').length;
while (!editors.every((e) => paragraphs(e.doc) === cfg.editors)) await new Promise((r) => setTimeout(r, 20));
console.log('ready');

const lines = createInterface({ input: process.stdin });
await new Promise<void>((ok) => lines.once('line', () => ok()));

const interval = 1000 / cfg.cps;

/** Every editor types `cps` characters a second for `seconds`, staggered; resolves after `tail` ms more. */
async function type(seconds: number, tailMs: number): Promise<void> {
	const end = performance.now() + seconds * 1000;
	const timers = editors.map((e, i) => {
		let timeout: ReturnType<typeof setTimeout>;
		const tick = () => {
			if (performance.now() >= end) return;
			const clock = Y.getState(e.doc.store, e.doc.clientID);
			sentAt.set(`${e.doc.clientID}:${clock}`, performance.now());
			texts[i]!.insert(texts[i]!.length, 'a');
			if (cfg.carets) {
				// The caret after the new character, as relative positions (y-prosemirror's cursor state).
				const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(texts[i]!, texts[i]!.length));
				e.awareness.setLocalStateField('cursor', { anchor: at, head: at });
			}
			keystrokes++;
			timeout = setTimeout(tick, interval);
		};
		timeout = setTimeout(tick, (i * interval) / cfg.editors);
		return () => clearTimeout(timeout);
	});
	await new Promise((r) => setTimeout(r, seconds * 1000 + tailMs));
	timers.forEach((stop) => stop());
}

if (cfg.warmupSeconds > 0) {
	await type(cfg.warmupSeconds, 1000);
	latencies = [];
	keystrokes = 0;
	sentAt.clear();
}
console.log('measuring');
await type(cfg.seconds, 3000); // the run, then the tail

const expected = keystrokes * (cfg.editors - 1);
const sorted = latencies.sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const textOf = (doc: Y.Doc) => doc.getXmlFragment('default').toString();
const converged = editors.every((e) => textOf(e.doc) === textOf(editors[0]!.doc));
console.log(
	JSON.stringify({
		keystrokes,
		expected,
		received: sorted.length,
		p50: pct(50),
		p99: pct(99),
		max: sorted.at(-1) ?? NaN,
		converged
	})
);
for (const e of editors) e.close();
process.exit(0);
