import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCalendar } from '../calendar';
import type { SlaClock } from '../sla';
import { byUrgency, urgencyOf } from './urgency';

const cal = createCalendar({ fromYear: 2026, toYear: 2027 });
const at = (iso: string) => new Date(iso);
const wd = (kind: SlaClock['kind'], length: number, started: string, extra: SlaClock['events'] = []): SlaClock => ({
	kind,
	unit: 'working_days',
	length,
	citation: 'test',
	events: [{ type: 'started', at: at(started) }, ...extra]
});
// Monday 6 April 2026, 10:00 Almaty; and 17:30, after the registration cut-off.
const NOW = at('2026-04-06T05:00:00Z');
const EVENING = at('2026-04-06T12:30:00Z');

describe('urgency of a case (queue order)', () => {
	it('is the running clock that ends first: a consultation due sooner outranks the service term (001 p.16)', () => {
		const u = urgencyOf(
			{
				clocks: [
					wd('service-term', 30, '2026-03-02T05:00:00Z'),
					{ ...wd('consultation', 10, '2026-03-25T05:00:00Z'), subject: 'nsc' }
				]
			},
			cal,
			NOW
		);
		expect(u.next?.kind).toBe('consultation');
		expect(u.next?.subject).toBe('nsc');
		expect(u.remainingWorkingMinutes).toBe(cal.workingMinutesBetween(NOW, cal.workingDaysDue('2026-03-25', 10)));
	});

	it('puts an overdue clock first, with a negative remaining time and the breached band', () => {
		const u = urgencyOf({ clocks: [wd('completeness', 2, '2026-03-30T05:00:00Z')] }, cal, NOW);
		expect(u.remainingWorkingMinutes).toBeLessThan(0);
		expect(u.band).toBe('breached');
	});

	it('reports a suspended service term apart, with its reason, and without a running next clock (001 p.17)', () => {
		const u = urgencyOf(
			{
				clocks: [
					wd('service-term', 30, '2026-03-02T05:00:00Z', [
						{
							type: 'suspended',
							at: at('2026-03-10T05:00:00Z'),
							reason: 'MFA authenticity check',
							legalBasis: '001 p.17'
						}
					])
				]
			},
			cal,
			NOW
		);
		expect(u.next).toBeNull();
		expect(u.suspension).toEqual({
			since: at('2026-03-10T05:00:00Z'),
			reason: 'MFA authenticity check',
			legalBasis: '001 p.17'
		});
		expect(u.remainingWorkingMinutes).toBe(Number.POSITIVE_INFINITY);
	});

	it('ignores met and cancelled clocks', () => {
		const u = urgencyOf(
			{ clocks: [wd('completeness', 2, '2026-04-01T05:00:00Z', [{ type: 'met', at: at('2026-04-02T05:00:00Z') }])] },
			cal,
			NOW
		);
		expect(u.next).toBeNull();
		expect(u.band).toBe('none');
	});

	it('ranks by the due: a term registered after 17:00 (not started until its day 0 ends, 001 p.14) comes after one due sooner', () => {
		// Monday 6 April 2026, 17:45 Almaty.
		const evening = at('2026-04-06T12:45:00Z');
		// day 0 Tuesday: due Thursday
		const late = urgencyOf({ clocks: [wd('completeness', 2, '2026-04-06T12:16:00Z')] }, cal, evening);
		// due Tuesday
		const sooner = urgencyOf({ clocks: [wd('complaint-forwarding', 3, '2026-04-02T05:00:00Z')] }, cal, evening);
		expect(late.next!.due!.getTime()).toBeGreaterThan(sooner.next!.due!.getTime());
		expect(late.next!.remainingWorkingMinutes).toBe(2 * 480); // the term itself has not started
		expect(late.remainingWorkingMinutes).toBe(cal.workingMinutesBetween(evening, late.next!.due!));
		const rows = [
			{ key: 'a-late', urgency: late },
			{ key: 'b-sooner', urgency: sooner }
		].sort(byUrgency);
		expect(rows.map((r) => r.key)).toEqual(['b-sooner', 'a-late']);
	});

	it('orders any set of cases so that remaining time never decreases down the list, and neither does the due (seeded)', () => {
		// Starts in working hours of the last 40 working days, or after 17:00 today (not started yet).
		const start = fc.oneof(
			fc.integer({ min: 0, max: 40 }).map((back) => `${cal.addWorkingDays('2026-04-06', -back)}T04:30:00Z`),
			fc.constant('2026-04-06T12:10:00Z')
		);
		const item = fc.record({
			len: fc.integer({ min: 1, max: 30 }),
			start,
			key: fc.string({ minLength: 1, maxLength: 6 })
		});
		fc.assert(
			fc.property(fc.array(item, { maxLength: 40 }), (items) => {
				const rows = items.map((i) => ({
					key: i.key,
					urgency: urgencyOf({ clocks: [wd('service-term', i.len, i.start)] }, cal, EVENING)
				}));
				rows.sort(byUrgency);
				for (let k = 1; k < rows.length; k++) {
					expect(rows[k]!.urgency.remainingWorkingMinutes).toBeGreaterThanOrEqual(
						rows[k - 1]!.urgency.remainingWorkingMinutes
					);
					expect(rows[k]!.urgency.next!.due!.getTime()).toBeGreaterThanOrEqual(
						rows[k - 1]!.urgency.next!.due!.getTime()
					);
				}
			}),
			{ seed: 11, numRuns: 200 }
		);
	});
});
