/**
 * The application's services, built once per process from the validated config. The production
 * server (`server/index.ts`) builds it before loading SvelteKit's handler and publishes it on a
 * global symbol; SvelteKit's hooks pick it up from there, so both halves share one database
 * connection (essential for PGlite, which must be opened once per data directory). Under `vite dev`
 * the first request builds it lazily.
 */
import { resolve } from 'node:path';
import type { AppConfig } from './config';
import { createDb, type DbHandle } from './db/client';
import { ManualClock, systemClock, type Clock } from './clock';
import { createSessionService } from './auth/session.service';
import { createLoginThrottle } from './auth/login-throttle';
import { createLoginService } from './auth/login.service';
import { createKnownDevices } from './auth/known-devices';
import { loggableError } from './loggable-error';
import { createUserService } from './users/users.service';
import { createAccountChanges } from './auth/account-changes';
import { ensureReferenceData } from './db/reference-data';
import { createCalendarService } from './calendar/calendar.service';
import { withCommitSignal } from './db/commit-signal';
import { createTokenService } from './integration/tokens.service';
import { createCaseActions } from './cases/case-actions.service';
import { createDeadlineScheduler, type SchedulerOptions } from './scheduler/deadline-scheduler';
import { createDeviceRetention } from './devices/device-retention';
import { createDeviceListReminder } from './devices/device-list-reminder';
import { createDraftingService, type DraftingOptions } from './drafting/drafting.service';
import { createSecretBox, loadWebhookKey } from './webhooks/secret-box';
import { createWebhookWorker, type WebhookWorkerOptions } from './webhooks/delivery-worker';
import { createWebhookService } from './webhooks/webhooks.service';
import { createDocumentsService } from './documents/documents.service';
import { createTrust } from './signing/trust';
import { createRevocationChecker } from './signing/revocation';
import { createOidc } from './auth/oidc';
import { createUserAdmin } from './users/user-admin.service';
import { log } from './observability/logger';
import { createMailWorker } from './notifications/mail-worker';
import { createSmtpTransport } from './notifications/smtp-transport';
import { createNotificationService } from './notifications/notifications.service';
import { createAbsenceService } from './notifications/absences.service';
import { createAttachmentsService } from './attachments/attachments.service';
import { createFileBlobStore } from './attachments/blob-store';

export async function createAppContext(
	config: AppConfig,
	opts: {
		clock?: Clock;
		dbHandle?: DbHandle;
		drafting?: DraftingOptions;
		scheduler?: Omit<SchedulerOptions, 'onError'>;
		webhooks?: Omit<WebhookWorkerOptions, 'onError'>;
		/** Tests: options of the notification e-mail worker (the lease, the longest sleep). */
		mail?: { leaseMs?: number; maxSleepMs?: number };
	} = {}
) {
	const clock = opts.clock ?? (config.clock === 'simulated' ? new ManualClock(new Date()) : systemClock);
	const dbHandle =
		opts.dbHandle ?? (await createDb({ url: config.databaseUrl, dataDir: resolve(config.dataDir, 'pglite') }));
	const { db } = dbHandle;
	const onCommit = withCommitSignal(db);
	await ensureReferenceData(db);
	// Sessions, sign-in throttling and second-factor codes run on real time even when the training
	// clock is simulated: moving that clock must not sign anyone out or unlock a throttle. Tests inject
	// one clock for both.
	const realClock = opts.clock ?? systemClock;
	// Rights change (roles, status, sign-out): the socket server re-decides what its sockets may do.
	const accountChanges = createAccountChanges();
	const sessions = createSessionService(db, config.session, realClock, (sessionIds) =>
		accountChanges.notify({ kind: 'sessions', sessionIds })
	);
	const throttle = createLoginThrottle(db, config.login, realClock);
	const users = createUserService({
		db,
		clock,
		onRightsChanged: (userId) => accountChanges.notify({ kind: 'user', userId })
	});
	// A calendar change moves open deadlines: the scheduler re-plans its sleep (case events wake it through the outbox).
	const calendar = createCalendarService({ db, clock, onChanged: () => scheduler.wake() });
	const scheduler = createDeadlineScheduler(
		{ db, clock, calendar },
		{
			afterClaim: pauseAfterClaim(config),
			...opts.scheduler,
			onError: (e) => log('scheduler').error({ err: loggableError(e) }, 'scheduler failed')
		}
	);
	// Webhook secrets are sealed with the server's key, read (or made) when first needed.
	const box = createSecretBox(() => loadWebhookKey({ envKey: config.webhookKey, dataDir: resolve(config.dataDir) }));
	const webhookWorker = createWebhookWorker(
		{ db, box, onCommit, singleProcess: dbHandle.driver === 'pglite' },
		{ ...opts.webhooks, onError: (e) => console.error('webhooks:', loggableError(e)) }
	);
	// Notification e-mails (ADR-060): only with SMTP_URL; the outbox fills either way.
	const mailWorker = config.smtp
		? createMailWorker(
				{ db, transport: createSmtpTransport(config.smtp.url), onCommit },
				{
					from: config.smtp.from,
					origin: config.origin ?? `http://localhost:${config.port}`,
					leaseMs: config.smtp.leaseMs,
					...opts.mail,
					onError: (e) => log('mail').error({ err: loggableError(e) }, 'notification e-mail failed')
				}
			)
		: null;
	// Trust anchors and revocation checking of signers' certificates (ADR-080, ADR-081).
	const trust = createTrust({
		db,
		config: config.signing,
		revocation: createRevocationChecker({
			ocspUrl: config.signing.ocspUrl,
			timeoutMs: config.signing.revocationTimeoutMs
		})
	});
	const attachments = createAttachmentsService({
		db,
		clock,
		store: createFileBlobStore(resolve(config.attachments.dir)),
		maxBytes: config.attachments.maxBytes
	});
	return {
		config,
		clock,
		realClock,
		/** Called after each committed transaction of this process (the publisher's nudge). */
		onCommit,
		dbHandle,
		db,
		sessions,
		throttle,
		login: createLoginService({
			db,
			sessions,
			throttle,
			devices: createKnownDevices(db, realClock),
			clock,
			passwordDisabledRoles: config.localPasswordDisabledRoles
		}),
		users,
		/** Deactivation, second-factor reset, own password change (with the last-admin rule in `users`). */
		userAdmin: createUserAdmin({ db, clock, sessions, users }),
		/** Single sign-on, when OIDC_ISSUER is set. */
		oidc: config.oidc ? createOidc(config.oidc, { db, clock: realClock, sessions, users }) : null,
		accountChanges,
		calendar,
		tokens: createTokenService({ db, clock }),
		cases: createCaseActions({ db, clock, calendar }),
		/** Started by the server (server/app.ts); `tick()` fires what is due now. */
		scheduler,
		/** Destroys device data past their retention (004 P 16); started by the server with the scheduler. */
		deviceRetention: createDeviceRetention({ db, clock, calendar, attachments }),
		/** The monthly device list's reminder (004 P 11, ADR-093); started by the server with the scheduler. */
		deviceListReminder: createDeviceListReminder({ db, clock, calendar }),
		drafting: createDraftingService({ db, clock }, opts.drafting),
		webhooks: createWebhookService({
			db,
			clock,
			box,
			onChanged: (id) => {
				webhookWorker.forget(id);
				webhookWorker.wake();
			}
		}),
		/** Started with the scheduler (server/app.ts): sends the webhook outbox. */
		webhookWorker,
		/** Started with the scheduler (server/app.ts) when SMTP_URL is set: sends notification e-mails. */
		mailWorker,
		notifications: createNotificationService({ db }),
		/** Out-of-office periods and substitutes (ADR-061). */
		absences: createAbsenceService({
			db,
			now: () => realClock.now(),
			// The substitute's sockets are re-decided: the absentee's cases come into or leave their hands.
			onSubstituteChanged: (userId) => accountChanges.notify({ kind: 'user', userId })
		}),
		trust,
		documents: createDocumentsService({ db, clock, calendar, trust }),
		/** Files on a case, content-addressed on disk (ADR-056); the server sweeps orphans at start. */
		attachments
	};
}

/**
 * The test hook of MERZIM_TEST_PAUSE_AFTER_CLAIM_MS (refused in production by `loadConfig`): say on
 * stdout which clock was claimed, then hold the firing's transaction open, so a test can SIGKILL the
 * process between the claim and the commit. Without the variable there is no hook at all.
 */
function pauseAfterClaim(config: AppConfig): SchedulerOptions['afterClaim'] {
	const ms = config.testPauseAfterClaimMs;
	if (ms === undefined || config.production) return undefined;
	return async (c) => {
		console.log(`scheduler: claimed the ${c.what} of clock ${c.id}, pausing ${ms} ms before the commit`);
		await new Promise((r) => setTimeout(r, ms));
	};
}

export type AppContext = Awaited<ReturnType<typeof createAppContext>>;

const KEY = Symbol.for('merzim.app-context');
type Holder = { [KEY]?: Promise<AppContext> };

export function publishAppContext(ctx: AppContext | Promise<AppContext>): void {
	(globalThis as Holder)[KEY] = Promise.resolve(ctx);
}

/** The published context; builds one from `fallback` when nothing was published (vite dev). */
export function getAppContext(fallback?: () => Promise<AppContext>): Promise<AppContext> {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		if (!fallback) throw new Error('Merzim context was not initialised');
		holder[KEY] = fallback();
	}
	return holder[KEY];
}
