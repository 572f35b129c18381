import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { guardAwarenessUpdate, presenceColor } from './awareness-guard';

const user = { userId: 7, name: 'Nurlan Abenov', color: presenceColor(7) };

describe('guardAwarenessUpdate', () => {
	it('replaces the user a client claims with the signed-in user, keeping the caret', () => {
		const a = new Awareness(new Y.Doc());
		a.setLocalState({ user: { name: 'The Head', color: '#000' }, cursor: { anchor: 1, head: 3 } });
		const guarded = guardAwarenessUpdate(encodeAwarenessUpdate(a, [a.clientID]), user)!;
		expect(guarded.clientId).toBe(a.clientID);
		const b = new Awareness(new Y.Doc());
		applyAwarenessUpdate(b, guarded.update, 'test');
		expect(b.getStates().get(a.clientID)).toEqual({
			user: { name: 'Nurlan Abenov', color: presenceColor(7), userId: 7 },
			cursor: { anchor: 1, head: 3 }
		});
		a.destroy();
		b.destroy();
	});

	it('refuses updates for several clients and garbage', () => {
		const a = new Awareness(new Y.Doc());
		const b = new Awareness(new Y.Doc());
		a.setLocalState({ x: 1 });
		b.setLocalState({ y: 1 });
		applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), 'test');
		expect(guardAwarenessUpdate(encodeAwarenessUpdate(a, [a.clientID, b.clientID]), user)).toBeNull();
		expect(guardAwarenessUpdate(new Uint8Array([1, 2, 3]), user)).toBeNull();
		a.destroy();
		b.destroy();
	});

	it('passes a removal (null state) through', () => {
		const a = new Awareness(new Y.Doc());
		a.setLocalState(null);
		const guarded = guardAwarenessUpdate(encodeAwarenessUpdate(a, [a.clientID]), user);
		expect(guarded?.clientId).toBe(a.clientID);
		a.destroy();
	});
});
