/**
 * One Node HTTP server: SvelteKit's handler (adapter-node build) for pages and the API, socket.io on
 * the same port. Used by the production entry and by the integration tests (on port 0).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publishAppContext, type AppContext } from '../src/lib/server/context';
import { createRealtime, type RealtimeOptions, type RealtimeServer } from './realtime';
import { loggableError } from '../src/lib/server/loggable-error';

type NodeHandler = (
	req: import('node:http').IncomingMessage,
	res: import('node:http').ServerResponse,
	next?: () => void
) => void;

export interface RunningServer {
	http: Server;
	io: RealtimeServer;
	url: string;
	close(): Promise<void>;
}

export async function startServer(
	ctx: AppContext,
	opts: { port: number; host: string; buildDir?: string; scheduler?: boolean } & RealtimeOptions
): Promise<RunningServer> {
	publishAppContext(ctx);
	const markProtocol = useConnectionProtocol();
	const handlerUrl = pathToFileURL(resolve(opts.buildDir ?? 'build', 'handler.js')).href;
	const { handler } = (await import(handlerUrl)) as { handler: NodeHandler };
	const http = createServer((req, res) => {
		if (markProtocol)
			req.headers[PROTOCOL_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	const io = await createRealtime(http, ctx, opts);
	await new Promise<void>((ok, fail) => {
		http.once('error', fail);
		http.listen(opts.port, opts.host, () => ok());
	});
	// Deadlines, warnings and deemed approvals fire from the database, also those missed while down.
	if (opts.scheduler !== false) {
		ctx.scheduler.start();
		ctx.deviceRetention.start((e) => console.error('device retention:', loggableError(e)));
		ctx.webhookWorker.start(); // webhooks queued before a restart go out now
	}
	const { port } = http.address() as AddressInfo;
	const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
	return {
		http,
		io,
		url: `http://${shownHost}:${port}`,
		close: async () => {
			await ctx.drafting.close(); // unsaved draft updates are stored before the sockets go
			await ctx.scheduler.stop();
			ctx.deviceRetention.stop();
			await ctx.webhookWorker.stop(); // sends in flight end and their results are written
			await io.close();
			await io.publisher.stop(); // its last read ends before the caller closes the database
			http.closeAllConnections();
		}
	};
}

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
