/**
 * What a draft's access is decided on (assignee, status), read once per draft and reused for half
 * the TTL by every socket of this process in it (which re-decides every half TTL, so a change shows
 * within the TTL): two reads per draft per TTL, not one per socket (20 editors re-deciding every
 * 10 s were 2 reads a second). A case event that changes it drops the entry.
 */
import type { Db } from '../../src/lib/server/db/client';
import { accessFacts } from '../../src/lib/server/drafting/draft.repository';

type Facts = ReturnType<typeof accessFacts>;

export function createAccessFacts(db: Db, ttlMs: number) {
	const facts = new Map<string, { readAt: number; value: Facts }>();
	return {
		of(draftId: string): Facts {
			const t = performance.now();
			const hit = facts.get(draftId);
			if (hit && t - hit.readAt <= ttlMs / 2) return hit.value;
			if (facts.size > 1_000) for (const [id, f] of facts) if (t - f.readAt > ttlMs / 2) facts.delete(id);
			const value = accessFacts(db, draftId);
			facts.set(draftId, { readAt: t, value });
			value.catch(() => facts.delete(draftId));
			return value;
		},
		forget: (draftId: string) => void facts.delete(draftId)
	};
}

export type AccessFacts = ReturnType<typeof createAccessFacts>;
