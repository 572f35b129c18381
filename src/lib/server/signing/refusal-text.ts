/**
 * The refusals of ADR-080/081 in the reader's language: a revoked certificate (with the date, the
 * reason and who said so), one that does not chain to a trust anchor, and a status nobody could
 * tell. Other signing refusals keep their own text.
 */
import { m } from '../../paraglide/messages';
import { formatDateTime, type DisplayLocale } from '../../domain/format/display-format';
import { CRL_REASONS } from './revocation';

type Options = { locale: DisplayLocale };

const REASONS: Record<string, (i: Record<string, never>, o: Options) => string> = {
	unspecified: m.trust_reason_unspecified,
	keyCompromise: m.trust_reason_key_compromise,
	cACompromise: m.trust_reason_ca_compromise,
	affiliationChanged: m.trust_reason_affiliation_changed,
	superseded: m.trust_reason_superseded,
	cessationOfOperation: m.trust_reason_cessation_of_operation,
	certificateHold: m.trust_reason_certificate_hold,
	removeFromCRL: m.trust_reason_unspecified,
	privilegeWithdrawn: m.trust_reason_privilege_withdrawn,
	aACompromise: m.trust_reason_ca_compromise,
	unused: m.trust_reason_unspecified
};

/** A CRLReason name in words; the admin's own free-text reason as written; none said. */
export function reasonText(reason: unknown, locale: DisplayLocale): string {
	if (typeof reason !== 'string' || !reason) return m.trust_reason_none({}, { locale });
	const known = (CRL_REASONS as readonly string[]).includes(reason) ? REASONS[reason] : undefined;
	return known ? known({}, { locale }) : reason;
}

const SOURCES = { ocsp: m.trust_source_ocsp, crl: m.trust_source_crl, admin: m.trust_source_admin } as const;

/** The refusal's sentence, or null for a code this module does not speak for. */
export function refusalText(code: string, details: Record<string, unknown>, locale: DisplayLocale): string | null {
	const o = { locale };
	switch (code) {
		case 'certificate-revoked': {
			const source = SOURCES[details.source as keyof typeof SOURCES] ?? SOURCES.admin;
			return m.trust_refused_revoked(
				{
					date: formatDateTime(String(details.revokedAt), locale),
					reason: reasonText(details.reason, locale),
					source: source({}, o)
				},
				o
			);
		}
		case 'untrusted-certificate':
			return m.trust_refused_untrusted({}, o);
		case 'revocation-unavailable':
			return Array.isArray(details.attempts) && details.attempts.length
				? m.trust_refused_unavailable({}, o)
				: m.trust_refused_no_source({}, o);
		default:
			return null;
	}
}
