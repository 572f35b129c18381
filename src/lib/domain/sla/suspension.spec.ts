import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { met, newClock, resumed, started, suspended } from './clock-events';
import type { ClockEvent } from './clock-types';
import { computeClock } from './compute-clock';
import { deriveHearingNoticeClock } from './derived-clocks';
import { explainClock } from './explain-clock';

const at = (local: string) => new Date(`${local}+05:00`);
const calendar = createCalendar();
const MFA = ['MFA authenticity check of the guarantee commitment', '001 p.17 para 3'] as const;
/**
 * 30-WD export licence term (001 Annex 1 row 3, T3), registered 20 March 2026: due 8 May 2026.
 * Working days after 20 March, by hand (Nauryz rests 21–25 March; 1 May, 7 May, Victory Day carried
 * to 11 May and Kurban Ait 27 May are off): 26 Mar (1), 27 (2), 30 (3), 31 (4), 1 Apr (5), 2 (6),
 * 3 (7), 6 (8), 7 (9), 8 (10) … 30 Apr (26), 4 May (27), 5 (28), 6 (29), 8 (30).
 */
const exportTerm = (...events: ClockEvent[]) =>
	newClock('service-term', 'licence-export', [started(at('2026-03-20T10:00')), ...events]);
const dueOf = (events: ClockEvent[], now = '2026-12-01T10:00') =>
	computeClock(exportTerm(...events), calendar, at(now)).due?.toISOString();

describe('MFA suspension of the export term (ADR-005; 001 p.17 para 3; ADR-021 T3/T8)', () => {
	it('a 23-WD suspension in the middle of the 30-WD term moves its end by exactly 23 WD', () => {
		// Sent 09:00 on WD 9 (7 April: 8 full days used, 22 left); answered 09:00 on the 23rd working
		// day after (13 May; 11 May is the carried Victory Day). 22 WD from 13 May, 27 May (Kurban Ait)
		// skipped: 13, 14, 15, 18–22, 25, 26, 28, 29 May, 1–5, 8–12 June → 12 June.
		const events = [suspended(at('2026-04-07T09:00'), ...MFA), resumed(at('2026-05-13T09:00'))];
		expect(calendar.workingDaysBetween('2026-04-07', '2026-05-13')).toBe(23);
		const c = computeClock(exportTerm(...events), calendar, at('2026-05-14T10:00'));
		expect(c.dueDate).toBe('2026-06-12');
		expect(c.dueDate).toBe(calendar.addWorkingDays('2026-05-08', 23));
		expect(c.state).toBe('running');
		expect(c.suspensions).toEqual([
			{
				from: at('2026-04-07T09:00'),
				to: at('2026-05-13T09:00'),
				reason: MFA[0],
				legalBasis: MFA[1],
				remainingWorkingMinutes: 22 * 480
			}
		]);
	});

	it('while suspended: no due, the remaining time is frozen, and the projected due is a lower bound', () => {
		const c = computeClock(exportTerm(suspended(at('2026-04-07T09:00'), ...MFA)), calendar, at('2026-04-20T12:00'));
		expect(c.state).toBe('suspended');
		expect(c.due).toBeNull();
		expect(c.dueDate).toBeNull();
		expect(c.remainingWorkingMinutes).toBe(22 * 480);
		expect(c.band).toBe('ok');
		// Resumed now (20 April 12:00): 300 min today, 21 full days (21 April … 22 May), 180 min on 25 May.
		expect(c.projectedDue?.toISOString()).toBe(at('2026-05-25T18:30').toISOString());
		expect(c.suspensions[0]?.to).toBeNull();
		// Frozen: the same remaining time a month later.
		expect(
			computeClock(exportTerm(suspended(at('2026-04-07T09:00'), ...MFA)), calendar, at('2026-05-20T12:00'))
				.remainingWorkingMinutes
		).toBe(22 * 480);
	});

	it('keeps the office time left to the minute and rounds the resumed end up to 18:30', () => {
		// Suspended 11:00 on WD 8 (7 full days + 2 h used): 23 × 480 − 120 minutes left. Resumed
		// 15:00 on 8 May: 210 min that day, 22 full days (12 May … 11 June), 150 min on 12 June.
		const events = [suspended(at('2026-04-06T11:00'), ...MFA), resumed(at('2026-05-08T15:00'))];
		const c = computeClock(exportTerm(...events), calendar, at('2026-05-10T12:00'));
		expect(c.suspensions[0]?.remainingWorkingMinutes).toBe(23 * 480 - 120);
		expect(c.due?.toISOString()).toBe(at('2026-06-12T18:30').toISOString());
	});

	it('a suspension opened on day 0 keeps all 30 days, not 30 days plus the rest of day 0 (ADR-003)', () => {
		expect(dueOf([suspended(at('2026-03-20T15:00'), ...MFA), resumed(at('2026-04-01T09:00'))])).toBe(
			at('2026-05-15T18:30').toISOString()
		);
		// Resumed mid-afternoon: the rest of 1 April is not a whole day, so the end is one day later.
		expect(dueOf([suspended(at('2026-03-20T15:00'), ...MFA), resumed(at('2026-04-01T15:00'))])).toBe(
			at('2026-05-18T18:30').toISOString()
		);
	});

	it('a zero-length suspension changes nothing', () => {
		const t = at('2026-04-07T11:15');
		expect(dueOf([suspended(t, ...MFA), resumed(t)])).toBe(dueOf([]));
	});

	it('a suspension opened and closed on day 0 before office hours changes nothing', () => {
		const early = newClock('service-term', 'licence-export', [
			started(at('2026-02-09T07:00')),
			suspended(at('2026-02-09T07:30'), ...MFA),
			resumed(at('2026-02-09T08:00'))
		]);
		expect(computeClock(early, calendar, at('2026-02-10T10:00')).dueDate).toBe(
			calendar.addWorkingDays('2026-02-09', 30)
		);
	});

	it('a suspension after the term ran out does not revive it', () => {
		const events = [suspended(at('2026-05-12T10:00'), ...MFA), resumed(at('2026-06-01T10:00'))];
		const c = computeClock(exportTerm(...events), calendar, at('2026-06-02T10:00'));
		expect([c.state, c.dueDate, c.band]).toEqual(['overdue', '2026-05-08', 'breached']);
	});

	it('a day-off override inside the running term moves its end (an office closure on 2 April 2026)', () => {
		const fixed = calendar.withOverrides([{ date: '2026-04-02', kind: 'day_off', reason: 'Office closure' }]);
		const c = computeClock(exportTerm(), fixed, at('2026-04-01T10:00'));
		expect(c.dueDate).toBe('2026-05-12'); // one WD after 8 May: 9–10 May weekend, 11 May carried Victory Day
		const e = explainClock(exportTerm(), fixed, at('2026-04-01T10:00'));
		expect(e.skipped).toContainEqual({ date: '2026-04-02', kind: 'override', reason: 'Office closure' });
	});

	it('explains the suspension interval and the working time it kept', () => {
		const events = [suspended(at('2026-04-07T09:00'), ...MFA), resumed(at('2026-05-13T09:00'))];
		const e = explainClock(exportTerm(...events), calendar, at('2026-05-14T10:00'));
		expect(e.steps).toEqual([
			expect.stringMatching(/^2026-03-20 10:00 started: 30 working days.*due 2026-05-08 18:30$/),
			'2026-04-07 09:00 suspended: MFA authenticity check of the guarantee commitment (001 p.17 ' +
				'para 3); due unknown until resumed',
			'2026-05-13 09:00 resumed with the working time that was left (ADR-005); due 2026-06-12 18:30',
			'suspension 2026-04-07 09:00 – 2026-05-13 09:00: 10560 working minutes were left (001 p.17 para 3)'
		]);
	});
});

describe('hearing-notice deadline, 3 WD before the end of the term (001 p.19 para 3; 000 p.13; ADR-021 T10)', () => {
	it('is the term end minus 3 WD, and moves with the MFA suspension', () => {
		const plain = exportTerm();
		// 8 May − 3 WD: 6 (1), 5 (2), 4 May (3).
		expect(computeClock(deriveHearingNoticeClock(plain), calendar, at('2026-04-01T10:00')).dueDate).toBe('2026-05-04');
		const withMfa = exportTerm(suspended(at('2026-04-07T09:00'), ...MFA), resumed(at('2026-05-13T09:00')));
		const notice = computeClock(deriveHearingNoticeClock(withMfa), calendar, at('2026-05-14T10:00'));
		expect(notice.dueDate).toBe('2026-06-09'); // 12 June − 3 WD: 11, 10, 9 June
		expect(notice.dueDate).toBe(calendar.addWorkingDays('2026-06-12', -3));
	});

	it('closes when the notice is sent, or is cancelled when the term closes first', () => {
		const term = exportTerm();
		const sent = computeClock(
			deriveHearingNoticeClock(term, [met(at('2026-04-28T10:00'))]),
			calendar,
			at('2026-05-01T10:00')
		);
		expect(sent.state).toBe('met');
		const decided = exportTerm(met(at('2026-04-10T10:00')));
		expect(computeClock(deriveHearingNoticeClock(decided), calendar, at('2026-04-20T10:00')).state).toBe('cancelled');
	});

	it('for a 3-WD reissue the notice is due on the registration day itself', () => {
		const reissue = newClock('service-term', 'licence-reissue', [started(at('2026-02-09T10:00'))]);
		expect(computeClock(deriveHearingNoticeClock(reissue), calendar, at('2026-02-09T10:00')).due?.toISOString()).toBe(
			at('2026-02-09T18:30').toISOString()
		);
		expect(() => deriveHearingNoticeClock({ ...reissue, length: 2 })).toThrow(/no room/);
	});
});
