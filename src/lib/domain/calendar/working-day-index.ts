/**
 * The per-year working-day index behind every calendar question.
 *
 * One Int32Array over the whole supported range (2000–2100, ~37k days) holds, for each day, the
 * number of working days from 1 January of its year up to and including that day. Years are
 * filled lazily on first use, so a calendar that only sees 2026 never pays for date-holidays
 * on 2099. "The N-th working day after X" is then arithmetic on ranks plus one binary search
 * inside a year, instead of a loop over days.
 */
import {
	SUPPORTED_FIRST_DAY,
	SUPPORTED_FIRST_YEAR,
	SUPPORTED_LAST_DAY,
	SUPPORTED_LAST_YEAR,
	firstDayOfYear,
	formatLocalDate,
	isoWeekday,
	yearOfDay,
	yearOutOfRange
} from './local-date';
import type { HolidayEntry } from './kz-public-holidays';
import type { IndexedOverride } from './overrides';
import type { LocalDate } from './local-date';

/**
 * Non-working public days of a year by local date: holidays and the days weekend holidays were
 * carried to (kz-public-holidays.ts on the server, the server's snapshot in the browser).
 */
export type HolidaySource = (year: number) => ReadonlyMap<LocalDate, HolidayEntry>;

/** Day kinds as stored in the index (numbers keep the Uint8Array compact). */
export const KIND_WORKING = 0;
export const KIND_WEEKEND = 1;
export const KIND_HOLIDAY = 2;
export const KIND_DAY_OFF_OVERRIDE = 3;
export const KIND_WORKING_OVERRIDE = 4;

const SPAN = SUPPORTED_LAST_DAY - SUPPORTED_FIRST_DAY + 1;
const YEARS = SUPPORTED_LAST_YEAR - SUPPORTED_FIRST_YEAR + 1;

export class WorkingDayIndex {
	readonly #kinds = new Uint8Array(SPAN);
	readonly #rank = new Int32Array(SPAN);
	readonly #yearTotal = new Int32Array(YEARS);
	readonly #built = new Uint8Array(YEARS);
	readonly #labels = new Map<number, string>();
	readonly #carriedFrom = new Map<number, LocalDate>();

	constructor(
		readonly firstYear: number,
		readonly lastYear: number,
		private readonly overrides: ReadonlyMap<number, IndexedOverride>,
		private readonly holidaysOf: HolidaySource
	) {}

	/** Year of a day, checked against this calendar's range (RangeError outside it); builds it if new. */
	yearOf(day: number): number {
		const y = yearOfDay(day);
		this.#ensure(y);
		return y;
	}

	kind(day: number): number {
		this.yearOf(day);
		return this.#kinds[day - SUPPORTED_FIRST_DAY] ?? KIND_WORKING;
	}

	/** Holiday name or override reason of a day, if any. */
	label(day: number): string | undefined {
		this.yearOf(day);
		return this.#labels.get(day);
	}

	/** For a day a weekend holiday was carried to (Labour Code art. 85): that holiday's date. */
	carriedFrom(day: number): LocalDate | undefined {
		this.yearOf(day);
		return this.#carriedFrom.get(day);
	}

	isWorking(day: number): boolean {
		const k = this.kind(day);
		return k === KIND_WORKING || k === KIND_WORKING_OVERRIDE;
	}

	/** Working days from 1 January of the day's year through the day itself. */
	#rankOf(day: number): number {
		return this.#rank[day - SUPPORTED_FIRST_DAY] ?? 0;
	}

	#total(year: number): number {
		return this.#yearTotal[year - SUPPORTED_FIRST_YEAR] ?? 0;
	}

	/**
	 * The |n|-th working day after (n > 0) or before (n < 0) `day`; `day` itself is day 0 and
	 * never counts. n = 0 returns `day` (callers decide what a zero-length term means).
	 */
	addWorkingDays(day: number, n: number): number {
		let year = this.yearOf(day);
		if (n === 0) return day;
		let target: number;
		if (n > 0) {
			target = this.#rankOf(day) + n;
			while (target > this.#total(year)) {
				target -= this.#total(year);
				this.#ensure(++year);
			}
		} else {
			target = this.#rankOf(day) - (this.isWorking(day) ? 1 : 0) + n + 1;
			while (target < 1) {
				this.#ensure(--year);
				target += this.#total(year);
			}
		}
		// First day of the year whose rank reaches the target: that day is the target working day.
		let lo = firstDayOfYear(year) - SUPPORTED_FIRST_DAY;
		let hi = firstDayOfYear(year + 1) - 1 - SUPPORTED_FIRST_DAY;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.#rank[mid] ?? 0) >= target) hi = mid;
			else lo = mid + 1;
		}
		return lo + SUPPORTED_FIRST_DAY;
	}

	/** Working days in (from, to]; negative, −(working days in (to, from]), when to < from. */
	workingDaysBetween(from: number, to: number): number {
		if (to < from) return 0 - this.workingDaysBetween(to, from); // 0 - x: never -0
		const yFrom = this.yearOf(from);
		const yTo = this.yearOf(to);
		if (yFrom === yTo) return this.#rankOf(to) - this.#rankOf(from);
		let count = this.#total(yFrom) - this.#rankOf(from) + this.#rankOf(to);
		for (let y = yFrom + 1; y < yTo; y++) {
			this.#ensure(y);
			count += this.#total(y);
		}
		return count;
	}

	#ensure(year: number): void {
		if (year < this.firstYear || year > this.lastYear) throw yearOutOfRange(year, this.firstYear, this.lastYear);
		const slot = year - SUPPORTED_FIRST_YEAR;
		if (this.#built[slot]) return;
		const holidays = this.holidaysOf(year);
		const first = firstDayOfYear(year);
		const end = firstDayOfYear(year + 1);
		let rank = 0;
		for (let day = first; day < end; day++) {
			const override = this.overrides.get(day);
			const holiday = holidays.get(formatLocalDate(day));
			let kind: number;
			if (override) {
				kind = override.kind === 'day_off' ? KIND_DAY_OFF_OVERRIDE : KIND_WORKING_OVERRIDE;
				this.#labels.set(day, override.reason);
			} else if (holiday !== undefined) {
				kind = KIND_HOLIDAY;
				this.#labels.set(day, holiday.name);
				if (holiday.carriedFrom !== undefined) this.#carriedFrom.set(day, holiday.carriedFrom);
			} else {
				kind = isoWeekday(day) >= 6 ? KIND_WEEKEND : KIND_WORKING;
			}
			if (kind === KIND_WORKING || kind === KIND_WORKING_OVERRIDE) rank++;
			this.#kinds[day - SUPPORTED_FIRST_DAY] = kind;
			this.#rank[day - SUPPORTED_FIRST_DAY] = rank;
		}
		this.#yearTotal[slot] = rank;
		this.#built[slot] = 1;
	}
}
