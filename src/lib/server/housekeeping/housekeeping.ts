/**
 * Bookkeeping rows that only matter for a while are deleted once they stop mattering: idempotency
 * keys after the retention (24 h by default: a client retries within minutes), sessions past their
 * absolute end, throttle counters whose window and lock are long over. Every process may run it;
 * the deletes are idempotent. The audit trail is never touched.
 */
import { and, lt, or, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { idempotencyKeys, loginThrottle, sessions } from '../db/schema';
import type { Clock } from '../clock';
import type { AppConfig } from '../config';

export interface HousekeepingResult {
	idempotencyKeys: number;
	sessions: number;
	throttleRows: number;
}

export function createHousekeeping(
	deps: { db: Db; clock: Clock; config: Pick<AppConfig, 'retentionMs' | 'session'> },
	opts: { everyMs?: number; onRun?: (r: HousekeepingResult) => void; onError?: (e: unknown) => void } = {}
) {
	const { db, clock, config } = deps;
	let timer: ReturnType<typeof setInterval> | null = null;
	let running: Promise<unknown> | null = null;

	async function run(): Promise<HousekeepingResult> {
		const now = clock.now();
		const keptSince = new Date(now.getTime() - config.retentionMs);
		const sessionLongest = Math.max(config.session.maxMs, config.session.kioskMs);
		const keys = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, keptSince)).returning({
			key: idempotencyKeys.key
		});
		const gone = await db
			.delete(sessions)
			.where(lt(sessions.createdAt, new Date(now.getTime() - sessionLongest)))
			.returning({ id: sessions.id });
		const throttle = await db
			.delete(loginThrottle)
			.where(
				and(
					lt(loginThrottle.windowStartedAt, keptSince),
					or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now))
				)
			)
			.returning({ key: loginThrottle.key });
		const result = { idempotencyKeys: keys.length, sessions: gone.length, throttleRows: throttle.length };
		opts.onRun?.(result);
		return result;
	}

	return {
		run,
		start() {
			if (timer) return;
			const go = () => {
				running ??= run()
					.catch((e) => opts.onError?.(e))
					.finally(() => (running = null));
			};
			go();
			timer = setInterval(go, opts.everyMs ?? 3_600_000);
			timer.unref?.();
		},
		async stop() {
			if (timer) clearInterval(timer);
			timer = null;
			await running;
		}
	};
}
