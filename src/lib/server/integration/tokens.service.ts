/**
 * Bearer tokens for the portal, the MFA and the agencies (ADR-019). A token is `mzt_<id>.<secret>`;
 * only the SHA-256 of the secret is stored, compared in constant time, and each token has a kind
 * (and, for an agency, its agency) that scopes what it may do. Issued and revoked by an admin,
 * audited in the `tokens` stream.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { integrationTokens } from '../db/schema';
import type { Clock } from '../clock';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { newToken, parseToken, secretMatches } from '../auth/token';
import { AGENCY_CODES } from '../../domain/reference/agencies';
import { cleanNames, type LocalNames } from '../../domain/names/local-names';
import { tokenNameSql } from '../users/display-name';
import type { DisplayLocale } from '../../domain/format/display-format';

export type TokenKind = 'portal' | 'mfa' | 'agency';

export interface TokenPrincipal {
	id: string;
	name: string;
	kind: TokenKind;
	agencyCode: string | null;
}

export const NewTokenSchema = z
	.object({
		name: z.string().trim().min(3).max(120),
		kind: z.enum(['portal', 'mfa', 'agency']),
		agencyCode: z.enum(AGENCY_CODES).optional()
	})
	.strict()
	.refine((t) => (t.kind === 'agency') === (t.agencyCode !== undefined), {
		message: 'an agency token names its agency; other tokens name none',
		path: ['agencyCode']
	});

const PREFIX = 'mzt_';
const LAST_USED_RESOLUTION_MS = 60_000;

export function createTokenService(deps: { db: Db; clock: Clock }) {
	const { db, clock } = deps;
	return {
		async issue(
			input: z.infer<typeof NewTokenSchema>,
			actor: Actor,
			/** The label in each language (the demo's tokens; ADR-062), `name` where one is missing. */
			names: LocalNames = {}
		): Promise<{ token: string; principal: TokenPrincipal }> {
			const t = newToken();
			const now = clock.now();
			const principal: TokenPrincipal = {
				id: t.id,
				name: input.name,
				kind: input.kind,
				agencyCode: input.agencyCode ?? null
			};
			await db.transaction(async (tx) => {
				await tx.insert(integrationTokens).values({
					id: t.id,
					name: input.name,
					names: cleanNames(names),
					kind: input.kind,
					agencyCode: input.agencyCode ?? null,
					secretHash: t.secretHash,
					scopes: [input.kind],
					createdBy: actor.userId,
					createdAt: now
				});
				await appendAuditEvent(tx, 'tokens', { type: 'token-issued', actor, at: now, after: principal });
			});
			return { token: `${PREFIX}${t.token}`, principal };
		},

		/** Every token; `label` is its name for a reader of `locale` (ADR-062). */
		async list(locale: DisplayLocale = 'en') {
			return db
				.select({
					id: integrationTokens.id,
					name: integrationTokens.name,
					label: tokenNameSql(locale),
					kind: integrationTokens.kind,
					agencyCode: integrationTokens.agencyCode,
					createdAt: integrationTokens.createdAt,
					revokedAt: integrationTokens.revokedAt,
					lastUsedAt: integrationTokens.lastUsedAt
				})
				.from(integrationTokens)
				.orderBy(desc(integrationTokens.createdAt));
		},

		async revoke(id: string, actor: Actor): Promise<boolean> {
			const now = clock.now();
			return db.transaction(async (tx) => {
				const [row] = await tx
					.update(integrationTokens)
					.set({ revokedAt: now })
					.where(and(eq(integrationTokens.id, id), isNull(integrationTokens.revokedAt)))
					.returning({ id: integrationTokens.id });
				if (row) await appendAuditEvent(tx, 'tokens', { type: 'token-revoked', actor, at: now, before: { id } });
				return !!row;
			});
		},

		/** The principal of an `Authorization: Bearer mzt_…` header, or null. */
		async authenticate(header: string | null): Promise<TokenPrincipal | null> {
			const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
			if (!m || !m[1]!.startsWith(PREFIX)) return null;
			const parts = parseToken(m[1]!.slice(PREFIX.length));
			if (!parts) return null;
			const { id, secret } = parts;
			const [row] = await db.select().from(integrationTokens).where(eq(integrationTokens.id, id));
			if (!row || row.revokedAt || !secretMatches(secret, row.secretHash)) return null;
			const now = clock.now();
			if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
				await db.update(integrationTokens).set({ lastUsedAt: now }).where(eq(integrationTokens.id, id));
			}
			return { id: row.id, name: row.name, kind: row.kind, agencyCode: row.agencyCode };
		}
	};
}

export type TokenService = ReturnType<typeof createTokenService>;
