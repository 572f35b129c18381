/**
 * The review of a complaint (001 pp.23–25; 000 pp.15–17): whoever decided the case complained
 * about takes no part in it — not the extension (001 p.25 para 1; 000 p.17 para 1), not the
 * extension notice (001 p.25 para 2; 000 p.17 para 2), not the decision (001 p.24; 000 p.16).
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
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
const registrar: ActingUser = {
	kind: 'staff',
	userId: 5,
	username: 'registrar',
	roles: ['registrar']
};
const reviewer: ActingUser = {
	kind: 'staff',
	userId: 4,
	username: 'reviewer',
	roles: ['complaint_reviewer']
};
/** The head who signed the decision complained about, who is also a complaint reviewer. */
const decider: ActingUser = {
	kind: 'staff',
	userId: 3,
	username: 'head',
	roles: ['head', 'complaint_reviewer']
};
let ids = 0;

function complaint(receivedAt: Date): CaseSnapshot {
	const def = procedureFor('complaint');
	const reg = planRegistration(def, { receivedAt, reviewBy: 'quality-body' }, receivedAt, calendar);
	return {
		id: 'complaint-1',
		service: 'complaint',
		stage: reg.stage,
		assigneeId: null,
		receivedAt,
		application: { reviewBy: 'quality-body' },
		clocks: reg.clocks.map((c) => ({ ...c, id: `c-${++ids}` })),
		consultations: [],
		mfa: null,
		devices: [],
		record: {},
		decidedBy: null,
		complaintOfDecidedBy: decider.userId
	};
}

function act(snap: CaseSnapshot, actor: ActingUser, action: StaffAction, body: unknown, now: Date) {
	const plan = planStaffAction({ def: procedureFor('complaint'), snap, actor, now, calendar }, action, body);
	return applyPlan(snap, plan, () => `c-${++ids}`);
}

function refusal(fn: () => unknown): ProcedureError {
	try {
		fn();
	} catch (e) {
		if (e instanceof ProcedureError) return e;
		throw e;
	}
	throw new Error('expected a ProcedureError');
}

describe('recusal from the complaint review (001 pp.23–25; 000 pp.15–17)', () => {
	// Monday 13 April 2026, forwarded Tuesday; the review is running on Monday 20 April.
	const received = new Date('2026-04-13T10:00:00+05:00');
	const t = new Date('2026-04-20T10:00:00+05:00');
	const forwarded = () =>
		act(complaint(received), registrar, 'forward-complaint', {}, new Date('2026-04-14T10:00:00+05:00'));
	const extension = { workingDays: 5, reason: 'Further study of the file' };

	it('refuses the decider the extension, citing 001 p.25 para 1 and 000 p.17 para 1', () => {
		const e = refusal(() => act(forwarded(), decider, 'extend-complaint', extension, t));
		expect(e.kind).toBe('forbidden');
		expect(e.message).toContain('001 p.25 para 1');
		expect(e.message).toContain('000 p.17 para 1');
	});

	it('refuses the decider the extension notice, citing 001 p.25 para 2 and 000 p.17 para 2', () => {
		const extended = act(forwarded(), reviewer, 'extend-complaint', extension, t);
		const e = refusal(() => act(extended, decider, 'record-extension-notice', {}, t));
		expect(e.kind).toBe('forbidden');
		expect(e.message).toContain('001 p.25 para 2');
		expect(e.message).toContain('000 p.17 para 2');
		expect(act(extended, reviewer, 'record-extension-notice', {}, t).clocks.at(-1)!.clock.events.at(-1)!.type).toBe(
			'met'
		);
	});

	it('refuses the decider the decision, citing 001 p.24 and 000 p.16; another reviewer decides', () => {
		const e = refusal(() => act(forwarded(), decider, 'decide-complaint', { outcome: 'rejected', reason: 'x' }, t));
		expect(e.kind).toBe('forbidden');
		expect(e.message).toContain('001 p.24');
		expect(e.message).toContain('000 p.16');
		expect(act(forwarded(), reviewer, 'decide-complaint', { outcome: 'upheld', reason: 'y' }, t).stage).toBe(
			'complaint-decided'
		);
	});

	it('offers the decider none of the review steps, and the other reviewer all of them', () => {
		const snap = forwarded();
		const offered = (actor: ActingUser, s: CaseSnapshot) =>
			availableActions({
				def: procedureFor('complaint'),
				snap: s,
				actor,
				now: t,
				calendar
			});
		expect(offered(decider, snap)).not.toContain('extend-complaint');
		expect(offered(decider, snap)).not.toContain('decide-complaint');
		expect(offered(reviewer, snap)).toEqual(expect.arrayContaining(['extend-complaint', 'decide-complaint']));
		const extended = act(snap, reviewer, 'extend-complaint', extension, t);
		expect(offered(decider, extended)).not.toContain('record-extension-notice');
		expect(offered(reviewer, extended)).toContain('record-extension-notice');
	});
});
