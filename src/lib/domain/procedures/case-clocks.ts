/**
 * Reading and changing a case's clocks as plan operations. The engine never edits a history in
 * place: it appends events (started, suspended, resumed, extended, met, cancelled) that the
 * server stores, and every state is recomputed from them (ADR-018).
 */
import { clockVariant, type ClockEvent, type ClockKind, type SlaClock } from '../sla';
import type { CaseClock, CaseSnapshot, ClockOp } from './types';

const CLOSING = new Set(['met', 'breached', 'cancelled']);

export function isOpen(c: CaseClock): boolean {
	const last = c.clock.events.at(-1);
	return !!last && !CLOSING.has(last.type);
}

export function isSuspended(c: CaseClock): boolean {
	let suspended = false;
	for (const e of c.clock.events) {
		if (e.type === 'suspended') suspended = true;
		else if (e.type === 'resumed') suspended = false;
	}
	return suspended && isOpen(c);
}

export function findClock(snap: CaseSnapshot, kind: ClockKind, subject: string | null = null): CaseClock | undefined {
	return snap.clocks.filter((c) => c.kind === kind && c.subject === subject).at(-1);
}

export function openClock(snap: CaseSnapshot, kind: ClockKind, subject: string | null = null): CaseClock | undefined {
	const c = findClock(snap, kind, subject);
	return c && isOpen(c) ? c : undefined;
}

/** A new clock of a kind's variant, started at `at`. */
export function startClock(
	kind: ClockKind,
	variant: string | undefined,
	subject: string | null,
	at: Date,
	shape?: Pick<SlaClock, 'unit' | 'length' | 'citation'>
): ClockOp {
	const v = clockVariant(kind, variant);
	const base = shape ?? { unit: v.unit, length: v.length, citation: v.citation };
	return {
		op: 'start',
		clock: { id: null, kind, subject, clock: { kind, ...base, events: [{ type: 'started', at }] } }
	};
}

export function append(c: CaseClock, event: ClockEvent): ClockOp {
	return { op: 'append', kind: c.kind, subject: c.subject, event };
}

/** Cancels every open clock of the case except those listed (a decision closes the rest). */
export function cancelOpenClocks(
	snap: CaseSnapshot,
	at: Date,
	reason: string,
	keep: readonly ClockKind[] = []
): ClockOp[] {
	return snap.clocks
		.filter((c) => isOpen(c) && !keep.includes(c.kind))
		.map((c) => append(c, { type: 'cancelled', at, reason }));
}
