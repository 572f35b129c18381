/**
 * Demo complaints as the complaint procedure runs them (001 pp.23–25; 000 pp.15–17; README
 * ADR-011): forwarding to the quality-control body within 3 WD of receipt, review in 5 WD (the
 * provider) or 15 WD (that body) from registration, at most one extension of up to 10 WD with its
 * 3-WD notice to the complainant, and the decision. Each complaint is about a case decided before
 * it was received. The timelines come from a fixed list of scenarios placed back from `now`, so the
 * complaint list always shows one of each situation; no random draw is taken, so the rest of the
 * demo stays as it was.
 */
import type { WorkingCalendar } from '../../domain/calendar';
import {
	computeClock,
	deriveExtensionNoticeClock,
	extended,
	met,
	newClock,
	started,
	type ClockEvent,
	type SlaClock
} from '../../domain/sla';
import type { PlannedCase } from './demo-plan';

export type ReviewBy = 'provider' | 'quality-body';

/** Working days from receipt; null = has not happened yet. */
interface Scenario {
	reviewBy: ReviewBy;
	/** How long ago the complaint was received. */
	age: number;
	forward?: number;
	extend?: { after: number; by: number; noticeAfter?: number };
	decide?: { after: number; outcome: 'upheld' | 'rejected' };
}

/** Open ones first, so even a small demo shows every situation; the rest are decided. */
const SCENARIOS: readonly Scenario[] = [
	{ reviewBy: 'quality-body', age: 1.2 }, // awaiting forwarding, in time
	{ reviewBy: 'provider', age: 2.5 },
	{ reviewBy: 'quality-body', age: 7, forward: 1.5 },
	{ reviewBy: 'quality-body', age: 14, forward: 2, extend: { after: 13.5, by: 10 } }, // notice still due
	{ reviewBy: 'provider', age: 4.6 }, // close to its 5 WD
	// forwarding overdue (3 WD, 001 p.23) at any hour: the term runs from the registration day,
	// which a receipt after 17:00 moves on
	{ reviewBy: 'quality-body', age: 4.4 },
	{ reviewBy: 'provider', age: 7, extend: { after: 4, by: 5, noticeAfter: 4.5 } },
	{ reviewBy: 'provider', age: 6.6 }, // review overdue at any hour (as above)
	{ reviewBy: 'provider', age: 12, decide: { after: 3.5, outcome: 'rejected' } },
	{ reviewBy: 'quality-body', age: 22, forward: 1, decide: { after: 12, outcome: 'upheld' } },
	{ reviewBy: 'provider', age: 20, decide: { after: 6.5, outcome: 'rejected' } }, // decided late
	{
		reviewBy: 'quality-body',
		age: 26,
		forward: 2,
		extend: { after: 14, by: 7, noticeAfter: 15 },
		decide: { after: 20, outcome: 'rejected' }
	}
];

const REASONS = {
	upheld: 'The refusal did not state which requirement the documents failed; the case is sent back for a new review.',
	rejected: 'The decision was taken on the grounds stated and within the term; the complaint is not upheld.'
} as const;

export const COMPLAINT_TEXTS = [
	'Отказ в выдаче лицензии считаем необоснованным: все документы были представлены в срок.',
	'Шешімде бас тарту негізі көрсетілмеген, қайта қарауды сұраймыз.',
	'The licence was issued with conditions that were not requested; we ask for them to be reviewed.'
] as const;

/** The k-th demo complaint's scenario: the list above, then decided ones further back in time. */
function scenarioFor(k: number): Scenario {
	const s = SCENARIOS[k % SCENARIOS.length]!;
	const round = Math.floor(k / SCENARIOS.length);
	if (round === 0) return s;
	const decided = SCENARIOS.filter((x) => x.decide);
	const d = decided[k % decided.length]!;
	return { ...d, age: d.age + round * 2 };
}

/**
 * Rewrites the k-th complaint of the demo plan (received, stage, clocks, events, outcome), keeping
 * its service and assignee. Times are working minutes back from `now`.
 */
export function planComplaint(plan: PlannedCase, k: number, cal: WorkingCalendar, now: Date): PlannedCase {
	const s = scenarioFor(k);
	// A few minutes' jitter, so that not every step falls on the hour the office opens or closes.
	const receivedAt = cal.addWorkingMinutes(now, -Math.round(s.age * 480 + ((k * 53) % 170)));
	const at = (wd: number) => cal.addWorkingMinutes(receivedAt, Math.round(wd * 480 + ((k * 29 + wd * 17) % 80) - 40));
	const registeredOn = cal.registrationDay(receivedAt);
	const quality = s.reviewBy === 'quality-body';
	const firstStage = quality ? 'complaint-forwarding' : 'complaint-review';
	const events: PlannedCase['events'] = [
		{
			type: 'case:created',
			at: receivedAt,
			citation: '001 p.14; Annex 1 row 7',
			actor: 'portal',
			after: { stage: firstStage, registeredOn, service: 'complaint' }
		}
	];
	const clocks: SlaClock[] = [];
	let stage = firstStage;

	const forwardedAt = quality && s.forward !== undefined ? at(s.forward) : null;
	if (quality) {
		clocks.push(
			newClock('complaint-forwarding', 'to-reviewing-body', [
				started(receivedAt),
				...(forwardedAt ? [met(forwardedAt)] : [])
			])
		);
		if (forwardedAt) {
			stage = 'complaint-review';
			events.push({
				type: 'complaint:forwarded',
				at: forwardedAt,
				citation: '001 p.23 para 2; 000 p.15',
				actor: 'registrar',
				after: { stage, to: 'quality-control body' }
			});
		}
	}
	// The quality-control body's 15 WD run from its own registration of the forwarded complaint
	// (001 p.24(2); 000 p.16(2)): its review clock starts at forwarding, and not before.
	const reviewStart = quality ? forwardedAt : receivedAt;
	const review: ClockEvent[] = reviewStart ? [started(reviewStart)] : [];
	let notice: SlaClock | null = null;
	if (s.extend) {
		const extendedAt = at(s.extend.after);
		review.push(extended(extendedAt, s.extend.by, '001 p.25 para 1; 000 p.17'));
		const dueAt = computeClock(newClock('complaint-review', s.reviewBy, review), cal, extendedAt).due;
		events.push({
			type: 'complaint:extended',
			at: extendedAt,
			citation: '001 p.25; 000 p.17',
			actor: 'reviewer',
			after: {
				workingDays: s.extend.by,
				reason: 'A second expert opinion was requested.',
				dueAt: dueAt?.toISOString() ?? null
			}
		});
		const notifiedAt = s.extend.noticeAfter === undefined ? null : at(s.extend.noticeAfter);
		notice = deriveExtensionNoticeClock(
			newClock('complaint-review', s.reviewBy, review),
			notifiedAt ? [met(notifiedAt)] : []
		);
		if (notifiedAt)
			events.push({
				type: 'complaint:extension-notified',
				at: notifiedAt,
				citation: '001 p.25 para 2; 000 p.17',
				actor: 'reviewer',
				after: {}
			});
	}
	let record: PlannedCase['record'] = null;
	if (s.decide) {
		const decidedAt = at(s.decide.after);
		review.push(met(decidedAt));
		stage = 'complaint-decided';
		record = { outcome: s.decide.outcome, reason: REASONS[s.decide.outcome] };
		events.push({
			type: 'complaint:decided',
			at: decidedAt,
			citation: '001 p.24; 000 p.16',
			actor: 'reviewer',
			after: { stage, outcome: s.decide.outcome }
		});
	}
	if (review.length) clocks.push(newClock('complaint-review', s.reviewBy, review));
	if (notice) clocks.push(notice);
	return {
		...plan,
		receivedAt,
		registeredOn,
		stage,
		clocks: clocks.map((clock) => ({ clock, subject: null })),
		consultations: [],
		mfa: null,
		record,
		events,
		complaint: { reviewBy: s.reviewBy, against: null }
	};
}

/** When a planned case was decided, if it was (its last event that set a decided stage). */
export function decidedAt(plan: PlannedCase): Date | null {
	const last = plan.events.at(-1);
	const stage = last?.after.stage;
	return last && (stage === 'granted' || stage === 'refused' || stage === 'returned-incomplete') ? last.at : null;
}

/** Complaints are the procedure of the licence (001 p.23) and certificate (000 p.15) acts. */
const complainable = (p: PlannedCase) =>
	p.service.code !== 'complaint' && (p.service.act === '001' || p.service.act === '000');

/**
 * The case each complaint is about: a licence or certificate decided at least a working day before
 * the complaint arrived (001 p.23), refusals first, each case complained about at most once.
 */
export function withComplaintTargets(plans: readonly PlannedCase[], cal: WorkingCalendar): PlannedCase[] {
	const used = new Set<number>();
	return plans.map((p, i) => {
		if (!p.complaint) return p;
		const before = cal.addWorkingMinutes(p.receivedAt, -480).getTime();
		const candidates = plans
			.map((q, j) => ({ j, at: decidedAt(q), refused: q.stage === 'refused' }))
			.filter((c) => c.at !== null && c.at.getTime() < before && !used.has(c.j) && complainable(plans[c.j]!));
		const preferred = candidates.filter((c) => c.refused);
		const pool = preferred.length && i % 3 !== 2 ? preferred : candidates;
		// Should every earlier decision be taken already, one may draw two complaints.
		if (pool.length === 0)
			pool.push(
				...plans
					.map((q, j) => ({ j, at: decidedAt(q), refused: false }))
					.filter((c) => c.at !== null && c.at.getTime() < before && complainable(plans[c.j]!))
			);
		const chosen = pool[(i * 7) % Math.max(pool.length, 1)];
		if (chosen) used.add(chosen.j);
		return { ...p, complaint: { ...p.complaint, against: chosen?.j ?? null } };
	});
}
