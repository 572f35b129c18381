/**
 * The notification e-mail worker killed with SIGKILL mid-send (ADR-060, ADR-086): the built server
 * (`node dist/server.js`) runs in a child process against a real SMTP server this test starts,
 * which takes the first message's data and answers it only much later. The process is killed while
 * that message is in flight (data in, reply not sent), then started again on the same database:
 * - none is lost: every notification's e-mail reaches the receiver and its row is marked sent;
 * - the one in flight is sent once more at most, with the same Message-ID, which the receiver
 *   drops (at-least-once, deduplicated by Message-ID: the acceptance of ADR-060); every other is
 *   sent exactly once.
 * On PGlite by default, on PostgreSQL with DATABASE_URL (a database of its own, dropped after).
 */
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { createDb } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/server/clock';
import { notificationEmails } from '../../src/lib/server/db/schema';
import { spawnBuiltServer, type WatchedServer } from '../helpers/built-server';
import { createSchedulerActors, registerImportApplication } from '../helpers/scheduler-cases';
import { startSmtpPeer, type SmtpPeer } from '../helpers/smtp-peer';

const adminUrl = process.env.DATABASE_URL ?? '';
const dbName = `merzim_mailkill_${process.pid}`;
const dataDir = mkdtempSync(join(tmpdir(), 'merzim-mailkill-'));
const children: WatchedServer[] = [];
let peer: SmtpPeer | undefined;
const RECIPIENTS = ['olga', 'aidos', 'erlan'] as const;

afterAll(async () => {
	for (const s of children) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
	await peer?.close();
	if (usingPostgres) await dropDatabase(adminUrl, dbName);
	rmSync(dataDir, { recursive: true, force: true });
});

/** A context on the test's database: the seeding side, or a look at the rows after. */
async function open(url: string): Promise<AppContext> {
	const config = loadConfig({ MERZIM_DATA_DIR: dataDir });
	const clock = new ManualClock(new Date());
	return createAppContext(config, { clock, ...(url ? { dbHandle: await createDb({ url, poolSize: 2 }) } : {}) });
}

function spawn(env: Record<string, string>): WatchedServer {
	const s = spawnBuiltServer(env, dataDir);
	children.push(s);
	return s;
}

async function until(what: () => boolean, ms: number, why: string, server?: WatchedServer): Promise<void> {
	const end = Date.now() + ms;
	while (!what()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${why}\n${server?.output() ?? ''}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function outbox(url: string) {
	const ctx = await open(url);
	try {
		return await ctx.db.select().from(notificationEmails).orderBy(notificationEmails.id);
	} finally {
		await ctx.dbHandle.close();
	}
}

it('an e-mail in flight when the process is killed arrives once; none is lost', async () => {
	const url = usingPostgres ? await recreateDatabase(adminUrl, dbName) : '';
	// Three assignments, three e-mails in the outbox, before any server runs (no SMTP here: no worker).
	const seed = await open(url);
	const actors = await createSchedulerActors(seed); // an admin too: the server seeds no demo
	for (const name of RECIPIENTS) {
		const id = await seed.users.create(
			{ username: name, displayName: name, password: 'correct horse battery', roles: ['officer'] },
			{ userId: null, label: 'test' }
		);
		await seed.users.setOwnSettings(
			id,
			{ language: 'en', email: `${name}@example.kz` },
			{ userId: null, label: 'test' }
		);
		const caseId = await registerImportApplication(seed, actors, `ext-mailkill-${name}`, seed.clock.now());
		await seed.cases.staffAction(caseId, 'assign', { username: name }, actors.head, null);
	}
	const queued = await seed.db.select().from(notificationEmails);
	expect(queued.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
	await seed.dbHandle.close(); // one process owns a PGlite directory
	console.log(`mail crash: seeded at ${new Date().toISOString()}`);

	// The first message's reply is held a minute: the sender is killed long before it.
	peer = await startSmtpPeer({ acceptDelayMs: (n) => (n === 0 ? 60_000 : 100) });
	const env = { DATABASE_URL: url, SMTP_URL: peer.url, SMTP_FROM: 'merzim@example.kz', SMTP_LEASE_SECONDS: '2' };
	const a = spawn(env);
	await until(() => peer!.mails.length >= 1, 180_000, 'the first e-mail to reach the peer', a);
	const exited = new Promise((r) => a.child.once('exit', (_code, signal) => r(signal)));
	a.child.kill('SIGKILL');
	expect(await exited).toBe('SIGKILL');
	const inFlight = peer.mails[0]!;
	console.log(`mail crash: killed at ${new Date().toISOString()}`);
	expect(peer.mails).toHaveLength(1); // one at a time: the others were claimed, not sent

	// Killed mid-send: nothing marked sent; the claims of the dead process hold until their lease ends.
	const afterKill = await outbox(url);
	expect(afterKill.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
	expect(afterKill.find((r) => r.messageId === inFlight.messageId)?.leaseOwner).toBeTruthy();

	const b = spawn(env);
	await until(() => peer!.delivered().length === RECIPIENTS.length, 180_000, 'every e-mail delivered', b);
	await new Promise((r) => setTimeout(r, 2_500)); // longer than a lease: a doubled send would show
	await b.stop();

	const rows = await outbox(url);
	expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
	const sentTo = (to: string) => peer!.mails.filter((m) => m.to.includes(to));
	for (const row of rows) {
		const copies = peer.mails.filter((m) => m.messageId === row.messageId);
		// The one in flight at the kill at most once more; every other exactly once.
		expect(copies).toHaveLength(row.messageId === inFlight.messageId ? 2 : 1);
		expect(peer.delivered().filter((m) => m.messageId === row.messageId)).toHaveLength(1);
	}
	// Each recipient's e-mail, delivered once after deduplication, with the text of its kind.
	for (const name of RECIPIENTS) {
		const mine = peer.delivered().filter((m) => m.to.includes(`${name}@example.kz`));
		expect(mine).toHaveLength(1);
		expect(mine[0]!.subject).toMatch(/^Merzim: Case \S+ was assigned to you$/);
		expect(sentTo(`${name}@example.kz`).length).toBeLessThanOrEqual(2);
	}
	const resent = rows.find((r) => r.messageId === inFlight.messageId)!;
	expect(resent.attempts).toBe(1); // the killed attempt was never counted: it never ended
}, 600_000); // seeding and two server boots: minutes on a loaded machine
