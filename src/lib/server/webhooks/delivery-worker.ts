/**
 * The webhook delivery worker (ADR-037), one per server process, started with the deadline
 * scheduler. The `webhook_deliveries` table is its queue; nothing is kept in memory that a restart
 * would lose. A delivery is taken with a lease (claimed with FOR UPDATE SKIP LOCKED, held in a
 * column, not in an open transaction — a send may take its full 5 s), so several processes never
 * send one delivery at the same time, and one whose process died is taken over when its lease ends.
 * Only the head of each (subscription, case) line is taken: a case's deliveries reach a receiver in
 * the order of its events. Nothing goes to a paused or deleted subscription or a revoked token. A
 * failed attempt (non-2xx, error, 5-s timeout) is retried with exponential back-off and jitter for
 * 24 h, then the delivery is failed until an admin resends it. Sends run concurrently (64 by
 * default): a hanging receiver holds its own lines, no one else's. Results are written in batches,
 * one statement per batch. It wakes after this process commits a delivery, when the next retry or
 * lease falls due, and at least every `maxSleepMs` (deliveries written by other processes).
 */
import { randomBytes } from 'node:crypto';
import { SpanStatusCode } from '@opentelemetry/api';
import { contextFromTraceparent, inSpan, SpanKind, traceHeaders, tracingEnabled } from '../observability/tracing';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { webhookAttempts } from '../db/schema';
import { DEFAULT_RETRY, nextAttemptAfterFailure, type RetryPolicy } from '../../domain/webhooks';
import { enqueuedCount } from './enqueue';
import { signatureHeader } from './signature';
import type { SecretBox } from './secret-box';

export interface WebhookWorkerOptions {
	/** An attempt that has no answer within this is a failure (default 5 s). */
	timeoutMs?: number;
	/** How long a claim holds a delivery against other processes (default 2 × timeout + 10 s). */
	leaseMs?: number;
	/** Sends in flight at once (default 64). */
	concurrency?: number;
	/** Look at the queue at least this often (default 1 s). */
	maxSleepMs?: number;
	retry?: RetryPolicy;
	/** [0, 1): the jitter's randomness. */
	random?: () => number;
	/** Real time: retries and leases do not follow the training clock. */
	now?: () => Date;
	onError?: (e: unknown) => void;
}

interface Claimed {
	seq: number;
	id: string;
	body: string;
	attempts: number;
	retry_from: Date | string;
	subscription_id: string;
	url: string;
	secret_sealed: Uint8Array;
	key_id: string;
	traceparent: string | null;
	tracestate: string | null;
}

/** One attempt as written, for metrics and logs (no URL, header or body). */
export interface WebhookAttemptReport {
	/** The delivery's state after this attempt: sent, to be retried, or given up. */
	outcome: 'delivered' | 'retrying' | 'failed';
	/** The attempt's number (1 for the first). */
	attempt: number;
	/** From the delivery's enqueue (or an admin's resend) to the end of this attempt. */
	lagSeconds: number;
	durationMs: number;
}

interface Outcome {
	row: Claimed;
	at: Date;
	statusCode: number | null;
	error: string | null;
	durationMs: number;
}

export function createWebhookWorker(
	deps: {
		db: Db;
		box: SecretBox;
		onCommit?: (listener: () => void) => () => void;
		/** Embedded PGlite: one process only, so a lease found at start is a dead process's. */
		singleProcess?: boolean;
	},
	opts: WebhookWorkerOptions = {}
) {
	const { db, box } = deps;
	const timeoutMs = opts.timeoutMs ?? 5_000;
	const leaseMs = opts.leaseMs ?? 2 * timeoutMs + 10_000;
	const concurrency = opts.concurrency ?? 64;
	const maxSleepMs = opts.maxSleepMs ?? 1_000;
	const retry = opts.retry ?? DEFAULT_RETRY;
	const random = opts.random ?? Math.random;
	const now = opts.now ?? (() => new Date());
	const owner = randomBytes(8).toString('hex');
	const secrets = new Map<string, string>();
	const listeners = new Set<(r: WebhookAttemptReport) => void>();

	let started = false;
	let inFlight = 0;
	let pumping: Promise<void> | null = null;
	let pumpAgain = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const outcomes: Outcome[] = [];
	let flushing: Promise<void> | null = null;
	const sends = new Set<Promise<void>>();
	let seenEnqueued = enqueuedCount();
	let unsubscribe: (() => void) | undefined;
	/** After each commit of this process: a delivery was written, so look at once. */
	const onCommit = () => {
		const n = enqueuedCount();
		if (n === seenEnqueued) return;
		seenEnqueued = n;
		wake();
	};

	async function claim(limit: number): Promise<Claimed[]> {
		const at = now();
		const until = new Date(at.getTime() + leaseMs);
		return rowsOf<Claimed>(
			await db.execute(sql`
				with picked as (
					select c.seq from webhook_deliveries c
					join webhook_subscriptions s on s.id = c.subscription_id
					join integration_tokens t on t.id = s.token_id
					where c.status = 'pending' and c.next_attempt_at <= ${at.toISOString()}::timestamptz
						and (c.lease_until is null or c.lease_until <= ${at.toISOString()}::timestamptz)
						and s.paused_at is null and s.deleted_at is null and t.revoked_at is null
						and not exists (
							select 1 from webhook_deliveries p
							where p.status = 'pending' and p.subscription_id = c.subscription_id
								and p.case_id = c.case_id and p.seq < c.seq)
					order by c.next_attempt_at, c.seq
					limit ${limit}
					for update of c skip locked
				)
				update webhook_deliveries d
				set lease_until = ${until.toISOString()}::timestamptz, lease_owner = ${owner}
				from picked, webhook_subscriptions s
				where d.seq = picked.seq and s.id = d.subscription_id
				returning d.seq, d.id, d.body, d.attempts, d.retry_from, d.subscription_id, s.url, s.secret_sealed, s.key_id,
					d.traceparent, d.tracestate`)
		).map((r) => ({ ...r, seq: Number(r.seq) }));
	}

	function secretOf(row: Claimed): string {
		let secret = secrets.get(row.subscription_id);
		if (secret === undefined) {
			if (row.key_id !== box.keyId())
				throw new Error(`webhook ${row.subscription_id}: its secret was sealed with another key (${row.key_id})`);
			secret = box.open(row.secret_sealed, row.subscription_id);
			secrets.set(row.subscription_id, secret);
		}
		return secret;
	}

	/**
	 * Each attempt is a client span (ADR-068) in the trace of the request or firing that wrote the
	 * event (its kept `traceparent`, ADR-073; a root span without one), and its own `traceparent`
	 * goes with the request, so a receiver's logs meet ours; it records the attempt's number and
	 * answer, never URL or body.
	 */
	async function send(row: Claimed): Promise<Outcome> {
		if (!tracingEnabled()) return sendUntraced(row, {});
		return inSpan(
			'webhook deliver',
			{
				kind: SpanKind.CLIENT,
				parent: contextFromTraceparent(row.traceparent, row.tracestate),
				attributes: { 'merzim.webhook.attempt': row.attempts + 1 }
			},
			async (span) => {
				const o = await sendUntraced(row, traceHeaders());
				if (o.statusCode !== null) span.setAttribute('http.response.status_code', o.statusCode);
				if (o.error !== null) span.setStatus({ code: SpanStatusCode.ERROR });
				return o;
			}
		);
	}

	async function sendUntraced(row: Claimed, trace: Record<string, string>): Promise<Outcome> {
		const at = now();
		const t0 = performance.now();
		const done = (statusCode: number | null, error: string | null): Outcome => ({
			row,
			at,
			statusCode,
			error,
			durationMs: Math.round(performance.now() - t0)
		});
		try {
			const secret = secretOf(row);
			const res = await fetch(row.url, {
				method: 'POST',
				body: row.body,
				redirect: 'manual',
				signal: AbortSignal.timeout(timeoutMs),
				headers: {
					...trace,
					'content-type': 'application/json',
					'user-agent': 'Merzim-Webhooks/1',
					'merzim-delivery': row.id,
					'merzim-signature': signatureHeader(secret, row.body, Math.floor(at.getTime() / 1000))
				}
			});
			await res.body?.cancel().catch(() => {});
			return done(res.status, res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`);
		} catch (e) {
			return done(null, describeError(e, timeoutMs));
		}
	}

	/** Writes the finished attempts: one update for the deliveries, one insert for the attempt log. */
	async function flush(): Promise<void> {
		while (outcomes.length > 0) {
			const batch = outcomes.splice(0, outcomes.length);
			const reports = new Map<number, WebhookAttemptReport>();
			const values = batch.map((o) => {
				const ok = o.error === null;
				const next = ok
					? null
					: nextAttemptAfterFailure(
							{ attempts: o.row.attempts + 1, retryFrom: new Date(o.row.retry_from), now: o.at },
							retry,
							random()
						);
				const status = ok ? 'delivered' : next ? 'pending' : 'failed';
				reports.set(o.row.seq, {
					outcome: status === 'pending' ? 'retrying' : status,
					attempt: o.row.attempts + 1,
					lagSeconds: Math.max(0, (o.at.getTime() + o.durationMs - new Date(o.row.retry_from).getTime()) / 1000),
					durationMs: o.durationMs
				});
				return sql`(${o.row.seq}::bigint, ${status}::text, ${o.statusCode}::int, ${o.error}::text,
					${next?.toISOString() ?? null}::timestamptz, ${o.at.toISOString()}::timestamptz)`;
			});
			try {
				await db
					.transaction(async (tx) => {
						const updated = rowsOf<{ seq: string | number }>(
							await tx.execute(sql`
							update webhook_deliveries d set
								status = v.status,
								attempts = d.attempts + 1,
								last_status_code = v.code,
								last_error = v.err,
								next_attempt_at = coalesce(v.next, d.next_attempt_at),
								delivered_at = case when v.status = 'delivered' then v.at end,
								failed_at = case when v.status = 'failed' then v.at end,
								lease_until = null,
								lease_owner = null
							from (values ${sql.join(values, sql`, `)}) as v(seq, status, code, err, next, at)
							where d.seq = v.seq and d.lease_owner = ${owner} and d.status = 'pending'
							returning d.seq`)
						);
						// A delivery whose lease passed to another process meanwhile is theirs to record.
						const mine = new Set(updated.map((u) => Number(u.seq)));
						const log = batch
							.filter((o) => mine.has(o.row.seq))
							.map((o) => ({
								deliverySeq: o.row.seq,
								attempt: o.row.attempts + 1,
								at: o.at,
								statusCode: o.statusCode,
								error: o.error,
								durationMs: o.durationMs
							}));
						if (log.length) await tx.insert(webhookAttempts).values(log);
						return mine;
					})
					.then((mine) => {
						for (const seq of mine) for (const listener of listeners) listener(reports.get(seq)!);
					});
			} catch (e) {
				// Not written: the leases run out and the deliveries are sent again (at least once).
				opts.onError?.(e);
			}
		}
	}

	function record(o: Outcome) {
		outcomes.push(o);
		// Started on the next turn, so sends that end together are written together.
		flushing ??= new Promise<void>((ok) => setImmediate(ok)).then(flush).finally(() => {
			flushing = null;
			wake(); // the next of each line may now go
		});
	}

	async function pumpOnce(): Promise<void> {
		for (;;) {
			const free = concurrency - inFlight;
			if (!started || free <= 0) return;
			const rows = await claim(free);
			for (const row of rows) {
				inFlight++;
				const p = send(row)
					.then(record)
					.finally(() => {
						inFlight--;
						sends.delete(p);
						if (inFlight === concurrency - 1) wake();
					});
				sends.add(p);
			}
			if (rows.length < free) return;
		}
	}

	/**
	 * When the next line head's retry or lease falls due (one read), capped at maxSleepMs. Only heads
	 * count: a delivery waiting behind its line's head is woken by the head's result.
	 */
	async function arm(): Promise<void> {
		if (!started) return;
		if (inFlight > 0 || outcomes.length > 0 || flushing) {
			// Busy: each result wakes the worker; the timer is only a safety net.
			return setTimer(maxSleepMs);
		}
		const [row] = rowsOf<{ at: string | Date | null }>(
			await db.execute(sql`
				select min(greatest(c.next_attempt_at, coalesce(c.lease_until, c.next_attempt_at))) as at
				from webhook_deliveries c
				join webhook_subscriptions s on s.id = c.subscription_id
				join integration_tokens t on t.id = s.token_id
				where c.status = 'pending' and s.paused_at is null and s.deleted_at is null and t.revoked_at is null
					and not exists (
						select 1 from webhook_deliveries p
						where p.status = 'pending' and p.subscription_id = c.subscription_id
							and p.case_id = c.case_id and p.seq < c.seq)`)
		);
		const at = row?.at ? new Date(row.at).getTime() : Infinity;
		setTimer(Math.max(10, Math.min(maxSleepMs, at - now().getTime() + 1)));
	}

	function setTimer(ms: number) {
		if (timer) clearTimeout(timer);
		timer = setTimeout(wake, ms);
		timer.unref?.();
	}

	function wake(): void {
		if (!started) return;
		if (pumping) {
			pumpAgain = true;
			return;
		}
		pumping = pumpOnce()
			.then(arm)
			.catch((e) => {
				opts.onError?.(e);
				setTimer(maxSleepMs);
			})
			.finally(() => {
				pumping = null;
				if (pumpAgain) {
					pumpAgain = false;
					wake();
				}
			});
	}

	return {
		wake,
		start() {
			if (started) return;
			started = true;
			seenEnqueued = enqueuedCount();
			unsubscribe = deps.onCommit?.(onCommit);
			if (!deps.singleProcess) return wake();
			// No other process can hold these: take them back now rather than when their leases end.
			void db
				.execute(
					sql`update webhook_deliveries set lease_until = null, lease_owner = null
						where status = 'pending' and lease_until is not null`
				)
				.catch((e) => opts.onError?.(e))
				.then(wake);
		},
		/** Stops taking deliveries; waits for the sends in flight and writes their results. */
		async stop() {
			started = false;
			if (timer) clearTimeout(timer);
			timer = null;
			await pumping;
			await Promise.allSettled([...sends]);
			await flushing;
			unsubscribe?.();
			unsubscribe = undefined;
		},
		/** Told of each attempt once its result is written (metrics, logs); returns the unsubscribe. */
		onAttempt(listener: (r: WebhookAttemptReport) => void): () => void {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		/** A subscription's secret changed or it was deleted: forget what was opened. */
		forget(subscriptionId: string) {
			secrets.delete(subscriptionId);
		}
	};
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;

/** What went wrong, in words that carry no URL, header or body (they may hold secrets). */
function describeError(e: unknown, timeoutMs: number): string {
	if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
		return `no answer within ${timeoutMs} ms`;
	const cause = (e as { cause?: { code?: unknown; name?: unknown } } | null)?.cause;
	const code = typeof cause?.code === 'string' ? cause.code : typeof cause?.name === 'string' ? cause.name : null;
	if (code) return `connection failed (${code})`;
	return e instanceof Error ? `request failed (${e.name})` : 'request failed';
}
