/**
 * Browser-side helpers of the complaint list: which live case events concern it (complaint cases'
 * own events and their clocks), and where a clock stands for display.
 */
import type { CaseEventEnvelope } from '$lib/realtime/contract';
import { serviceByPrefix } from '$lib/domain/reference/services';

/** A complaint's procedure step or one of its clocks moved, or a complaint was registered. */
export function concernsComplaints(event: Pick<CaseEventEnvelope, 'type' | 'caseNumber'>): boolean {
	const service = serviceByPrefix(event.caseNumber.split('-')[0] ?? '')?.code;
	if (service !== 'complaint') return false;
	return event.type.startsWith('complaint:') || event.type.startsWith('clock:') || event.type.startsWith('case:');
}

export type ClockPhase = 'running' | 'met' | 'late' | 'cancelled' | 'suspended';

/** Running (with a live countdown, overdue included), met in time, met late, or cancelled. */
export function clockPhase(state: string): ClockPhase {
	if (state === 'running' || state === 'overdue') return 'running';
	if (state === 'breached') return 'late';
	if (state === 'met' || state === 'cancelled' || state === 'suspended') return state;
	return 'running';
}
