/**
 * Named, immutable versions of a draft ("sent to the head", "after the hearing") with who and when,
 * and a readable word diff between two of them. A version holds the full Yjs state and its plain
 * text, taken from storage after this process has stored what it holds.
 */
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, Executor } from '../db/client';
import type { Clock } from '../clock';
import { drafts, draftVersions, users } from '../db/schema';
import { diffVersionTexts } from '../../domain/drafting/version-diff';
import { loadEncodedState, type DraftRow } from './draft.repository';
import { bodyText } from './draft-state';
import { stripControlChars } from '../http/text-safety';
import { DraftingError } from './drafting-errors';
import type { DraftingService } from './drafting.service';
import { userNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';

export interface VersionView {
	id: string;
	chain: number;
	number: number;
	name: string;
	createdBy: string | null;
	createdAt: string;
}

export const VERSION_NAME_MAX = 120;

export function textOfState(state: Uint8Array): string {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		// A control character typed or pasted into the letter would make PostgreSQL refuse the text
		// column and every version save fail: the plain text keeps none (the Yjs state is bytes).
		return stripControlChars(bodyText(doc));
	} finally {
		doc.destroy();
	}
}

/** The next version number of a draft, and the state to keep (call inside a transaction holding the draft row). */
export async function nextVersion(
	tx: Executor,
	draftId: string
): Promise<{ number: number; state: Uint8Array; text: string }> {
	const [row] = await tx
		.select({ n: max(draftVersions.number) })
		.from(draftVersions)
		.where(eq(draftVersions.draftId, draftId));
	const state = await loadEncodedState(tx, draftId);
	return { number: (row?.n ?? 0) + 1, state, text: textOfState(state) };
}

export async function createNamedVersion(
	deps: { db: Db; clock: Clock; drafting: DraftingService },
	draft: DraftRow,
	name: string,
	by: { id: number }
): Promise<VersionView & { text: string }> {
	await deps.drafting.flush(draft.id).catch(() => {
		throw new DraftingError('unsaved', 'Recent edits could not be stored yet; try again in a moment.');
	});
	const at = deps.clock.now();
	const created = await deps.db.transaction(async (tx) => {
		const [locked] = await tx
			.select({ status: drafts.status })
			.from(drafts)
			.where(eq(drafts.id, draft.id))
			.for('update');
		if (locked?.status !== 'drafting')
			throw new DraftingError('signed', 'The letter is signed; its versions can no longer change.');
		const next = await nextVersion(tx, draft.id);
		const [row] = await tx
			.insert(draftVersions)
			.values({
				draftId: draft.id,
				number: next.number,
				name,
				state: next.state,
				text: next.text,
				createdBy: by.id,
				createdAt: at
			})
			.returning();
		return row!;
	});
	const [who] = await deps.db.select({ name: users.displayName }).from(users).where(eq(users.id, by.id));
	return {
		id: created.id,
		chain: draft.chain,
		number: created.number,
		name: created.name,
		createdBy: who?.name ?? null,
		createdAt: at.toISOString(),
		text: created.text
	};
}

/** Every version of every chain of the case, oldest first. */
export async function listVersions(
	db: Executor,
	caseId: string,
	/** The reader's language, for the authors' names (ADR-062). */
	locale: DisplayLocale = 'en'
): Promise<VersionView[]> {
	const rows = await db
		.select({
			id: draftVersions.id,
			chain: drafts.chain,
			number: draftVersions.number,
			name: draftVersions.name,
			createdBy: userNameSql(locale),
			createdAt: draftVersions.createdAt
		})
		.from(draftVersions)
		.innerJoin(drafts, eq(drafts.id, draftVersions.draftId))
		.leftJoin(users, eq(users.id, draftVersions.createdBy))
		.where(eq(drafts.caseId, caseId))
		.orderBy(asc(drafts.chain), asc(draftVersions.number));
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function diffTwoVersions(db: Executor, caseId: string, fromId: string, toId: string) {
	const rows = await db
		.select({
			id: draftVersions.id,
			chain: drafts.chain,
			number: draftVersions.number,
			name: draftVersions.name,
			text: draftVersions.text
		})
		.from(draftVersions)
		.innerJoin(drafts, eq(drafts.id, draftVersions.draftId))
		.where(and(eq(drafts.caseId, caseId), inArray(draftVersions.id, [fromId, toId])))
		.orderBy(desc(draftVersions.number));
	const from = rows.find((r) => r.id === fromId);
	const to = rows.find((r) => r.id === toId);
	if (!from || !to) throw new DraftingError('not-found', 'No such version of this case’s draft.');
	const strip = ({ text: _text, ...meta }: typeof from) => meta;
	return { from: strip(from), to: strip(to), ...diffVersionTexts(from.text, to.text) };
}
