/**
 * Why an export or general licence's term is suspended, and the clock events that keep it so. Two
 * causes may overlap: the MFA authenticity check (001 p.17 para 3) and information awaited from
 * foreign competent bodies (001 Annex 1 row 3: "the licence is issued after it is received"). A
 * clock holds one suspension at a time, so when the set of causes changes while suspended, the
 * suspension is closed and reopened at the same instant with the new reason: no working time runs
 * in between, and every screen that shows the clock's suspension shows every cause and its basis.
 */
import type { ClockEvent } from '../sla';
import { append, isSuspended, openClock } from './case-clocks';
import type { CaseSnapshot, ClockOp } from './types';

export const MFA_SUSPENSION = {
	reason: "MFA authenticity check of the importer's guarantee",
	legalBasis: '001 p.17 para 3'
} as const;
export const FOREIGN_SUSPENSION = {
	reason: 'Information awaited from foreign competent bodies or organisations',
	legalBasis: '001 Annex 1 row 3'
} as const;

export interface SuspensionCauses {
	readonly mfa: boolean;
	readonly foreign: boolean;
}

export const mfaPendingOn = (snap: CaseSnapshot) => !!snap.mfa && snap.mfa.resultAt === null;
export const foreignPendingOn = (snap: CaseSnapshot) =>
	(snap.record.foreignInformation ?? []).some((f) => f.receivedAt === null);

export function pendingCauses(snap: CaseSnapshot): SuspensionCauses {
	return { mfa: mfaPendingOn(snap), foreign: foreignPendingOn(snap) };
}

function suspensionFor(c: SuspensionCauses): { reason: string; legalBasis: string } | null {
	const list = [...(c.mfa ? [MFA_SUSPENSION] : []), ...(c.foreign ? [FOREIGN_SUSPENSION] : [])];
	if (!list.length) return null;
	return { reason: list.map((x) => x.reason).join('; '), legalBasis: list.map((x) => x.legalBasis).join('; ') };
}

function currentReason(events: readonly ClockEvent[]): string | undefined {
	let reason: string | undefined;
	for (const e of events) if (e.type === 'suspended') reason = e.reason;
	return reason;
}

/** The service term and the hearing-notice deadline follow the causes pending after the action. */
export function termSuspensionOps(snap: CaseSnapshot, now: Date, after: SuspensionCauses): ClockOp[] {
	const want = suspensionFor(after);
	const ops: ClockOp[] = [];
	for (const kind of ['service-term', 'hearing-notice'] as const) {
		const c = openClock(snap, kind);
		if (!c) continue;
		const suspended = isSuspended(c);
		if (!want) {
			if (suspended) ops.push(append(c, { type: 'resumed', at: now }));
		} else if (!suspended) ops.push(append(c, { type: 'suspended', at: now, ...want }));
		else if (currentReason(c.clock.events) !== want.reason) {
			ops.push(append(c, { type: 'resumed', at: now }), append(c, { type: 'suspended', at: now, ...want }));
		}
	}
	return ops;
}
