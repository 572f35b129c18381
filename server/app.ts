/**
 * One Node HTTP server: SvelteKit's handler (adapter-node build) for pages and the API, socket.io on
 * the same port. Used by the production entry and by the integration tests (on port 0).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publishAppContext, type AppContext } from '../src/lib/server/context';
import { log } from '../src/lib/server/observability/logger';
import { createRealtime, type RealtimeOptions, type RealtimeServer } from './realtime';
import { attachOperations, type Operations } from './operations';
import { loggableError } from '../src/lib/server/loggable-error';
import { fillRedBandsOnce } from '../src/lib/server/calendar/red-band-backfill';

type NodeHandler = (
	req: import('node:http').IncomingMessage,
	res: import('node:http').ServerResponse,
	next?: () => void
) => void;

export interface RunningServer {
	http: Server;
	io: RealtimeServer;
	url: string;
	ops: Operations;
	/** Stops at once: drafts flushed, scheduler and sockets stopped, connections cut. */
	close(): Promise<void>;
	/**
	 * Graceful stop: no new connections, /readyz answers 503, requests in flight finish (up to
	 * `graceMs`), then `close()` — drafts flushed, the scheduler's firing finished, sockets closed
	 * so their clients reconnect (to another process behind the balancer).
	 */
	shutdown(graceMs: number): Promise<void>;
}

export async function startServer(
	ctx: AppContext,
	opts: { port: number; host: string; buildDir?: string; scheduler?: boolean; metricsPort?: number } & RealtimeOptions
): Promise<RunningServer> {
	publishAppContext(ctx);
	const markProtocol = useConnectionProtocol();
	// adapter-node refuses bodies over BODY_SIZE_LIMIT (512K by default) before any route sees them;
	// an attachment may be up to its own limit (ADR-056). JSON routes keep theirs (json-body.ts).
	process.env.BODY_SIZE_LIMIT ??= String(ctx.config.attachments.maxBytes + 1024 * 1024);
	const handlerUrl = pathToFileURL(resolve(opts.buildDir ?? 'build', 'handler.js')).href;
	const { handler } = (await import(handlerUrl)) as { handler: NodeHandler };
	const kit = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
		if (markProtocol)
			req.headers[PROTOCOL_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	};
	let ops: Operations | null = null;
	const http = createServer((req, res) => (ops ? ops.http.handle(req, res) : kit(req, res)));
	const io = await createRealtime(http, ctx, opts);
	ops = await attachOperations(ctx, io, kit, {
		schedulerExpected: opts.scheduler !== false,
		metricsPort: opts.metricsPort,
		host: opts.host
	});
	await new Promise<void>((ok, fail) => {
		http.once('error', fail);
		http.listen(opts.port, opts.host, () => ok());
	});
	// Deadlines, warnings and deemed approvals fire from the database, also those missed while down.
	if (opts.scheduler !== false) {
		ctx.scheduler.start();
		ctx.deviceRetention.start((e) => log('device-retention').error({ err: loggableError(e) }, 'sweep failed'));
		ctx.deviceListReminder.start((e) => log('device-list').error({ err: loggableError(e) }, 'reminder failed'));
		ctx.webhookWorker.start(); // webhooks queued before a restart go out now
		ctx.mailWorker?.start(); // so do notification e-mails (ADR-060)
		// Open clocks written before the red band's instant was stored (ADR-088).
		void fillRedBandsOnce(ctx.db, () => ctx.calendar.current(), ctx.clock.now()).catch((e) =>
			log('clocks').error({ err: loggableError(e) }, 'red band fill failed')
		);
		// Files left by an upload cut off between its rename and its row (ADR-056).
		ctx.attachments
			.sweepOrphans()
			.catch((e) => log('attachments').error({ err: loggableError(e) }, 'orphan sweep failed'));
	}
	const { port } = http.address() as AddressInfo;
	const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
	const operations = ops;
	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= (async () => {
			await ctx.drafting.close(); // unsaved draft updates are stored before the sockets go
			await ctx.scheduler.stop(); // waits for a firing under way to commit
			ctx.deviceRetention.stop();
			ctx.deviceListReminder.stop();
			await ctx.webhookWorker.stop(); // sends in flight end and their results are written
			await ctx.mailWorker?.stop();
			// Told first, then closed: clients leave and reconnect (elsewhere) at once, with jitter (ADR-069).
			io.local.emit('server:going-away', { reconnectWithinMs: GOING_AWAY_WINDOW_MS });
			await io.close();
			await io.publisher.stop(); // its last read ends before the caller closes the database
			await operations.close();
			http.closeAllConnections();
		})());
	return {
		http,
		io,
		ops: operations,
		url: `http://${shownHost}:${port}`,
		close,
		async shutdown(graceMs: number) {
			operations.http.drain();
			http.close(); // no new connections
			http.closeIdleConnections();
			let timer: ReturnType<typeof setTimeout> | undefined;
			const graceOver = new Promise<boolean>((ok) => (timer = setTimeout(() => ok(false), graceMs)));
			const finished = await Promise.race([operations.http.idle().then(() => true), graceOver]);
			clearTimeout(timer);
			if (!finished) log('server').warn({ inFlight: operations.http.inFlight }, 'grace period over: cutting requests');
			await close();
		}
	};
}

/** The window over which a shutting-down process's clients spread their reconnects. */
const GOING_AWAY_WINDOW_MS = 1_000;

const PROTOCOL_HEADER = 'x-merzim-connection-protocol';

/**
 * adapter-node assumes https when neither ORIGIN nor PROTOCOL_HEADER is set, which breaks the
 * origin checks of a plain-HTTP `npm start` on localhost. We know the connection's real protocol,
 * so we tell the handler through a header of our own, overwriting whatever a client sent in it.
 * Behind a TLS-terminating proxy the operator sets ORIGIN (or PROTOCOL_HEADER) and this stays off.
 */
function useConnectionProtocol(): boolean {
	if (process.env.PROTOCOL_HEADER === PROTOCOL_HEADER) return true; // set by an earlier server of this process
	if (process.env.ORIGIN || process.env.PROTOCOL_HEADER) return false;
	process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	return true;
}
