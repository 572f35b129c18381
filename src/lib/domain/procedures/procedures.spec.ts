import { describe, expect, it } from 'vitest';
import { computeClock } from '../sla';
import {
	applyPlan,
	availableActions,
	planDeemedApproval,
	planMfaResult,
	planRegistration,
	procedureFor,
	PROCEDURES,
	type ActingUser,
	type CaseSnapshot
} from './index';
import { SERVICE_CODES } from '../reference/services';
import {
	act,
	assessed,
	at,
	calendar,
	head,
	line,
	newId,
	officer,
	otherOfficer as other,
	readyForGrant,
	refused,
	register,
	registrar,
	reviewer
} from './spec-fixtures';

const MFA_GOODS = [line('1C350')];

/** The hearing's place and the notice's channel, sending time and proof (001 p.19 paras 2–3). */
const NOTICE = {
	hearingPlace: 'Astana, Mangilik El 8, room 412',
	notice: { channel: 'email', sentAt: '2026-04-14T09:30:00+05:00', proof: 'Mail server delivery receipt' }
};

/** The expert's reasoned refusal at step 5, with its ground (003 A3 p.8.5). */
const REFUSE = { refuse: true, ground: 'documents-incomplete' };

const due = (snap: CaseSnapshot, kind: string, now: Date, subject: string | null = null) => {
	const c = snap.clocks.filter((x) => x.kind === kind && x.subject === subject).at(-1)!;
	return computeClock(c.clock, calendar, now);
};

describe('procedure definitions', () => {
	it('define every service of the catalogue, each action once, each rule with a citation', () => {
		expect(PROCEDURES.map((p) => p.service).sort()).toEqual([...SERVICE_CODES].sort());
		for (const p of PROCEDURES) {
			const actions = p.rules.map((r) => r.action);
			expect(new Set(actions).size).toBe(actions.length);
			for (const r of p.rules) expect(r.citation).toMatch(/\d{3}|Order/);
		}
	});
});

describe('export licence (001)', () => {
	// Friday 10 April 2026, 17:30 Almaty: after the 17:00 cut-off (001 Annex 1 row 7; ADR-002).
	const received = at('2026-04-10T17:30:00+05:00');

	it('registers a Friday 17:30 receipt on Monday; the 2-WD check and the 30-WD term count from Monday (001 p.14–15, Annex 1 row 3)', () => {
		const snap = register('export-licence', received, { goodsLines: MFA_GOODS, firstExportToCounterparty: true });
		expect(
			planRegistration(procedureFor('export-licence'), { receivedAt: received }, received, calendar).registeredOn
		).toBe('2026-04-13');
		expect(due(snap, 'completeness', received).due!.toISOString()).toBe('2026-04-15T13:30:00.000Z');
		expect(due(snap, 'service-term', received).dueDate).toBe(calendar.addWorkingDays('2026-04-13', 30));
		// The original guarantee: 7 WD from submission itself, Friday (001 p.18 para 2).
		expect(due(snap, 'original-guarantee', received).dueDate).toBe(calendar.addWorkingDays('2026-04-10', 7));
		// T10: the notice no later than 3 WD before the term ends (001 p.19 para 3).
		expect(due(snap, 'hearing-notice', received).dueDate).toBe(calendar.addWorkingDays('2026-04-13', 27));
	});

	it('walks completeness → consultations deemed approved → MFA suspension of 23 WD → grant', () => {
		let snap = register('export-licence', received, { goodsLines: MFA_GOODS, firstExportToCounterparty: true });
		const t1 = at('2026-04-14T10:00:00+05:00');
		snap = act(snap, officer, 'complete-check', { complete: true }, t1).next;
		expect(snap.stage).toBe('under-review');
		snap = act(snap, officer, 'request-consultations', { agencies: ['nsc', 'mod'] }, t1).next;
		expect(snap.stage).toBe('consultation');
		expect(refused(() => act(snap, head, 'decide', { outcome: 'grant' }, t1)).kind).toBe('conflict');

		// MFA check mandatory (1С350 written with a Latin C, first export: 001 p.18); it suspends the term.
		const termBefore = due(snap, 'service-term', t1).due!;
		const sent = at('2026-04-15T11:00:00+05:00');
		const mfa = act(snap, officer, 'request-mfa-check', {}, sent);
		expect(mfa.plan.mfaRequest).toEqual({ mandatory: true });
		snap = mfa.next;
		expect(snap.stage).toBe('mfa-check');
		expect(due(snap, 'service-term', sent).state).toBe('suspended');

		// Silence for 10 WD: the system records "deemed approved" at the due (001 p.16, ADR-007).
		const consultationDue = due(snap, 'consultation', sent, 'nsc').due!;
		for (const agency of ['nsc', 'mod']) {
			const p = planDeemedApproval(snap, agency, consultationDue)!;
			expect(p.events[0]).toMatchObject({
				type: 'consultation:deemed-approved',
				citation: '001 p.16',
				at: consultationDue
			});
			snap = applyPlan(snap, p, newId);
		}
		expect(snap.stage).toBe('mfa-check'); // still suspended for the MFA

		// The answer comes 23 working days after the request: the term ends 23 WD later (ADR-005).
		const answered = new Date(calendar.addWorkingMinutes(sent, 23 * 480).getTime());
		snap = applyPlan(snap, planMfaResult(snap, { authentic: true, reference: 'MFA-1' }, answered), newId);
		expect(snap.stage).toBe('under-review');
		const termAfter = due(snap, 'service-term', answered).due!;
		expect(calendar.localDate(termAfter)).toBe(calendar.addWorkingDays(calendar.localDate(termBefore), 23));

		expect(refused(() => act(snap, officer, 'decide', { outcome: 'grant' }, answered)).kind).toBe('forbidden');
		// 001 p.20: the risk assessment on the control-system answers is the third input of the decision.
		expect(refused(() => act(snap, head, 'decide', { outcome: 'grant' }, answered)).message).toContain('001 p.17');
		snap = assessed(snap, answered);
		const grant = act(snap, head, 'decide', { outcome: 'grant' }, answered);
		expect(grant.next.stage).toBe('granted');
		expect(grant.plan).toMatchObject({
			decides: true,
			issuesNumber: 'licence',
			record: { validUntil: calendar.addYears(calendar.localDate(answered), 1) }
		});
		expect(due(grant.next, 'service-term', answered).state).toBe('met');
		expect(grant.next.clocks.filter((c) => c.clock.events.at(-1)?.type === 'started')).toEqual([]);
	});

	it('refuses a grant without the mandatory MFA check, and after an objection (ground 4)', () => {
		let snap = register('export-licence', received, { goodsLines: MFA_GOODS, firstExportToCounterparty: true });
		const t = at('2026-04-14T10:00:00+05:00');
		snap = readyForGrant(act(snap, officer, 'complete-check', { complete: true }, t).next, t);
		expect(refused(() => act(snap, head, 'decide', { outcome: 'grant' }, t)).message).toContain('001 p.18');
		const notFirst = readyForGrant(
			act(
				register('export-licence', received, { goodsLines: MFA_GOODS, firstExportToCounterparty: false }),
				officer,
				'complete-check',
				{ complete: true },
				t
			).next,
			t
		);
		expect(act(notFirst, head, 'decide', { outcome: 'grant' }, t).next.stage).toBe('granted');
	});

	it('refusal path: notice within the deadline, hearing within 2 WD, refusal signed by a head on the heard grounds', () => {
		let snap = register('import-licence', received);
		const t = at('2026-04-14T10:00:00+05:00');
		snap = act(snap, officer, 'complete-check', { complete: true }, t).next;
		expect(
			refused(() => act(snap, head, 'decide', { outcome: 'refuse', grounds: [3], text: 'Reasoned refusal text.' }, t))
				.message
		).toContain('hearing first');
		const late = at('2026-04-17T10:00:00+05:00'); // Friday: more than 2 WD after Tuesday
		expect(
			refused(() =>
				act(
					snap,
					officer,
					'issue-preliminary-refusal',
					{ grounds: [3, 9], hearingAt: late.toISOString(), ...NOTICE },
					t
				)
			).fields
		).toHaveProperty('hearingAt');
		expect(
			refused(() =>
				act(
					snap,
					officer,
					'issue-preliminary-refusal',
					{ grounds: [20], hearingAt: '2026-04-15T10:00:00+05:00', ...NOTICE },
					t
				)
			).kind
		).toBe('invalid');
		const notice = act(
			snap,
			officer,
			'issue-preliminary-refusal',
			{ grounds: [3, 9], hearingAt: '2026-04-16T10:00:00+05:00', basis: 'Classified information', ...NOTICE },
			t
		);
		// Ground 9 is always confidential (001 p.19 para 5, ADR-009); its basis travels as restricted.
		expect(notice.plan.events[0]!.after).toMatchObject({
			grounds: [3, 9],
			confidential: [9],
			restricted: { basis: 'Classified information' }
		});
		snap = notice.next;
		expect(snap.stage).toBe('hearing');
		expect(due(snap, 'hearing', t).dueDate).toBe('2026-04-16');
		snap = act(snap, officer, 'record-hearing', { applicantAttended: true }, at('2026-04-16T10:00:00+05:00')).next;
		expect(
			refused(() =>
				act(
					snap,
					head,
					'decide',
					{ outcome: 'refuse', grounds: [5], text: 'Reasoned refusal text.' },
					at('2026-04-16T12:00:00+05:00')
				)
			).fields
		).toHaveProperty('grounds');
		const decision = act(
			snap,
			head,
			'decide',
			{ outcome: 'refuse', grounds: [9], text: 'Reasoned refusal text.' },
			at('2026-04-16T12:00:00+05:00')
		);
		expect(decision.next.stage).toBe('refused');
		expect(decision.plan.record).toMatchObject({ outcome: 'refused', grounds: [9], confidential: [9] });
	});

	it('refuses a preliminary refusal later than 3 WD before the term ends (001 p.19 para 3)', () => {
		let snap = register('licence-reissue', at('2026-04-13T10:00:00+05:00')); // 3-WD term: notice on day 0
		snap = act(snap, officer, 'complete-check', { complete: true }, at('2026-04-13T12:00:00+05:00')).next;
		const t = at('2026-04-14T10:00:00+05:00');
		expect(availableActions({ def: procedureFor(snap.service), snap, actor: officer, now: t, calendar })).not.toContain(
			'issue-preliminary-refusal'
		);
		expect(
			refused(() =>
				act(
					snap,
					officer,
					'issue-preliminary-refusal',
					{ grounds: [1], hearingAt: '2026-04-15T10:00:00+05:00', ...NOTICE },
					t
				)
			).message
		).toContain('Too late');
	});

	it('returns an incomplete application with the reasoned refusal of further consideration, no hearing (001 p.15 para 2)', () => {
		const snap = register('export-licence', received);
		const r = act(
			snap,
			officer,
			'complete-check',
			{ complete: false, missing: ['end-user certificate'] },
			at('2026-04-14T10:00:00+05:00')
		);
		// Prepared by the officer, it waits for the head's signature, which closes the case.
		expect(r.next.stage).toBe('incompleteness-signature');
		const signed = act(r.next, head, 'sign-incompleteness-refusal', {}, at('2026-04-14T12:00:00+05:00'));
		expect(signed.next.stage).toBe('returned-incomplete');
		expect(signed.plan.events[0]).toMatchObject({ type: 'completeness:refused', citation: '001 p.15 para 2' });
		expect(signed.next.clocks.every((c) => c.clock.events.at(-1)!.type !== 'started')).toBe(true);
	});

	it('lets only the assignee officer (or a head) act; an officer may only take an unassigned case', () => {
		const snap = register('export-licence', received);
		const t = at('2026-04-14T10:00:00+05:00');
		expect(refused(() => act(snap, other, 'complete-check', { complete: true }, t)).kind).toBe('forbidden');
		expect(act(snap, head, 'complete-check', { complete: true }, t).next.stage).toBe('under-review');
		expect(
			refused(() => act(snap, other, 'assign', { username: 'officer2' }, t, { id: 2, roles: ['officer'] })).kind
		).toBe('conflict');
		const taken = act({ ...snap, assigneeId: null }, other, 'assign', { username: 'officer2' }, t, {
			id: 2,
			roles: ['officer']
		});
		expect(taken.next.assigneeId).toBe(2);
		// The point that names the responsible executor (001 p.14–15), not the Order's own p.3.
		expect(taken.plan.events.map((e) => e.citation)).toEqual(['001 pp.14–15']);
		const certificate = register('end-user-certificate', received);
		const assigned = act({ ...certificate, assigneeId: null }, other, 'assign', { username: 'officer2' }, t, {
			id: 2,
			roles: ['officer']
		});
		expect(assigned.plan.events.map((e) => e.citation)).toEqual(['000 pp.10–11']);
		expect(refused(() => act(snap, officer, 'complete-check', { complete: 'yes' }, t)).kind).toBe('invalid');
		// Anyone at the office records the original guarantee (001 p.18 para 2); the rest is the assignee's.
		expect(availableActions({ def: procedureFor(snap.service), snap, actor: other, now: t, calendar })).toEqual([
			'record-original-guarantee'
		]);
		expect(availableActions({ def: procedureFor(snap.service), snap, actor: officer, now: t, calendar })).toEqual([
			'complete-check',
			'record-original-guarantee',
			'record-risk-information'
		]);
	});
});

describe('complaint (001 pp.23–25, 000 pp.15–17)', () => {
	it('forwards within 3 WD, reviews in 15 WD, extends once by ≤ 10 WD with a 3-WD notice, decided by another reviewer', () => {
		let snap: CaseSnapshot = {
			...register('complaint', at('2026-04-13T10:00:00+05:00'), { reviewBy: 'quality-body' }),
			complaintOfDecidedBy: 3
		};
		expect(snap.stage).toBe('complaint-forwarding');
		expect(due(snap, 'complaint-forwarding', at('2026-04-13T10:00:00+05:00')).dueDate).toBe('2026-04-16');
		// The quality-control body's 15 WD run from its own registration (001 p.24(2); 000 p.16(2)):
		// nothing runs for it before the complaint is forwarded.
		expect(snap.clocks.some((c) => c.kind === 'complaint-review')).toBe(false);
		snap = act(snap, registrar, 'forward-complaint', {}, at('2026-04-14T10:00:00+05:00')).next;
		// Registered there Tuesday 14 April; 15 WD by hand: 15–17 (3), 20–24 (8), 27–30 April (12),
		// 1 May a holiday, 4, 5, 6 May (15). From the Committee's receipt (13 April) it was 5 May.
		expect(due(snap, 'complaint-review', at('2026-04-14T10:00:00+05:00')).dueDate).toBe('2026-05-06');
		const t = at('2026-04-20T10:00:00+05:00');
		expect(
			refused(() => act(snap, reviewer, 'extend-complaint', { workingDays: 11, reason: 'more facts' }, t)).kind
		).toBe('invalid');
		const ext = act(
			snap,
			reviewer,
			'extend-complaint',
			{ workingDays: 10, reason: 'Requesting materials from the MFA' },
			t
		);
		snap = ext.next;
		// + 10 WD from 6 May: 8 May (1; 7 May a holiday), 11 May the carried Victory Day, 12–15 (5), 18–22 May (10).
		expect(due(snap, 'complaint-review', t).dueDate).toBe('2026-05-22');
		expect(due(snap, 'complaint-extension-notice', t).dueDate).toBe(calendar.addWorkingDays('2026-04-20', 3));
		expect(
			refused(() => act(snap, reviewer, 'extend-complaint', { workingDays: 2, reason: 'again' }, t)).message
		).toContain('only once');
		snap = act(snap, reviewer, 'record-extension-notice', {}, t).next;
		const headAsReviewer: ActingUser = { ...reviewer, userId: 3 };
		expect(
			refused(() => act(snap, headAsReviewer, 'decide-complaint', { outcome: 'rejected', reason: 'x' }, t)).kind
		).toBe('forbidden');
		expect(
			act(snap, reviewer, 'decide-complaint', { outcome: 'upheld', reason: 'The refusal lacked its basis.' }, t).next
				.stage
		).toBe('complaint-decided');
	});
});

describe('complaint to the quality-control body forwarded after 17:00 (001 p.24(2); 000 p.16(2))', () => {
	it('runs the 15 WD from the next working day, the day that body registers it', () => {
		let snap: CaseSnapshot = register('complaint', at('2026-04-13T10:00:00+05:00'), { reviewBy: 'quality-body' });
		snap = act(snap, registrar, 'forward-complaint', {}, at('2026-04-14T17:30:00+05:00')).next;
		// Registered Wednesday 15 April; 16, 17 (2), 20–24 (7), 27–30 April (11), 4, 5, 6 (14), 8 May (15).
		expect(due(snap, 'complaint-review', at('2026-04-14T17:30:00+05:00')).dueDate).toBe('2026-05-08');
	});

	it('a complaint the provider reviews runs its 5 WD from the registration at once', () => {
		const snap = register('complaint', at('2026-04-13T10:00:00+05:00'), { reviewBy: 'provider' });
		expect(due(snap, 'complaint-review', at('2026-04-13T10:00:00+05:00')).dueDate).toBe('2026-04-20');
	});
});

describe('device verification (004 P 10) and a step-timed regulation (003 A3)', () => {
	it('gives each device 1 WD and closes when every device is decided', () => {
		let snap = register('device-verification', at('2026-04-13T10:00:00+05:00'), {
			devices: ['356938035643809', '490154203237518']
		});
		expect(
			snap.clocks.map((c) => [c.subject, computeClock(c.clock, calendar, at('2026-04-13T10:00:00+05:00')).dueDate])
		).toEqual([
			['356938035643809', '2026-04-14'],
			['490154203237518', '2026-04-14']
		]);
		snap = act(
			snap,
			officer,
			'verify-device',
			{ imei: '356938035643809', result: 'confirmed' },
			at('2026-04-13T12:00:00+05:00')
		).next;
		expect(snap.stage).toBe('device-review');
		const last = act(
			snap,
			officer,
			'verify-device',
			{ imei: '490154203237518', result: 'rejected' },
			at('2026-04-13T12:05:00+05:00')
		);
		expect([last.next.stage, last.plan.decides]).toEqual(['devices-decided', true]);
	});

	it('runs nine steps with hour and calendar-day limits; a refusal at the examination skips to signature and sending', () => {
		const t0 = at('2026-04-13T10:00:00+05:00');
		let snap = register('customs-representative-register', t0); // assigned to `officer`, the expert
		// 4 office hours from 10:00, lunch 13:00–14:30: 15:30
		expect(due(snap, 'procedure-step', t0, '1').due!.toISOString()).toBe('2026-04-13T10:30:00.000Z');
		const actors: Record<string, ActingUser> = {
			'1': registrar,
			'2': head,
			'3': head,
			'4': officer,
			'5': officer,
			'6': head,
			'7': other,
			'8': head,
			'9': registrar
		};
		let t = t0;
		const visited: string[] = [];
		const refusing = { ...snap };
		while (snap.stage.startsWith('step:')) {
			const step = snap.stage.slice(5);
			visited.push(step);
			t = new Date(t.getTime() + 3_600_000);
			expect(
				refused(() => act(snap, step === '1' || step === '9' ? officer : registrar, 'complete-step', {}, t)).kind
			).toBe('forbidden');
			snap = act(snap, actors[step]!, 'complete-step', {}, t).next;
		}
		expect(visited).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
		expect(snap.stage).toBe('included');
		// Step 2 (1 calendar day from receipt of the registered application) ends at 23:59:59 the next day.
		const two = snap.clocks.find((c) => c.subject === '2')!;
		expect(computeClock(two.clock, calendar, t).dueDate).toBe('2026-04-14');

		let r = refusing;
		for (const step of ['1', '2', '3', '4']) r = act(r, actors[step]!, 'complete-step', {}, t0).next;
		r = act(r, officer, 'complete-step', { refuse: true, ground: 'customs-code-art-26' }, t0).next;
		expect(r.stage).toBe('step:8');
		r = act(act(r, head, 'complete-step', {}, t0).next, registrar, 'complete-step', {}, t0).next;
		expect(r.stage).toBe('refused');
	});

	it('binds the examination to the assigned expert and the agreement to someone else (003 A3 p.7)', () => {
		const t0 = at('2026-04-13T10:00:00+05:00');
		let snap = register('customs-representative-register', t0);
		for (const [step, who] of [
			['1', registrar],
			['2', head],
			['3', head],
			['4', officer]
		] as const) {
			expect(snap.stage).toBe(`step:${step}`);
			snap = act(snap, who, 'complete-step', {}, t0).next;
		}
		expect(snap.stage).toBe('step:5');
		// Nobody assigned yet: the expert is not known, so nobody examines.
		const unassigned = { ...snap, assigneeId: null };
		expect(refused(() => act(unassigned, officer, 'complete-step', REFUSE, t0)).kind).toBe('conflict');
		expect(snap.assigneeId).toBe(officer.userId);
		const ctx = (actor: ActingUser) => ({ def: procedureFor(snap.service), snap, actor, now: t0, calendar });
		expect(availableActions(ctx(other))).not.toContain('complete-step');
		expect(availableActions(ctx(officer))).toContain('complete-step');
		const byOther = refused(() => act(snap, other, 'complete-step', REFUSE, t0));
		expect([byOther.kind, byOther.message]).toEqual(['forbidden', expect.stringContaining('003 A3 p.7')]);
		snap = act(snap, officer, 'complete-step', {}, t0).next;
		snap = act(snap, head, 'complete-step', {}, t0).next;
		expect(snap.stage).toBe('step:7');
		expect(refused(() => act(snap, officer, 'complete-step', {}, t0)).kind).toBe('forbidden');
		expect(act(snap, other, 'complete-step', {}, t0).next.stage).toBe('step:8');
	});
});
