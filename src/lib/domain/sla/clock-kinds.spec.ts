import { describe, expect, it } from 'vitest';
import { UNMAPPED_A9_TIMERS } from './clock-kind-spec';
import { CLOCK_KIND_SPECS, clockVariant } from './clock-kinds';
import { CLOCK_KINDS } from './clock-types';

describe('clock kinds ↔ timers T0–T23 of ADR-021', () => {
	it('every kind has a spec, and every timer T0–T23 is mapped once or listed as unmapped with a reason', () => {
		expect([...CLOCK_KIND_SPECS.keys()].sort()).toEqual([...CLOCK_KINDS].sort());
		const mapped = [...CLOCK_KIND_SPECS.values()].flatMap((s) => s.tNumbers);
		expect(new Set(mapped).size).toBe(mapped.length);
		const all = [...mapped, ...Object.keys(UNMAPPED_A9_TIMERS)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
		expect(all).toEqual(Array.from({ length: 24 }, (_, i) => `T${i}`));
	});

	it.each([
		['registration', 'portal', 'working_days', 0, '001 p.14'],
		['registration', '003-office', 'working_hours', 4, '003 A1–A4 p.5.1'],
		['registration', '003-declaration', 'working_hours', 2, '003 A5 p.5.1; A11 p.5.1'],
		['completeness', 'licence', 'working_days', 2, '001 p.15'],
		['completeness', 'certificate', 'working_days', 3, '000 p.11'],
		['service-term', 'licence-export', 'working_days', 30, '001 Annex 1 row 3'],
		['service-term', 'licence-import', 'working_days', 30, '001 Annex 1 row 3'],
		['service-term', 'licence-reissue', 'working_days', 3, '001 Annex 1 row 3'],
		['service-term', 'certificate', 'working_days', 7, '000 Annex 1 row 3'],
		['consultation', 'state-bodies', 'working_days', 10, '001 p.16'],
		['mfa-check', 'long-stop', 'years', 1, 'ground 12'],
		['original-guarantee', 'export-or-general', 'working_days', 7, '001 p.18'],
		['hearing-notice', 'before-term-end', 'working_days', 3, '001 p.19'],
		['hearing', 'after-notice', 'working_days', 2, '001 p.19'],
		['complaint-forwarding', 'to-reviewing-body', 'working_days', 3, '001 p.23'],
		['complaint-review', 'provider', 'working_days', 5, '001 p.24(1)'],
		['complaint-review', 'quality-body', 'working_days', 15, '001 p.24(2)'],
		['complaint-extension-notice', 'to-complainant', 'working_days', 3, '001 p.25'],
		['delivery-confirmation', 'military-goods', 'working_days', 15, '001 p.22'],
		['execution-report', 'general-licence', 'working_days', 10, '001 p.28']
	] as const)('%s/%s is %s × %i (%s)', (kind, id, unit, length, citation) => {
		const v = clockVariant(kind, id);
		expect([v.unit, v.length]).toEqual([unit, length]);
		expect(v.citation).toContain(citation);
	});

	it('only the service term (MFA, 001 p.17) and its hearing notice may be suspended; only complaint review extended (≤ 10 WD)', () => {
		const suspendable = [...CLOCK_KIND_SPECS.values()].filter((s) => s.suspension !== null).map((s) => s.kind);
		expect(suspendable).toEqual(['service-term', 'hearing-notice']);
		const extendable = [...CLOCK_KIND_SPECS.values()].filter((s) => s.extension !== null);
		expect(extendable.map((s) => [s.kind, s.extension?.maxWorkingDays])).toEqual([['complaint-review', 10]]);
	});
});
