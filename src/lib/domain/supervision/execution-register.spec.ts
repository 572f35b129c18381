/**
 * The register of execution reports (001 pp.27–28, Annex 4) on a hand-counted April 2026 history
 * (no public holidays from 2 to 30 April; 1 May is a holiday). The export day is day 0 (ADR-003);
 * the report is due at 18:30 on the 10th working day after it (001 p.28).
 * - export Wed 1 April → 2,3,6,7,8,9,10,13,14,15 → due Wed 15 April;
 * - export Mon 6 April → due Mon 20 April; export Mon 13 April → due Mon 27 April;
 * - export Mon 20 April → 21,22,23,24,27,28,29,30,(1 May holiday),4,5 → due Tue 5 May.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { newClock, started } from '../sla/clock-events';
import type { ClockEvent } from '../sla/clock-types';
import { executionRegister, licenceSummaries, type RegisterInput } from './execution-register';

const calendar = createCalendar();
/** 10:00 Almaty on a day of April 2026. */
const apr = (day: number) => new Date(`2026-04-${String(day).padStart(2, '0')}T05:00:00Z`);
const now = apr(29);
const met = (at: Date): ClockEvent => ({ type: 'met', at });
const report = (exportDate: string, balance: number, at: Date) => ({
	exportDate,
	quantity: 5,
	balance,
	at: at.toISOString()
});

const gl1Reports = [report('2026-04-06', 40, apr(17)), report('2026-04-13', 10, apr(28))];
const inputs: RegisterInput[] = [
	{
		caseId: 'a',
		caseNumber: 'GL-1',
		licence: 'GL-1/L',
		applicant: 'ТОО «Бір»',
		clock: newClock('execution-report', 'general-licence', [started(apr(6)), met(apr(17))]),
		reports: gl1Reports
	},
	{
		caseId: 'a',
		caseNumber: 'GL-1',
		licence: 'GL-1/L',
		applicant: 'ТОО «Бір»',
		clock: newClock('execution-report', 'general-licence', [started(apr(13)), met(apr(28))]),
		reports: gl1Reports
	},
	{
		caseId: 'b',
		caseNumber: 'GL-2',
		licence: 'GL-2/L',
		applicant: 'ТОО «Екі»',
		clock: newClock('execution-report', 'general-licence', [started(apr(1))]),
		reports: []
	},
	{
		caseId: 'b',
		caseNumber: 'GL-2',
		licence: 'GL-2/L',
		applicant: 'ТОО «Екі»',
		clock: newClock('execution-report', 'general-licence', [started(apr(20))]),
		reports: []
	}
];

describe('executionRegister (001 p.28: 10 WD from the export, Annex 4)', () => {
	const rows = executionRegister(inputs, calendar, now);

	it('gives each export its due date and state, the open ones first by due', () => {
		expect(rows.map((r) => [r.caseNumber, r.exportDate, r.dueDate, r.state, r.workingDaysLeft])).toEqual([
			// 15 April 18:30 → 29 April 10:00: 9 working days and 1.5 hours overdue (8 h a day).
			['GL-2', '2026-04-01', '2026-04-15', 'missing', -9],
			// 29 April 10:00 → 5 May 18:30: 7 h + 8 h + 8 h + 8 h = 31 h → 3 whole working days.
			['GL-2', '2026-04-20', '2026-05-05', 'awaited', 3],
			['GL-1', '2026-04-06', '2026-04-20', 'received', null],
			// Met on 28 April, after its due of 27 April.
			['GL-1', '2026-04-13', '2026-04-27', 'received-late', null]
		]);
	});

	it('bands an overdue report as breached, and takes the quantity and balance from its own report', () => {
		expect(rows[0]!.band).toBe('breached');
		expect(rows[2]!.receivedAt?.toISOString()).toBe(apr(17).toISOString());
		expect([rows[2]!.quantity, rows[2]!.balance, rows[3]!.balance]).toEqual([5, 40, 10]);
		expect([rows[0]!.balance, rows[0]!.receivedAt]).toEqual([null, null]);
	});

	it('sums per licence with the remaining balance of the latest report (Annex 4 item 6)', () => {
		expect(
			licenceSummaries(inputs, rows).map((l) => [
				l.caseNumber,
				l.exports,
				l.received,
				l.late,
				l.missing,
				l.awaited,
				l.balance
			])
		).toEqual([
			['GL-2', 2, 0, 0, 1, 1, null],
			['GL-1', 2, 1, 1, 0, 0, 10]
		]);
	});
});
