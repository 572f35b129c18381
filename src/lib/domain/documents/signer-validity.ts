/**
 * Where a signer's certificate stands at `now`, as the admin's signer page and the signing refusal
 * say it (ADR-034): revoked by the admin (with the reason), not yet valid, expired, or valid — and
 * whether it expires within 30 days, so the admin can ask for a new one in time.
 */
export type SignerValidity = 'valid' | 'expiring' | 'not-yet-valid' | 'expired' | 'revoked';

export const EXPIRY_NOTICE_MS = 30 * 86_400_000;

export function signerValidity(
	k: { notBefore: Date; notAfter: Date; revokedAt: Date | null },
	now: Date
): SignerValidity {
	const t = now.getTime();
	if (k.revokedAt && k.revokedAt.getTime() <= t) return 'revoked';
	if (t < k.notBefore.getTime()) return 'not-yet-valid';
	if (t > k.notAfter.getTime()) return 'expired';
	return k.notAfter.getTime() - t <= EXPIRY_NOTICE_MS ? 'expiring' : 'valid';
}
