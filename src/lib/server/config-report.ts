/**
 * `--check-config`: the effective configuration as the server would run with it, secrets replaced
 * (a password inside a URL, tokens, client secrets), so it can be pasted into a ticket.
 */
import type { AppConfig } from './config';

const SECRET = '[secret]';

/** A URL with its password (and any `password=` parameter) hidden; a non-URL string unchanged. */
export function withoutPassword(url: string | undefined): string | undefined {
	if (!url) return url;
	try {
		const u = new URL(url);
		if (u.password) u.password = 'xxxxx';
		for (const k of [...u.searchParams.keys()]) if (/pass|secret|token/i.test(k)) u.searchParams.set(k, 'xxxxx');
		return u.toString().replace(/:xxxxx@/, `:${SECRET}@`);
	} catch {
		return SECRET;
	}
}

export function describeConfig(config: AppConfig): Record<string, unknown> {
	return {
		database: config.databaseUrl ? withoutPassword(config.databaseUrl) : `embedded PGlite in ${config.dataDir}/pglite`,
		dataDir: config.dataDir,
		origin: config.origin ?? '(from each request)',
		listen: `${config.host}:${config.port}`,
		production: config.production,
		clock: config.clock,
		session: {
			idleMinutes: config.session.idleMs / 60_000,
			maxHours: config.session.maxMs / 3_600_000,
			kioskHours: config.session.kioskMs / 3_600_000
		},
		login: {
			maxFailuresPerAccount: config.login.maxFailuresPerAccount,
			maxFailuresPerIp: config.login.maxFailuresPerIp,
			lockoutMinutes: config.login.lockoutMs / 60_000
		},
		redis: config.redisUrl ? withoutPassword(config.redisUrl) : '(none: one process)',
		redisPrefix: config.redisPrefix ?? '(derived from the database)',
		logLevel: config.logLevel,
		metrics: {
			port: config.metricsPort ?? '(no separate port)',
			mainPortToken: config.metricsToken ? SECRET : '(not set: /metrics not served on the main port)'
		},
		sso: config.oidc
			? {
					issuer: config.oidc.issuer,
					clientId: config.oidc.clientId,
					clientSecret: SECRET,
					roleMap: Object.fromEntries(config.oidc.roleMap),
					claims: { roles: config.oidc.rolesClaim, unit: config.oidc.unitClaim, username: config.oidc.usernameClaim },
					jitProvisioning: config.oidc.jitProvisioning
				}
			: '(off)',
		localPasswordDisabledRoles: config.localPasswordDisabledRoles,
		shutdownGraceSeconds: config.shutdownGraceMs / 1000,
		lagLogSeconds: config.lagLogMs / 1000,
		housekeepingRetentionHours: config.retentionMs / 3_600_000,
		email: config.smtp ? { smtp: withoutPassword(config.smtp.url), from: config.smtp.from } : '(off)',
		signing: describeSigning(config.signing)
	};
}

/** The trust anchors by subject and validity, and where revocation is asked (ADR-080, ADR-081). */
function describeSigning(s: AppConfig['signing']) {
	return {
		trustAnchors: s.anchors.length
			? s.anchors.map((a) => ({ subject: a.subject, notAfter: a.notAfter.toISOString() }))
			: s.demoAnchors
				? '(none configured: the demo CA of the demo seed, demo mode only)'
				: '(none configured: every signature is refused)',
		trustAnchorsFile: s.anchorsFile ?? '(SIGNING_TRUST_ANCHORS not set)',
		ocspUrl: s.ocspUrl ?? '(from each certificate)',
		revocationTimeoutMs: s.revocationTimeoutMs
	};
}
