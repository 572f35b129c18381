/**
 * Export-control rules of 001 for export and general licences: the original guarantee (p.18
 * para 2), risk information after registration (p.18 para 1 sub.2). Expected dates are counted by
 * hand on the 2026 calendar (no holidays between 10 and 21 April).
 */
import { describe, expect, it } from 'vitest';
import {
	applyPlan,
	availableActions,
	planConsultationAnswer,
	planControlAnswer,
	planMfaResult,
	procedureFor,
	type CaseSnapshot
} from './index';
import {
	act,
	at,
	calendar,
	clockOf as clock,
	head,
	line,
	newId,
	officer,
	readyForGrant,
	refused,
	register,
	registrar
} from './spec-fixtures';

// Friday 10 April 2026, 17:30 Almaty: submitted on Friday, registered on Monday 13 April.
const received = at('2026-04-10T17:30:00+05:00');

describe('original guarantee within 7 WD of submission, every export or general licence (001 p.18 para 2)', () => {
	it.each(['export-licence', 'general-export-licence'])(
		'%s without 1С350/10С905 goods still awaits the original: due Tuesday 21 April',
		(service) => {
			// 7 WD from Friday 10 April: 13, 14, 15, 16, 17, 20, 21 April.
			const snap = register(service, received, { goodsLines: [line('10С906')] });
			expect(clock(snap, 'original-guarantee', received)).toMatchObject({ state: 'running', dueDate: '2026-04-21' });
			expect(clock(snap, 'original-guarantee', received)!.dueDate).toBe(calendar.addWorkingDays('2026-04-10', 7));
		}
	);

	it('an import licence has no guarantee clock (p.18 names export and general licences only)', () => {
		expect(
			clock(register('import-licence', received, { goodsLines: [line('1С350')] }), 'original-guarantee', received)
		).toBe(null);
	});

	it('lets the registrar record the original on an export licence without MFA codes', () => {
		const snap = register('export-licence', received, { goodsLines: [line('2В001')] });
		const t = at('2026-04-15T10:00:00+05:00');
		const r = act(snap, registrar, 'record-original-guarantee', {}, t);
		expect(clock(r.next, 'original-guarantee', t)!.state).toBe('met');
	});
});

describe('risk information received after registration (001 p.18 para 1 sub.2)', () => {
	const t1 = at('2026-04-14T10:00:00+05:00');
	const t2 = at('2026-04-15T11:00:00+05:00');
	const riskBody = { source: 'National Security Committee', summary: 'Possible diversion to a third country.' };

	function reviewed(service = 'export-licence', code = '1С350') {
		const snap = register(service, received, { goodsLines: [line(code)], firstExportToCounterparty: false });
		return readyForGrant(act(snap, officer, 'complete-check', { complete: true }, t1).next, t1);
	}

	it('without it, a repeat export of 1С350 goods may be granted without the MFA check', () => {
		expect(act(reviewed(), head, 'decide', { outcome: 'grant' }, t2).next.stage).toBe('granted');
	});

	it('once recorded, the MFA check becomes mandatory: no grant without it, and the request is mandatory', () => {
		const r = act(reviewed(), officer, 'record-risk-information', riskBody, t2);
		expect(r.plan.events[0]).toMatchObject({
			type: 'risk:information-recorded',
			citation: '001 p.18 para 1 sub.2',
			after: { mfaMandatory: true }
		});
		expect(r.next.record.riskInformation).toMatchObject({ source: riskBody.source, receivedAt: t2.toISOString() });
		const err = refused(() => act(r.next, head, 'decide', { outcome: 'grant' }, t2));
		expect([err.kind, err.message]).toEqual(['conflict', expect.stringContaining('001 p.18')]);
		expect(act(r.next, officer, 'request-mfa-check', {}, t2).plan.mfaRequest).toEqual({ mandatory: true });
	});

	it('turns an MFA check already requested as optional into a mandatory one', () => {
		const optional = act(reviewed(), officer, 'request-mfa-check', {}, t1);
		expect(optional.plan.mfaRequest).toEqual({ mandatory: false });
		const r = act(optional.next, officer, 'record-risk-information', riskBody, t2);
		expect(r.plan.mfaMadeMandatory).toBe(true);
		expect(r.next.mfa?.mandatory).toBe(true);
	});

	it('for goods outside 1С350/10С905 it is recorded, and p.18 does not make the check mandatory', () => {
		const r = act(reviewed('general-export-licence', '10С906'), officer, 'record-risk-information', riskBody, t2);
		expect(r.plan.events[0]!.after).toMatchObject({ mfaMandatory: false });
		expect(act(r.next, head, 'decide', { outcome: 'grant' }, t2).next.stage).toBe('granted');
	});

	it('validates the input, refuses a future date, and is no action of an import licence', () => {
		const snap = reviewed();
		expect(refused(() => act(snap, officer, 'record-risk-information', { source: '' }, t2)).fields).toHaveProperty(
			'summary'
		);
		expect(
			refused(() =>
				act(snap, officer, 'record-risk-information', { ...riskBody, receivedAt: '2026-04-16T10:00:00+05:00' }, t2)
			).fields
		).toHaveProperty('receivedAt');
		const imp = act(register('import-licence', received), officer, 'complete-check', { complete: true }, t1).next;
		expect(refused(() => act(imp, officer, 'record-risk-information', riskBody, t2)).kind).toBe('conflict');
		expect(
			availableActions({ def: procedureFor('export-licence'), snap, actor: officer, now: t2, calendar })
		).toContain('record-risk-information');
	});
});

describe('request to the control-system bodies and risk assessment (001 p.17 paras 1–2, p.20; ground 15)', () => {
	const t1 = at('2026-04-14T10:00:00+05:00');
	const reviewed = (service = 'export-licence') =>
		act(register(service, received, { goodsLines: [line('2В001')] }), officer, 'complete-check', { complete: true }, t1)
			.next;

	it('goes out with the consultations, to the same bodies, for export and general licences only', () => {
		const r = act(
			reviewed('general-export-licence'),
			officer,
			'request-consultations',
			{ agencies: ['nsc', 'mod'] },
			t1
		);
		expect(r.plan.controlRequestsToSend).toEqual(['nsc', 'mod']);
		expect(r.plan.events.filter((e) => e.type === 'control-request:sent')).toMatchObject([
			{ citation: '001 p.17 para 1', after: { agency: 'nsc' } },
			{ citation: '001 p.17 para 1', after: { agency: 'mod' } }
		]);
		const imp = act(reviewed('import-licence'), officer, 'request-consultations', { agencies: ['nsc'] }, t1);
		expect(imp.plan.controlRequestsToSend).toBeUndefined();
	});

	it('the assessment follows the answers; the grant needs all three inputs; a negative assessment is ground 15', () => {
		let snap = act(reviewed(), officer, 'request-consultations', { agencies: ['nsc'] }, t1).next;
		snap = applyPlan(
			snap,
			planConsultationAnswer(snap, snap.consultations[0]!.id, { decision: 'approve' }, 'nsc', t1),
			newId
		);
		const body = { result: 'positive', summary: 'No risks found.' };
		expect(refused(() => act(snap, officer, 'record-risk-assessment', body, t1)).message).toContain('001 p.17 para 2');
		expect(
			availableActions({ def: procedureFor(snap.service), snap, actor: officer, now: t1, calendar })
		).not.toContain('record-risk-assessment');
		expect(refused(() => act(snap, head, 'decide', { outcome: 'grant' }, t1)).message).toContain('control-system');
		const request = snap.controlRequests![0]!;
		const answer = planControlAnswer(snap, request.id, { risks: true, information: 'Diversion risk.' }, 'nsc', t1);
		expect(answer.events[0]).toMatchObject({ type: 'control-request:answered', citation: '001 p.17 para 2' });
		snap = applyPlan(snap, answer, newId);
		expect(refused(() => planControlAnswer(snap, request.id, { risks: false, information: 'x' }, 'nsc', t1)).kind).toBe(
			'conflict'
		);
		expect(refused(() => act(snap, head, 'decide', { outcome: 'grant' }, t1)).message).toContain('No risk assessment');
		const negative = act(snap, officer, 'record-risk-assessment', { result: 'negative', summary: 'Diversion.' }, t1);
		expect(negative.plan.events[0]).toMatchObject({ type: 'risk:assessed', after: { result: 'negative', ground: 15 } });
		expect(refused(() => act(negative.next, head, 'decide', { outcome: 'grant' }, t1)).message).toContain('ground 15');
		const positive = act(snap, officer, 'record-risk-assessment', body, t1).next;
		expect(positive.record.riskAssessment).toMatchObject({ result: 'positive', by: 'officer' });
		expect(act(positive, head, 'decide', { outcome: 'grant' }, t1).next.stage).toBe('granted');
	});

	it('a grant without any consultation is refused: the state bodies answer is an input (001 p.20)', () => {
		expect(refused(() => act(reviewed(), head, 'decide', { outcome: 'grant' }, t1)).message).toContain('001 p.20');
	});
});

describe('information awaited from foreign competent bodies suspends the term (001 Annex 1 row 3)', () => {
	const t1 = at('2026-04-14T10:00:00+05:00');
	// Five whole working days later: the rest of the 14th, 15, 16, 17, 20 April and the morning of the 21st.
	const t2 = at('2026-04-21T10:00:00+05:00');
	const ask = { body: 'BAFA (Federal Office for Economic Affairs and Export Control)', country: 'DE' };
	const reviewed = () =>
		readyForGrant(
			act(
				register('export-licence', received, { goodsLines: [line('2В001')] }),
				officer,
				'complete-check',
				{ complete: true },
				t1
			).next,
			t1
		);
	const term = (snap: CaseSnapshot, now: Date) => clock(snap, 'service-term', now)!;

	it('suspends the term with its reason until the information arrives; the due moves by the 5 WD waited', () => {
		let snap = reviewed();
		// 30 WD from registration on Monday 13 April end on 29 May on the working calendar.
		expect(term(snap, t1).dueDate).toBe('2026-05-29');
		expect(
			refused(() => act(snap, officer, 'request-foreign-information', { ...ask, country: 'de' }, t1)).fields
		).toHaveProperty('country');
		const r = act(snap, officer, 'request-foreign-information', ask, t1);
		expect(r.plan.events[0]).toMatchObject({ type: 'foreign-information:requested', citation: '001 Annex 1 row 3' });
		snap = r.next;
		expect(term(snap, t1)).toMatchObject({
			state: 'suspended',
			suspensions: [{ reason: expect.stringContaining('foreign'), legalBasis: '001 Annex 1 row 3' }]
		});
		expect(clock(snap, 'hearing-notice', t1)!.state).toBe('suspended');
		expect(refused(() => act(snap, head, 'decide', { outcome: 'grant' }, t2)).message).toContain('001 Annex 1 row 3');
		snap = act(snap, officer, 'record-foreign-information', { summary: 'End user confirmed.' }, t2).next;
		expect(term(snap, t2)).toMatchObject({ state: 'running', dueDate: '2026-06-05' });
		expect(snap.record.foreignInformation).toMatchObject([{ country: 'DE', receivedAt: t2.toISOString() }]);
		expect(
			availableActions({ def: procedureFor(snap.service), snap, actor: officer, now: t2, calendar })
		).not.toContain('record-foreign-information');
		expect(act(snap, head, 'decide', { outcome: 'grant' }, t2).next.stage).toBe('granted');
	});

	it('overlaps with the MFA check: the term resumes only when both have answered, each cause shown', () => {
		let snap = act(reviewed(), officer, 'request-mfa-check', {}, t1).next;
		snap = act(snap, officer, 'request-foreign-information', ask, t1).next;
		expect(term(snap, t1).suspensions.at(-1)).toMatchObject({
			reason: expect.stringMatching(/MFA.*foreign/),
			legalBasis: '001 p.17 para 3; 001 Annex 1 row 3'
		});
		const tMfa = at('2026-04-16T10:00:00+05:00');
		snap = applyPlan(snap, planMfaResult(snap, { authentic: true, reference: 'MFA-9' }, tMfa), newId);
		expect(term(snap, tMfa)).toMatchObject({ state: 'suspended' });
		expect(term(snap, tMfa).suspensions.at(-1)).toMatchObject({ legalBasis: '001 Annex 1 row 3', to: null });
		snap = act(snap, officer, 'record-foreign-information', { summary: 'Confirmed.' }, t2).next;
		expect(term(snap, t2)).toMatchObject({ state: 'running', dueDate: '2026-06-05' });
	});

	it('is no action of an import licence', () => {
		const imp = act(register('import-licence', received), officer, 'complete-check', { complete: true }, t1).next;
		expect(refused(() => act(imp, officer, 'request-foreign-information', ask, t1)).kind).toBe('conflict');
	});
});

describe('general licence execution report with its Annex 4 content (001 pp.27–28)', () => {
	it('holds the export date, end user, goods, quantity and balance; 10 WD from the export', () => {
		const t1 = at('2026-04-14T10:00:00+05:00');
		let snap = register('general-export-licence', received, { goodsLines: [line('10С906')] });
		snap = readyForGrant(act(snap, officer, 'complete-check', { complete: true }, t1).next, t1);
		snap = {
			...act(snap, head, 'decide', { outcome: 'grant' }, t1).next,
			record: { ...snap.record, documentNumber: 'GL-1/L', issuedOn: '2026-04-14' }
		};
		const shipped = at('2026-04-15T12:00:00+05:00');
		snap = act(snap, officer, 'record-shipment', { kind: 'general-export', at: shipped.toISOString() }, shipped).next;
		// 10 WD from Wednesday 15 April: 16, 17, 20–24, 27, 28, 29 April.
		expect(clock(snap, 'execution-report', shipped)!.dueDate).toBe('2026-04-29');
		const t2 = at('2026-04-20T10:00:00+05:00');
		expect(
			Object.keys(
				refused(() => act(snap, officer, 'record-post-export-report', { kind: 'execution-report' }, t2)).fields!
			)
		).toEqual(expect.arrayContaining(['exportDate', 'endUser', 'goods', 'quantity', 'balance']));
		const report = {
			kind: 'execution-report',
			exportDate: '2026-04-15',
			endUser: 'Horizon Trading FZE (AE)',
			goods: 'Thermal imaging module',
			quantity: 4,
			balance: 6
		};
		expect(
			refused(() => act(snap, officer, 'record-post-export-report', { ...report, exportDate: '2026-04-16' }, t2)).fields
		).toHaveProperty('exportDate');
		const r = act(snap, officer, 'record-post-export-report', report, t2);
		expect(r.next.record.executionReports).toEqual(
			[{ ...report, kind: undefined, licence: 'GL-1/L', licenceDate: '2026-04-14', at: t2.toISOString() }].map(
				({ kind: _kind, ...x }) => x
			)
		);
		expect(r.plan.events[0]).toMatchObject({ citation: '001 p.28, Annex 4' });
		expect(clock(r.next, 'execution-report', t2)!.state).toBe('met');
	});
});
