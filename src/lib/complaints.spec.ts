import { describe, expect, it } from 'vitest';
import { clockPhase, concernsComplaints } from './complaints';

describe('the complaint list', () => {
	it.each([
		['complaint:extended', 'CMP-2026-00003', true],
		['clock:breached', 'CMP-2026-00003', true],
		['case:created', 'CMP-2026-00010', true],
		['clock:breached', 'EL-2026-00003', false],
		['complaint:decided', 'EUC-2026-00001', false],
		['consultation:answered', 'CMP-2026-00003', false]
	] as const)('%s on %s → %s', (type, caseNumber, expected) => {
		expect(concernsComplaints({ type, caseNumber })).toBe(expected);
	});

	it('reads a clock state as the list shows it', () => {
		expect(['running', 'overdue', 'met', 'breached', 'cancelled'].map(clockPhase)).toEqual([
			'running',
			'running',
			'met',
			'late',
			'cancelled'
		]);
	});
});
