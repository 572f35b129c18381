/**
 * Export-control rules of 001 for export and general licences: the original guarantee (p.18
 * para 2), risk information after registration (p.18 para 1 sub.2). Expected dates are counted by
 * hand on the 2026 calendar (no holidays between 10 and 21 April).
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import { computeClock } from '../sla';
import {
	applyPlan,
	availableActions,
	planRegistration,
	planStaffAction,
	procedureFor,
	ProcedureError,
	type ActingUser,
	type CaseSnapshot,
	type StaffAction
} from './index';

const calendar = createCalendar({});
const officer: ActingUser = { kind: 'staff', userId: 1, username: 'officer', roles: ['officer'] };
const head: ActingUser = { kind: 'staff', userId: 3, username: 'head', roles: ['head'] };
const at = (iso: string) => new Date(iso);
let ids = 0;
const newId = () => `x-${++ids}`;

const line = (controlCode: string) => ({
	hsCode: '8526910000',
	controlCode,
	description: 'x',
	quantity: 1,
	unit: 'pcs',
	value: 10,
	currency: 'USD'
});

function register(service: string, receivedAt: Date, application: CaseSnapshot['application'] = {}): CaseSnapshot {
	const def = procedureFor(service);
	const reg = planRegistration(def, { receivedAt, goodsLines: application.goodsLines }, receivedAt, calendar);
	return {
		id: 'case-1',
		service: def.service,
		stage: reg.stage,
		assigneeId: officer.userId,
		receivedAt,
		application,
		clocks: reg.clocks.map((c) => ({ ...c, id: newId() })),
		consultations: [],
		mfa: null,
		devices: [],
		record: {},
		decidedBy: null,
		complaintOfDecidedBy: null
	};
}

function act(snap: CaseSnapshot, actor: ActingUser, action: StaffAction, body: unknown, now: Date) {
	const plan = planStaffAction({ def: procedureFor(snap.service), snap, actor, now, calendar }, action, body);
	return { plan, next: applyPlan(snap, plan, newId) };
}

function refused(fn: () => unknown): ProcedureError {
	try {
		fn();
	} catch (e) {
		if (e instanceof ProcedureError) return e;
		throw e;
	}
	throw new Error('expected a ProcedureError');
}

const clock = (snap: CaseSnapshot, kind: string, now: Date) => {
	const c = snap.clocks.filter((x) => x.kind === kind).at(-1);
	return c ? computeClock(c.clock, calendar, now) : null;
};

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
		const registrar: ActingUser = { kind: 'staff', userId: 5, username: 'registrar', roles: ['registrar'] };
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
		return act(snap, officer, 'complete-check', { complete: true }, t1).next;
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
		expect([err.status, err.message]).toEqual([409, expect.stringContaining('001 p.18')]);
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
		expect(refused(() => act(imp, officer, 'record-risk-information', riskBody, t2)).status).toBe(409);
		expect(
			availableActions({ def: procedureFor('export-licence'), snap, actor: officer, now: t2, calendar })
		).toContain('record-risk-information');
	});
});
