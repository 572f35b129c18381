// @ts-check
/**
 * The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) served over the
 * PostgreSQL wire protocol on a Unix socket that only this user can open. The app talks to it
 * with postgres.js, exactly as to a PostgreSQL server.
 *
 * Why a thread: PGlite executes queries synchronously on the thread that calls it. On the server's
 * own thread every query stalled socket fan-out and page rendering (ADR-013: one core at 100%,
 * fan-out p99 4× the bare broadcast's); here the database runs on the second core.
 *
 * Why not `@electric-sql/pglite-socket`: it pins `@electric-sql/pglite` to one exact older version
 * and declares seven extension packages as required peers, and it runs each protocol message as its
 * own call into WebAssembly so that several clients can be interleaved — which one PGlite session
 * cannot do safely (their prepared statements and settings would share that session). This file
 * serves one client session at a time; later connections wait their turn.
 *
 * Messages: the parent sends `'close'`, or `{ dump: id }` for a backup (answered `{ dumped: id, bytes }`
 * or `{ dumped: id, error }`); the worker answers `{ ready: true }` once listening,
 * `{ error }` if it could not start, and `'closed'` after the database is shut down cleanly.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** @typedef {import('node:net').Socket} Socket */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const TERMINATE = 0x58; // 'X'
/** PostgreSQL's own limit on one message (1 GB); a larger length is a corrupt stream. */
const MAX_MESSAGE = 0x3fffffff;

/** @type {{ dataDir: string; socketPath: string; startFrom?: string }} */
const { dataDir, socketPath, startFrom } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @type {PGlite} */
let db;
try {
	// pg_trgm backs the search's name index (ADR-040); the migration creates the extension.
	// `startFrom`: a dump of an already migrated cluster, so each test database skips the migrations.
	const loadDataDir = startFrom ? new Blob([readFileSync(startFrom)]) : undefined;
	db = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir });
} catch (e) {
	port.postMessage({ error: e instanceof Error ? e.message : String(e) });
	throw e;
}

/** @type {Socket[]} */
const waiting = [];
/** @type {Socket | null} */
let active = null;
let closing = false;

const server = createServer({ pauseOnConnect: true }, (socket) => {
	if (closing) return void socket.destroy();
	waiting.push(socket);
	void serveNext();
});

async function serveNext() {
	while (!active && waiting.length > 0) {
		const socket = /** @type {Socket} */ (waiting.shift());
		if (socket.destroyed) continue;
		active = socket;
		try {
			await serve(socket);
		} catch (e) {
			console.error('embedded database: session ended by an error:', e);
		} finally {
			socket.destroy();
			await resetSession();
			active = null;
		}
	}
}

/**
 * One client session: the start-up exchange, then every complete message that has arrived is run
 * in one call (PGlite loops over all of them), and the reply is written back. Replies are only
 * written in order and reading pauses while the socket's buffer is full.
 * @param {Socket} socket
 */
async function serve(socket) {
	let pending = Buffer.alloc(0);
	let started = false;
	/** @type {Buffer[]} */
	const chunks = [];
	/** @type {(() => void) | null} */
	let wake = null;
	let ended = false;
	socket.on('data', (chunk) => {
		chunks.push(chunk);
		wake?.();
	});
	const finish = () => {
		ended = true;
		wake?.();
	};
	socket.on('end', finish);
	socket.on('close', finish);
	socket.on('error', finish);
	socket.resume();

	for (;;) {
		if (chunks.length === 0) {
			if (ended) return;
			await new Promise((ok) => (wake = () => ((wake = null), ok(undefined))));
			continue;
		}
		pending = Buffer.concat([pending, ...chunks.splice(0)]);
		if (!started) {
			if (pending.length < 8) continue;
			const length = pending.readInt32BE(0);
			const code = pending.readInt32BE(4);
			if (length < 8 || length > 10_000) return; // not a start-up message: drop the connection
			if (pending.length < length) continue;
			const message = pending.subarray(0, length);
			pending = pending.subarray(length);
			if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
				socket.write('N'); // no encryption on a private Unix socket; the client then starts in clear
				continue;
			}
			if (code === CANCEL_REQUEST || code !== PROTOCOL_3) return;
			started = true;
			if (!(await write(socket, db.execProtocolRawSync(message)))) return;
			continue;
		}
		// Every complete typed message: 1 byte of type, then a length that counts itself.
		let end = 0;
		let terminate = false;
		while (pending.length - end >= 5) {
			const length = pending.readInt32BE(end + 1);
			if (length < 4 || length > MAX_MESSAGE) return;
			if (pending[end] === TERMINATE) {
				terminate = true;
				break;
			}
			if (pending.length - end < 1 + length) break;
			end += 1 + length;
		}
		if (end > 0) {
			const batch = pending.subarray(0, end);
			pending = pending.subarray(end);
			const reply = db.execProtocolRawSync(batch);
			await db.syncToFs();
			if (!(await write(socket, reply))) return;
		}
		if (terminate) return;
	}
}

/**
 * @param {Socket} socket
 * @param {Uint8Array} reply
 * @returns {Promise<boolean>} false when the client is gone
 */
async function write(socket, reply) {
	if (socket.destroyed) return false;
	if (reply.length === 0) return true;
	if (socket.write(reply)) return true;
	return new Promise((ok) => {
		const done = (/** @type {boolean} */ alive) => {
			socket.off('drain', onDrain);
			socket.off('close', onClose);
			ok(alive);
		};
		const onDrain = () => done(true);
		const onClose = () => done(false);
		socket.on('drain', onDrain);
		socket.on('close', onClose);
	});
}

/**
 * The next client must not inherit this one's session: an open transaction is rolled back (a
 * client that vanished mid-transaction commits nothing) and prepared statements and settings are
 * discarded.
 */
async function resetSession() {
	try {
		if (db.isInTransaction()) await db.exec('ROLLBACK');
		await db.exec('DISCARD ALL');
	} catch (e) {
		console.error('embedded database: could not reset the session:', e);
	}
}

/**
 * A backup while the server runs: taken between transactions (the one session may be inside one of
 * a client's), after a checkpoint, as PGlite's own tarball of the data folder.
 * @param {number} id
 */
async function dump(id) {
	try {
		const waitUntil = Date.now() + 30_000;
		while (db.isInTransaction()) {
			if (Date.now() > waitUntil) throw new Error('a transaction stayed open for 30 s');
			await new Promise((r) => setTimeout(r, 5));
		}
		await db.exec('CHECKPOINT');
		const blob = await db.dumpDataDir('gzip');
		const bytes = await blob.arrayBuffer();
		port.postMessage({ dumped: id, bytes }, [bytes]);
	} catch (e) {
		port.postMessage({ dumped: id, error: e instanceof Error ? e.message : String(e) });
	}
}

port.on('message', async (message) => {
	if (message && typeof message === 'object' && 'dump' in message) return void dump(message.dump);
	if (message !== 'close' || closing) return;
	closing = true;
	server.close();
	for (const s of waiting.splice(0)) s.destroy();
	active?.destroy();
	while (active) await new Promise((r) => setTimeout(r, 5));
	await db.close();
	port.postMessage('closed');
});

server.on('error', (e) => port.postMessage({ error: e.message }));
server.listen(socketPath, () => port.postMessage({ ready: true }));
