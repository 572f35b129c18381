/**
 * Who receives which case event, and in what form. Decided on the server from the database (the
 * case's assignee and unit, the event's agency), never from what a client asks for.
 * - supervisors and heads: every event; the wall board: a summary without data;
 * - officers and registrars: their own cases, their unit's, and unassigned ones (the queue tabs);
 * - complaint reviewers: complaint cases; agency liaisons: their own agency's consultations only.
 * The `restricted` part (basis of a confidential ground, 001 p.19 para 5) goes only to roles that
 * may read it.
 */
import type { CaseEventEnvelope, Viewer } from './contract';

export interface RoutedCase {
	assigneeId: number | null;
	unit: string | null;
	service: string;
}

export type Delivery = 'full' | 'stripped' | 'summary' | null;

const RESTRICTED_READERS = ['officer', 'head', 'supervisor'];

export function deliveryFor(
	viewer: Viewer,
	event: Pick<CaseEventEnvelope, 'type' | 'payload'>,
	c: RoutedCase
): Delivery {
	const has = (...roles: string[]) => viewer.roles.some((r) => roles.includes(r));
	const form: Delivery = has(...RESTRICTED_READERS) ? 'full' : 'stripped';
	if (viewer.kiosk) return 'summary';
	if (has('supervisor', 'head')) return form;
	if (has('officer', 'registrar')) {
		const mine = c.assigneeId === viewer.userId;
		const unit = viewer.unit !== null && c.unit === viewer.unit;
		if (mine || unit || c.assigneeId === null) return form;
	}
	if (has('complaint_reviewer') && c.service === 'complaint') return form;
	if (
		has('agency_liaison') &&
		viewer.agencyCode &&
		event.type.startsWith('consultation:') &&
		event.payload?.agency === viewer.agencyCode
	)
		return 'stripped';
	if (has('wallboard')) return 'summary';
	return null;
}

/** The envelope as this viewer may receive it. */
export function shape(event: CaseEventEnvelope, delivery: Exclude<Delivery, null>): CaseEventEnvelope {
	if (delivery === 'full') return event;
	if (delivery === 'summary') {
		const { payload: _payload, ...summary } = event;
		return summary;
	}
	if (!event.payload || !('restricted' in event.payload)) return event;
	const { restricted: _restricted, ...rest } = event.payload;
	return { ...event, payload: rest };
}
