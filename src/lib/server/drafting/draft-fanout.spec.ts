import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { createDraftFanout, type DraftFanoutSink } from './draft-fanout';

/** A delivery of edits only ('update'), presence only ('awareness'), or both in one message ('both'). */
type Sent = {
	kind: 'update' | 'awareness' | 'both' | 'forwardUpdate' | 'forwardAwareness';
	draftId: string;
	bytes: Uint8Array;
	presence?: Uint8Array;
	except?: string | null;
};

function setup() {
	const sent: Sent[] = [];
	const turns: (() => void)[] = [];
	const sink: DraftFanoutSink = {
		deliver: (draftId, { update, awareness }, except) => {
			if (update && awareness) sent.push({ kind: 'both', draftId, bytes: update, presence: awareness, except });
			else if (update) sent.push({ kind: 'update', draftId, bytes: update, except });
			else if (awareness) sent.push({ kind: 'awareness', draftId, bytes: awareness, except });
			else throw new Error('an empty delivery');
		},
		forwardUpdate: (draftId, bytes) => sent.push({ kind: 'forwardUpdate', draftId, bytes }),
		forwardAwareness: (draftId, bytes) => sent.push({ kind: 'forwardAwareness', draftId, bytes })
	};
	const fanout = createDraftFanout(sink, (run) => turns.push(run));
	const endTurn = () => turns.splice(0).forEach((run) => run());
	return { sent, turns, fanout, endTurn };
}

/** `n` editors' keystrokes: each a Yjs update typed into its own document. */
function keystrokes(n: number): Uint8Array[] {
	return Array.from({ length: n }, (_, i) => {
		const doc = new Y.Doc();
		let update: Uint8Array = new Uint8Array();
		doc.on('update', (u: Uint8Array) => (update = u));
		doc.getText('body').insert(0, `k${i}`);
		return update;
	});
}

/**
 * An editor on socket `source` moved its caret to `cursor`: applied to the draft's awareness and
 * handed to the fan-out.
 */
function caretMoved(fanout: ReturnType<typeof setup>['fanout'], source: string, cursor: number): Awareness {
	const server = new Awareness(new Y.Doc());
	const editor = new Awareness(new Y.Doc());
	editor.setLocalState({ cursor });
	applyAwarenessUpdate(server, encodeAwarenessUpdate(editor, [editor.clientID]), source);
	fanout.awareness('d1', server, [editor.clientID], source);
	return editor;
}

const textOf = (...updates: Uint8Array[]) => {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc.getText('body').toString();
};

describe('draft fan-out, coalesced per event-loop turn', () => {
	it('sends the keystrokes of several sockets in one turn as one merged update to the whole draft, and forwards it once', () => {
		const { sent, turns, fanout, endTurn } = setup();
		const [a, b, c] = keystrokes(3);
		fanout.update('d1', a!, 'socket-a');
		fanout.update('d1', b!, 'socket-b');
		fanout.update('d1', c!, 'socket-a');
		expect(turns).toHaveLength(1);
		expect(sent).toEqual([]);
		endTurn();
		expect(sent.map((s) => [s.kind, s.except])).toEqual([
			['update', null],
			['forwardUpdate', undefined]
		]);
		expect(textOf(sent[0]!.bytes)).toBe(textOf(a!, b!, c!));
		expect(textOf(sent[1]!.bytes)).toBe(textOf(a!, b!, c!));
	});

	it('leaves out the sender when the turn holds one socket’s updates only', () => {
		const { sent, fanout, endTurn } = setup();
		const [a, b] = keystrokes(2);
		fanout.update('d1', a!, 'socket-a');
		fanout.update('d1', b!, 'socket-a');
		endTurn();
		expect(sent[0]).toMatchObject({ kind: 'update', except: 'socket-a' });
		expect(textOf(sent[0]!.bytes)).toBe(textOf(a!, b!));
	});

	it('delivers another process’s updates here without forwarding them back, and forwards only this process’s own', () => {
		const { sent, fanout, endTurn } = setup();
		const [remote, local] = keystrokes(2);
		fanout.update('d1', remote!, null);
		endTurn();
		expect(sent.map((s) => [s.kind, s.except])).toEqual([['update', null]]);
		sent.length = 0;
		fanout.update('d1', remote!, null);
		fanout.update('d1', local!, 'socket-a');
		endTurn();
		expect(sent.map((s) => [s.kind, s.except])).toEqual([
			['update', null],
			['forwardUpdate', undefined]
		]);
		expect(textOf(sent[1]!.bytes)).toBe(textOf(local!));
	});

	it('keeps drafts apart, and schedules a new turn once the last one is flushed', () => {
		const { sent, turns, fanout, endTurn } = setup();
		const [a, b] = keystrokes(2);
		fanout.update('d1', a!, 's1');
		fanout.update('d2', b!, 's2');
		expect(turns).toHaveLength(1);
		endTurn();
		expect(sent.filter((s) => s.kind === 'update').map((s) => [s.draftId, textOf(s.bytes)])).toEqual([
			['d1', textOf(a!)],
			['d2', textOf(b!)]
		]);
		fanout.update('d1', b!, 's1');
		expect(turns).toHaveLength(1);
	});

	it('sends each changed presence once, at its latest state, removals included', () => {
		const { sent, fanout, endTurn } = setup();
		const server = new Awareness(new Y.Doc());
		const alice = new Awareness(new Y.Doc());
		const bob = new Awareness(new Y.Doc());
		alice.setLocalState({ cursor: 1 });
		bob.setLocalState({ cursor: 2 });
		const arrive = (editor: Awareness, source: string | null) => {
			applyAwarenessUpdate(server, encodeAwarenessUpdate(editor, [editor.clientID]), source);
			fanout.awareness('d1', server, [editor.clientID], source);
		};
		// In one turn: Alice (a socket here) moves twice, Bob's caret comes from another process.
		arrive(alice, 'socket-a');
		alice.setLocalState({ cursor: 5 });
		arrive(alice, 'socket-a');
		arrive(bob, null);
		endTurn();
		expect(sent.map((s) => [s.kind, s.except])).toEqual([
			['awareness', null],
			['forwardAwareness', undefined]
		]);
		const seen = new Awareness(new Y.Doc());
		applyAwarenessUpdate(seen, sent[0]!.bytes, 'test');
		expect(seen.getStates().get(alice.clientID)).toEqual({ cursor: 5 });
		expect(seen.getStates().get(bob.clientID)).toEqual({ cursor: 2 });
		const forwarded = new Awareness(new Y.Doc());
		applyAwarenessUpdate(forwarded, sent[1]!.bytes, 'test');
		expect([...forwarded.getStates().keys()].filter((k) => k !== forwarded.clientID)).toEqual([alice.clientID]);

		// Next turn: Bob's socket here leaves; everyone else learns it.
		sent.length = 0;
		removeAwarenessStates(server, [bob.clientID], 'socket-b');
		fanout.awareness('d1', server, [bob.clientID], 'socket-b');
		endTurn();
		expect(sent[0]).toMatchObject({ kind: 'awareness', except: 'socket-b' });
		applyAwarenessUpdate(seen, sent[0]!.bytes, 'test');
		expect(seen.getStates().has(bob.clientID)).toBe(false);
	});

	it('sends a socket’s keystroke and the caret it moved in one message, and forwards each once', () => {
		const { sent, fanout, endTurn } = setup();
		const [a] = keystrokes(1);
		fanout.update('d1', a!, 'socket-a');
		const alice = caretMoved(fanout, 'socket-a', 3);
		endTurn();
		expect(sent.map((s) => [s.kind, s.except])).toEqual([
			['both', 'socket-a'],
			['forwardUpdate', undefined],
			['forwardAwareness', undefined]
		]);
		expect(textOf(sent[0]!.bytes)).toBe(textOf(a!));
		const seen = new Awareness(new Y.Doc());
		applyAwarenessUpdate(seen, sent[0]!.presence!, 'test');
		expect(seen.getStates().get(alice.clientID)).toEqual({ cursor: 3 });
	});

	it('keeps edits and presence apart when they must skip different sockets', () => {
		const { sent, fanout, endTurn } = setup();
		const [a] = keystrokes(1);
		// Alice types; in the same turn only Bob's caret moves: Alice must get Bob's caret, Bob must get Alice's edit.
		fanout.update('d1', a!, 'socket-a');
		caretMoved(fanout, 'socket-b', 1);
		endTurn();
		expect(sent.filter((s) => !s.kind.startsWith('forward')).map((s) => [s.kind, s.except])).toEqual([
			['update', 'socket-a'],
			['awareness', 'socket-b']
		]);
	});
});
