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
import { createOutboxLag } from '../src/lib/server/observability/outbox-lag';
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

	// One line per attempt, with its lag (enqueue or resend to the end of the attempt); no URL, header or body.
	const webhooks = log('webhooks');
	const unsubscribeWebhooks = ctx.webhookWorker.onAttempt((r) => {
		metrics.webhookAttempt(r);
		const line = {
			outcome: r.outcome,
			attempt: r.attempt,
			lagMs: Math.round(r.lagSeconds * 1000),
			durationMs: r.durationMs
		};
		if (r.outcome === 'delivered') webhooks.info(line, 'webhook delivered');
		else webhooks.warn(line, 'webhook attempt failed');
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

	// Outbox lag in the log too, every LAG_LOG_SECONDS: at debug while caught up, at warn while behind.
	const outbox = log('outbox');
	const outboxLag = createOutboxLag({ db: ctx.db, published: () => io.publisher.lastId });
	const lagTimer = setInterval(() => {
		void outboxLag
			.read()
			.then((lag) => {
				if (lag.lagEvents > 0) outbox.warn(lag, 'outbox behind');
				else outbox.debug(lag, 'outbox caught up');
			})
			.catch(() => {});
	}, ctx.config.lagLogMs);
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
