/**
 * postgres.js 3.4.9 defers small writes to a `setImmediate`; when the connection closes before it
 * runs (PostgreSQL restarted, a backend killed), the deferred write dereferences the closed socket
 * and throws from the immediate, outside any query's promise — an uncaught TypeError that ends the
 * process (https://github.com/porsager/postgres/issues/1154 and /1208; the guard proposed upstream
 * is not released).
 * By then the connection's queries have already been failed with CONNECTION_CLOSED and the pool
 * opens a new connection, so the write is moot. The cluster test saw every app process die when
 * PostgreSQL restarted (scripts/cluster). This guard drops exactly that exception and nothing else.
 * The patch applied at install (patches/postgres+3.4.9.patch) removes the cause; the guard stays
 * for a driver upgraded without it.
 */

/**
 * The exception of postgres.js's deferred write on a closed connection, and only it. Judged by
 * name, message and stack rather than `instanceof`, so that the same rule also reads the error as a
 * test runner reports it (serialized across its worker boundary: vite.config.ts).
 */
export function isWriteOnClosedConnection(e: unknown): boolean {
	if (typeof e !== 'object' || e === null) return false;
	const { name, message, stack } = e as { name?: unknown; message?: unknown; stack?: unknown };
	if (name !== 'TypeError' || typeof message !== 'string' || !message.includes("reading 'write'")) return false;
	const trace = typeof stack === 'string' ? stack : '';
	return trace.includes('nextWrite') && /postgres[\\/]src[\\/]connection\.js/.test(trace);
}

/** postgres.js's own codes for a connection it lost or could not open. */
const DRIVER_CONNECTION_CODES = new Set([
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT'
]);
/** The socket's errors when the server is gone or not there (TCP, or the embedded database's Unix socket). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
/**
 * PostgreSQL's SQLSTATEs for "not now, try again": class 08 (connection exception), and 57P01-57P03
 * (shut down by the administrator, crashed, starting up or shutting down).
 */
const SERVER_UNAVAILABLE = /^(08\w{3}|57P0[1-3])$/;

/**
 * Whether a failure means the database cannot be reached right now — PostgreSQL restarting or
 * down, the network to it cut, the embedded database's socket gone — as opposed to a query that
 * failed on its own merits. postgres.js serves both databases (PGlite through its socket,
 * embedded-postgres.ts), so its errors are the ones to know; drizzle wraps them (`cause`), and a
 * connect to several addresses fails with an AggregateError of socket errors. Such a request is
 * answered 503 with Retry-After (error-answer.ts), not 500: nothing was half-written, as every
 * write is one transaction, and the pool reconnects by itself once the server answers.
 */
export function isDatabaseUnreachable(e: unknown, depth = 0): boolean {
	if (typeof e !== 'object' || e === null || depth > 5) return false;
	const { code, syscall, cause, errors } = e as {
		code?: unknown;
		syscall?: unknown;
		cause?: unknown;
		errors?: unknown;
	};
	if (typeof code === 'string') {
		if (DRIVER_CONNECTION_CODES.has(code) || SERVER_UNAVAILABLE.test(code)) return true;
		// A socket error only as postgres.js passes it on to a query (it adds `query`): an outgoing HTTP
		// call refused (a webhook, the identity provider) is no database outage.
		const socket = SOCKET_CODES.has(code) || (code === 'ENOENT' && syscall === 'connect');
		if (socket && 'query' in e) return true;
	}
	if (Array.isArray(errors) && errors.length > 0 && errors.every((x) => isDatabaseUnreachable(x, depth + 1)))
		return true;
	return cause !== undefined && isDatabaseUnreachable(cause, depth + 1);
}

const REDIS_ERRORS = new Set([
	'TimeoutError',
	'ClientClosedError',
	'ClientOfflineError',
	'DisconnectsClientError',
	'SocketClosedUnexpectedlyError'
]);

/**
 * A node-redis command that failed while nobody awaited it. socket.io's Redis adapter fires
 * commands and forgets them (publishes, subscriptions); node-redis 6 fails a command after 5 s
 * without an answer — Redis unreachable, or the machine stalled — and the rejection, unhandled,
 * ended the process (the fan-out bench on a saturated machine; the cluster test with Redis stopped).
 * Nothing is lost that the outbox does not deliver anyway (ADR-014, ADR-025).
 */
export function isForgottenRedisFailure(e: unknown): boolean {
	if (!(e instanceof Error) || !REDIS_ERRORS.has(e.constructor.name)) return false;
	return /@redis[/\\]client/.test(e.stack ?? '');
}

let installed = false;
/** Drops exactly those two failures; any other uncaught exception or rejection still ends the process. */
export function surviveDriverFailures(): void {
	if (installed) return;
	installed = true;
	let dropped = 0;
	process.on('uncaughtException', (e) => {
		if (isWriteOnClosedConnection(e)) {
			if (dropped++ % 100 === 0)
				console.error(`postgres: dropped a write on a closed connection (${dropped} so far); its query had failed`);
			return;
		}
		console.error(e);
		process.exit(1);
	});
	let forgotten = 0;
	process.on('unhandledRejection', (e) => {
		if (isForgottenRedisFailure(e)) {
			if (forgotten++ % 100 === 0)
				console.error(`redis: a command failed unawaited (${(e as Error).constructor.name}; ${forgotten} so far)`);
			return;
		}
		// As Node's default (--unhandled-rejections=throw): the process ends.
		console.error(e);
		process.exit(1);
	});
}
