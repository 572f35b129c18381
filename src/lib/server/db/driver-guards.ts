/**
 * postgres.js 3.4.9 defers small writes to a `setImmediate`; when the connection closes before it
 * runs (PostgreSQL restarted, a backend killed), the deferred write dereferences the closed socket
 * and throws from the immediate, outside any query's promise — an uncaught TypeError that ends the
 * process (porsager/postgres issues 1154 and 1208; the guard proposed upstream is not released).
 * By then the connection's queries have already been failed with CONNECTION_CLOSED and the pool
 * opens a new connection, so the write is moot. The cluster test saw every app process die when
 * PostgreSQL restarted (scripts/cluster). This guard drops exactly that exception and nothing else.
 */

/** The exception of postgres.js's deferred write on a closed connection, and only it. */
export function isWriteOnClosedConnection(e: unknown): boolean {
	if (!(e instanceof TypeError) || !e.message.includes("reading 'write'")) return false;
	const stack = e.stack ?? '';
	return stack.includes('nextWrite') && /postgres[\\/]src[\\/]connection\.js/.test(stack);
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
