/**
 * One page of a socket's replay (`events:replay`): the committed case events after the client's
 * position, up to the end the replay was pinned to, as this viewer may see them. The answer says
 * where the page ended (`next`, which counts events this viewer may not see) and whether more
 * remains, so a client pages from the replay's own position and never from a live event's id.
 */
import type { Db } from '../src/lib/server/db/client';
import { DomainError } from '../src/lib/domain/errors/domain-error';
import type { ReplayPage, ReplayRequest, Viewer } from '../src/lib/realtime/contract';
import { readOutbox, visibleTo } from './outbox-publisher';
import type { DisplayLocale } from '../src/lib/domain/format/display-format';

export const REPLAY_PAGE = 1_000;

export const REPLAY_USAGE =
	'events:replay takes {"afterId": <whole number ≥ 0>, "upTo"?: <whole number ≥ 0>} and nothing else.';

/** Why a replay was refused, as domain errors (ADR-031); the limits' own are in socket-limits.ts. */
export const ReplayErrors = {
	invalid: () => new DomainError('invalid', 'replay-invalid', REPLAY_USAGE),
	sessionEnded: () => new DomainError('unauthenticated', 'session-ended', 'events:replay: the session has ended.'),
	failed: () => new DomainError('unavailable', 'replay-failed', 'events:replay failed; ask again')
} as const;

/**
 * `published` is what this process has sent live (anything later reaches the socket live, so a
 * replay never has to go beyond it). The first page pins the end at it; later pages pass that end
 * back, so a busy outbox cannot stretch a replay for ever. A client further on than this process
 * (it came from a process ahead of this one) gets an empty last page.
 */
export async function replayPage(
	db: Db,
	viewer: Viewer,
	request: ReplayRequest,
	published: number,
	pageSize = REPLAY_PAGE,
	locale: DisplayLocale = 'en'
): Promise<ReplayPage> {
	const upTo = Math.min(request.upTo ?? published, published);
	const rows = request.afterId < upTo ? await readOutbox(db, request.afterId, { upTo, limit: pageSize }) : [];
	const last = rows.at(-1)?.id ?? upTo;
	const more = rows.length === pageSize && last < upTo;
	return { events: visibleTo(viewer, rows, locale), upTo, next: more ? last : Math.max(upTo, request.afterId), more };
}
