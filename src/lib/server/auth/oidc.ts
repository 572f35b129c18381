/**
 * Single sign-on through the Committee's OpenID Connect provider (openid-client): the authorization
 * code flow with PKCE (S256), `state` and `nonce`, the ID token's signature, issuer, audience, expiry
 * and nonce checked by openid-client. The directory's claims decide the Merzim roles (OIDC_ROLE_MAP)
 * and unit at every sign-in; an unknown person gets an account only with OIDC_JIT_PROVISIONING.
 * The provider is responsible for the second factor of these sign-ins.
 */
import * as client from 'openid-client';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { OidcConfig } from '../config';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { ROLES, type Role } from '../../domain/access/roles';
import type { Clock } from '../clock';
import { appendAuditEvent } from '../audit/audit.repository';
import type { SessionService } from './session.service';
import type { UserService } from '../users/users.service';

/** What the browser keeps between leaving for the provider and coming back (an HttpOnly cookie). */
export interface PendingSignIn {
	state: string;
	nonce: string;
	verifier: string;
	next: string;
}

/**
 * A sign-in the directory's answer does not allow. `code` is what the client gets (with the
 * catalogue's text for it, `err_<code>`, in the caller's language); `message` names the details
 * (the user, the library's reason) and goes to the log only.
 */
export class SsoRefused extends Error {
	override readonly name = 'SsoRefused';
	constructor(
		readonly code: SsoRefusalCode,
		message: string
	) {
		super(message);
	}
}

export type SsoRefusalCode = 'no-account' | 'disabled' | 'no-role' | 'invalid-response';

/** By name: the service and the route may come from different bundles (see isUserInputError). */
export const isSsoRefused = (e: unknown): e is SsoRefused => e instanceof Error && e.name === 'SsoRefused';

export function createOidc(
	config: OidcConfig,
	deps: { db: Db; clock: Clock; sessions: SessionService; users: UserService }
) {
	for (const role of config.roleMap.values())
		if (!(ROLES as readonly string[]).includes(role))
			throw new Error(`Invalid configuration:\n  OIDC_ROLE_MAP: "${role}" is not a Merzim role`);
	let discovered: Promise<client.Configuration> | null = null;
	const configuration = () =>
		(discovered ??= client
			.discovery(
				new URL(config.issuer),
				config.clientId,
				config.clientSecret,
				undefined,
				// The ID token's signature is checked against the provider's keys even though it comes
				// straight from the token endpoint: a proxy or a compromised network path cannot forge it.
				{
					execute: config.allowHttp
						? [client.enableNonRepudiationChecks, client.allowInsecureRequests]
						: [client.enableNonRepudiationChecks]
				}
			)
			.catch((e: unknown) => {
				discovered = null; // the provider may come back: ask again next time
				throw e;
			}));

	/** Roles from the claim, through the map; values not in the map are ignored. */
	function rolesOf(claims: Record<string, unknown>): Role[] {
		const raw = claims[config.rolesClaim];
		const values = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/\s+/) : [];
		const mapped = values.map((v) => config.roleMap.get(v)).filter((r): r is Role => !!r);
		return [...new Set(mapped)].sort();
	}

	return {
		async begin(redirectUri: string, next: string): Promise<{ url: URL; pending: PendingSignIn }> {
			const cfg = await configuration();
			const verifier = client.randomPKCECodeVerifier();
			const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), verifier, next };
			const url = client.buildAuthorizationUrl(cfg, {
				redirect_uri: redirectUri,
				scope: 'openid profile',
				response_type: 'code',
				code_challenge: await client.calculatePKCECodeChallenge(verifier),
				code_challenge_method: 'S256',
				state: pending.state,
				nonce: pending.nonce
			});
			return { url, pending };
		},

		/** The provider sent the browser back: exchange the code, check everything, open a session. */
		async complete(
			callbackUrl: URL,
			pending: PendingSignIn,
			meta: { ip: string; userAgent?: string }
		): Promise<{ token: string; expiresAt: Date; userId: number; language: 'kk' | 'ru' | 'en' }> {
			const cfg = await configuration();
			let claims: Record<string, unknown>;
			try {
				const tokens = await client.authorizationCodeGrant(cfg, callbackUrl, {
					pkceCodeVerifier: pending.verifier,
					expectedState: pending.state,
					expectedNonce: pending.nonce,
					idTokenExpected: true
				});
				claims = { ...(tokens.claims() ?? {}) };
			} catch (e) {
				throw new SsoRefused('invalid-response', `The sign-in response was refused: ${(e as Error).message}`);
			}
			const username = String(claims[config.usernameClaim] ?? '').trim();
			if (!/^[a-z0-9][a-z0-9._-]{1,39}$/i.test(username))
				throw new SsoRefused('invalid-response', `The directory sent no usable ${config.usernameClaim}.`);
			const roles = rolesOf(claims);
			const unitClaim = claims[config.unitClaim];
			const unit = typeof unitClaim === 'string' && unitClaim.trim() ? unitClaim.trim().slice(0, 80) : null;
			const actor = { userId: null, label: 'sso' };
			let [user] = await deps.db
				.select()
				.from(users)
				.where(eq(sql`lower(${users.username})`, username.toLowerCase()));
			if (!user) {
				if (!config.jitProvisioning)
					throw new SsoRefused('no-account', `There is no Merzim account for ${username}; an admin must create it.`);
				if (roles.length === 0) throw new SsoRefused('no-role', `The directory gives ${username} no Merzim role.`);
				const id = await deps.users.create(
					{
						username,
						displayName: String(claims.name ?? username).slice(0, 120),
						// Never used: this account signs in through the directory.
						password: randomBytes(32).toString('base64url'),
						roles,
						unit
					},
					actor
				);
				[user] = await deps.db.select().from(users).where(eq(users.id, id));
			}
			if (!user) throw new SsoRefused('no-account', 'The account could not be read.');
			if (user.disabled) throw new SsoRefused('disabled', 'This account is deactivated.');
			if (roles.length === 0) throw new SsoRefused('no-role', `The directory gives ${username} no Merzim role.`);
			const current = (await deps.sessions.loadUser(user.id))?.roles.slice().sort() ?? [];
			if (current.join() !== roles.join()) await deps.users.setRoles(user.id, roles, actor);
			if (unit !== user.unit) {
				await deps.db.transaction(async (tx) => {
					await tx.update(users).set({ unit, updatedAt: deps.clock.now() }).where(eq(users.id, user.id));
					await appendAuditEvent(tx, `user:${user.id}`, {
						type: 'unit-changed',
						actor,
						at: deps.clock.now(),
						before: { unit: user.unit },
						after: { unit }
					});
				});
			}
			const { token, session } = await deps.sessions.create(user.id, {
				kind: 'staff',
				twoFactorVerified: true,
				ip: meta.ip,
				userAgent: meta.userAgent
			});
			await appendAuditEvent(deps.db, `user:${user.id}`, {
				type: 'signed-in',
				actor: { userId: user.id, label: user.username },
				at: deps.clock.now(),
				after: { sessionKind: session.kind, ip: meta.ip, via: 'sso' }
			});
			return { token, expiresAt: session.expiresAt, userId: user.id, language: user.language };
		},

		/** Where to send the browser to end its session at the provider too. */
		async endSessionUrl(postLogoutRedirectUri: string): Promise<URL | null> {
			const cfg = await configuration();
			if (!cfg.serverMetadata().end_session_endpoint) return null;
			return client.buildEndSessionUrl(cfg, {
				client_id: config.clientId,
				post_logout_redirect_uri: postLogoutRedirectUri
			});
		}
	};
}

export type Oidc = ReturnType<typeof createOidc>;

export const encodePending = (p: PendingSignIn): string => Buffer.from(JSON.stringify(p)).toString('base64url');

export function decodePending(value: string | undefined): PendingSignIn | null {
	if (!value) return null;
	try {
		const p = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as PendingSignIn;
		return typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.verifier === 'string'
			? { ...p, next: typeof p.next === 'string' ? p.next : '/' }
			: null;
	} catch {
		return null;
	}
}
