/**
 * The six-month presentation term of the end-user and international import certificates: "within
 * six months of the day this document is signed it shall be presented to the exporting country's
 * authorised state body" (000 Annex 4 form 1 item 12; form 2 item 9). It is the certificate's term,
 * not the desk's: it starts at the head's signature and, when it runs out, its lapse is recorded once
 * and the clock is closed at its due (ADR-065), so it never counts as the Committee's breach.
 */
import { startClock } from '../procedures/case-clocks';
import type { ClockOp } from '../procedures/types';
import { clockVariant, type ClockEvent, type SlaClock } from '../sla';
import type { DocumentKind } from './kinds';

export const PRESENTATION_CLOCK_KIND = 'certificate-presentation' as const;
export const PRESENTATION_CITATION = clockVariant(PRESENTATION_CLOCK_KIND).citation;
/** The case event the scheduler writes when the term runs out. */
export const PRESENTATION_LAPSED_EVENT = 'certificate:presentation-lapsed' as const;

const CERTIFICATES: ReadonlySet<DocumentKind> = new Set(['end-user-certificate', 'import-certificate']);

/** Whether signing a document of this kind starts the presentation term. */
export const startsPresentationTerm = (kind: DocumentKind): boolean => CERTIFICATES.has(kind);

/** The clock a certificate's signature starts (a case issues one certificate; a re-signed version starts a new one). */
export function presentationClockOnSigning(kind: DocumentKind, signedAt: Date): ClockOp | null {
	return startsPresentationTerm(kind) ? startClock(PRESENTATION_CLOCK_KIND, undefined, null, signedAt) : null;
}

/**
 * What the scheduler writes when the term's due has passed: the clock closed at its due ('met':
 * the term ran its course) and the case event's data. Null for any other clock, or one already closed.
 */
export function presentationLapse(
	clock: SlaClock,
	due: Date,
	firedAt: Date
): {
	closing: ClockEvent;
	event: { type: typeof PRESENTATION_LAPSED_EVENT; citation: string; after: Record<string, unknown> };
} | null {
	if (clock.kind !== PRESENTATION_CLOCK_KIND) return null;
	const last = clock.events.at(-1);
	if (!last || last.type === 'met' || last.type === 'cancelled' || last.type === 'breached') return null;
	if (firedAt.getTime() < due.getTime()) return null;
	return {
		closing: { type: 'met', at: due },
		event: {
			type: PRESENTATION_LAPSED_EVENT,
			citation: clock.citation,
			after: { kind: clock.kind, due: due.toISOString(), firedAt: firedAt.toISOString() }
		}
	};
}
