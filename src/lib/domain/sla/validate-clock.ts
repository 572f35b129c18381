/**
 * Structural checks of a clock and its event history, before any date arithmetic. A history that
 * fails here cannot be computed: a resume without a suspension, a second extension, events out
 * of order or after the clock closed are data errors to fix, not states to display.
 * (Checks that need the due date — breach before due, extension after due — are in computeClock.)
 */
import { ClockSequenceError } from './clock-errors';
import { clockKindSpec } from './clock-kinds';
import type { ClockEvent, SlaClock } from './clock-types';

const UNITS = new Set(['working_days', 'calendar_days', 'working_hours', 'months', 'years']);

function fail(
	code: ConstructorParameters<typeof ClockSequenceError>[0],
	message: string,
	index: number | null = null
): never {
	throw new ClockSequenceError(code, message, index);
}

function checkClockShape(clock: SlaClock): void {
	clockKindSpec(clock.kind);
	if (!UNITS.has(clock.unit)) fail('invalid-clock', `unknown unit ${JSON.stringify(clock.unit)}`);
	const wholeUnits = clock.unit !== 'working_hours';
	if (!Number.isFinite(clock.length) || clock.length < 0 || (wholeUnits && !Number.isInteger(clock.length))) {
		fail('invalid-clock', `length must be a non-negative ${wholeUnits ? 'whole ' : ''}number, got ${clock.length}`);
	}
	if (!Array.isArray(clock.events) || clock.events.length === 0) fail('missing-start', 'a clock needs a started event');
}

function checkEventFields(e: ClockEvent, i: number): number {
	const t = e.at instanceof Date ? e.at.getTime() : Number.NaN;
	if (!Number.isFinite(t)) fail('invalid-event', `${e.type} has an invalid time`, i);
	if (e.type === 'suspended' && (!e.reason?.trim() || !e.legalBasis?.trim())) {
		fail('invalid-event', 'a suspension needs a reason and a legal basis (ADR-005)', i);
	}
	if (e.type === 'cancelled' && !e.reason?.trim()) fail('invalid-event', 'a cancellation needs a reason', i);
	if (e.type === 'extended' && !e.citation?.trim()) fail('invalid-event', 'an extension needs its citation', i);
	return t;
}

/** Throws ClockSequenceError on the first problem; `now` bounds every event (no future events). */
export function validateClock(clock: SlaClock, now: Date): void {
	checkClockShape(clock);
	const spec = clockKindSpec(clock.kind);
	const nowMs = now.getTime();
	if (!Number.isFinite(nowMs)) fail('invalid-event', '`now` is an invalid time');
	let previous = Number.NEGATIVE_INFINITY;
	let isSuspended = false;
	let closed = false;
	let extensions = 0;
	clock.events.forEach((e, i) => {
		const t = checkEventFields(e, i);
		if (i === 0 && e.type !== 'started') fail('missing-start', `the first event must be started, got ${e.type}`, i);
		if (t < previous) fail('out-of-order', `${e.type} at ${e.at.toISOString()} is earlier than the event before it`, i);
		if (t > nowMs) fail('event-after-now', `${e.type} at ${e.at.toISOString()} is after now (${now.toISOString()})`, i);
		if (closed) fail('event-after-close', `${e.type} after the clock was closed`, i);
		previous = t;
		switch (e.type) {
			case 'started':
				if (i > 0) fail('duplicate-start', 'a clock starts once', i);
				break;
			case 'suspended':
				if (spec.suspension === null)
					fail('suspension-not-allowed', `no legal basis suspends a ${clock.kind} clock`, i);
				if (isSuspended) fail('suspend-while-suspended', 'the clock is already suspended', i);
				isSuspended = true;
				break;
			case 'resumed':
				if (!isSuspended) fail('resume-without-suspend', 'resumed without a suspension', i);
				isSuspended = false;
				break;
			case 'extended':
				if (spec.extension === null || clock.unit !== 'working_days') {
					fail('extension-not-allowed', `a ${clock.kind} clock in ${clock.unit} cannot be extended`, i);
				}
				if (++extensions > 1) fail('second-extension', 'the term may be extended only once', i);
				if (!Number.isInteger(e.by) || e.by < 1 || e.by > spec.extension.maxWorkingDays) {
					fail(
						'extension-too-long',
						`extension must be 1–${spec.extension.maxWorkingDays} WD (${spec.extension.citation}), got ${e.by}`,
						i
					);
				}
				break;
			case 'breached':
				if (isSuspended) fail('breached-while-suspended', 'a suspended clock cannot be breached', i);
				closed = true;
				break;
			case 'met':
			case 'cancelled':
				closed = true;
				break;
			default:
				fail('invalid-event', `unknown event type ${JSON.stringify((e as { type: unknown }).type)}`, i);
		}
	});
}
