/**
 * `Merzim-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` — the scheme
 * integrators verify (README "Webhooks"): the timestamp is signed with the body, so a captured
 * delivery cannot be replayed later with a fresh timestamp.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
	const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
	return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: recompute, compare in constant time, refuse a stale timestamp. */
export function verifySignature(
	secret: string,
	body: string,
	header: string | null | undefined,
	nowSeconds: number,
	toleranceSeconds = 300
): boolean {
	const parts = new Map((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
	const t = Number(parts.get('t'));
	const v1 = parts.get('v1') ?? '';
	if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
	const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
	return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
