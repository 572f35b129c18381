/**
 * Calendar benchmark: due dates of N working-day clocks (random start 2020–2030, 1–60 WD, seeded)
 * with our index-based engine, with date-fns `addBusinessDays` plus a holiday skip loop, and with
 * moment-business-days given the same holiday list. Reports ops/s, ratios and disagreements.
 *
 *   npx tsx bench/calendar.bench.ts            (1,000,000 clocks)
 *   npx tsx bench/calendar.bench.ts 200000     (fewer)
 */
import { addBusinessDays, addDays, format, isWeekend } from 'date-fns';
import moment from 'moment-business-days';
import { pathToFileURL } from 'node:url';
import {
	createCalendar,
	kzPublicHolidays,
	type CalendarOverride,
	type LocalDate
} from '../src/lib/domain/calendar/index';
import { computeClock, newClock, resumed, started, suspended } from '../src/lib/domain/sla/index';

/** Overrides as an admin would enter them. 25 March 2026 is real (egov.kz); the Saturdays are illustrative. */
const OVERRIDES: CalendarOverride[] = [
	{ date: '2026-03-25', kind: 'day_off', reason: 'Nauryz 2026 carried-over day (egov.kz calendar)' },
	{ date: '2024-12-28', kind: 'working_day', reason: 'illustrative: decreed working Saturday' },
	{ date: '2027-01-09', kind: 'working_day', reason: 'illustrative: decreed working Saturday' },
	{ date: '2029-11-03', kind: 'working_day', reason: 'illustrative: decreed working Saturday' },
	{ date: '2028-05-08', kind: 'day_off', reason: 'illustrative: bridge day' }
];

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same clocks. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function makeClocks(n: number): { starts: LocalDate[]; lengths: Int32Array } {
	const rnd = prng(42);
	const first = Date.UTC(2020, 0, 1);
	const days = (Date.UTC(2030, 11, 31) - first) / 86_400_000 + 1;
	const starts: LocalDate[] = new Array(n);
	const lengths = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		starts[i] = new Date(first + Math.floor(rnd() * days) * 86_400_000).toISOString().slice(0, 10);
		lengths[i] = 1 + Math.floor(rnd() * 60);
	}
	return { starts, lengths };
}

function time<T>(label: string, count: number, run: () => T): { result: T; opsPerSec: number } {
	const t0 = performance.now();
	const result = run();
	const ms = performance.now() - t0;
	const opsPerSec = count / (ms / 1000);
	console.log(
		`${label.padEnd(44)} ${String(count).padStart(9)} clocks ${ms.toFixed(0).padStart(7)} ` +
			`ms ${Math.round(opsPerSec).toLocaleString('en-US').padStart(12)} ops/s`
	);
	return { result, opsPerSec };
}

export async function runCalendarBench(opts: { clocks?: number } = {}): Promise<void> {
	const n = opts.clocks ?? 1_000_000;
	const slowN = Math.min(n, 100_000);
	const slowestN = Math.min(n, 20_000);
	const { starts, lengths } = makeClocks(n);
	const calendar = createCalendar({ overrides: OVERRIDES });
	// First use builds the per-year index (and runs date-holidays) for every year the answer spans.
	const cold = performance.now();
	calendar.addWorkingDays('2020-01-01', 3000);
	const coldMs = performance.now() - cold;

	// The same non-working weekdays for the other libraries: public holidays + day-off overrides.
	const holidays = new Set<string>(OVERRIDES.filter((o) => o.kind === 'day_off').map((o) => o.date));
	for (let y = 2020; y <= 2031; y++) for (const d of kzPublicHolidays(y).keys()) holidays.add(d);
	const workingSaturdays = OVERRIDES.filter((o) => o.kind === 'working_day').map((o) => o.date);

	console.log('\n## Calendar and SLA clocks');
	console.log(
		`Node ${process.version}, ${n.toLocaleString('en-US')} ` +
			`clocks, seed 42, ${holidays.size} holiday dates 2020–2031`
	);
	console.log(`ours: cold index build 2020–2031 incl. date-holidays: ${coldMs.toFixed(1)} ms\n`);

	const ours = time('ours: addWorkingDays → LocalDate', n, () => {
		const out: LocalDate[] = new Array(n);
		for (let i = 0; i < n; i++) out[i] = calendar.addWorkingDays(starts[i] as LocalDate, lengths[i] ?? 1);
		return out;
	});
	time('ours: workingDaysDue → Date (18:30 Almaty)', n, () => {
		let check = 0;
		for (let i = 0; i < n; i++) check += calendar.workingDaysDue(starts[i] as LocalDate, lengths[i] ?? 1).getTime() % 7;
		return check;
	});

	// Whole SLA clocks: replay a 30-WD export term with an MFA suspension and compute state and band.
	const slaN = Math.min(n, 100_000);
	const at = (d: LocalDate, hhmm: string) => new Date(`${d}T${hhmm}:00+05:00`);
	const clocks = Array.from({ length: slaN }, (_, i) => {
		const start = starts[i] as LocalDate;
		const sent = calendar.addWorkingDays(start, 5);
		return newClock('service-term', 'licence-export', [
			started(at(start, '10:00')),
			suspended(at(sent, '11:00'), 'MFA authenticity check', '001 p.17 para 3'),
			resumed(at(calendar.addWorkingDays(sent, lengths[i] ?? 1), '15:00'))
		]);
	});
	const now = new Date('2031-06-01T10:00:00+05:00');
	time('ours: computeClock (30 WD + MFA suspension)', slaN, () => {
		let check = 0;
		for (const c of clocks) check += computeClock(c, calendar, now).remainingWorkingMinutes;
		return check;
	});

	const weekdayHolidaysIn = (from: Date, to: Date): number => {
		let count = 0;
		for (let d = addDays(from, 1); d <= to; d = addDays(d, 1))
			if (!isWeekend(d) && holidays.has(format(d, 'yyyy-MM-dd'))) count++;
		return count;
	};
	const dateFns = time('date-fns addBusinessDays + holiday skip loop', slowN, () => {
		const out: string[] = new Array(slowN);
		for (let i = 0; i < slowN; i++) {
			const [y, m, d] = (starts[i] as string).split('-').map(Number) as [number, number, number];
			const start = new Date(y, m - 1, d, 12);
			let end = addBusinessDays(start, lengths[i] ?? 1);
			for (let extra = weekdayHolidaysIn(start, end); extra > 0;) {
				const prev = end;
				end = addBusinessDays(end, extra);
				extra = weekdayHolidaysIn(prev, end);
			}
			out[i] = format(end, 'yyyy-MM-dd');
		}
		return out;
	});

	moment.updateLocale('en', { holidays: [...holidays].sort(), holidayFormat: 'YYYY-MM-DD' });
	const mbd = time('moment-business-days businessAdd', slowestN, () => {
		const out: string[] = new Array(slowestN);
		for (let i = 0; i < slowestN; i++)
			out[i] = moment(starts[i], 'YYYY-MM-DD')
				.businessAdd(lengths[i] ?? 1)
				.format('YYYY-MM-DD');
		return out;
	});

	console.log(
		`\nratio ours / date-fns: ${(ours.opsPerSec / dateFns.opsPerSec).toFixed(0)}× ` +
			`  ours / moment-business-days: ${(ours.opsPerSec / mbd.opsPerSec).toFixed(0)}×`
	);
	for (const [name, theirs] of [
		['date-fns', dateFns.result],
		['moment-business-days', mbd.result]
	] as const) {
		const reasons = new Map<string, number>();
		theirs.forEach((answer, i) => {
			const mine = ours.result[i] as string;
			if (answer === mine) return;
			const start = starts[i] as string;
			const hi = answer > mine ? answer : mine;
			const why = workingSaturdays.some((s) => s > start && s <= hi)
				? 'a decreed working Saturday (override) in the term'
				: 'other';
			reasons.set(why, (reasons.get(why) ?? 0) + 1);
		});
		const total = [...reasons.values()].reduce((a, b) => a + b, 0);
		const detail = [...reasons].map(([why, c]) => `${c} × ${why}`).join('; ');
		console.log(
			`${name}: ${total} of ${theirs.length.toLocaleString('en-US')} ` +
				`answers differ from ours${total ? ` (${detail})` : ''}`
		);
	}

	// Start-day semantics only show at n = 0: ours rolls a non-working start forward (the day itself
	// if working); both libraries return the start unchanged, even on a Sunday or a holiday.
	let zeroFns = 0;
	let zeroMoment = 0;
	for (let i = 0; i < slowestN; i++) {
		const start = starts[i] as string;
		const mine = calendar.addWorkingDays(start, 0);
		const [y, m, d] = start.split('-').map(Number) as [number, number, number];
		if (format(addBusinessDays(new Date(y, m - 1, d, 12), 0), 'yyyy-MM-dd') !== mine) zeroFns++;
		if (moment(start, 'YYYY-MM-DD').businessAdd(0).format('YYYY-MM-DD') !== mine) zeroMoment++;
	}
	console.log(
		`n = 0 (same-day term) on the first ${slowestN.toLocaleString('en-US')} starts: date-fns ` +
			`differs ${zeroFns}×, moment-business-days ${zeroMoment}× (non-working start days)`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const arg = Number(process.argv[2]);
	await runCalendarBench(Number.isFinite(arg) && arg > 0 ? { clocks: arg } : {});
}
