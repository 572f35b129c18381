/**
 * Configuration, read once from the environment and validated: a wrong value stops the server at
 * start with a message naming the variable, instead of surfacing later as odd behaviour.
 */
import { z } from 'zod';
import { loadAnchorBundle, type ConfiguredAnchor } from './signing/anchor-bundle';

const minutes = (def: number) => z.coerce.number().int().positive().default(def);

const EnvSchema = z.object({
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	MERZIM_DATA_DIR: z.string().default('./data'),
	/** Where attachment files are kept (ADR-056); by default `<MERZIM_DATA_DIR>/attachments`. */
	MERZIM_ATTACHMENTS_DIR: z.string().min(1).optional(),
	/** The largest attachment accepted, in bytes (25 MiB by default). */
	MERZIM_ATTACHMENT_MAX_BYTES: z.coerce
		.number()
		.int()
		.positive()
		.default(25 * 1024 * 1024),
	ORIGIN: z.string().url().optional(),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	NODE_ENV: z.string().optional(),
	SESSION_IDLE_MINUTES: minutes(30),
	SESSION_MAX_HOURS: minutes(12),
	KIOSK_SESSION_HOURS: minutes(12),
	LOGIN_MAX_FAILURES_PER_ACCOUNT: minutes(5),
	LOGIN_MAX_FAILURES_PER_IP: minutes(20),
	LOGIN_LOCKOUT_MINUTES: minutes(15),
	MERZIM_CLOCK: z.enum(['real', 'simulated']).default('real'),
	REDIS_URL: z.string().optional(),
	// Channel names only: letters, digits and `:_.-`.
	REDIS_PREFIX: z
		.string()
		.regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'letters, digits and :_.- only, at most 100')
		.optional(),
	/** 32 bytes (64 hex digits or base64) sealing the webhook signing secrets (ADR-037). */
	MERZIM_WEBHOOK_KEY: z.string().optional(),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	/** A second port serving only `/metrics` (no token): keep it off the public network. */
	METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
	/** Bearer token for `/metrics` on the main port (without it the main port does not serve metrics). */
	METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
	SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(20),
	/** How often each process writes its outbox lag to the log. */
	LAG_LOG_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
	/** How long idempotency keys and other bookkeeping rows are kept (housekeeping). */
	HOUSEKEEPING_RETENTION_HOURS: z.coerce.number().int().positive().default(24),
	/** Single sign-on (OpenID Connect): the issuer's URL; without it only local passwords. */
	OIDC_ISSUER: z.string().url().optional(),
	OIDC_CLIENT_ID: z.string().min(1).optional(),
	OIDC_CLIENT_SECRET: z.string().min(1).optional(),
	/** Claim holding the user's groups or roles (an array or a space-separated string). */
	OIDC_ROLES_CLAIM: z.string().default('roles'),
	/** `idp-value=merzim-role` pairs, comma-separated; a value without a pair is ignored. */
	OIDC_ROLE_MAP: z.string().default(''),
	OIDC_UNIT_CLAIM: z.string().default('department'),
	OIDC_USERNAME_CLAIM: z.string().default('preferred_username'),
	/** Create a Merzim account at the first sign-in of someone the directory knows (off by default). */
	OIDC_JIT_PROVISIONING: z.enum(['true', 'false']).default('false'),
	/** Roles that may not sign in with a local password (they use single sign-on), comma-separated. */
	LOCAL_PASSWORD_DISABLED_ROLES: z.string().default(''),
	/** Tests only: an http:// issuer (refused in production). */
	OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
	/**
	 * Tests only: hold each deadline firing this long after its claim, before its commit, so a test
	 * can kill the process mid-firing (tests/integration/scheduler-kill.test.ts). Refused in production.
	 */
	MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: z.coerce.number().int().positive().optional(),
	/** Notification e-mails (ADR-060): `smtp://user:pass@host:587` or `smtps://…`; none sent when unset. */
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	SMTP_FROM: z.string().email('an e-mail address').default('merzim@localhost'),
	/** A PEM bundle of the CA certificates signers' certificates must chain to (ADR-080). */
	SIGNING_TRUST_ANCHORS: z.string().min(1).optional(),
	/** The OCSP responder asked when a signer's certificate names none (ADR-081). */
	SIGNING_OCSP_URL: z
		.string()
		.url()
		.regex(/^https?:/, 'an http(s) URL')
		.optional(),
	/** How long one OCSP or CRL request may take before the next source is tried (ADR-081). */
	SIGNING_REVOCATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
	/**
	 * How long a claimed notification e-mail is held against the other processes (ADR-060, ADR-086):
	 * a process killed mid-send has its e-mails taken over after this; longer than a slow send.
	 */
	SMTP_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60)
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
	databaseUrl: string | undefined;
	dataDir: string;
	/** Attachment files (ADR-056): their directory and the size limit. */
	attachments: { dir: string; maxBytes: number };
	origin: string | undefined;
	port: number;
	host: string;
	production: boolean;
	session: { idleMs: number; maxMs: number; kioskMs: number };
	login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; lockoutMs: number };
	clock: 'real' | 'simulated';
	redisUrl: string | undefined;
	/** Prefix of this deployment's Redis channels; by default one derived from its database (server/deployment.ts). */
	redisPrefix: string | undefined;
	logLevel: Env['LOG_LEVEL'];
	oidc: OidcConfig | undefined;
	/** Roles whose users sign in only through single sign-on. */
	localPasswordDisabledRoles: string[];
	metricsPort: number | undefined;
	metricsToken: string | undefined;
	shutdownGraceMs: number;
	/** How often the outbox lag is logged (LAG_LOG_SECONDS). */
	lagLogMs: number;
	retentionMs: number;
	/** Tests only (never in production): pause each deadline firing between its claim and its commit. */
	testPauseAfterClaimMs?: number;
	/** The key sealing webhook secrets; without it, `<dataDir>/webhook.key` (made on first use). */
	webhookKey?: string;
	/** Notification e-mails (ADR-060): off when unset. */
	smtp?: { url: string; from: string; leaseMs: number };
	signing: SigningConfig;
}

/** Trust anchors and revocation checking of signers' certificates (ADR-080, ADR-081). */
export interface SigningConfig {
	/** The configured bundle's path and its certificates (empty without `SIGNING_TRUST_ANCHORS`). */
	anchorsFile: string | undefined;
	anchors: ConfiguredAnchor[];
	/**
	 * Demo mode (not production, or production started with `--demo`): without a configured bundle,
	 * the demo CA the demo seed registered is the anchor.
	 */
	demoAnchors: boolean;
	ocspUrl: string | undefined;
	revocationTimeoutMs: number;
}

export interface OidcConfig {
	issuer: string;
	clientId: string;
	clientSecret: string;
	rolesClaim: string;
	/** IdP value → Merzim role. */
	roleMap: Map<string, string>;
	unitClaim: string;
	usernameClaim: string;
	jitProvisioning: boolean;
	allowHttp: boolean;
}

const list = (s: string) =>
	s
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
	const parsed = EnvSchema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const e = parsed.data;
	if (e.NODE_ENV === 'production' && e.MERZIM_TEST_PAUSE_AFTER_CLAIM_MS !== undefined)
		throw new Error('Invalid configuration:\n  MERZIM_TEST_PAUSE_AFTER_CLAIM_MS: a test hook, refused in production');
	if (e.OIDC_ISSUER && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET))
		throw new Error('Invalid configuration:\n  OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: required with OIDC_ISSUER');
	if (e.NODE_ENV === 'production' && e.OIDC_ALLOW_HTTP === 'true')
		throw new Error('Invalid configuration:\n  OIDC_ALLOW_HTTP: a test setting, refused in production');
	const roleMap = new Map<string, string>();
	for (const pair of list(e.OIDC_ROLE_MAP)) {
		const [from, to] = pair.split('=').map((x) => x.trim());
		if (!from || !to) throw new Error(`Invalid configuration:\n  OIDC_ROLE_MAP: "${pair}" is not value=role`);
		roleMap.set(from, to);
	}
	let anchors: ConfiguredAnchor[] = [];
	if (e.SIGNING_TRUST_ANCHORS) {
		try {
			anchors = loadAnchorBundle(e.SIGNING_TRUST_ANCHORS, new Date());
		} catch (err) {
			throw new Error(`Invalid configuration:\n  SIGNING_TRUST_ANCHORS: ${(err as Error).message}`);
		}
	}
	return {
		databaseUrl: e.DATABASE_URL,
		dataDir: e.MERZIM_DATA_DIR,
		attachments: {
			dir: e.MERZIM_ATTACHMENTS_DIR ?? `${e.MERZIM_DATA_DIR.replace(/\/+$/, '')}/attachments`,
			maxBytes: e.MERZIM_ATTACHMENT_MAX_BYTES
		},
		origin: e.ORIGIN,
		port: e.PORT,
		host: e.HOST,
		production: e.NODE_ENV === 'production',
		session: {
			idleMs: e.SESSION_IDLE_MINUTES * 60_000,
			maxMs: e.SESSION_MAX_HOURS * 3_600_000,
			kioskMs: e.KIOSK_SESSION_HOURS * 3_600_000
		},
		login: {
			maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
			maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
			lockoutMs: e.LOGIN_LOCKOUT_MINUTES * 60_000
		},
		clock: e.MERZIM_CLOCK,
		redisUrl: e.REDIS_URL || undefined,
		redisPrefix: e.REDIS_PREFIX || undefined,
		webhookKey: e.MERZIM_WEBHOOK_KEY || undefined,
		logLevel: e.LOG_LEVEL,
		oidc: e.OIDC_ISSUER
			? {
					issuer: e.OIDC_ISSUER,
					clientId: e.OIDC_CLIENT_ID!,
					clientSecret: e.OIDC_CLIENT_SECRET!,
					rolesClaim: e.OIDC_ROLES_CLAIM,
					roleMap,
					unitClaim: e.OIDC_UNIT_CLAIM,
					usernameClaim: e.OIDC_USERNAME_CLAIM,
					jitProvisioning: e.OIDC_JIT_PROVISIONING === 'true',
					allowHttp: e.OIDC_ALLOW_HTTP === 'true'
				}
			: undefined,
		localPasswordDisabledRoles: list(e.LOCAL_PASSWORD_DISABLED_ROLES),
		metricsPort: e.METRICS_PORT,
		metricsToken: e.METRICS_TOKEN || undefined,
		shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
		lagLogMs: e.LAG_LOG_SECONDS * 1000,
		retentionMs: e.HOUSEKEEPING_RETENTION_HOURS * 3_600_000,
		testPauseAfterClaimMs: e.MERZIM_TEST_PAUSE_AFTER_CLAIM_MS,
		smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM, leaseMs: e.SMTP_LEASE_SECONDS * 1000 } : undefined,
		signing: {
			anchorsFile: e.SIGNING_TRUST_ANCHORS,
			anchors,
			demoAnchors: e.NODE_ENV !== 'production',
			ocspUrl: e.SIGNING_OCSP_URL,
			revocationTimeoutMs: e.SIGNING_REVOCATION_TIMEOUT_MS
		}
	};
}
