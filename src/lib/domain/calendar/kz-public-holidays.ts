/**
 * Kazakhstan's public holidays from `date-holidays` (ADR-004: the base list; officers
 * add decreed transfers and closures as overrides, see overrides.ts).
 *
 * What the KZ data (date-holidays 3.37, added in its PR #611, May 2026) contains — checked
 * for 2000–2100:
 * - Only type 'public'. We still ask for 'public' explicitly so a future 'observance' entry
 *   cannot silently become a day off.
 * - Fixed-date holidays with the Labour Code art. 85 weekend rule as substitute days
 *   (`substitute: true`, named "… (substitute day)"): New Year 1–2 Jan, Women's Day 8 Mar,
 *   Nauryz 21–23 Mar, Unity Day 1 May, Defender's Day 7 May, Victory Day 9 May, Capital Day
 *   6 Jul, Republic Day 25 Oct, Independence Day 16 Dec (also 17 Dec before 2022),
 *   Constitution Day 30 Aug before 2026 and 15 Mar since 2026.
 * - Orthodox Christmas (7 Jan) and Kurban Ait (10 Dhu al-Hijjah, computed astronomically) with
 *   no substitute day, as the Labour Code excludes religious holidays from the weekend rule.
 * Known gaps, to be fixed with overrides by an admin (ADR-004), not here:
 * - The substitute rule can collide with another holiday. Nauryz 2026 (21 Sat, 22 Sun) yields
 *   21–24 March, while the official calendar rests 21–25 March (egov.kz): 25 March 2026 needs a
 *   'day_off' override. The same collision recurs whenever 21 March is a Saturday.
 * - No government-decreed day transfers (a Saturday made working for a bridge day).
 * - Kurban Ait is computed; the officially announced date may differ by a day.
 * - Whether Constitution Day is a day off in 2026 (old date gone, new Constitution in force
 *   later in the year) is disputed between holiday libraries; check the official calendar.
 *
 * date-holidays takes milliseconds per year, so each year is computed once per process and
 * shared by every calendar (the data is static; overrides never touch this cache).
 */
import Holidays from 'date-holidays';
import type { LocalDate } from './local-date';

export type HolidayLanguage = 'kk' | 'ru' | 'en';

let source: Holidays | undefined;
const cache = new Map<string, ReadonlyMap<LocalDate, string>>();

/** Public holidays of one year as date → name; a date listed twice keeps the non-substitute name. */
export function kzPublicHolidays(year: number, language: HolidayLanguage = 'en'): ReadonlyMap<LocalDate, string> {
	const key = `${language}:${year}`;
	const hit = cache.get(key);
	if (hit) return hit;
	source ??= new Holidays('KZ', { types: ['public'] });
	const byDate = new Map<LocalDate, { name: string; substitute: boolean }>();
	for (const h of source.getHolidays(year, language)) {
		if (h.type !== 'public') continue;
		// `date` is local 'YYYY-MM-DD hh:mm:ss[ ±hhmm]'; the day is all we need.
		const date = h.date.slice(0, 10);
		if (!date.startsWith(String(year))) continue;
		const substitute = h.substitute === true;
		const seen = byDate.get(date);
		if (!seen || (seen.substitute && !substitute)) byDate.set(date, { name: h.name, substitute });
	}
	const result = new Map([...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, v]) => [d, v.name]));
	cache.set(key, result);
	return result;
}
