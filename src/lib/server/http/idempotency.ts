/**
 * `Idempotency-Key` for every write of the integration and staff APIs: the first request with a key
 * runs in a transaction that also stores its response; a retry with the same key and body gets that
 * response again and changes nothing; the same key with another body is refused (422). Keys are per
 * caller. A request that failed (4xx thrown) stored nothing, so its retry runs again.
 */
import { and, eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db, Tx } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { ApiError } from './api-error';
import { fieldProblem } from '../../domain/errors/field-problem';

export interface StoredResponse {
	status: number;
	body: unknown;
}

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

export async function idempotent(
	db: Db,
	o: { caller: string; key: string | null; fingerprint: string; now: Date },
	run: (tx: Tx) => Promise<StoredResponse>
): Promise<StoredResponse & { replayed: boolean }> {
	if (o.key === null) return { ...(await db.transaction(run)), replayed: false };
	if (!KEY_RE.test(o.key)) throw new ApiError(400, 'Idempotency-Key must be 1–200 visible ASCII characters.');
	const requestHash = encodeHexLowerCase(sha256(new TextEncoder().encode(o.fingerprint)));
	const stored = async () => {
		const [row] = await db
			.select()
			.from(idempotencyKeys)
			.where(and(eq(idempotencyKeys.caller, o.caller), eq(idempotencyKeys.key, o.key!)));
		if (!row) return null;
		if (row.requestHash !== requestHash)
			throw new ApiError(422, 'This Idempotency-Key was already used for a different request.', {
				'Idempotency-Key': fieldProblem('idempotency-key-reused', 'reused with another body')
			});
		return { status: row.status, body: row.body, replayed: true };
	};
	const earlier = await stored();
	if (earlier) return earlier;
	try {
		return {
			...(await db.transaction(async (tx) => {
				const response = await run(tx);
				await tx.insert(idempotencyKeys).values({
					caller: o.caller,
					key: o.key!,
					requestHash,
					status: response.status,
					body: response.body as object,
					createdAt: o.now
				});
				return response;
			})),
			replayed: false
		};
	} catch (e) {
		// Two requests with one key at once: the loser's transaction rolled back; answer as the winner.
		if (isUniqueViolation(e)) {
			const winner = await stored();
			if (winner) return winner;
		}
		throw e;
	}
}

function isUniqueViolation(e: unknown): boolean {
	for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause) {
		if ((x as { code?: unknown }).code === '23505') return true;
	}
	return false;
}
