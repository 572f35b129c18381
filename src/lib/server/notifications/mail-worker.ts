/**
 * Sends the notification e-mail outbox (ADR-060), one worker per server process, started with the
 * scheduler. The table is the queue: a row is claimed with a lease (FOR UPDATE SKIP LOCKED, then a
 * column, not an open transaction), so two processes never send one e-mail at once and a row whose
 * process died is taken over when its lease ends. Sent rows are marked; failures are retried with
 * back-off (domain/notifications/retry.ts). The text is made at send time in the recipient's
 * language of that moment. An e-mail whose process died after the SMTP server took it but before the
 * mark is sent again with the same Message-ID, so the receiving side can drop the copy: at least
 * once, never lost (ADR-086; tests/integration/notify-mail-crash.test.ts kills a real process).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { notificationEmails } from '../db/schema';
import { DEFAULT_MAIL_RETRY, mailRetryDelay, type MailRetryPolicy } from '../../domain/notifications/retry';
import { emailsEnqueued } from './enqueue';
import { notificationEmail, type Language } from './notification-text';

export interface MailMessage {
	from: string;
	to: string;
	subject: string;
	text: string;
	messageId: string;
}

/** What sends: nodemailer's SMTP transport in production (smtp-transport.ts). */
export interface MailTransport {
	send(message: MailMessage): Promise<void>;
	close?(): void;
}

export interface MailWorkerOptions {
	from: string;
	/** The public URL the links point to. */
	origin: string;
	/** How long a claim holds a row against other processes (default 60 s). */
	leaseMs?: number;
	maxSleepMs?: number;
	batch?: number;
	retry?: MailRetryPolicy;
	random?: () => number;
	onError?: (e: unknown) => void;
}

interface Claimed {
	id: number;
	kind: string;
	case_id: string | null;
	data: Record<string, unknown>;
	message_id: string;
	attempts: number;
	email: string | null;
	language: Language;
	behalf_name: string | null;
}

export function createMailWorker(
	deps: { db: Db; transport: MailTransport; onCommit?: (listener: () => void) => () => void },
	opts: MailWorkerOptions
) {
	const { db, transport } = deps;
	const leaseMs = opts.leaseMs ?? 60_000;
	const maxSleepMs = opts.maxSleepMs ?? 1_000;
	const batch = opts.batch ?? 20;
	const random = opts.random ?? Math.random;
	const owner = randomBytes(8).toString('hex');
	let started = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<void> | null = null;
	let again = false;
	let seen = emailsEnqueued();
	let unsubscribe: (() => void) | undefined;

	async function claim(): Promise<Claimed[]> {
		const now = new Date().toISOString();
		const until = new Date(Date.now() + leaseMs).toISOString();
		return rowsOf<Claimed>(
			await db.execute(sql`
				with picked as (
					select id from notification_emails
					where status = 'pending' and next_attempt_at <= ${now}::timestamptz
						and (lease_until is null or lease_until <= ${now}::timestamptz)
					order by next_attempt_at, id
					limit ${batch}
					for update skip locked
				)
				update notification_emails e set lease_until = ${until}::timestamptz, lease_owner = ${owner}
				from picked, users u
				where e.id = picked.id and u.id = e.user_id
				returning e.id, e.kind, e.case_id, e.data, e.message_id, e.attempts, u.email, u.language,
					(select b.display_name from users b where b.id = (e.data->>'onBehalfOf')::int) as behalf_name`)
		);
	}

	async function sendOne(row: Claimed): Promise<void> {
		const mine = sql`id = ${row.id} and lease_owner = ${owner}`;
		if (!row.email) {
			await db
				.update(notificationEmails)
				.set({ status: 'failed', lastError: 'the user has no e-mail address', leaseUntil: null })
				.where(mine);
			return;
		}
		const mail = notificationEmail(
			{ kind: row.kind, data: row.data, caseId: row.case_id, onBehalfOfName: row.behalf_name },
			row.language,
			opts.origin
		);
		try {
			await transport.send({ from: opts.from, to: row.email, messageId: row.message_id, ...mail });
			await db
				.update(notificationEmails)
				.set({ status: 'sent', sentAt: new Date(), attempts: row.attempts + 1, leaseUntil: null, lastError: null })
				.where(mine);
		} catch (e) {
			const attempts = row.attempts + 1;
			const delay = mailRetryDelay(attempts, random(), opts.retry ?? DEFAULT_MAIL_RETRY);
			await db
				.update(notificationEmails)
				.set({
					attempts,
					leaseUntil: null,
					lastError: (e instanceof Error ? e.message : String(e)).slice(0, 500),
					...(delay === null ? { status: 'failed' as const } : { nextAttemptAt: new Date(Date.now() + delay) })
				})
				.where(mine);
		}
	}

	/** Sends what is due now; resolves with how many rows it took. */
	async function pass(): Promise<number> {
		let taken = 0;
		for (;;) {
			const rows = await claim();
			if (rows.length === 0) return taken;
			taken += rows.length;
			for (const row of rows) await sendOne(row);
		}
	}

	function wake(): void {
		if (!started) return;
		if (running) {
			again = true;
			return;
		}
		if (timer) clearTimeout(timer);
		timer = null;
		running = pass()
			.then(() => undefined)
			.catch((e) => opts.onError?.(e))
			.finally(() => {
				running = null;
				if (again) {
					again = false;
					return wake();
				}
				if (!started) return;
				timer = setTimeout(wake, maxSleepMs);
				timer.unref?.();
			});
	}

	return {
		wake,
		/** Sends what is due now, once (tests and scripts). */
		drain: pass,
		get running() {
			return started;
		},
		start() {
			if (started) return;
			started = true;
			unsubscribe = deps.onCommit?.(() => {
				const n = emailsEnqueued();
				if (n === seen) return;
				seen = n;
				wake();
			});
			wake();
		},
		async stop() {
			started = false;
			unsubscribe?.();
			if (timer) clearTimeout(timer);
			timer = null;
			await running;
			transport.close?.();
		}
	};
}

export type MailWorker = ReturnType<typeof createMailWorker>;
