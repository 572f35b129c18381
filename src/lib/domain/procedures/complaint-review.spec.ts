/**
 * The review of a complaint (001 pp.23–25; 000 pp.15–17): whoever decided the case complained
 * about takes no part in it — not the extension (001 p.25 para 1; 000 p.17 para 1), not the
 * extension notice (001 p.25 para 2; 000 p.17 para 2), not the decision (001 p.24; 000 p.16).
 */
import { describe, expect, it } from 'vitest';
import { availableActions, procedureFor, type ActingUser, type CaseSnapshot } from './index';
import { act as actAndPlan, calendar, refused as refusal, register, registrar, reviewer } from './spec-fixtures';

/** The head who signed the decision complained about, who is also a complaint reviewer. */
const decider: ActingUser = { kind: 'staff', userId: 3, username: 'head', roles: ['head', 'complaint_reviewer'] };

const complaint = (receivedAt: Date): CaseSnapshot =>
	register(
		'complaint',
		receivedAt,
		{ reviewBy: 'quality-body' },
		{ id: 'complaint-1', assigneeId: null, complaintOfDecidedBy: decider.userId }
	);

const act = (...args: Parameters<typeof actAndPlan>) => actAndPlan(...args).next;

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
