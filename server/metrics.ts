/**
 * Prometheus metrics of this process (prom-client, a registry of its own per server: each process
 * exposes its own). Gauges that need the database are read when Prometheus scrapes, not kept up
 * to date on every change, so an idle server costs nothing.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/lib/server/db/client';
import { NEXT_FIRE } from '../src/lib/server/scheduler/deadline-scheduler';
import type { AppContext } from '../src/lib/server/context';
import type { RealtimeServer } from './realtime';
import type { WebhookAttemptReport } from '../src/lib/server/webhooks/delivery-worker';
import { unpublishedEvents } from '../src/lib/server/observability/outbox-lag';

export interface ServerMetrics {
	registry: Registry;
	observeRequest(route: string, method: string, status: number, seconds: number): void;
	schedulerFired(what: string, lagMs: number): void;
	webhookAttempt(r: WebhookAttemptReport): void;
}

export function createMetrics(ctx: AppContext, io: RealtimeServer): ServerMetrics {
	const registry = new Registry();
	// Process CPU, memory, GC and `nodejs_eventloop_lag_*` (event-loop lag).
	collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

	const http = new Histogram({
		name: 'merzim_http_request_duration_seconds',
		help: 'HTTP request duration by route (SvelteKit route id) and status',
		labelNames: ['route', 'method', 'status'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry]
	});

	new Gauge({
		name: 'merzim_sockets_connected',
		help: 'Connected sockets of this process by role of their user',
		labelNames: ['role'] as const,
		registers: [registry],
		collect() {
			this.reset();
			const byRole = new Map<string, number>();
			for (const socket of io.of('/').sockets.values()) {
				const roles = socket.data.viewer?.roles ?? [];
				for (const role of roles.length ? roles : ['none']) byRole.set(role, (byRole.get(role) ?? 0) + 1);
			}
			for (const [role, n] of byRole) this.set({ role }, n);
		}
	});

	new Gauge({
		name: 'merzim_outbox_lag_events',
		help: 'Case events committed but not yet published to the sockets of this process',
		registers: [registry],
		async collect() {
			this.set(await unpublishedEvents(ctx.db, () => io.publisher.lastId));
		}
	});

	const schedulerFirings = new Counter({
		name: 'merzim_scheduler_firings_total',
		help: 'Warnings and deadlines fired by this process',
		labelNames: ['what'] as const,
		registers: [registry]
	});
	const schedulerLastLag = new Gauge({
		name: 'merzim_scheduler_last_firing_lag_seconds',
		help: 'How late after its due the last firing of this process was',
		registers: [registry]
	});

	new Gauge({
		name: 'merzim_scheduler_pending',
		help: 'Warnings and deadlines due now and not yet fired (all processes)',
		registers: [registry],
		async collect() {
			this.set((await schedulerBacklog(ctx)).pending);
		}
	});
	new Gauge({
		name: 'merzim_scheduler_lag_seconds',
		help: 'Age of the oldest warning or deadline due and not yet fired (0 when none)',
		registers: [registry],
		async collect() {
			this.set((await schedulerBacklog(ctx)).oldestSeconds);
		}
	});

	new Gauge({
		name: 'merzim_open_clocks',
		help: 'Running, suspended and overdue clocks by band (green, amber = in the warning band, breached, suspended)',
		labelNames: ['band'] as const,
		registers: [registry],
		async collect() {
			const now = ctx.clock.now().toISOString();
			const rows = rowsOf<{ band: string; n: string | number }>(
				await ctx.db.execute(sql`
					select case
						when state = 'suspended' then 'suspended'
						when state = 'overdue' or due_at <= ${now}::timestamptz then 'breached'
						when warn_at <= ${now}::timestamptz then 'amber'
						else 'green' end as band, count(*) as n
					from clocks where state in ('running', 'suspended', 'overdue') group by 1`)
			);
			this.reset();
			for (const band of ['green', 'amber', 'breached', 'suspended']) this.set({ band }, 0);
			for (const r of rows) this.set({ band: r.band }, Number(r.n));
		}
	});

	new Gauge({
		name: 'merzim_db_connections',
		help:
			'Connections to the database (PostgreSQL: sessions on this database, all processes; PGlite: ' +
			'its one session)',
		registers: [registry],
		async collect() {
			if (ctx.dbHandle.driver === 'pglite') return this.set(1);
			const [row] = rowsOf<{ n: string | number }>(
				await ctx.db.execute(sql`select count(*) as n from pg_stat_activity where datname = current_database()`)
			);
			this.set(Number(row?.n ?? 0));
		}
	});
	new Gauge({
		name: 'merzim_db_ping_seconds',
		help: 'Round trip of `select 1` through the pool at scrape time (waits behind a busy pool)',
		registers: [registry],
		async collect() {
			const t = performance.now();
			await ctx.db.execute(sql`select 1`);
			this.set((performance.now() - t) / 1000);
		}
	});

	const webhookDeliveries = new Counter({
		name: 'merzim_webhook_deliveries_total',
		help:
			"Webhook attempts of this process by the delivery's state after them: delivered, retrying " +
			'(failed, will retry), failed (given up)',
		labelNames: ['outcome'] as const,
		registers: [registry]
	});
	const webhookAttempts = new Histogram({
		name: 'merzim_webhook_attempt_number',
		help: 'Which attempt delivered a webhook (1 = the first); its _count is the number of webhooks delivered',
		buckets: [1, 2, 3, 5, 8, 13],
		registers: [registry]
	});
	const webhookAttemptsTotal = new Counter({
		name: 'merzim_webhook_attempts_total',
		help: 'Webhook sends made by this process, successful or not',
		registers: [registry]
	});
	const webhookLag = new Histogram({
		name: 'merzim_webhook_delivery_lag_seconds',
		help: "From a webhook's enqueue (or an admin's resend) to its delivery",
		buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800, 3600, 21600, 86400],
		registers: [registry]
	});
	new Gauge({
		name: 'merzim_webhook_queue_depth',
		help:
			'Webhook deliveries of live subscriptions waiting to be sent (pending, all processes; paused ' +
			'ones included) and given up until resent (failed)',
		labelNames: ['status'] as const,
		registers: [registry],
		async collect() {
			const rows = rowsOf<{ status: string; n: string | number }>(
				await ctx.db.execute(
					sql`select d.status, count(*) as n from webhook_deliveries d
						join webhook_subscriptions s on s.id = d.subscription_id
						where d.status in ('pending', 'failed') and s.deleted_at is null group by d.status`
				)
			);
			this.reset();
			for (const status of ['pending', 'failed']) this.set({ status }, 0);
			for (const r of rows) this.set({ status: r.status }, Number(r.n));
		}
	});

	/** One read for both scheduler gauges per scrape (they collect in the same tick). */
	let backlog: { at: number; value: Promise<{ pending: number; oldestSeconds: number }> } | null = null;
	function schedulerBacklog(ctx: AppContext) {
		if (backlog && performance.now() - backlog.at < 500) return backlog.value;
		const now = ctx.clock.now();
		const next = NEXT_FIRE;
		const value = ctx.db
			.execute(
				sql`select count(*) as n, min(${next}) as oldest from clocks
				where state in ('running', 'overdue') and fired_for is distinct from due_at and ${next} <= ${now.toISOString()}::timestamptz`
			)
			.then((r) => {
				const [row] = rowsOf<{ n: string | number; oldest: string | Date | null }>(r);
				const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
				return { pending: Number(row?.n ?? 0), oldestSeconds: oldest ? (now.getTime() - oldest) / 1000 : 0 };
			});
		backlog = { at: performance.now(), value };
		return value;
	}

	return {
		registry,
		observeRequest: (route, method, status, seconds) =>
			http.observe({ route, method, status: String(status) }, seconds),
		webhookAttempt(r) {
			webhookAttemptsTotal.inc();
			webhookDeliveries.inc({ outcome: r.outcome });
			if (r.outcome === 'delivered') {
				webhookAttempts.observe(r.attempt);
				webhookLag.observe(r.lagSeconds);
			}
		},
		schedulerFired(what, lagMs) {
			schedulerFirings.inc({ what });
			schedulerLastLag.set(Math.max(0, lagMs) / 1000);
		}
	};
}
