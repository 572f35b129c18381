/**
 * Per-document authorization for the drafting API, next to the action (README habit 4): the same
 * rule as the sockets (domain/access/policy.ts), decided from the database.
 */
import type { Executor } from '../db/client';
import { draftAccess, type DraftAccess } from '../../domain/access/policy';
import { findCurrentDraft, type DraftRow } from './draft.repository';
import { loadLetterFacts, type LetterFacts } from './draft-letter';
import { DraftingError } from './drafting-errors';
import type { Role } from '../../domain/access/roles';

export interface DraftActor {
	id: number;
	username: string;
	displayName: string;
	roles: readonly Role[];
	kiosk?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function requireDraftAccess(
	db: Executor,
	caseId: string,
	actor: DraftActor,
	need: 'read' | 'edit'
): Promise<{ facts: LetterFacts; draft: DraftRow | null; access: Exclude<DraftAccess, null> }> {
	const facts = UUID.test(caseId) ? await loadLetterFacts(db, caseId) : null;
	if (!facts) throw new DraftingError('not-found', 'No such case.');
	const draft = await findCurrentDraft(db, caseId);
	const access = draftAccess(
		{ userId: actor.id, roles: actor.roles, kiosk: actor.kiosk },
		facts,
		draft?.status ?? 'drafting'
	);
	if (!access) throw new DraftingError('forbidden', 'You may not open this case’s refusal draft.');
	if (need === 'edit' && access !== 'edit') {
		if (draft?.status === 'signed')
			throw new DraftingError('signed', 'The letter is signed and can no longer be edited; start a new draft.');
		throw new DraftingError('forbidden', 'You may read this draft but not change it.');
	}
	return { facts, draft, access };
}
