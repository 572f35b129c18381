/**
 * The durable deadline scheduler (ADR-019). Nothing is kept in memory: the clocks table is the queue.
 * A clock fires its amber warning once per due (`warned_for`), its red warning once per due
 * (`red_warned_for`, ADR-085: amber never suppresses red) and its deadline once per due (`fired_for`):
 * a consultation's deadline records "deemed approved" (001 p.16, ADR-007); any other clock's
 * records `clock:breached`. Each firing is one transaction that locks the case (SKIP LOCKED: a busy
 * case is retried on the next tick) and the clock, re-checks under the lock and writes the marker
 * with the event — so with several processes on one database each deadline fires exactly once.
 * Deadlines that passed while no server ran fire at start, stamped with their true time; the lag is
 * kept in the event.
 * Started, it sleeps until the next warning or deadline is due (one indexed read), not polling: a
 * poll every 250 ms was most of the server's CPU at rest on PGlite (bench/README.md, drafting).
 * `wake()` re-plans after anything that may have moved a due — a case event of any process (the
 * outbox publisher calls it), a calendar change of this process — and a re-plan at least every
 * `maxSleepMs` catches the rest (another process's calendar change, a script writing to the database).
 */
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { inSpan, tracingEnabled } from '../observability/tracing';
import { trailSubject } from '../../domain/access/confidential-cases';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db/client';
import { clocks } from '../db/schema';
import type { Clock } from '../clock';
import type { WorkingCalendar } from '../../domain/calendar';
import type { CalendarService } from '../calendar/calendar.service';
import { appendCaseEvent, systemActor } from '../audit/audit.repository';
import { loadCase } from '../cases/case-snapshot';
import { clockColumns, writePlan } from '../cases/write-plan';
import { presentationLapse, PRESENTATION_CLOCK_KIND } from '../../domain/documents/presentation-clock';
import { computeClock } from '../../domain/sla';
import { planDeemedApproval, warningEventType } from '../../domain/procedures';
import { reviveClock } from '../calendar/recompute-clocks';

export interface SchedulerOptions {
	/** Re-plan at least this often, even when nothing is due sooner (default 5 s). */
	maxSleepMs?: number;
	/** Try again this soon when something due could not fire (its case busy, default 250 ms). */
	retryMs?: number;
	/** `wake()` re-plans at most this often (default 200 ms). */
	minReplanMs?: number;
	batch?: number;
	/** Firings in flight at once (each its own transaction; PGlite runs them one after another). */
	parallel?: number;
	onError?: (e: unknown) => void;
	/**
	 * Tests only: awaited inside a firing's transaction once its writes are made, before the commit,
	 * so a test can kill the process while it holds the claim (MERZIM_TEST_PAUSE_AFTER_CLAIM_MS).
	 */
	afterClaim?: (c: Candidate) => Promise<void>;
}

export interface Candidate {
	id: string;
	case_id: string;
	what: 'deadline' | 'warning';
	/** When it fell due (the warning's or the deadline's instant). */
	at?: string | Date;
}

/** A firing this process committed, with how late after its due it fired (logs and metrics). */
export type FiringListener = (fired: { what: Candidate['what']; clockId: string; lagMs: number }) => void;

/**
 * When a clock fires next: its amber or red warning if not yet given for this due, else its deadline
 * (clocks_next_fire_idx: the same expression). The metrics' backlog gauge reads it too.
 */
export const NEXT_FIRE = sql`least(case when warned_for is distinct from due_at then warn_at end, case when red_warned_for is distinct from due_at then red_at end, due_at)`;

export function createDeadlineScheduler(
	deps: { db: Db; clock: Clock; calendar: CalendarService },
	opts: SchedulerOptions = {}
) {
	const { db, clock } = deps;
	const batch = opts.batch ?? 200;
	const parallel = opts.parallel ?? 4;
	const maxSleepMs = opts.maxSleepMs ?? 5_000;
	const retryMs = opts.retryMs ?? 250;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<number> | null = null;
	let pending: Promise<number> | null = null;
	let started = false;
	let planning: Promise<void> | null = null;
	let planAgain = false;
	let timerDueAt = 0;
	let lastPlanAt = -Infinity;
	const minReplanMs = opts.minReplanMs ?? 200;
	const listeners = new Set<FiringListener>();

	function announce(c: Candidate) {
		const lagMs = c.at ? clock.now().getTime() - new Date(c.at).getTime() : 0;
		for (const l of listeners) l({ what: c.what, clockId: c.id, lagMs });
	}

	/** Clocks with a warning or deadline due by `now`, from the one partial index (clocks_next_fire_idx). */
	async function candidates(now: Date): Promise<Candidate[]> {
		const at = now.toISOString();
		const next = NEXT_FIRE;
		return rowsOf<Candidate>(
			await db.execute(sql`
				select id, case_id, case when due_at <= ${at}::timestamptz then 'deadline' else 'warning' end as what,
					${next} as at
				from clocks
				where state in ('running', 'overdue') and fired_for is distinct from due_at and ${next} <= ${at}::timestamptz
				order by ${next} limit ${batch}`)
		);
	}

	/** When the next warning or deadline falls due (the same predicate and index), or null if none is pending. */
	async function nextDue(): Promise<Date | null> {
		const next = NEXT_FIRE;
		const [row] = rowsOf<{ at: string | Date | null }>(
			await db.execute(sql`
				select ${next} as at from clocks
				where state in ('running', 'overdue') and fired_for is distinct from due_at and ${next} is not null
				order by ${next} limit 1`)
		);
		return row?.at ? new Date(row.at) : null;
	}

	/** Fires one clock's deadline or warning; false when it was not (any more) due or the case was busy. */
	async function fire(c: Candidate, calendar: WorkingCalendar): Promise<boolean> {
		if (!tracingEnabled()) return fireUntraced(c, calendar);
		// A root span per firing (ADR-068): what fired and whether it was written; its queries are children.
		return inSpan(
			`scheduler ${c.what}`,
			{ parent: ROOT_CONTEXT, attributes: { 'merzim.scheduler.what': c.what } },
			async (span) => {
				const fired = await fireUntraced(c, calendar);
				span.setAttribute('merzim.scheduler.fired', fired);
				return fired;
			}
		);
	}

	async function fireUntraced(c: Candidate, calendar: WorkingCalendar): Promise<boolean> {
		/** The firing is written; the hook (tests only) may hold it before the commit. */
		const written = async () => {
			await opts.afterClaim?.(c);
			return true;
		};
		return db.transaction(async (tx) => {
			// A busy case (an officer acting on it) is left for the next tick.
			const locked = rowsOf<{ id: string }>(
				await tx.execute(sql`select id from cases where id = ${c.case_id} for update skip locked`)
			);
			if (locked.length === 0) return false;
			// Case first, then the clock, as every writer does; a calendar change may have moved its due meanwhile.
			await tx.execute(sql`select id from clocks where id = ${c.id} for update`);
			const [fresh] = await tx.select().from(clocks).where(eq(clocks.id, c.id));
			const now = clock.now();
			if (!fresh || !fresh.dueAt) return false;
			const due = fresh.dueAt;
			if (c.what === 'warning') {
				if (fresh.state !== 'running' || due <= now) return false;
				const band = warningDue(fresh, due, now);
				if (!band) return false;
				const computed = computeClock(reviveClock(fresh), calendar, now);
				await appendCaseEvent(tx, c.case_id, {
					type: warningEventType(fresh.kind as never),
					actor: systemActor,
					at: band === 'red' ? fresh.redAt! : fresh.warnAt!,
					citation: fresh.citation,
					before: null,
					after: {
						kind: fresh.kind,
						subject: trailSubject(fresh.subject),
						due: due.toISOString(),
						remainingWorkingMinutes: Math.round(computed.remainingWorkingMinutes),
						band,
						firedAt: now.toISOString()
					}
				});
				// Red given: an amber not yet given is moot (a server down through the amber band says red only).
				await tx
					.update(clocks)
					.set(band === 'red' ? { warnedFor: due, redWarnedFor: due } : { warnedFor: due })
					.where(eq(clocks.id, c.id));
				return written();
			}
			if (!['running', 'overdue'].includes(fresh.state) || due > now || sameInstant(fresh.firedFor, due)) return false;
			if (fresh.kind === 'consultation' && fresh.subject) {
				const loaded = (await loadCase(tx, c.case_id))!;
				const plan = planDeemedApproval(loaded.snap, fresh.subject, due);
				if (plan) {
					await writePlan(tx, loaded, plan, { actor: systemActor, now, calendar });
					await tx.update(clocks).set({ firedFor: due, warnedFor: due, redWarnedFor: due }).where(eq(clocks.id, c.id));
					return written();
				}
			}
			if (fresh.kind === PRESENTATION_CLOCK_KIND) {
				await lapse(tx, fresh, due, now, calendar);
				return written();
			}
			await breach(tx, fresh, due, now);
			return written();
		});
	}

	/** A certificate's presentation term ran out (000 Annex 4; ADR-065): recorded once, the clock closed at its due. */
	async function lapse(tx: Tx, row: typeof clocks.$inferSelect, due: Date, now: Date, calendar: WorkingCalendar) {
		const clockNow = reviveClock(row);
		const outcome = presentationLapse(clockNow, due, now);
		if (!outcome) return;
		await appendCaseEvent(tx, row.caseId, {
			type: outcome.event.type,
			actor: systemActor,
			at: due,
			citation: outcome.event.citation,
			before: null,
			after: { ...outcome.event.after, lagMs: now.getTime() - due.getTime() }
		});
		const closed = { ...clockNow, events: [...clockNow.events, outcome.closing] };
		await tx
			.update(clocks)
			.set({ ...clockColumns(closed, calendar, now, due), firedFor: due, warnedFor: due, redWarnedFor: due })
			.where(eq(clocks.id, row.id));
	}

	async function breach(tx: Tx, row: typeof clocks.$inferSelect, due: Date, now: Date) {
		await appendCaseEvent(tx, row.caseId, {
			type: 'clock:breached',
			actor: systemActor,
			at: due,
			// The MFA's silence for a year is refusal ground 12 (001 Annex 1 row 9).
			citation: row.kind === 'mfa-check' ? '001 Annex 1 row 9 ground 12' : row.citation,
			before: null,
			after: {
				kind: row.kind,
				subject: trailSubject(row.subject),
				due: due.toISOString(),
				firedAt: now.toISOString(),
				lagMs: now.getTime() - due.getTime(),
				...(row.kind === 'mfa-check' ? { ground: 12 } : {})
			}
		});
		// A warning not yet given is moot once the deadline has passed.
		await tx
			.update(clocks)
			.set({ firedFor: due, warnedFor: due, redWarnedFor: due, state: 'overdue' })
			.where(and(eq(clocks.id, row.id)));
	}

	async function pass(): Promise<number> {
		let fired = 0;
		for (let round = 0; round < 50; round++) {
			const list = await candidates(clock.now());
			if (list.length === 0) break;
			// Read before any transaction: PGlite has one connection.
			const calendar = await deps.calendar.current();
			// A few firings at once, each in its own transaction on its own connection: a burst of
			// terms ending at 18:30 is cleared in a fraction of the time (bench/README.md).
			let progressed = 0;
			let next = 0;
			await Promise.all(
				Array.from({ length: Math.min(parallel, list.length) }, async () => {
					while (next < list.length) {
						const c = list[next++]!;
						if (await fire(c, calendar)) {
							progressed++;
							announce(c);
						}
					}
				})
			);
			fired += progressed;
			if (progressed === 0) break; // the rest are busy or taken by another process
		}
		return fired;
	}

	/**
	 * Fires everything due now; resolves with how many fired. One pass at a time per process: a call
	 * during a pass gets a fresh pass after it (which sees a clock moved meanwhile), shared by every
	 * caller that arrives in between.
	 */
	function tick(): Promise<number> {
		if (!running) {
			running = pass().finally(() => {
				running = null;
			});
			return running;
		}
		pending ??= running
			.catch(() => 0)
			.then(() => {
				pending = null;
				return tick();
			});
		return pending;
	}

	/**
	 * Fires what is due, then sleeps until the next due (capped at `maxSleepMs`), or `retryMs` if a
	 * due one was busy.
	 */
	async function cycle(): Promise<void> {
		for (;;) {
			const next = await nextDue();
			const now = clock.now().getTime();
			if (next === null) return arm(maxSleepMs);
			// +1 ms: a timer may fire in the millisecond before the due.
			if (next.getTime() > now) return arm(Math.min(maxSleepMs, next.getTime() - now + 1));
			if ((await tick()) === 0) return arm(retryMs);
		}
	}

	function arm(ms: number) {
		if (!started) return;
		if (timer) clearTimeout(timer);
		timerDueAt = performance.now() + ms;
		timer = setTimeout(replan, ms);
		timer.unref?.();
	}

	/** Re-plans now (one read), firing what is due; calls during a re-plan are folded into one more. */
	function replan(): void {
		if (!started) return;
		if (planning) {
			planAgain = true;
			return;
		}
		if (timer) clearTimeout(timer);
		timer = null;
		lastPlanAt = performance.now();
		planning = cycle()
			.catch((e) => {
				opts.onError?.(e);
				arm(retryMs);
			})
			.finally(() => {
				planning = null;
				if (planAgain) {
					planAgain = false;
					replan();
				}
			});
	}

	/**
	 * Something may have moved a due (a case event, a calendar change): re-plan, at most once per
	 * `minReplanMs` — a busy process commits dozens of case events a second, and a read for each
	 * cost the integration API a sixth of its throughput on PGlite (bench/README.md).
	 */
	function wake(): void {
		if (!started) return;
		const wait = lastPlanAt + minReplanMs - performance.now();
		if (wait <= 0) return replan();
		if (!timer || timerDueAt > performance.now() + wait) arm(wait);
	}

	return {
		tick,
		wake,
		/** Calls `listener` after each committed firing of this process; returns the unsubscribe. */
		onFired(listener: FiringListener): () => void {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		/** Whether it runs (started and not stopped): the readiness check asks. */
		get running(): boolean {
			return started;
		},
		start() {
			if (started) return;
			started = true;
			replan();
		},
		async stop() {
			started = false;
			if (timer) clearTimeout(timer);
			timer = null;
			await planning;
			await running?.catch(() => 0);
		}
	};
}

/**
 * Which warning of this due is owed now, if any: red once its band has begun and it was not given,
 * else amber likewise (ADR-085). Each has its own marker, so amber never stands for red.
 */
export function warningDue(
	c: { warnAt: Date | null; warnedFor: Date | null; redAt: Date | null; redWarnedFor: Date | null },
	due: Date,
	now: Date
): 'amber' | 'red' | null {
	if (c.redAt && c.redAt <= now && !sameInstant(c.redWarnedFor, due)) return 'red';
	if (c.warnAt && c.warnAt <= now && !sameInstant(c.warnedFor, due)) return 'amber';
	return null;
}

function sameInstant(a: Date | null, b: Date): boolean {
	return a !== null && a.getTime() === b.getTime();
}

export type DeadlineScheduler = ReturnType<typeof createDeadlineScheduler>;
