/**
 * The preliminary-refusal notice carries the hearing's time and place (or method) (001 p.19 para 2;
 * 000 p.13 para 1) and goes by one of the act's channels — a registered letter with a delivery
 * notice, a telephonogram, a telegram, a text message to the mobile number or the e-mail address of
 * the application, or other means that record it (the portal) — no later than 3 WD before the term
 * ends; the hearing within 2 WD of the day of the notice (001 p.19 para 3; 000 p.13 para 2).
 * The sending time and the proof of delivery are recorded. Dates worked by hand on the 2026 calendar.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import {
	applyPlan,
	planRegistration,
	planStaffAction,
	procedureFor,
	type ActingUser,
	type CaseSnapshot
} from './index';
import { hearingNoticeOf } from './hearing-notice';
import { refused } from './spec-fixtures';

const calendar = createCalendar({});
const officer: ActingUser = { kind: 'staff', userId: 1, username: 'officer', roles: ['officer'] };
let ids = 0;

/** Registered Monday 13 April 2026, checked complete the same day: under review. */
function underReview(service: 'import-licence' | 'end-user-certificate'): CaseSnapshot {
	const receivedAt = new Date('2026-04-13T10:00:00+05:00');
	const def = procedureFor(service);
	const reg = planRegistration(def, { receivedAt }, receivedAt, calendar);
	const snap: CaseSnapshot = {
		id: 'case-1',
		service: def.service,
		stage: reg.stage,
		assigneeId: officer.userId,
		receivedAt,
		application: {},
		clocks: reg.clocks.map((c) => ({ ...c, id: `c-${++ids}` })),
		consultations: [],
		mfa: null,
		devices: [],
		record: {},
		decidedBy: null,
		complaintOfDecidedBy: null
	};
	return act(snap, 'complete-check', { complete: true }, receivedAt);
}

function act(snap: CaseSnapshot, action: 'complete-check' | 'issue-preliminary-refusal', body: unknown, now: Date) {
	const plan = planStaffAction({ def: procedureFor(snap.service), snap, actor: officer, now, calendar }, action, body);
	return applyPlan(snap, plan, () => `c-${++ids}`);
}

// Tuesday 14 April 2026, 11:00: the notice is sent by SMS at 10:30 the same morning.
const now = new Date('2026-04-14T11:00:00+05:00');
const notice = {
	grounds: [2],
	hearingAt: '2026-04-16T15:00:00+05:00',
	hearingPlace: 'Astana, Mangilik El 8, room 412 (or by video link on request)',
	notice: { channel: 'sms', sentAt: '2026-04-14T10:30:00+05:00', proof: 'Operator delivery report 55-8812 at 10:31' }
};

describe('the hearing notice (001 p.19 paras 2–3; 000 p.13)', () => {
	it('records the channel, the sending time, the proof of delivery and the place or method', () => {
		const snap = act(underReview('import-licence'), 'issue-preliminary-refusal', notice, now);
		expect(snap.stage).toBe('hearing');
		expect(snap.record.preliminary).toMatchObject({
			hearingAt: '2026-04-16T10:00:00.000Z',
			hearingPlace: notice.hearingPlace,
			noticeAt: '2026-04-14T05:30:00.000Z',
			notice: { channel: 'sms', sentAt: '2026-04-14T05:30:00.000Z', proof: notice.notice.proof }
		});
	});

	it('refuses a notice without the place or method, the channel, the sending time or the proof', () => {
		const snap = underReview('import-licence');
		for (const missing of ['hearingPlace', 'notice'] as const) {
			const body = { ...notice, [missing]: undefined };
			const e = refused(() => act(snap, 'issue-preliminary-refusal', body, now));
			expect(e.kind).toBe('invalid');
			expect(Object.keys(e.fields ?? {}).join(' ')).toContain(missing);
		}
		const e = refused(() =>
			act(snap, 'issue-preliminary-refusal', { ...notice, notice: { ...notice.notice, channel: 'pigeon' } }, now)
		);
		expect(e.fields).toHaveProperty(['notice.channel']);
	});

	it('refuses a sending time in the future or before the application arrived', () => {
		const snap = underReview('import-licence');
		const at = (sentAt: string) => ({ ...notice, notice: { ...notice.notice, sentAt } });
		expect(
			refused(() => act(snap, 'issue-preliminary-refusal', at('2026-04-14T11:30:00+05:00'), now)).fields
		).toHaveProperty(['notice.sentAt']);
		expect(
			refused(() => act(snap, 'issue-preliminary-refusal', at('2026-04-10T11:30:00+05:00'), now)).fields
		).toHaveProperty(['notice.sentAt']);
	});

	it('counts the 2 WD of the hearing from the day of the notice: Tuesday 14 → Thursday 16 April', () => {
		const snap = underReview('import-licence');
		const late = { ...notice, hearingAt: '2026-04-17T10:00:00+05:00' };
		const e = refused(() => act(snap, 'issue-preliminary-refusal', late, now));
		expect(e.kind).toBe('invalid');
		expect(e.message).toContain('001 p.19 para 3');
	});

	it('cites 000 p.13 for a certificate’s hearing limit, never 001', () => {
		const snap = underReview('end-user-certificate');
		const late = { ...notice, hearingAt: '2026-04-17T10:00:00+05:00' };
		const e = refused(() => act(snap, 'issue-preliminary-refusal', late, now));
		expect(e.message).toContain('000 p.13');
		expect(e.message).not.toContain('001');
	});
});

describe('hearingNoticeOf (the case page)', () => {
	it('reads the recorded notice, and tolerates one recorded before the channel was asked', () => {
		const snap = act(underReview('end-user-certificate'), 'issue-preliminary-refusal', notice, now);
		expect(hearingNoticeOf(snap.record)).toEqual({
			hearingAt: '2026-04-16T10:00:00.000Z',
			hearingPlace: notice.hearingPlace,
			notice: { channel: 'sms', sentAt: '2026-04-14T05:30:00.000Z', proof: notice.notice.proof }
		});
		expect(hearingNoticeOf({ preliminary: { hearingAt: '2026-04-16T10:00:00.000Z', grounds: [2] } })).toEqual({
			hearingAt: '2026-04-16T10:00:00.000Z',
			hearingPlace: null,
			notice: null
		});
		expect(hearingNoticeOf({})).toBeNull();
	});
});
