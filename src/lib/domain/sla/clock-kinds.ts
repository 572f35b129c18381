/**
 * The clock kinds a case runs, mapped to the timers T0–T23 of ADR-021 and to the points
 * of the acts that fix their lengths. Data only; computeClock reads the rules flagged here.
 * A kind has one or more variants (e.g. the service term per service); the first is the default.
 */
import type { ClockKindSpec, ClockVariant } from './clock-kind-spec';
import type { ClockKind, SlaClock } from './clock-types';

/** Most kinds have no same-day rule, no suspension and no extension; entries state only exceptions. */
type SpecInput = Omit<ClockKindSpec, 'sameDayCutoff' | 'countsFromRegistration' | 'suspension' | 'extension'> &
	Partial<ClockKindSpec>;
const spec = (s: SpecInput): ClockKindSpec => ({
	sameDayCutoff: false,
	countsFromRegistration: false,
	suspension: null,
	extension: null,
	...s
});

const wd = (id: string, length: number, citation: string, t: string): ClockVariant => ({
	id,
	unit: 'working_days',
	length,
	citation,
	t
});

const SPECS: readonly ClockKindSpec[] = [
	spec({
		kind: 'registration',
		tNumbers: ['T0'],
		citation: '001 p.14; Annex 1 row 7; 000 p.10; Annex 1 row 7; 003 A1–A11 p.5.1',
		startsAt: 'arrival of the application (portal) or of the paper documents (003)',
		onExpiry: 'registration overdue; 001/000 set no automatic outcome',
		sameDayCutoff: true,
		variants: [
			wd('portal', 0, '001 p.14; Annex 1 row 7(2); 000 p.10; Annex 1 row 7(2)', 'T0'),
			// Each regulation's p.5.1 (repeated in its p.8.1): the office registers the application
			// within 4 hours of its receipt; customs registers a declaration within 2.
			{
				id: '003-office',
				unit: 'working_hours',
				length: 4,
				citation: '003 A1–A4 p.5.1; A6–A10 p.5.1',
				t: 'T0',
				formerCitation: '003 A1–A4; A6–A10'
			},
			{
				id: '003-declaration',
				unit: 'working_hours',
				length: 2,
				citation: '003 A5 p.5.1; A11 p.5.1',
				t: 'T0',
				formerCitation: '003 A5; A11'
			}
		]
	}),
	spec({
		kind: 'completeness',
		countsFromRegistration: true,
		tNumbers: ['T1'],
		citation: '001 p.15; 000 p.11',
		startsAt:
			'001: the moment of registration (p.15); 000: "when the application is submitted" (p.11), [DERIVED] registration',
		onExpiry: 'check overdue (breach of the Rules); no automatic outcome',
		variants: [wd('licence', 2, '001 p.15', 'T1'), wd('certificate', 3, '000 p.11', 'T1')]
	}),
	spec({
		kind: 'service-term',
		countsFromRegistration: true,
		tNumbers: ['T2', 'T3', 'T4', 'T5'],
		citation: '001 Annex 1 row 3; 000 Annex 1 row 3',
		startsAt: '[DERIVED] registration of the application',
		onExpiry: 'decision (licence, certificate or reasoned refusal) overdue',
		suspension: '001 p.17 para 3 (MFA authenticity check; export and general licences only)',
		variants: [
			// Suspended by the MFA check (001 p.17 para 3).
			wd('licence-export', 30, '001 Annex 1 row 3; 001 p.17 para 3', 'T3'),
			wd('licence-general', 30, '001 Annex 1 row 3; 001 p.17 para 3', 'T3'),
			wd('licence-import', 30, '001 Annex 1 row 3', 'T2'),
			wd('licence-reissue', 3, '001 Annex 1 row 3', 'T4'),
			wd('licence-reissue-reorganised', 30, '001 Annex 1 row 3', 'T5'),
			wd('certificate', 7, '000 Annex 1 row 3', '000 A3'),
			// 1 WD from the receipt of the request, the receipt day being day 0 (004 P 10): the 17:00
			// registration cut-off belongs to 001 p.14 / 000 p.10, not to 004.
			{
				// Per device, in the manual mode.
				...wd('device-verification', 1, '004 P 10', '004 P 10'),
				countsFromRegistration: false,
				formerCitation: '004 P 10 (per device, manual mode)'
			}
		]
	}),
	spec({
		kind: 'consultation',
		tNumbers: ['T6'],
		citation: '001 p.16',
		startsAt: "[DERIVED] the provider's request to the relevant state bodies",
		onExpiry: 'silence = licence issue deemed approved (001 p.16)',
		variants: [wd('state-bodies', 10, '001 p.16', 'T6')]
	}),
	spec({
		kind: 'mfa-check',
		tNumbers: ['T8'],
		citation: '001 p.17 para 3; p.18; Annex 1 row 9 ground 12',
		startsAt: 'sending of the guarantee commitment to the MFA',
		onExpiry: 'no result within 1 calendar year → refusal ground 12',
		variants: [{ id: 'long-stop', unit: 'years', length: 1, citation: '001 Annex 1 row 9 ground 12', t: 'T8' }]
	}),
	spec({
		kind: 'original-guarantee',
		tNumbers: ['T9'],
		citation: '001 p.18 para 2',
		startsAt: 'the day the documents were submitted (not registration)',
		onExpiry: 'consequence not stated in 001',
		variants: [wd('export-or-general', 7, '001 p.18 para 2', 'T9')]
	}),
	spec({
		kind: 'hearing-notice',
		countsFromRegistration: true,
		tNumbers: ['T10'],
		citation: '001 p.19 para 3; 000 p.13',
		startsAt: 'counted back from the end of the service term; moves with its suspensions',
		onExpiry: 'too late to notify a preliminary refusal; not addressed by the acts',
		suspension: '001 p.17 para 3 (mirrors the service-term suspension)',
		variants: [wd('before-term-end', 3, '001 p.19 para 3; 000 p.13', 'T10')]
	}),
	spec({
		kind: 'hearing',
		tNumbers: ['T11'],
		citation: '001 p.19 para 3; 000 p.13',
		startsAt: 'the day the notice was made',
		onExpiry: 'hearing overdue',
		variants: [wd('after-notice', 2, '001 p.19 para 3; 000 p.13', 'T11')]
	}),
	spec({
		kind: 'complaint-forwarding',
		tNumbers: ['T15'],
		citation: '001 p.23 para 2; 000 p.15',
		startsAt: 'the day the complaint is received by the provider',
		onExpiry: 'forwarding overdue',
		variants: [wd('to-reviewing-body', 3, '001 p.23 para 2; 000 p.15', 'T15')]
	}),
	spec({
		kind: 'complaint-review',
		countsFromRegistration: true,
		tNumbers: ['T16', 'T17', 'T18'],
		citation: '001 pp.24–25; 000 pp.16–17',
		startsAt: 'registration of the complaint',
		onExpiry: 'decision on the complaint overdue',
		extension: { maxWorkingDays: 10, citation: '001 p.25 para 1; 000 p.17' },
		variants: [
			wd('provider', 5, '001 p.24(1); 000 p.16(1)', 'T16'),
			wd('quality-body', 15, '001 p.24(2); 000 p.16(2)', 'T17')
		]
	}),
	spec({
		kind: 'complaint-extension-notice',
		tNumbers: ['T19'],
		citation: '001 p.25 para 2; 000 p.17',
		startsAt: 'the moment of extension',
		onExpiry: 'complainant not told of the extension in time',
		variants: [wd('to-complainant', 3, '001 p.25 para 2; 000 p.17', 'T19')]
	}),
	spec({
		kind: 'delivery-confirmation',
		tNumbers: ['T13'],
		citation: '001 p.22',
		startsAt: 'import of the military goods into the country of destination',
		onExpiry: 'consequence not stated in 001 (applicant duty)',
		variants: [wd('military-goods', 15, '001 p.22', 'T13')]
	}),
	spec({
		kind: 'execution-report',
		tNumbers: ['T14'],
		citation: '001 pp.27–28, Annex 4',
		startsAt: 'the day the export under the general licence was carried out',
		onExpiry: 'consequence not stated in 001 (exporter duty)',
		variants: [wd('general-licence', 10, '001 p.28', 'T14')]
	}),
	spec({
		// Not the desk's term but the certificate's: the applicant presents it to the exporting
		// country's authority "within six months of the day it is signed" (ADR-065).
		kind: 'certificate-presentation',
		tNumbers: [],
		citation: '000 Annex 4 form 1 item 12; form 2 item 9',
		startsAt: 'the signature of the end-user or international import certificate ("қол қойылған күннен бастап")',
		onExpiry: 'the certificate may no longer be presented; the scheduler records the lapse once',
		variants: [
			{
				id: 'six-months',
				unit: 'months',
				length: 6,
				citation: '000 Annex 4 form 1 item 12; form 2 item 9',
				t: '000 Annex 4'
			}
		]
	}),
	spec({
		kind: 'procedure-step',
		tNumbers: [],
		// The step limits of each regulation are its p.5 (A3 p.5.1–5.9), repeated in its p.8.
		citation: '003 A1–A11 p.5',
		startsAt: 'the end of the previous step (receipt of the documents for the first)',
		onExpiry: 'step overdue (breach of the regulation)',
		variants: [
			{
				id: 'working-hours',
				unit: 'working_hours',
				length: 4,
				citation: '003 A1–A11 p.5',
				t: '003',
				formerCitation: '003 A1–A11'
			},
			{
				id: 'calendar-days',
				unit: 'calendar_days',
				length: 1,
				citation: '003 A1–A11 p.5',
				t: '003',
				formerCitation: '003 A1–A11'
			}
		]
	})
];

export const CLOCK_KIND_SPECS: ReadonlyMap<ClockKind, ClockKindSpec> = new Map(SPECS.map((s) => [s.kind, s]));

export function clockKindSpec(kind: ClockKind): ClockKindSpec {
	const spec = CLOCK_KIND_SPECS.get(kind);
	if (!spec) throw new RangeError(`unknown clock kind ${JSON.stringify(kind)}`);
	return spec;
}

/**
 * Whether a clock's day 0 is the registration day (ADR-002) rather than the day of its start
 * event: the kind's rule unless the clock's variant (found by its unit, length and citation, which
 * a stored clock keeps) says otherwise.
 */
export function countsFromRegistration(clock: Pick<SlaClock, 'kind' | 'unit' | 'length' | 'citation'>): boolean {
	const spec = clockKindSpec(clock.kind);
	const variant = spec.variants.find(
		(v) =>
			v.unit === clock.unit &&
			v.length === clock.length &&
			(v.citation === clock.citation || v.formerCitation === clock.citation)
	);
	return variant?.countsFromRegistration ?? spec.countsFromRegistration;
}

/** A variant by id, or the kind's default (first) variant. */
export function clockVariant(kind: ClockKind, id?: string): ClockVariant {
	const spec = clockKindSpec(kind);
	if (id === undefined) return spec.variants[0];
	const v = spec.variants.find((x) => x.id === id);
	if (!v) throw new RangeError(`clock kind ${kind} has no variant ${JSON.stringify(id)}`);
	return v;
}
