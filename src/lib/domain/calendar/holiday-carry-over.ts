/**
 * The weekend carry-over of public holidays, computed from the Labour Code of the Republic of
 * Kazakhstan, art. 85 para 3: when a public holiday falls on a Saturday or Sunday, the day off
 * moves to the next working day after it. "Next working day" excludes Saturdays, Sundays, every
 * public holiday (religious ones too: they are days off) and days already taken by an earlier
 * carry-over; holidays are carried in date order, so Nauryz 2026 (Sat 21, Sun 22, Mon 23 March)
 * rests on Tue 24 and Wed 25 March. Religious holidays (Orthodox Christmas, Kurban Ait) are
 * excluded from the rule by the same article and are never carried.
 *
 * Pure and data-agnostic: the holiday dates come from kz-public-holidays.ts.
 */
import { civilFromDays, daysFromCivil, isoWeekday, type LocalDate } from './local-date';

export interface PublicHoliday {
	readonly date: LocalDate;
	readonly name: string;
	/** Orthodox Christmas and Kurban Ait: a day off, but not carried over (art. 85). */
	readonly religious: boolean;
}

export interface CarriedDay {
	/** The working day that becomes a day off. */
	readonly date: LocalDate;
	/** The weekend holiday it was carried from. */
	readonly from: LocalDate;
	/** That holiday's name. */
	readonly holiday: string;
}

function toDay(date: LocalDate): number {
	return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function toDate(day: number): LocalDate {
	const [y, m, d] = civilFromDays(day);
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The carried days of `holidays` (art. 85), in date order. Pass every holiday a carried day
 * could run into (for December holidays, the next January's too): any listed date blocks a
 * carry-over, whether or not it is itself carried.
 */
export function carryOver(holidays: readonly PublicHoliday[]): CarriedDay[] {
	const taken = new Set(holidays.map((h) => toDay(h.date)));
	const out: CarriedDay[] = [];
	const ordered = [...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	for (const h of ordered) {
		if (h.religious) continue;
		const day = toDay(h.date);
		if (isoWeekday(day) < 6) continue;
		let next = day + 1;
		while (isoWeekday(next) >= 6 || taken.has(next)) next++;
		taken.add(next);
		out.push({ date: toDate(next), from: h.date, holiday: h.name });
	}
	return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}
