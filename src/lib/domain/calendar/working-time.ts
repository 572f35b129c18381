/**
 * Office-time arithmetic on instants: the 003 hour-based limits ("register within 4 hours",
 * ADR-003: they count working hours within office hours) and countdowns ("2 h 10 min of office
 * time left"). Everything is in epoch milliseconds; the calendar wraps it in minutes and Dates.
 */
import { localDayOfMs, localMsOfDay, localToMs } from './almaty-time';
import { WORKING_DAY_MS, officeMsElapsed, timeAtOfficeMsEarliest, timeAtOfficeMsLatest } from './office-hours';
import type { WorkingDayIndex } from './working-day-index';

/** Office time elapsed on the instant's local day up to the instant; 0 on a non-working day. */
function officeMsOnDay(index: WorkingDayIndex, day: number, ms: number): number {
	return index.isWorking(day) ? officeMsElapsed(localMsOfDay(ms, day)) : 0;
}

/** Office time between two instants (negative when b < a); lunch, nights and days off excluded. */
export function workingMsBetween(index: WorkingDayIndex, aMs: number, bMs: number): number {
	if (bMs < aMs) return 0 - workingMsBetween(index, bMs, aMs); // 0 - x: never -0
	const dayA = localDayOfMs(aMs);
	const dayB = localDayOfMs(bMs);
	const offA = officeMsOnDay(index, dayA, aMs);
	const offB = officeMsOnDay(index, dayB, bMs);
	if (dayA === dayB) return offB - offA;
	// Working days strictly between the two local days count in full.
	const fullDays = index.workingDaysBetween(dayA, dayB) - (index.isWorking(dayB) ? 1 : 0);
	const restOfA = index.isWorking(dayA) ? WORKING_DAY_MS - offA : 0;
	return restOfA + fullDays * WORKING_DAY_MS + offB;
}

/**
 * The instant `deltaMs` of office time after (or before, if negative) `aMs`.
 * Forwards it is the earliest such instant: a limit that runs out exactly at the end of the day
 * ends at 18:30, not at 09:00 of the next working day. Backwards it is the latest: going back
 * exactly to the start of a day lands on 09:00 of that day, not on 18:30 of the day before.
 * So workingMsBetween(a, addWorkingMs(a, d)) === d for every a and d.
 */
export function addWorkingMs(index: WorkingDayIndex, aMs: number, deltaMs: number): number {
	if (deltaMs === 0) return aMs;
	const day = localDayOfMs(aMs);
	const working = index.isWorking(day);
	const off = officeMsOnDay(index, day, aMs);
	if (deltaMs > 0) {
		if (working && off + deltaMs <= WORKING_DAY_MS) return localToMs(day, timeAtOfficeMsEarliest(off + deltaMs));
		const rest = deltaMs - (working ? WORKING_DAY_MS - off : 0);
		const k = Math.ceil(rest / WORKING_DAY_MS);
		const target = index.addWorkingDays(day, k);
		return localToMs(target, timeAtOfficeMsEarliest(rest - (k - 1) * WORKING_DAY_MS));
	}
	const back = -deltaMs;
	if (working && off - back >= 0) return localToMs(day, timeAtOfficeMsLatest(off - back));
	const rest = back - off;
	const k = Math.ceil(rest / WORKING_DAY_MS);
	const target = index.addWorkingDays(day, -k);
	return localToMs(target, timeAtOfficeMsLatest(k * WORKING_DAY_MS - rest));
}
