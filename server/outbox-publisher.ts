/**
 * Publishes committed case events (the `case_events` outbox) to this process's sockets, in id
 * order, each to the sockets whose viewer may receive it. No NOTIFY in business transactions: the
 * publisher reads the outbox by id. Identity values are handed out before commit, so a later id can
 * become visible before an earlier one, and a transaction that rolled back (or whose process was
 * killed) leaves its id missing for ever. The publisher steps over a missing id only once the
 * transaction that drew it can no longer commit, with no timer: every transaction that had a
 * transaction id when the gap was first seen has ended. A writer takes its transaction id before
 * it draws an outbox id (appendCaseEvents locks the case row first), so a writer still able to
 * commit is always one of those. The horizon is a transaction id drawn after that read
 * (`pg_current_xact_id`), and a later read's `pg_snapshot_xmin` must have reached it. Not the
 * read's own `pg_snapshot_xmax`: that is one past the newest *completed* transaction, and a writer
 * that took its id after it is running yet below no snapshot's xmin — so when an older
 * transaction committed a later outbox id, the open writer's id was stepped over and its event
 * never published (ADR-114). A dead transaction thus costs one more read and a slow one holds
 * back only what follows its id; `gapWaitMs` (a minute) is the last resort for one left open.
 * A process starts at the newest committed id only once every transaction that could still
 * commit an id below it has ended (else from below the first missing id near it), for the same
 * reason: starting at the newest id lost, for ever on that process, an event committed just after.
 * Every process runs its own publisher for its own sockets, so several processes never double-send.
 * With several processes, the one that read a run of events from the outbox forwards it to the
 * others (`onRead` → `offer`), so they publish it without reading it again; a forwarded run that
 * does not continue exactly where a process stands is ignored and that process reads the outbox.
 */
import { and, asc, eq, gt, lte, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../src/lib/server/db/client';
import { caseEvents, cases, users } from '../src/lib/server/db/schema';
import { assigneeIdOf } from '../src/lib/server/cases/cases.repository';
import { isCaseEventType, type CaseEventEnvelope, type Viewer } from '../src/lib/realtime/contract';
import { deliveryFor, type Delivery, type RoutedCase } from '../src/lib/domain/access/policy';
import { eventForDelivery } from '../src/lib/domain/access/case-audience';
import { nameIn, NAME_LANGUAGES, type LocalNames } from '../src/lib/domain/names/local-names';
import type { DisplayLocale } from '../src/lib/domain/format/display-format';

/** A person's name as entered and in each language it was given in (ADR-062). */
export interface PersonName {
	name: string;
	names: LocalNames;
}

/** The people an event names, read with it (the case page's events query joins the same). */
export interface EventNames {
	actor: PersonName | null;
	assignee: PersonName | null;
}

export interface OutboxRow {
	id: number;
	/** null for an event type the socket server does not forward (it still advances the cursor). */
	envelope: CaseEventEnvelope | null;
	routing: RoutedCase;
	/** Absent in a run forwarded by a process that does not read them: the client then shows the label. */
	names?: EventNames;
}

const BATCH = 500;
/** At start, how long to wait for the transactions then running to end before starting lower (below). */
const START_WAIT_MS = 2_000;
/** ...and how far below the newest id a missing one is looked for then. */
const START_LOOKBACK = 1_000;
const actorUser = alias(users, 'outbox_actor');
const assignedUser = alias(users, 'outbox_assignee');

function outboxQuery(db: Db, bounded: boolean) {
	const afterId = sql.placeholder('afterId');
	return db
		.select({
			id: caseEvents.id,
			type: caseEvents.type,
			caseId: caseEvents.caseId,
			at: caseEvents.at,
			actor: caseEvents.actorLabel,
			citation: caseEvents.citation,
			after: caseEvents.after,
			number: cases.number,
			assigneeId: cases.assigneeId,
			unit: cases.unit,
			service: cases.service,
			actorName: actorUser.displayName,
			actorNames: actorUser.displayNames,
			assigneeName: assignedUser.displayName,
			assigneeNames: assignedUser.displayNames,
			// The read's own snapshot: which transactions might still commit an id it did not see.
			xmin: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`,
			xmax: sql<string>`pg_snapshot_xmax(pg_current_snapshot())::text`
		})
		.from(caseEvents)
		.innerJoin(cases, eq(cases.id, caseEvents.caseId))
		.leftJoin(actorUser, eq(actorUser.id, caseEvents.actorId))
		.leftJoin(assignedUser, eq(assignedUser.id, assigneeIdOf))
		.where(
			bounded
				? and(gt(caseEvents.id, afterId), lte(caseEvents.id, sql.placeholder('upTo')))
				: gt(caseEvents.id, afterId)
		)
		.orderBy(asc(caseEvents.id))
		.limit(sql.placeholder('limit'))
		.prepare(bounded ? 'outbox_read_bounded' : 'outbox_read');
}

// Prepared once per database (built by drizzle once, planned once by PostgreSQL per connection):
// the publisher reads the outbox after every commit, so building the query each time showed in profiles.
const prepared = new WeakMap<Db, { open: ReturnType<typeof outboxQuery>; bounded: ReturnType<typeof outboxQuery> }>();

/**
 * The read's snapshot: `xmin`, the oldest transaction still running (all before it have ended);
 * `xmax`, one past the newest completed.
 */
export interface ReadSnapshot {
	xmin: bigint;
	xmax: bigint;
}

/**
 * A transaction id drawn now (its own, committed at once): every transaction that had an id
 * before this call is below it, so once a snapshot's xmin reaches it they have all ended.
 */
async function transactionHorizon(db: Db): Promise<bigint> {
	const [row] = rowsOf<{ xid: string }>(await db.execute(sql`select pg_current_xact_id()::text as xid`));
	return BigInt(row!.xid);
}

/**
 * The other transactions of this database that may have drawn an outbox id and not yet ended: an
 * insert holds its RowExclusiveLock on case_events, taken before it draws the id, until its
 * transaction ends (as `virtualtransaction`s, which a new transaction on the same connection is not).
 */
async function outboxWriters(db: Db): Promise<Set<string>> {
	const rows = rowsOf<{ vxid: string }>(
		await db.execute(sql`
			select virtualtransaction as vxid from pg_locks
			where locktype = 'relation' and mode = 'RowExclusiveLock' and granted
				and relation = 'case_events'::regclass and pid <> pg_backend_pid()
				and database = (select oid from pg_database where datname = current_database())`)
	);
	return new Set(rows.map((r) => r.vxid));
}

export async function readOutbox(
	db: Db,
	afterId: number,
	opts: { upTo?: number; limit?: number } = {}
): Promise<OutboxRow[]> {
	return (await readOutboxRun(db, afterId, opts)).rows;
}

/** The rows after `afterId` and the snapshot they were read in (null when none were read). */
export async function readOutboxRun(
	db: Db,
	afterId: number,
	opts: { upTo?: number; limit?: number } = {}
): Promise<{ rows: OutboxRow[]; snapshot: ReadSnapshot | null }> {
	let queries = prepared.get(db);
	if (!queries) prepared.set(db, (queries = { open: outboxQuery(db, false), bounded: outboxQuery(db, true) }));
	const limit = opts.limit ?? BATCH;
	const rows =
		opts.upTo === undefined
			? await queries.open.execute({ afterId, limit })
			: await queries.bounded.execute({ afterId, upTo: opts.upTo, limit });
	const snapshot = rows[0] ? { xmin: BigInt(rows[0].xmin), xmax: BigInt(rows[0].xmax) } : null;
	return { rows: rows.map(toOutboxRow), snapshot };
}

function toOutboxRow(r: {
	id: number;
	type: string;
	caseId: string;
	at: Date;
	actor: string;
	citation: string | null;
	after: unknown;
	number: string;
	assigneeId: number | null;
	unit: string | null;
	service: string;
	actorName: string | null;
	actorNames: LocalNames | null;
	assigneeName: string | null;
	assigneeNames: LocalNames | null;
}): OutboxRow {
	const person = (name: string | null, names: LocalNames | null) =>
		name === null ? null : { name, names: names ?? {} };
	return {
		id: r.id,
		envelope: isCaseEventType(r.type)
			? {
					id: r.id,
					type: r.type,
					caseId: r.caseId,
					caseNumber: r.number,
					at: r.at.toISOString(),
					actor: r.actor,
					citation: r.citation,
					payload: (r.after as Record<string, unknown> | null) ?? null
				}
			: null,
		routing: { assigneeId: r.assigneeId, unit: r.unit, service: r.service },
		names: { actor: person(r.actorName, r.actorNames), assignee: person(r.assigneeName, r.assigneeNames) }
	};
}

function isPersonName(p: unknown): p is PersonName | null {
	if (p === null) return true;
	const x = p as Partial<PersonName> | undefined;
	if (typeof x !== 'object' || typeof x.name !== 'string' || typeof x.names !== 'object' || x.names === null)
		return false;
	return Object.entries(x.names).every(
		([k, v]) => (NAME_LANGUAGES as readonly string[]).includes(k) && typeof v === 'string'
	);
}

/**
 * The envelope with the names of the people it names in `locale`, before it is shaped for its
 * audience (only staff keep them: case-audience.ts). An event no person acted in has no actor name.
 */
export function namedIn(row: OutboxRow, envelope: CaseEventEnvelope, locale: DisplayLocale): CaseEventEnvelope {
	if (!row.names) return envelope;
	const { actor, assignee } = row.names;
	return {
		...envelope,
		actorName: actor ? nameIn(actor.names, actor.name, locale) : null,
		assigneeName: assignee ? nameIn(assignee.names, assignee.name, locale) : null
	};
}

/**
 * A run forwarded by another process through Redis (internal, but checked: a malformed one must not
 * reach a client): ids increasing after `after`, each envelope carrying its row's id and a known type.
 */
export function isOutboxRun(after: unknown, rows: unknown): rows is OutboxRow[] {
	if (!Number.isSafeInteger(after) || (after as number) < 0 || !Array.isArray(rows)) return false;
	let previous = after as number;
	for (const row of rows as Partial<OutboxRow>[]) {
		if (typeof row !== 'object' || row === null || !Number.isSafeInteger(row.id) || row.id! <= previous) return false;
		previous = row.id!;
		const r = row.routing;
		if (typeof r !== 'object' || r === null || typeof r.service !== 'string') return false;
		if (
			!(r.assigneeId === null || Number.isSafeInteger(r.assigneeId)) ||
			!(r.unit === null || typeof r.unit === 'string')
		)
			return false;
		const n = row.names;
		if (n !== undefined && (typeof n !== 'object' || n === null || !isPersonName(n.actor) || !isPersonName(n.assignee)))
			return false;
		const e = row.envelope;
		if (e === null) continue;
		if (
			typeof e !== 'object' ||
			e === undefined ||
			e.id !== row.id ||
			typeof e.type !== 'string' ||
			!isCaseEventType(e.type) ||
			typeof e.caseId !== 'string' ||
			typeof e.at !== 'string'
		)
			return false;
	}
	return true;
}

/** The events of `rows` this viewer may see, shaped for them, people named in `locale`. */
export function visibleTo(viewer: Viewer, rows: OutboxRow[], locale: DisplayLocale = 'en'): CaseEventEnvelope[] {
	return rows.flatMap((r) => {
		const delivery = r.envelope && deliveryFor(viewer, r.envelope, r.routing);
		return r.envelope && delivery ? [eventForDelivery(namedIn(r, r.envelope, locale), delivery)] : [];
	});
}

export interface Recipient {
	id: string;
	viewer: Viewer;
	/** Equal for equal viewers (e.g. one user's tabs and screens): their delivery is decided once per event. */
	viewerKey: string;
	/** The socket's language: the people an event names are named in it (English when absent). */
	locale?: DisplayLocale;
}

/**
 * `send` gets each event once per distinct shape with all the sockets that receive that shape,
 * so the payload is encoded once per shape (socket.io broadcasts encode once), not once per socket.
 * A shape is the delivery and, for staff (who read the names), the language.
 */
export function createOutboxPublisher(deps: {
	db: Db;
	recipients: () => Iterable<Recipient>;
	send: (socketIds: string[], event: CaseEventEnvelope) => void;
	/** Sees every committed event in order, after it was sent (e.g. drafting's access checks). */
	observe?: (row: OutboxRow) => void;
	/**
	 * A run of events this process read from the outbox and published, after `after` (to forward to
	 * other processes).
	 */
	onRead?: (after: number, rows: OutboxRow[]) => void;
	gapWaitMs?: number;
	now?: () => number;
}) {
	const gapWaitMs = deps.gapWaitMs ?? 60_000;
	const now = deps.now ?? (() => performance.now());
	let lastId = 0;
	let gapSince: number | null = null;
	/** A transaction id drawn after the read that first stopped at the current missing id (see the header). */
	let gapHorizon: bigint | null = null;
	/** Stopped at a missing id that may still commit. */
	let atGap = false;
	/** Ids already committed when this process started below them: sent to sockets, not observed again. */
	let committedAtStart = new Set<number>();
	let running: Promise<void> | null = null;
	let again = false;
	let stopped = false;
	/** A pass over the outbox is owed (a commit, the poll, or a forwarded run that did not fit). */
	let readWanted = false;
	const offered: { after: number; rows: OutboxRow[] }[] = [];
	const stats = { reads: 0, forwardedApplied: 0, forwardedIgnored: 0 };

	function fanOut(row: OutboxRow, envelope: CaseEventEnvelope) {
		const groups = new Map<string, { delivery: Exclude<Delivery, null>; locale: DisplayLocale; ids: string[] }>();
		const decided = new Map<string, Delivery>();
		for (const r of deps.recipients()) {
			let delivery = decided.get(r.viewerKey);
			if (delivery === undefined) decided.set(r.viewerKey, (delivery = deliveryFor(r.viewer, envelope, row.routing)));
			if (!delivery) continue;
			const locale = delivery === 'full' || delivery === 'stripped' ? (r.locale ?? 'en') : 'en';
			const key = `${delivery}:${locale}`;
			const group = groups.get(key);
			if (group) group.ids.push(r.id);
			else groups.set(key, { delivery, locale, ids: [r.id] });
		}
		for (const { delivery, locale, ids } of groups.values())
			deps.send(ids, eventForDelivery(namedIn(row, envelope, locale), delivery));
	}

	function deliver(row: OutboxRow) {
		if (row.envelope) fanOut(row, row.envelope);
		lastId = row.id;
		if (committedAtStart.size && committedAtStart.delete(row.id)) return;
		deps.observe?.(row);
	}

	/** Whether the transaction that drew a missing id can no longer commit it (see the header). */
	function gapPassable(snapshot: ReadSnapshot | null): boolean {
		gapSince ??= now();
		// All that had a transaction id when the gap was first seen has ended.
		if (gapHorizon !== null && snapshot && snapshot.xmin >= gapHorizon) return true;
		return now() - gapSince >= gapWaitMs; // the last resort: a transaction left open for a minute
	}

	/** How many of `rows` (read after `lastId`) may be published now: up to a missing id that may still commit. */
	function publishable(rows: OutboxRow[], snapshot: ReadSnapshot | null): number {
		let expected = lastId + 1;
		for (let i = 0; i < rows.length; i++) {
			if (rows[i]!.id !== expected && !gapPassable(snapshot)) return i;
			gapSince = null;
			gapHorizon = null;
			expected = rows[i]!.id + 1;
		}
		return rows.length;
	}

	async function pass() {
		let horizonDrawn = false;
		for (;;) {
			stats.reads++;
			const { rows, snapshot } = await readOutboxRun(deps.db, lastId);
			const take = publishable(rows, snapshot);
			atGap = take < rows.length;
			if (take > 0) {
				const run = take === rows.length ? rows : rows.slice(0, take);
				if (deps.onRead) {
					// The other processes first: this process's own sockets cost it a while to write to.
					deps.onRead(lastId, run);
					await new Promise((r) => setImmediate(r));
				}
				for (const row of run) deliver(row);
			}
			if (atGap) {
				// First sight of this gap: its horizon, then one more read (a writer that rolled back
				// or died lets it pass at once); else the poll reads again shortly.
				if (gapHorizon !== null || horizonDrawn) return;
				gapHorizon = await transactionHorizon(deps.db);
				horizonDrawn = true;
				continue;
			}
			// A short page is everything committed when it was read: no second, empty read per event
			// (a commit meanwhile nudges `tick`, which then runs one more pass).
			if (rows.length < BATCH) return;
		}
	}

	/**
	 * Publishes forwarded runs that continue from where this process stands (the part after
	 * `lastId` of a run that started at or before it); false when one began beyond it — events this
	 * process has not seen lie between, so it must read the outbox.
	 */
	function applyOffered(): boolean {
		let fits = true;
		for (const { after, rows } of offered.splice(0)) {
			if (after > lastId) {
				stats.forwardedIgnored++;
				fits = false;
				continue;
			}
			const before = lastId;
			for (const row of rows) if (row.id > lastId) deliver(row);
			if (lastId !== before) {
				// The other process has passed the gap this one waited at, if any.
				gapSince = gapHorizon = null;
				atGap = false;
			}
			stats.forwardedApplied++;
		}
		return fits;
	}

	/** Runs passes until nothing more is owed; never twice at once (a call meanwhile asks for one more round). */
	async function run() {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = (async () => {
			do {
				again = false;
				if (!applyOffered()) readWanted = true;
				if (readWanted) {
					readWanted = false;
					await pass();
				}
			} while (again && !stopped);
		})();
		try {
			await running;
		} finally {
			running = null;
		}
	}

	return {
		get lastId() {
			return lastId;
		},
		/** Stopped before a missing id it has not yet given up on (the poll then reads often, not rarely). */
		get waitingAtGap() {
			return atGap;
		},
		/**
		 * Start from the newest committed event (history is for replay, not for broadcast) — once no
		 * transaction that could still commit an id below it is running. A process's `lastId` is what
		 * a replay on it reaches and what its sockets are told they have: an id below it that
		 * committed later would never reach them. When those transactions do not end within
		 * START_WAIT_MS, it starts below the first id missing near the newest, and the gap rule
		 * decides from there; the events committed above that are sent on, not observed again.
		 */
		async start() {
			const [row] = await deps.db.select({ id: max(caseEvents.id) }).from(caseEvents);
			const newest = Number(row?.id ?? 0);
			// Read after the newest id: a writer of a lower id that has ended by now has committed or
			// rolled back for good (and replays read the table); one still running is among these.
			const writers = await outboxWriters(deps.db);
			const until = performance.now() + START_WAIT_MS;
			for (;;) {
				if (writers.size === 0) {
					lastId = newest;
					return;
				}
				if (performance.now() >= until) break;
				await new Promise((r) => setTimeout(r, 20));
				const still = await outboxWriters(deps.db);
				for (const w of writers) if (!still.has(w)) writers.delete(w);
			}
			const from = Math.max(0, newest - START_LOOKBACK);
			const ids = await deps.db
				.select({ id: caseEvents.id })
				.from(caseEvents)
				.where(and(gt(caseEvents.id, from), lte(caseEvents.id, newest)))
				.orderBy(asc(caseEvents.id));
			let expected = from + 1;
			for (const { id } of ids) {
				if (id !== expected) break;
				expected = id + 1;
			}
			lastId = expected - 1;
			committedAtStart = new Set(ids.map((r) => r.id).filter((id) => id > lastId));
		},
		/** Counters for tests and benchmarks: outbox reads, forwarded runs applied and ignored. */
		stats,
		/**
		 * Passes over the outbox until it is drained; never runs twice at once (a call meanwhile
		 * asks for one more pass).
		 */
		async tick() {
			readWanted = true;
			await run();
		},
		/**
		 * A run of events another process read after `after` and published to its own sockets: published
		 * here without a read when it continues from this process's last id, else the outbox is read.
		 * `rows` must be in id order, as `onRead` gives them.
		 */
		async offer(after: number, rows: OutboxRow[]) {
			offered.push({ after, rows });
			await run();
		},
		/** No pass starts after this; resolves when the one in flight has ended (before the database closes). */
		async stop() {
			stopped = true;
			await running?.catch(() => {});
		}
	};
}

export type OutboxPublisher = ReturnType<typeof createOutboxPublisher>;
