/**
 * Recovery codes: ten one-time codes shown once when a user enrols an authenticator, for the day the
 * phone is lost. Stored as SHA-256 only; a code is spent by the update that marks it used, so two
 * requests racing with the same code cannot both succeed.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { recoveryCodes } from '../db/schema';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const FORMAT = /^[a-z2-9]{5}-[a-z2-9]{5}$/;

function newCode(): string {
	const c = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
	return `${c.slice(0, 5)}-${c.slice(5)}`;
}

const hash = (code: string) => createHash('sha256').update(code).digest('hex');

/** Typed by a person: case and spaces do not matter, the dash may be left out. */
export function normaliseRecoveryCode(input: string): string | null {
	const s = input.toLowerCase().replace(/\s+/g, '');
	const code = s.includes('-') ? s : `${s.slice(0, 5)}-${s.slice(5)}`;
	return FORMAT.test(code) ? code : null;
}

/** Replaces any earlier codes of the user with ten new ones and returns them, once. */
export async function issueRecoveryCodes(tx: Executor, userId: number, actor: Actor, now: Date): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
	await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hash(c), createdAt: now })));
	await appendAuditEvent(tx, `user:${userId}`, {
		type: 'recovery-codes-issued',
		actor,
		at: now,
		after: { count: RECOVERY_CODE_COUNT }
	});
	return codes;
}

/** Spends one unused code of the user; false when it is unknown or already used. Audited with what is left. */
export async function useRecoveryCode(
	tx: Executor,
	userId: number,
	input: string,
	actor: Actor,
	now: Date
): Promise<boolean> {
	const code = normaliseRecoveryCode(input);
	if (!code) return false;
	const spent = await tx
		.update(recoveryCodes)
		.set({ usedAt: now })
		.where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hash(code)), isNull(recoveryCodes.usedAt)))
		.returning({ userId: recoveryCodes.userId });
	if (spent.length === 0) return false;
	const [left] = await tx
		.select({ n: count() })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
	await appendAuditEvent(tx, `user:${userId}`, {
		type: 'recovery-code-used',
		actor,
		at: now,
		after: { remaining: left?.n ?? 0 }
	});
	return true;
}

export async function clearRecoveryCodes(tx: Executor, userId: number): Promise<void> {
	await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
