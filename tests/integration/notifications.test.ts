/**
 * Notifications (ADR-060, ADR-061) on a real database (PGlite, or PostgreSQL with DATABASE_URL) with
 * a real SMTP server: an assignment sends one e-mail in the recipient's language, once; a kind
 * turned off sends none; an absent officer's notifications go to the substitute; a socket hears
 * only its own user's notifications. A process killed mid-send: notify-mail-crash.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { startSmtpPeer, type ReceivedMail } from '../helpers/smtp-peer';
import { createSchedulerActors, registerImportApplication, type SchedulerActors } from '../helpers/scheduler-cases';
import { HttpClient } from '../helpers/http-client';
import { untranslatedWords } from '../helpers/latin-words';
import { absences, cases, notificationEmails } from '../../src/lib/server/db/schema';
import type { ClientToServerEvents, NotificationPush, ServerToClientEvents } from '../../src/lib/realtime/contract';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let actors: SchedulerActors;
const ids: Record<string, number> = {};
const open: Socket[] = [];
let seq = 0;

beforeAll(async () => {
	smtp = await startSmtpPeer();
	app = await startTestApp(
		{ SMTP_URL: smtp.url, SMTP_FROM: 'merzim@example.kz' },
		{},
		{ mail: { leaseMs: 400, maxSleepMs: 100 } }
	);
	actors = await createSchedulerActors(app.ctx);
	for (const [name, language] of [
		['olga', 'ru'],
		['aidos', 'kk'],
		['erlan', 'kk'],
		['sub', 'en']
	] as const) {
		ids[name] = await app.createUser(name, ['officer']);
		await app.ctx.users.setOwnSettings(
			ids[name]!,
			{ language, email: `${name}@example.kz` },
			{ userId: null, label: 'test' }
		);
	}
}, 120_000);

afterAll(async () => {
	for (const s of open) s.disconnect();
	await app?.close();
	await smtp?.close();
});

async function newCase(): Promise<{ id: string; number: string }> {
	const id = await registerImportApplication(app.ctx, actors, `ext-notify-${++seq}`, app.clock.now());
	const [c] = await app.ctx.db.select({ number: cases.number }).from(cases).where(eq(cases.id, id));
	return { id, number: c!.number };
}

const assign = (caseId: string, username: string) =>
	app.ctx.cases.staffAction(caseId, 'assign', { username }, actors.head, null);

async function until<T>(what: () => T | undefined | null | false, ms = 10_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = what();
		if (v) return v;
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
}

const mailsTo = (name: string): ReceivedMail[] => smtp.mails.filter((m) => m.to.includes(`${name}@example.kz`));

describe('e-mail', () => {
	it('an assignment sends one e-mail in the recipient language, once', async () => {
		const c = await newCase();
		await assign(c.id, 'olga');
		const [mail] = await until(() => (mailsTo('olga').length ? mailsTo('olga') : null));
		expect(mail!.subject).toBe(`Мерзім: Дело ${c.number} назначено вам`);
		expect(mail!.text).toContain(`/cases/${c.id}`);
		// The body in her language too, every word of it but the link (ADR-059, ADR-078).
		expect(mail!.text).toContain(`Дело ${c.number} назначено вам`);
		expect(mail!.text).toContain('Открыть дело:');
		expect(mail!.text).toContain('Уведомления настраиваются на странице учётной записи.');
		expect(untranslatedWords(mail!.text.replace(/https?:\/\/\S+/g, ''))).toEqual([]);
		// No goods, codes or applicant in the e-mail: only the number and the link.
		expect(mail!.text).not.toMatch(/5А002|8526910000|Crypto|Планировщик/);
		await new Promise((r) => setTimeout(r, 1_000));
		expect(mailsTo('olga')).toHaveLength(1);
		const [sent] = await app.ctx.db.select().from(notificationEmails).where(eq(notificationEmails.caseId, c.id));
		expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
		expect(mail!.messageId).toBe(sent!.messageId);
	});

	it('sends nothing by e-mail for a kind turned off, and still shows it in the app', async () => {
		await app.ctx.notifications.setPreferences(ids.aidos!, [{ kind: 'assigned', channel: 'email', enabled: false }]);
		const off = await newCase();
		await assign(off.id, 'aidos');
		// A later e-mail to someone else arrives: the worker has passed the first one by then.
		const later = await newCase();
		await assign(later.id, 'erlan');
		const [mail] = await until(() => (mailsTo('erlan').length ? mailsTo('erlan') : null));
		expect(mail!.subject).toBe(`Мерзім: ${later.number} ісі сізге тағайындалды`);
		expect(mail!.text).toContain('Істі ашу:');
		expect(untranslatedWords(mail!.text.replace(/https?:\/\/\S+/g, ''))).toEqual([]);
		expect(mailsTo('aidos')).toHaveLength(0);
		const inApp = await app.ctx.notifications.list(ids.aidos!, 'kk');
		expect(inApp.items.map((n) => [n.kind, n.caseNumber])).toEqual([['assigned', off.number]]);
	});
});

describe('substitutes', () => {
	it('while an officer is away, the substitute gets the notification, for the absent colleague', async () => {
		const now = app.clock.now();
		await app.ctx.db.insert(absences).values({
			userId: ids.erlan!,
			substituteId: ids.sub!,
			startsAt: new Date(now.getTime() - 60_000),
			endsAt: new Date(now.getTime() + 86_400_000),
			createdAt: now
		});
		const c = await newCase();
		const before = mailsTo('erlan').length;
		await assign(c.id, 'erlan');
		const [mail] = await until(() => (mailsTo('sub').length ? mailsTo('sub') : null));
		expect(mail!.subject).toBe(`Merzim: Case ${c.number} was assigned to you`);
		expect(mail!.text).toContain('For erlan (away)');
		const list = await app.ctx.notifications.list(ids.sub!, 'en');
		expect(list.items[0]).toMatchObject({ kind: 'assigned', caseNumber: c.number, onBehalfOf: 'erlan' });
		await new Promise((r) => setTimeout(r, 500));
		expect(mailsTo('erlan')).toHaveLength(before);
		expect((await app.ctx.notifications.list(ids.erlan!, 'kk')).items.map((n) => n.caseNumber)).not.toContain(c.number);
	});
});

describe('live', () => {
	function socketOf(cookie: string): Socket<ServerToClientEvents, ClientToServerEvents> {
		const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(app.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie, origin: app.url },
			reconnection: false,
			forceNew: true
		});
		open.push(s);
		return s;
	}

	it('pushes a notification to its recipient only, with the unread count', async () => {
		const sockets = [];
		for (const [name, ip] of [
			['olga', '10.9.0.1'],
			['aidos', '10.9.0.2']
		] as const) {
			const c = new HttpClient(app.url, ip);
			expect((await c.signIn(name, TEST_PASSWORD)).status).toBe(201);
			// The pages' language (the socket's): a push's text is in what the user is reading.
			const s = socketOf(`${c.cookieHeader()}; PARAGLIDE_LOCALE=ru`);
			await new Promise((ok, fail) => {
				s.once('session:welcomed', ok);
				s.once('connect_error', fail);
			});
			sockets.push(s);
		}
		const [olga, aidos] = sockets as [
			Socket<ServerToClientEvents, ClientToServerEvents>,
			Socket<ServerToClientEvents, ClientToServerEvents>
		];
		const heardByAidos: NotificationPush[] = [];
		aidos.on('notification:created', (n) => heardByAidos.push(n));
		const got = new Promise<NotificationPush>((r) => olga.once('notification:created', r));
		const c = await newCase();
		await assign(c.id, 'olga');
		const n = await got;
		expect(n).toMatchObject({ kind: 'assigned', caseId: c.id, text: `Дело ${c.number} назначено вам` });
		expect(n.unread).toBe(await app.ctx.notifications.unreadCount(ids.olga!));
		await new Promise((r) => setTimeout(r, 500));
		expect(heardByAidos).toEqual([]);
	});
});
