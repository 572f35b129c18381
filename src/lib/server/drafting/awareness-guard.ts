/**
 * Presence is told by the server, not by the client: an awareness update from a socket must carry
 * exactly one client's state (its own Yjs client), and the `user` shown to the others (name,
 * colour) is replaced with the signed-in user's, so nobody can appear as someone else.
 * Wire format (y-protocols/awareness): count, then per client: id, clock, JSON state or "null".
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface PresenceUser {
	userId: number;
	name: string;
	color: string;
}

/** Distinct, readable caret colours; a user keeps the same one everywhere. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

export function presenceColor(userId: number): string {
	return PALETTE[Math.abs(userId) % PALETTE.length]!;
}

/**
 * The update rewritten with the server's idea of the user, and the Yjs client id it speaks for;
 * null when it is malformed or carries other than exactly one client.
 */
export function guardAwarenessUpdate(
	update: Uint8Array,
	user: PresenceUser
): { update: Uint8Array; clientId: number } | null {
	try {
		const decoder = decoding.createDecoder(update);
		if (decoding.readVarUint(decoder) !== 1) return null;
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const raw = decoding.readVarString(decoder);
		if (decoding.hasContent(decoder)) return null;
		const state: unknown = JSON.parse(raw);
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return null;
		const rewritten =
			state === null
				? null
				: { ...(state as Record<string, unknown>), user: { name: user.name, color: user.color, userId: user.userId } };
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, JSON.stringify(rewritten));
		return { update: encoding.toUint8Array(encoder), clientId };
	} catch {
		return null;
	}
}
