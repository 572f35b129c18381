/**
 * What an operator needs from a running server, attached to it in one place: structured request
 * logs with request ids, Prometheus metrics (also on METRICS_PORT), health and readiness, logs of
 * socket connects and scheduler firings, the housekeeping job, and the graceful shutdown.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../src/lib/server/context';
import { log } from '../src/lib/server/observability/logger';
import { loggableError } from '../src/lib/server/loggable-error';
import { createHousekeeping } from '../src/lib/server/housekeeping/housekeeping';
import { createMetrics, type ServerMetrics } from './metrics';
import { createReadiness } from './readiness';
import { observeHttp, serveMetrics, type ObservedHttp } from './http-observe';
import type { RealtimeServer } from './realtime';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Operations {
	http: ObservedHttp;
	metrics: ServerMetrics;
	/** The METRICS_PORT server's URL, when one runs. */
	metricsUrl: string | undefined;
	/** Stops the extra listeners and timers (not the main server). */
	close(): Promise<void>;
}

export async function attachOperations(
	ctx: AppContext,
	io: RealtimeServer,
	inner: Handler,
	opts: { schedulerExpected: boolean; metricsPort?: number; host: string }
): Promise<Operations> {
	const logger = log('server');
	const metrics = createMetrics(ctx, io);
	let http: ObservedHttp | null = null;
	const readiness = createReadiness(ctx, {
		schedulerExpected: opts.schedulerExpected,
		draining: () => !!http?.draining
	});
	http = observeHttp(inner, {
		logger: log('http'),
		metrics,
		readiness: () => readiness.check(),
		metricsToken: ctx.config.metricsToken
	});

	const sockets = log('socket');
	io.on('connection', (socket) => {
		const who = { socketId: socket.id, userId: socket.data.userId, roles: socket.data.viewer?.roles };
		sockets.info(who, 'socket connected');
		socket.once('disconnect', (reason) => sockets.info({ ...who, reason }, 'socket disconnected'));
	});

	const scheduler = log('scheduler');
	const unsubscribe = ctx.scheduler.onFired((f) => {
		scheduler.info({ what: f.what, clockId: f.clockId, lagMs: f.lagMs }, 'scheduler fired');
		metrics.schedulerFired(f.what, f.lagMs);
	});

	const webhooks = log('webhooks');
	const unsubscribeWebhooks = ctx.webhookWorker.onAttempt((r) => {
		metrics.webhookAttempt(r);
		if (r.outcome !== 'delivered') webhooks.warn(r, 'webhook attempt failed');
		else if (r.lagSeconds > 60) webhooks.info(r, 'webhook delivered late');
	});

	const housekeepingLog = log('housekeeping');
	const housekeeping = createHousekeeping(
		{ db: ctx.db, clock: ctx.realClock, config: ctx.config },
		{
			onRun: (r) => housekeepingLog.info(r, 'housekeeping done'),
			onError: (e) => housekeepingLog.error({ err: loggableError(e) }, 'housekeeping failed')
		}
	);
	housekeeping.start();

	// Outbox lag in the log too, once a minute, when it is not zero.
	const outbox = log('outbox');
	const lagTimer = setInterval(() => {
		void metrics.registry
			.getSingleMetric('merzim_outbox_lag_events')
			?.get()
			.then((m) => {
				const lag = m.values[0]?.value ?? 0;
				if (lag > 0) outbox.warn({ lagEvents: lag }, 'outbox behind');
			})
			.catch(() => {});
	}, 60_000);
	lagTimer.unref();

	let metricsServer: Server | undefined;
	let metricsUrl: string | undefined;
	if (opts.metricsPort !== undefined) {
		metricsServer = createServer((req, res) => {
			if ((req.url ?? '').split('?')[0] === '/metrics') return void serveMetrics(metrics, res);
			res.writeHead(404, { 'content-type': 'text/plain' }).end('Only /metrics is served on this port.');
		});
		await new Promise<void>((ok, fail) => {
			metricsServer!.once('error', fail);
			metricsServer!.listen(opts.metricsPort, opts.host, () => ok());
		});
		const { port } = metricsServer.address() as AddressInfo;
		metricsUrl = `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${port}/metrics`;
		logger.info({ url: metricsUrl }, 'metrics served');
	}

	return {
		http,
		metrics,
		metricsUrl,
		async close() {
			unsubscribe();
			unsubscribeWebhooks();
			clearInterval(lagTimer);
			await housekeeping.stop();
			await readiness.close();
			if (metricsServer) {
				metricsServer.closeAllConnections();
				await new Promise((ok) => metricsServer!.close(ok));
			}
		}
	};
}
