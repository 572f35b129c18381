/**
 * Kazakhstan's public holidays (ADR-004): their *dates* from `date-holidays`, their
 * weekend carry-over computed here from the Labour Code art. 85 (holiday-carry-over.ts). Officers
 * add decreed transfers and closures as overrides (overrides.ts).
 *
 * What the KZ data (date-holidays 3.37, its PR #611) contains, and what we take from it:
 * - Only type 'public'. We still ask for 'public' explicitly so a future 'observance' entry
 *   cannot silently become a day off.
 * - Fixed-date holidays of the Law "On holidays in the Republic of Kazakhstan" (art. 1, 2):
 *   New Year 1–2 Jan, Women's Day 8 Mar, Nauryz 21–23 Mar, Unity Day 1 May, Defender's Day
 *   7 May (since 2013), Victory Day 9 May, Capital Day 6 Jul, Constitution Day 30 Aug (before
 *   2026) / 15 Mar (from 2027, see below), Republic Day 25 Oct (1995–2009 and since 2022),
 *   First President's Day 1 Dec (2012–2021), Independence Day 16 Dec (and 17 Dec before 2022).
 * - Religious holidays, days off but never carried (art. 85): Orthodox Christmas 7 Jan and Kurban
 *   Ait (10 Dhu al-Hijjah, computed astronomically; the announced date may differ by a day, which
 *   an admin fixes with an override).
 * - Substitute days (`substitute: true`) that model the weekend rule with fixed offsets ("if
 *   Sunday then next Tuesday"). Those offsets collide with other holidays: 21 March on a Sunday
 *   yields 23 March, itself Nauryz (2021, 2027, 2032), 21–22 March on a weekend yields only one
 *   extra day (2020, 2026), 7 May on a Saturday yields 9 May (2022), 16 December on a Sunday
 *   yields 18 instead of 17 December (2029). So we drop every substitute entry and compute the
 *   carry-over ourselves.
 * Where the data contradicts the Law, the Law wins: see DATA_CORRECTIONS.
 *
 * date-holidays takes milliseconds per year, so each year is computed once per process and
 * shared by every calendar (the data is static; overrides never touch this cache).
 */
import Holidays from 'date-holidays';
import { carryOver, type PublicHoliday } from './holiday-carry-over';
import type { LocalDate } from './local-date';

export type HolidayLanguage = 'kk' | 'ru' | 'en';

/** A non-working public day: a holiday, or a working day a weekend holiday was carried to. */
export interface HolidayEntry {
	/** The holiday's name; for a carried day, the holiday and where it was carried from. */
	readonly name: string;
	/** For a carried day (Labour Code art. 85): the weekend date of the holiday it replaces. */
	readonly carriedFrom?: LocalDate;
}

/** Dates the data lists as holidays that the Law does not; each with the reason. */
export const DATA_CORRECTIONS: readonly {
	readonly date: LocalDate;
	readonly reason: string;
}[] = [
	{
		date: '2026-03-15',
		reason:
			'Constitution Day moves to 15 March with the Constitution adopted by the referendum of 15.03.2026 ' +
			'(in force 01.07.2026); the Law "On holidays" keeps it on 15 March from 2027, and 30 August is ' +
			'no longer a holiday from 2026. There is no Constitution Day day off in 2026, so no carry-over ' +
			'to Monday 16 March.'
	}
];

const DROPPED = new Set(DATA_CORRECTIONS.map((c) => c.date));

/** Rules of the religious holidays in the KZ data (art. 85 excludes them from carry-over). */
function isReligiousRule(rule: string | undefined): boolean {
	return rule === '01-07' || (rule ?? '').includes('Dhu al-Hijjah');
}

let source: Holidays | undefined;
const datesCache = new Map<string, readonly PublicHoliday[]>();
const cache = new Map<string, ReadonlyMap<LocalDate, HolidayEntry>>();

/** The public holidays of one year as the Law lists them (no carried days), in date order. */
export function kzHolidayDates(year: number, language: HolidayLanguage = 'en'): readonly PublicHoliday[] {
	const key = `${language}:${year}`;
	const hit = datesCache.get(key);
	if (hit) return hit;
	source ??= new Holidays('KZ', { types: ['public'] });
	const out: PublicHoliday[] = [];
	for (const h of source.getHolidays(year, language)) {
		if (h.type !== 'public' || h.substitute === true) continue;
		// `date` is local 'YYYY-MM-DD hh:mm:ss[ ±hhmm]'; the day is all we need.
		const date = h.date.slice(0, 10);
		if (!date.startsWith(String(year)) || DROPPED.has(date)) continue;
		out.push({ date, name: h.name, religious: isReligiousRule(h.rule) });
	}
	out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	datesCache.set(key, out);
	return out;
}

function dotted(date: LocalDate): string {
	return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** The reason shown for a carried day, in the holiday names' language. */
function carriedName(holiday: string, from: LocalDate, language: HolidayLanguage): string {
	switch (language) {
		case 'kk':
			return `${holiday}: демалыс ${dotted(from)} күнінен ауыстырылды (ҚР Еңбек кодексі, 85-бап)`;
		case 'ru':
			return `${holiday}: выходной перенесён с ${dotted(from)} (Трудовой кодекс РК, ст. 85)`;
		default:
			return `${holiday}: day off carried over from ${dotted(from)} (Labour Code art. 85)`;
	}
}

/**
 * Every non-working public day of one year, date → entry: the holidays of kzHolidayDates plus
 * the working days their weekend dates were carried to (art. 85). A date that is two holidays
 * at once (Kurban Ait and Nauryz on 22 March 2032) carries both names.
 */
export function kzPublicHolidays(year: number, language: HolidayLanguage = 'en'): ReadonlyMap<LocalDate, HolidayEntry> {
	const key = `${language}:${year}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const byDate = new Map<LocalDate, HolidayEntry>();
	for (const h of kzHolidayDates(year, language)) {
		const seen = byDate.get(h.date);
		byDate.set(h.date, { name: seen ? `${seen.name} / ${h.name}` : h.name });
	}
	// A December holiday could in principle carry into January, and a carried day must not land on
	// next year's holidays: carry over the previous, this and the next year together.
	const span = [year - 1, year, year + 1].flatMap((y) => kzHolidayDates(y, language));
	for (const c of carryOver(span)) {
		if (!c.date.startsWith(String(year)) || byDate.has(c.date)) continue;
		byDate.set(c.date, {
			name: carriedName(c.holiday, c.from, language),
			carriedFrom: c.from
		});
	}
	const result = new Map([...byDate].sort(([a], [b]) => (a < b ? -1 : 1)));
	cache.set(key, result);
	return result;
}
