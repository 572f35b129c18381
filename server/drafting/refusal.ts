/**
 * A draft event's refusal: a drafting domain error whose English message is the contract's text
 * (DraftErrors), answered in the socket user's language with its stable code (`draft-…`).
 */
import { DraftErrors } from '../../src/lib/realtime/contract';
import { DraftingError, type DraftingErrorCode } from '../../src/lib/server/drafting/drafting-errors';
import { refusal } from '../sockets/refusal';
import type { AppSocket } from '../socket-types';

type SocketRefusal = 'invalid' | 'forbidden' | 'not-joined' | 'read-only' | 'signed' | 'unavailable' | 'presence-taken';

const ENGLISH: Record<SocketRefusal, string> = {
	invalid: DraftErrors.invalid,
	forbidden: DraftErrors.forbidden,
	'not-joined': DraftErrors.notJoined,
	'read-only': DraftErrors.readOnly,
	signed: DraftErrors.signed,
	unavailable: DraftErrors.unavailable,
	'presence-taken': DraftErrors.presenceTaken
} satisfies Record<SocketRefusal, string> & Partial<Record<DraftingErrorCode, string>>;

export function draftRefusal(socket: AppSocket, reason: SocketRefusal) {
	return refusal(socket, new DraftingError(reason, ENGLISH[reason]));
}
