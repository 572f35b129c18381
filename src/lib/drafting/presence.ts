/** Who is in the draft, from the awareness states (names and colours as the server set them). */
import type { Awareness } from 'y-protocols/awareness';

export interface PresentUser {
	clientId: number;
	name: string;
	color: string;
	self: boolean;
}

export function presentUsers(awareness: Awareness): PresentUser[] {
	const seen: PresentUser[] = [];
	for (const [clientId, state] of awareness.getStates()) {
		const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
		if (!user || typeof user.name !== 'string') continue;
		seen.push({
			clientId,
			name: user.name,
			color: typeof user.color === 'string' ? user.color : '#888',
			self: clientId === awareness.clientID
		});
	}
	return seen.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
