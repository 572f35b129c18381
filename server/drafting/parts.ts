/** What the drafting event handlers share: built once by mountDrafting (../drafting.ts). */
import type { AppContext } from '../../src/lib/server/context';
import type { createPresenceOwners } from '../../src/lib/server/drafting/presence-owners';
import type { DraftFanout } from '../../src/lib/server/drafting/draft-fanout';
import type { AppSocket, IO } from '../socket-types';
import type { AccessHooks } from './access-hooks';
import type { DraftMembers } from './draft-members';
import type { LeaveDraft } from './leave-draft';

export interface DraftingParts {
	io: IO;
	ctx: AppContext;
	drafting: AppContext['drafting'];
	members: DraftMembers;
	/** Which socket speaks for which Yjs client of a draft's awareness (a member may not speak for another's). */
	presence: ReturnType<typeof createPresenceOwners>;
	fanout: DraftFanout;
	access: AccessHooks;
	leaveDraft: LeaveDraft;
	/** Reads the socket's session and user again before a join (false: it may no longer act). */
	admit?: (socket: AppSocket) => Promise<boolean>;
}
