/**
 * Who receives which case event, and in what form. Decided on the server from the database (the
 * case's assignee and unit, the event's agency), never from what a client asks for.
 * - supervisors and heads: every event; the wall board: a summary without data;
 * - officers and registrars: their own cases, their unit's, and unassigned ones (the queue tabs);
 * - complaint reviewers: complaint cases; agency liaisons: their own agency's consultations only.
 * What each form carries is the need-to-know rule of src/lib/domain/access/case-audience.ts, the
 * same as for pages and the API: the `restricted` part (basis of a confidential ground, 001 p.19
 * para 5) only to readers of restricted data who have the case in hand.
 */
import { eventForAudience, hasCaseInHand, staffAudience, type Audience } from '../domain/access/case-audience';
import type { CaseEventEnvelope, Viewer } from './contract';
import { mayReadCase } from '../domain/access/confidential-cases';

export interface RoutedCase {
	assigneeId: number | null;
	unit: string | null;
	service: string;
}

export type Delivery = 'full' | 'stripped' | 'agency' | 'summary' | null;

const AUDIENCE_OF: Record<Exclude<Delivery, null>, Audience> = {
	full: 'staff-full',
	stripped: 'staff',
	agency: 'agency',
	summary: 'board'
};

export function deliveryFor(
	viewer: Viewer,
	event: Pick<CaseEventEnvelope, 'type' | 'payload'>,
	c: RoutedCase
): Delivery {
	const has = (...roles: string[]) => viewer.roles.some((r) => roles.includes(r));
	// A confidential case reaches only those who work it, not even as a summary (004 P 14–15).
	if (!mayReadCase(viewer, c)) return null;
	if (viewer.kiosk) return 'summary';
	const form: Delivery = staffAudience(viewer, c) === 'staff-full' ? 'full' : 'stripped';
	if (has('supervisor', 'head')) return form;
	if (has('officer', 'registrar') && hasCaseInHand(viewer, c)) return form;
	if (has('complaint_reviewer') && c.service === 'complaint') return form;
	if (
		has('agency_liaison') &&
		viewer.agencyCode &&
		event.type.startsWith('consultation:') &&
		event.payload?.agency === viewer.agencyCode
	)
		return 'agency';
	if (has('wallboard')) return 'summary';
	return null;
}

/** The envelope as this viewer may receive it. */
export function shape(event: CaseEventEnvelope, delivery: Exclude<Delivery, null>): CaseEventEnvelope {
	return eventForAudience(event, AUDIENCE_OF[delivery]);
}
