import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { breached, cancelled, met, newClock, started } from './clock-events';
import { ClockSequenceError } from './clock-errors';
import { computeClock } from './compute-clock';
import { explainClock } from './explain-clock';

/** An Almaty wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+05:00`);
const calendar = createCalendar();
/** 30-WD export licence term (001 Annex 1 row 3), registered Friday 20 March 2026 before Nauryz. */
const exportTerm = (...more: ReturnType<typeof met>[]) =>
	newClock('service-term', 'licence-export', [started(at('2026-03-20T10:00')), ...more]);

describe('computeClock: state and due from the event history (ADR-003 to ADR-005)', () => {
	// By hand: after Fri 20 March, Nauryz rests 21–25 March (23 March plus the days carried from
	// Sat 21 and Sun 22, Labour Code art. 85); working days 26, 27, 30, 31 March (4), 1–3 April (7),
	// four full weeks to 30 April (26), 4, 5, 6 May (29), 7 May Defender's Day, 8 May (30).
	it('a 30-WD export term registered 20 March 2026 is due 8 May 2026 18:30 (Nauryz 21–25 March, 1 and 7 May skipped)', () => {
		const c = computeClock(exportTerm(), calendar, at('2026-03-26T12:00'));
		expect(c.state).toBe('running');
		expect(c.due?.toISOString()).toBe('2026-05-08T13:30:00.000Z');
		expect(c.dueDate).toBe('2026-05-08');
		expect(c.remainingWorkingMinutes).toBe(29 * 480 + 300); // rest of 26 March + 29 full days
		expect(c.band).toBe('ok');
		expect(c.projectedDue).toBeNull();
	});

	it.each([
		['more than 2 WD left → ok', '2026-05-05T12:00', 'running', 1260, 'ok'], // 300 + 6 and 8 May
		['≤ 2 WD (960 min) left → amber', '2026-05-06T10:00', 'running', 900, 'amber'], // 420 + 8 May
		['≤ 0.5 WD (240 min) left → red', '2026-05-08T15:00', 'running', 210, 'red'],
		[
			'just after 18:30 on the last day → overdue, no office time lost yet',
			'2026-05-08T18:31',
			'overdue',
			0,
			'breached'
		],
		[
			'on the next working day (Victory Day Sat 9 May carried to Mon 11 May) → overdue by office time',
			'2026-05-12T10:00',
			'overdue',
			-60,
			'breached'
		]
	])('%s', (_case, now, state, remaining, band) => {
		const c = computeClock(exportTerm(), calendar, at(now));
		expect([c.state, c.remainingWorkingMinutes, c.band]).toEqual([state, remaining, band]);
	});

	it('met on time, met late, recorded breach and cancellation', () => {
		const onTime = computeClock(exportTerm(met(at('2026-04-30T12:00'))), calendar, at('2026-06-01T10:00'));
		expect([onTime.state, onTime.band, onTime.late, onTime.remainingWorkingMinutes]).toEqual([
			'met',
			'ok',
			false,
			300 + 4 * 480 // rest of 30 April + 4, 5, 6, 8 May
		]);
		expect(onTime.closedAt?.toISOString()).toBe(at('2026-04-30T12:00').toISOString());

		const late = computeClock(exportTerm(met(at('2026-05-12T10:00'))), calendar, at('2026-06-01T10:00'));
		expect([late.state, late.band, late.late]).toEqual(['breached', 'breached', true]);

		const recorded = computeClock(exportTerm(breached(at('2026-05-12T09:00'))), calendar, at('2026-05-12T10:00'));
		expect(recorded.state).toBe('breached');

		const withdrawn = computeClock(
			exportTerm(cancelled(at('2026-04-01T10:00'), 'application withdrawn')),
			calendar,
			at('2026-06-01T10:00')
		);
		expect([withdrawn.state, withdrawn.band]).toEqual(['cancelled', 'ok']);
	});

	it('rejects a breach recorded before the due', () => {
		expect(() => computeClock(exportTerm(breached(at('2026-05-06T12:00'))), calendar, at('2026-05-08T10:00'))).toThrow(
			ClockSequenceError
		);
	});

	it.each([
		[
			'registration, Friday 17:30 → due Monday 18:30 (ADR-002; 001 p.14, row 7)',
			'registration',
			'portal',
			'2026-02-06T17:30',
			'2026-02-09T18:30'
		],
		[
			'registration, Friday 10:00 → due that day 18:30',
			'registration',
			'portal',
			'2026-02-06T10:00',
			'2026-02-06T18:30'
		],
		[
			'003 T-REG: 4 working hours from Monday 16:00 → Tuesday 10:30',
			'registration',
			'003-office',
			'2026-02-09T16:00',
			'2026-02-10T10:30'
		],
		// 20 March + n WD, by hand: Nauryz rests 21–25 March, so 26 (1), 27 (2), 30 (3),
		// 31 March, 1, 2, 3, 6, 7, 8 April (10).
		['completeness of a licence, 2 WD (001 p.15)', 'completeness', 'licence', '2026-03-20T10:00', '2026-03-27T18:30'],
		[
			'completeness of a certificate, 3 WD (000 p.11)',
			'completeness',
			'certificate',
			'2026-02-09T10:00',
			'2026-02-12T18:30'
		],
		['certificate term, 7 WD (000 row 3)', 'service-term', 'certificate', '2026-02-09T10:00', '2026-02-18T18:30'],
		['import licence, 30 WD (001 row 3)', 'service-term', 'licence-import', '2026-03-20T10:00', '2026-05-08T18:30'],
		['reissue, 3 WD (001 row 3)', 'service-term', 'licence-reissue', '2026-03-20T10:00', '2026-03-30T18:30'],
		[
			'consultation with state bodies, 10 WD (001 p.16)',
			'consultation',
			undefined,
			'2026-03-20T10:00',
			'2026-04-08T18:30'
		],
		[
			'original guarantee, 7 WD from the day of submission, not registration (001 p.18)',
			'original-guarantee',
			undefined,
			'2026-03-20T17:30',
			'2026-04-03T18:30'
		],
		[
			'hearing within 2 WD of the notice (001 p.19; 1 May skipped)',
			'hearing',
			undefined,
			'2026-04-30T11:00',
			'2026-05-05T18:30'
		],
		[
			'military delivery confirmation, 15 WD (001 p.22)',
			'delivery-confirmation',
			undefined,
			'2026-04-13T10:00',
			'2026-05-05T18:30'
		],
		[
			'general-licence execution report, 10 WD (001 p.28)',
			'execution-report',
			undefined,
			'2026-04-13T10:00',
			'2026-04-27T18:30'
		],
		[
			// 20 March 2027 is a Saturday, 21–23 March Nauryz, 24 March carried from Sunday 21 March:
			// a year term ending on a non-working day ends on the next working day, Thursday 25 March.
			'MFA long-stop, 1 calendar year, end of day (001 row 9 ground 12)',
			'mfa-check',
			undefined,
			'2026-03-20T11:00',
			'2027-03-25T23:59:59'
		]
	] as const)('%s', (_case, kind, variant, start, due) => {
		const c = computeClock(newClock(kind, variant, [started(at(start))]), calendar, at(start));
		expect(c.due?.getTime()).toBe(at(due).getTime());
	});

	it('scales bands for short clocks and accepts per-kind thresholds', () => {
		const reg = newClock('registration', '003-office', [started(at('2026-02-09T16:00'))]);
		expect(computeClock(reg, calendar, at('2026-02-09T16:00')).band).toBe('ok'); // 240 left
		expect(computeClock(reg, calendar, at('2026-02-10T09:15')).band).toBe('amber'); // 75 left ≤ 120 (half of 240)
		expect(computeClock(reg, calendar, at('2026-02-10T10:00')).band).toBe('red'); // 30 left ≤ 60 (a quarter of 240)
		const custom = { thresholds: { 'service-term': { amberAtMinutes: 3000, redAtMinutes: 1000 } } };
		expect(computeClock(exportTerm(), calendar, at('2026-04-30T12:00'), custom).band).toBe('amber'); // 2220 left
		expect(computeClock(exportTerm(), calendar, at('2026-05-06T12:00'), custom).band).toBe('red'); // 780 left
	});

	it('explains the due date: skipped days by name and the day-0 rule', () => {
		const e = explainClock(exportTerm(), calendar, at('2026-03-26T12:00'));
		expect(e.startDay).toBe('2026-03-20');
		expect(e.dueDate).toBe('2026-05-08');
		expect(e.skipped.filter((d) => d.kind === 'holiday').map((d) => `${d.date} ${d.reason}`)).toEqual([
			'2026-03-21 Nauryz',
			'2026-03-22 Nauryz',
			'2026-03-23 Nauryz',
			'2026-03-24 Nauryz: day off carried over from 21.03.2026 (Labour Code art. 85)',
			'2026-03-25 Nauryz: day off carried over from 22.03.2026 (Labour Code art. 85)',
			"2026-05-01 People's Unity Day",
			'2026-05-07 Defender of the Fatherland Day'
		]);
		expect(e.steps[0]).toMatch(
			/2026-03-20 10:00 started: 30 working days, counted from the day after.*due 2026-05-08 18:30/
		);
	});
});
