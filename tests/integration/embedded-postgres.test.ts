/**
 * The embedded database served from its own thread (src/lib/server/db/embedded-postgres*): real
 * PGlite, real Unix socket, real postgres.js clients and raw protocol bytes. It runs in both CI
 * legs: the embedded database is what `npm start` uses whatever the leg.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/lib/server/db/embedded-postgres';
import { createDb } from '../../src/lib/server/db/client';
import { organisations } from '../../src/lib/server/db/schema';

const connect = (db: EmbeddedPostgres, extra: Partial<postgres.Options<Record<string, never>>> = {}) =>
	postgres({
		host: db.socketDir,
		port: db.port,
		username: 'postgres',
		database: 'postgres',
		max: 1,
		onnotice: () => {},
		...extra
	});

/** A start-up message for protocol 3.0, as a client sends it first. */
function startup(): Buffer {
	const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
	const head = Buffer.alloc(8);
	head.writeInt32BE(8 + params.length, 0);
	head.writeInt32BE(196608, 4);
	return Buffer.concat([head, params]);
}
/** A simple-protocol Query message. */
function query(text: string): Buffer {
	const body = Buffer.from(`${text}\0`);
	const head = Buffer.alloc(5);
	head.write('Q', 0);
	head.writeInt32BE(4 + body.length, 1);
	return Buffer.concat([head, body]);
}

/** Opens a raw socket and resolves with everything received once `until` is seen (or the socket closes). */
function raw(db: EmbeddedPostgres): { socket: Socket; received: (until: (b: Buffer) => boolean) => Promise<Buffer> } {
	const socket = createConnection(join(db.socketDir, '.s.PGSQL.5432'));
	let data = Buffer.alloc(0);
	const waiters: (() => void)[] = [];
	socket.on('data', (d) => {
		data = Buffer.concat([data, d]);
		waiters.splice(0).forEach((w) => w());
	});
	socket.on('close', () => waiters.splice(0).forEach((w) => w()));
	return {
		socket,
		received: async (until) => {
			while (!until(data) && !socket.destroyed) await new Promise<void>((ok) => waiters.push(ok));
			return data;
		}
	};
}
/** Counts ReadyForQuery messages ('Z', length 5) in a reply stream. */
const readyCount = (b: Buffer) => {
	let n = 0;
	for (let i = 0; i + 5 < b.length + 1;) {
		const type = b[i]!;
		const length = b.readInt32BE(i + 1);
		if (type === 0x5a) n++;
		i += 1 + length;
	}
	return n;
};

describe('the embedded database on its own thread', () => {
	let dir: string;
	let db: EmbeddedPostgres;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'merzim-embedded-test-'));
		db = await startEmbeddedPostgres(join(dir, 'data'));
		const sql = connect(db);
		await sql`create table notes (id int primary key, body text not null)`;
		await sql.end();
	});
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('listens on a socket in a directory only this user can open', () => {
		expect(statSync(db.socketDir).mode & 0o777).toBe(0o700);
	});

	it('runs queries, parameters and transactions for postgres.js (extended protocol)', async () => {
		const sql = connect(db);
		await sql.begin(async (tx) => {
			await tx`insert into notes ${tx([
				{ id: 1, body: 'ақ' },
				{ id: 2, body: 'два' }
			])}`;
		});
		await expect(
			sql.begin(async (tx) => {
				await tx`insert into notes values (3, 'rolled back')`;
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		expect(await sql`select id, body from notes where id = any(${[1, 2, 3]}) order by id`).toEqual([
			{ id: 1, body: 'ақ' },
			{ id: 2, body: 'два' }
		]);
		// A constraint error is PostgreSQL's own error, and the session goes on.
		await expect(sql`insert into notes values (1, 'again')`).rejects.toMatchObject({ code: '23505' });
		expect((await sql`select count(*)::int as n from notes`)[0]!.n).toBe(2);
		await sql.end();
	});

	it('answers an SSL request with "no" so a client that prefers SSL still connects', async () => {
		const sql = connect(db, { ssl: 'prefer' });
		expect((await sql`select 41 + 1 as n`)[0]!.n).toBe(42);
		await sql.end();
	});

	it('rolls back what a client that vanished mid-transaction left open, and gives the next a clean session', async () => {
		const c = raw(db);
		c.socket.write(startup());
		await c.received((b) => readyCount(b) >= 1);
		c.socket.write(query("set application_name = 'leaky'"));
		await c.received((b) => readyCount(b) >= 2);
		c.socket.write(query("begin; insert into notes values (10, 'never committed')"));
		await c.received((b) => readyCount(b) >= 3);
		c.socket.destroy();

		const sql = connect(db);
		expect(await sql`select id from notes where id = 10`).toEqual([]);
		expect((await sql`select current_setting('application_name') as a`)[0]!.a).not.toBe('leaky');
		await sql`insert into notes values (10, 'committed now')`; // not blocked by a stale transaction
		await sql.end();
	});

	it('serves one session at a time: a second connection waits for the first to end', async () => {
		const first = connect(db);
		const second = connect(db);
		let secondDone = false;
		await first.begin(async (tx) => {
			await tx`insert into notes values (20, 'first')`;
			const waiting = second`select body from notes where id = 20`.then((rows) => ((secondDone = true), rows));
			await new Promise((r) => setTimeout(r, 150));
			expect(secondDone).toBe(false);
			void waiting;
		});
		await first.end();
		const rows = await second`select body from notes where id = 20`;
		expect(secondDone).toBe(true);
		expect(rows).toEqual([{ body: 'first' }]);
		await second.end();
	});

	it('drops a connection that does not speak the protocol, and keeps serving others', async () => {
		const c = raw(db);
		c.socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
		await c.received(() => false); // resolves when the server closes it
		expect(c.socket.destroyed).toBe(true);

		const bad = raw(db);
		bad.socket.write(startup());
		await bad.received((b) => readyCount(b) >= 1);
		const corrupt = Buffer.from([0x51, 0, 0, 0, 1]); // 'Q' with a length below its own 4 bytes
		bad.socket.write(corrupt);
		await bad.received(() => false);
		expect(bad.socket.destroyed).toBe(true);

		const sql = connect(db);
		expect((await sql`select count(*)::int as n from notes where id in (1, 2)`)[0]!.n).toBe(2);
		await sql.end();
	});

	it('keeps what was committed across a clean close and a new start on the same files', async () => {
		const sql = connect(db);
		await sql`insert into notes values (30, 'durable')`;
		await sql.end();
		await db.close();
		db = await startEmbeddedPostgres(join(dir, 'data'));
		const again = connect(db);
		expect(await again`select body from notes where id in (10, 30) order by id`).toEqual([
			{ body: 'committed now' },
			{ body: 'durable' }
		]);
		await again.end();
	});
});

describe('createDb without a URL', () => {
	it('migrates the embedded database and returns a working drizzle handle on it', async () => {
		const handle = await createDb({ dataDir: 'memory://' });
		expect(handle.driver).toBe('pglite');
		const [org] = await handle.db
			.insert(organisations)
			.values({ bin: '000740001307', name: 'Test', legalAddress: 'Astana', city: 'Astana' })
			.returning();
		expect(org!.bin).toBe('000740001307');
		await handle.close();
		await handle.close(); // twice is harmless
	});
});
