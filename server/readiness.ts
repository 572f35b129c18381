/**
 * `/readyz`: may a load balancer send this process traffic? The database answers and carries every
 * committed migration, Redis answers when configured, the deadline scheduler runs (when this
 * process runs it), and the process is not shutting down. Each check with its own detail.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/lib/server/db/client';
import type { AppContext } from '../src/lib/server/context';

export interface Check {
	ok: boolean;
	detail?: string;
}
export interface Readiness {
	ready: boolean;
	checks: Record<string, Check>;
}

export function createReadiness(
	ctx: AppContext,
	opts: { schedulerExpected: boolean; migrationsFolder?: string; draining: () => boolean }
) {
	const journal = resolve(opts.migrationsFolder ?? 'drizzle', 'meta/_journal.json');
	const expected = (JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }).entries.length;
	let redis: { ping(): Promise<string>; close(): Promise<void> } | null = null;

	async function database(): Promise<Check> {
		try {
			const [row] = rowsOf<{ n: string | number }>(
				await ctx.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`)
			);
			const applied = Number(row?.n ?? 0);
			return applied >= expected
				? { ok: true, detail: `${applied} migrations applied` }
				: { ok: false, detail: `${applied} of ${expected} migrations applied` };
		} catch (e) {
			return { ok: false, detail: `unreachable: ${(e as Error).message}` };
		}
	}

	async function redisCheck(url: string): Promise<Check> {
		try {
			if (!redis) {
				const { createClient } = await import('redis');
				const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
				client.on('error', () => {}); // reported by the ping below
				await client.connect();
				redis = { ping: () => client.ping(), close: () => client.quit().then(() => undefined) };
			}
			await withTimeout(redis.ping(), 2000);
			return { ok: true };
		} catch (e) {
			const r = redis;
			redis = null;
			await r?.close().catch(() => {});
			return { ok: false, detail: `unreachable: ${(e as Error).message}` };
		}
	}

	return {
		async check(): Promise<Readiness> {
			const checks: Record<string, Check> = {};
			checks.shutdown = opts.draining() ? { ok: false, detail: 'shutting down' } : { ok: true };
			checks.database = await withTimeout(database(), 3000).catch(() => ({ ok: false, detail: 'timed out' }));
			if (ctx.config.redisUrl) checks.redis = await redisCheck(ctx.config.redisUrl);
			if (opts.schedulerExpected)
				checks.scheduler = ctx.scheduler.running ? { ok: true } : { ok: false, detail: 'not running' };
			return { ready: Object.values(checks).every((c) => c.ok), checks };
		},
		async close() {
			await redis?.close().catch(() => {});
			redis = null;
		}
	};
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
	return new Promise((ok, fail) => {
		const t = setTimeout(() => fail(new Error(`no answer in ${ms} ms`)), ms);
		p.then(
			(v) => (clearTimeout(t), ok(v)),
			(e: unknown) => (clearTimeout(t), fail(e instanceof Error ? e : new Error(String(e))))
		);
	});
}
