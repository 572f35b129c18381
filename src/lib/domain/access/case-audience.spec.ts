import { describe, expect, it } from 'vitest';
import {
	AUDIENCE_READS,
	AUDIENCES,
	CASE_FIELD_CLASSES,
	caseForApplicant,
	caseForStaff,
	checkForMfa,
	consultationForAgency,
	eventForAudience,
	eventForDelivery,
	boardSummaryOf,
	requestForControlBody,
	type Audience,
	type CaseFacts
} from './case-audience';

/** A staff view of a case (facts plus the Committee's own working) with a marker in every classed field. */
function markedCase() {
	const view = {
		id: 'c1',
		number: 'EL-2026-00001',
		service: 'export-licence',
		stage: 'refused',
		externalId: 'portal-1',
		receivedAt: '2026-03-02T04:00:00.000Z',
		registeredOn: '2026-03-02',
		decidedAt: '2026-03-20T10:00:00.000Z',
		applicant: { bin: '000740001307', name: '' },
		assignee: { id: 7, username: '', displayName: '' },
		application: {
			goodsLines: [{ hsCode: '8401100000', controlCode: '1С350', description: 'valves', quantity: 3, unit: 'pcs' }],
			counterparty: { name: 'Buyer', country: 'DE' },
			endUser: { name: 'User', country: 'DE' },
			riskInformation: ''
		} as Record<string, unknown>,
		decision: {
			outcome: 'refused',
			grounds: [9],
			confidential: [9],
			text: '',
			note: '',
			basis: '',
			restricted: '',
			hearing: { heldAt: '2026-03-18T05:00:00.000Z', applicantAttended: true, notes: '' }
		} as Record<string, unknown>,
		clocks: [
			{
				kind: 'service-term',
				subject: null,
				state: 'met',
				due: '2026-03-30T13:30:00.000Z',
				citation: '001 Annex 1 row 3',
				suspensions: [{ from: '2026-03-05T04:00:00.000Z', to: null, reason: '', legalBasis: '001 p.17 para 3' }]
			}
		],
		consultations: [
			{
				id: 'k-other',
				agency: '',
				requestedAt: '2026-03-03T04:00:00.000Z',
				dueAt: '2026-03-17T13:30:00.000Z',
				decision: 'object',
				answeredAt: '2026-03-10T04:00:00.000Z',
				reason: '',
				lateAnswer: ''
			},
			{
				id: 'k-own',
				agency: 'nsc',
				requestedAt: '2026-03-03T04:00:00.000Z',
				dueAt: '2026-03-17T13:30:00.000Z',
				decision: 'approve',
				answeredAt: '2026-03-09T04:00:00.000Z',
				reason: 'own answer',
				lateAnswer: null
			}
		],
		mfaCheck: {
			id: 'm1',
			requestedAt: '2026-03-05T04:00:00.000Z',
			resultAt: null,
			authentic: null,
			reference: ''
		},
		devices: [],
		controlRequests: [
			{
				id: 'cr-own',
				agency: 'kgd',
				requestedAt: '2026-03-03T04:00:00.000Z',
				answeredAt: '2026-03-04T04:00:00.000Z',
				risks: '',
				information: ''
			}
		],
		events: [
			{
				id: 1,
				seq: 1,
				type: '',
				at: '2026-03-10T04:00:00.000Z',
				actor: '',
				citation: '001 p.16',
				before: { restricted: '' },
				after: { decision: 'object', restricted: { basis: '' }, reason: '', reference: '' }
			}
		]
	};
	for (const path of Object.keys(CASE_FIELD_CLASSES)) setPath(view, path, marker(path));
	return view;
}
const marker = (path: string) => `MARK<${path}>`;

/** Sets `a.b[].c` (the first element of each array) in place. */
function setPath(target: unknown, path: string, value: string) {
	const parts = path.split('.');
	let at = target as Record<string, unknown>;
	parts.forEach((raw, i) => {
		const key = raw.replace('[]', '');
		if (i === parts.length - 1) at[key] = value;
		else {
			let next = at[key] as unknown;
			if (raw.endsWith('[]')) next = (next as unknown[])[0];
			at = next as Record<string, unknown>;
		}
	});
}

/** What each audience receives of the marked case, by the function that audience is served by. */
function received(audience: Audience): unknown {
	const view = markedCase();
	const facts: CaseFacts = view;
	switch (audience) {
		case 'staff-full':
		case 'staff':
			return caseForStaff(view, audience);
		case 'applicant':
			return caseForApplicant(facts);
		case 'agency':
			// Routing gives an agency only its own consultation's events; anything else arrives bare.
			return [
				consultationForAgency(facts, facts.consultations[1]!),
				view.events.map((e) => eventForAudience(envelopeOf(e, 'case:decided'), 'agency'))
			];
		case 'mfa':
			return checkForMfa(facts, facts.mfaCheck!);
		case 'control':
			// A control-system body is served its own request and answer only, nothing of the case.
			return requestForControlBody(view.controlRequests[0]!);
		case 'board':
			return view.events.map((e) => [
				eventForAudience(envelopeOf(e, 'consultation:answered'), 'board'),
				boardSummaryOf('consultation:answered', e.after)
			]);
	}
}

/** A case event as the socket sends it, from a marked event row. */
const envelopeOf = (e: ReturnType<typeof markedCase>['events'][number], type: string) => ({
	id: e.id,
	type,
	caseId: 'c1',
	caseNumber: 'EL-2026-00001',
	at: e.at,
	actor: e.actor,
	citation: e.citation,
	payload: e.after
});

/** Fields an agency or the MFA reads because they are its own (its answer, its reference). */
const OWN: Partial<Record<Audience, string[]>> = {
	mfa: ['mfaCheck.reference'],
	control: ['controlRequests[].risks', 'controlRequests[].information']
};

describe('need to know: each audience receives exactly the classes of field it may read', () => {
	const cells = AUDIENCES.flatMap((audience) =>
		Object.entries(CASE_FIELD_CLASSES).map(([path, cls]) => {
			const may = AUDIENCE_READS[audience].includes(cls) || !!OWN[audience]?.includes(path);
			return [audience, path, cls, may] as const;
		})
	);
	it.each(cells)('%s · %s (%s) → visible: %s', (audience, path, _cls, may) => {
		expect(JSON.stringify(received(audience)).includes(marker(path))).toBe(may);
	});
});

describe('what each outside audience gets', () => {
	it('the applicant: status in plain words, the term and its public suspension, the letter, the grounds without basis', () => {
		const v = caseForApplicant(markedCase());
		expect(v.status).toBe('refused');
		expect(v.terms).toEqual([expect.objectContaining({ kind: 'service-term', due: '2026-03-30T13:30:00.000Z' })]);
		expect(v.decision).toMatchObject({ outcome: 'refused', grounds: [9], confidentialGrounds: [9] });
		expect(v.decision?.letter).toBe(marker('decision.text'));
	});

	it.each([
		['consultation', 'under-review'],
		['mfa-check', 'under-review'],
		['completeness-check', 'registered'],
		['hearing', 'hearing'],
		['complaint-review', 'complaint-under-review']
	])('the applicant is told stage %s as %s', (stage, status) => {
		expect(caseForApplicant({ ...markedCase(), stage }).status).toBe(status);
	});

	it('an agency: its own consultation and the goods, codes, quantities, parties and countries', () => {
		const v = consultationForAgency(markedCase(), markedCase().consultations[1]!);
		expect(v).toMatchObject({ id: 'k-own', agency: 'nsc', reason: 'own answer' });
		expect(v.application.goodsLines).toEqual([
			{ hsCode: '8401100000', controlCode: '1С350', description: 'valves', quantity: 3, unit: 'pcs' }
		]);
		expect(v.application.endUser).toEqual({ name: 'User', country: 'DE' });
		expect(v.application.countries).toEqual([...new Set([v.application.counterparty?.country, 'DE'])]);
		expect(JSON.stringify(v)).not.toContain('k-other');
	});

	it('an agency: nothing outside the allow-list of the application (applicant, value, risk information)', () => {
		const v = consultationForAgency(
			{
				...markedCase(),
				application: {
					goodsLines: [
						{
							hsCode: '8401100000',
							controlCode: '1С350',
							description: 'd',
							quantity: 1,
							unit: 'pcs',
							value: 777111,
							currency: 'USD'
						}
					],
					counterparty: { name: 'C', country: 'TR', address: 'secret street' },
					endUser: { name: 'E', country: 'KG' },
					applicant: { bin: '000740001307' },
					riskInformation: true,
					firstExportToCounterparty: true,
					complaintText: 'complaint',
					devices: ['356938035643809']
				}
			},
			markedCase().consultations[1]!
		);
		const text = JSON.stringify(v);
		for (const hidden of [
			'777111',
			'secret street',
			'000740001307',
			'riskInformation',
			'firstExport',
			'complaint',
			'3569380'
		])
			expect(text).not.toContain(hidden);
		expect(v.application.countries).toEqual(['TR', 'KG']);
	});

	it('the board: an outcome without who said it or why', () => {
		expect(boardSummaryOf('consultation:answered', { agency: 'nsc', decision: 'object', reason: 'x' })).toEqual({
			decision: 'object'
		});
		expect(boardSummaryOf('mfa:result-received', { authentic: true, reference: 'R-1' })).toEqual({ authentic: true });
	});

	it('an agency receives only its consultation events’ outcome; other events carry no data', () => {
		const answered = { type: 'consultation:answered', payload: { agency: 'nsc', decision: 'approve', by: 'x' } };
		expect(eventForAudience(answered, 'agency').payload).toEqual({ agency: 'nsc', decision: 'approve' });
		expect(eventForAudience({ type: 'case:assigned', actor: 'o', payload: { assignee: 'o' } }, 'agency')).toEqual({
			type: 'case:assigned'
		});
	});
});

describe('a case event in the form the policy decided (deliveryFor)', () => {
	const event = (type: string, payload: Record<string, unknown>) => ({
		id: 1,
		type,
		caseId: 'c',
		caseNumber: 'EL-1',
		at: '2026-04-06T05:00:00.000Z',
		actor: 'officer',
		citation: null,
		payload
	});

	it('strips the restricted part (001 p.19 para 5) and the summary drops all data', () => {
		const e = event('refusal:preliminary-issued', { grounds: [9], restricted: { basis: 'classified' } });
		expect(eventForDelivery(e, 'full').payload).toEqual({ grounds: [9], restricted: { basis: 'classified' } });
		expect(eventForDelivery(e, 'stripped').payload).toEqual({ grounds: [9] });
		expect(eventForDelivery(e, 'summary')).not.toHaveProperty('payload');
		expect(eventForDelivery(e, 'summary').caseNumber).toBe('EL-1');
	});

	it('a liaison gets its consultation’s outcome, not who at the Committee acted; the board no actor', () => {
		const e = event('consultation:requested', { agency: 'nsc', dueAt: 'd', requestedBy: 'officer', unit: 'U1' });
		expect(eventForDelivery(e, 'agency')).toEqual({
			id: 1,
			type: 'consultation:requested',
			caseId: 'c',
			caseNumber: 'EL-1',
			at: '2026-04-06T05:00:00.000Z',
			citation: null,
			payload: { agency: 'nsc', dueAt: 'd' }
		});
		expect(eventForDelivery(e, 'summary')).not.toHaveProperty('actor');
	});
});
