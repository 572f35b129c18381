/**
 * Clocks whose start or length comes from another clock:
 * - the hearing-notice deadline (T10): "no later than 3 WD before the end of the service term"
 *   (001 p.19 para 3; 000 p.13). It is the service term shortened by 3 WD, with the same start
 *   and the same suspensions, so it moves with an MFA suspension exactly as ADR-021 asks (T10).
 * - the extension notice (T19): 3 WD from the moment of the complaint-review extension
 *   (001 p.25 para 2; 000 p.17).
 */
import { cancelled, started } from './clock-events';
import { clockVariant } from './clock-kinds';
import type { ClockEvent, SlaClock } from './clock-types';

const HEARING_NOTICE = clockVariant('hearing-notice');
const EXTENSION_NOTICE = clockVariant('complaint-extension-notice');

const isClosing = (e: ClockEvent): boolean => e.type === 'met' || e.type === 'breached' || e.type === 'cancelled';

/** Merges by time (stable) and drops whatever follows the first closing event. */
function merged(...lists: (readonly ClockEvent[])[]): ClockEvent[] {
	const all = lists.flat().sort((a, b) => a.at.getTime() - b.at.getTime());
	const end = all.findIndex(isClosing);
	return end < 0 ? all : all.slice(0, end + 1);
}

/** The source's closing, as a cancellation of the derived clock (if the derived one is still open). */
function sourceClosed(source: SlaClock): ClockEvent[] {
	const end = source.events.find(isClosing);
	return end ? [cancelled(end.at, `${source.kind} closed (${end.type})`)] : [];
}

/**
 * The hearing-notice clock of a working-day service term. `own` holds its own outcome events
 * (met when the notice was sent, cancelled when no refusal is contemplated).
 */
export function deriveHearingNoticeClock(serviceTerm: SlaClock, own: readonly ClockEvent[] = []): SlaClock {
	if (serviceTerm.kind !== 'service-term' || serviceTerm.unit !== 'working_days') {
		throw new RangeError('the hearing notice is counted back from a working-day service term');
	}
	if (serviceTerm.length < HEARING_NOTICE.length) {
		throw new RangeError(
			`a ${serviceTerm.length}-WD term leaves no room for a notice ${HEARING_NOTICE.length} WD before its end`
		);
	}
	const mirrored = serviceTerm.events.filter(
		(e) => e.type === 'started' || e.type === 'suspended' || e.type === 'resumed'
	);
	return {
		kind: 'hearing-notice',
		unit: 'working_days',
		length: serviceTerm.length - HEARING_NOTICE.length,
		citation: HEARING_NOTICE.citation,
		events: merged(mirrored, own, sourceClosed(serviceTerm))
	};
}

/** The 3-WD notice clock started by a complaint-review extension. */
export function deriveExtensionNoticeClock(review: SlaClock, own: readonly ClockEvent[] = []): SlaClock {
	const ext = review.events.find((e) => e.type === 'extended');
	if (review.kind !== 'complaint-review' || !ext) {
		throw new RangeError('an extension notice needs a complaint-review clock with an extended event');
	}
	return {
		kind: 'complaint-extension-notice',
		unit: EXTENSION_NOTICE.unit,
		length: EXTENSION_NOTICE.length,
		citation: EXTENSION_NOTICE.citation,
		events: merged([started(ext.at)], own)
	};
}
