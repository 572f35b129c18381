/**
 * The demo case load as plain data: which service, when received, which stage, which clocks with
 * which events. Deterministic for a given seed and `now`; dates are placed relative to `now` so
 * the demo always has cases near breach, breached, suspended and decided.
 */
import type { WorkingCalendar } from '../../domain/calendar';
import { computeClock, type ClockEvent, type ClockKind, type ClockUnit, type SlaClock } from '../../domain/sla';
import { SERVICES, type ServiceDefinition, type TermUnit } from '../../domain/reference/services';
import { AGENCY_CODES } from '../../domain/reference/agencies';
import type { Rng } from '../../domain/reference/prng';
import type { ReissuedLicence } from '../../domain/procedures';
import { planComplaint, withComplaintTargets, type ReviewBy } from './demo-complaints';

export interface PlannedClock {
	clock: SlaClock;
	subject: string | null;
}

export interface PlannedCase {
	service: ServiceDefinition;
	receivedAt: Date;
	registeredOn: string;
	stage: string;
	assignee: 'officer' | 'officer2' | null;
	clocks: PlannedClock[];
	consultations: {
		agency: string;
		requestedAt: Date;
		dueAt: Date;
		answeredAt: Date | null;
		decision: 'approve' | 'object' | 'deemed_approved' | null;
	}[];
	mfa: { requestedAt: Date; resultAt: Date | null; authentic: boolean | null } | null;
	/** Workflow facts (cases.decision): the preliminary refusal, the hearing, the outcome. */
	record: Record<string, unknown> | null;
	/** Case events in order: type, time, citation, after-state. */
	events: { type: string; at: Date; citation: string | null; actor: string; after: Record<string, unknown> }[];
	/** A complaint: who reviews it (5 or 15 WD, 001 p.24) and the index of the planned case it is about. */
	complaint?: { reviewBy: ReviewBy; against: number | null };
}

const UNIT: Record<TermUnit, ClockUnit> = {
	'working-days': 'working_days',
	'calendar-days': 'calendar_days',
	'working-hours': 'working_hours',
	'calendar-years': 'years'
};

/** Share of each service in the demo (licences dominate the Committee's real load). */
const WEIGHTS: Record<string, number> = {
	'export-licence': 30,
	'import-licence': 14,
	'general-export-licence': 6,
	'licence-reissue': 6,
	'licence-reissue-separation': 3,
	'end-user-certificate': 14,
	'import-certificate': 8,
	complaint: 7,
	'device-verification': 6,
	'customs-representative-register': 6
};

export function planDemoCases(rng: Rng, calendar: WorkingCalendar, now: Date, count: number): PlannedCase[] {
	const bag = SERVICES.flatMap((s) => Array<ServiceDefinition>(WEIGHTS[s.code] ?? 1).fill(s));
	const today = calendar.localDate(now);
	const plans = Array.from({ length: count }, (_, i) =>
		withReissueLink(planOne(rng, calendar, now, today, rng.pick(bag)), i, calendar, today)
	);
	// Complaints follow their own procedure; rewritten after the draw so the other cases stay as they were.
	let k = 0;
	return withComplaintTargets(
		plans.map((p) => (p.service.code === 'complaint' ? planComplaint(p, k++, calendar, now) : p)),
		calendar
	);
}

/**
 * A demo reissue names the licence it reissues (001 p.10): one issued before the demo's history,
 * still in force; a granted reissue keeps its validity (001 p.6).
 */
function withReissueLink(plan: PlannedCase, i: number, cal: WorkingCalendar, today: string): PlannedCase {
	if (!plan.service.code.startsWith('licence-reissue')) return plan;
	const issuedOn = cal.addMonths(today, -3 - (i % 6));
	const reissueOf: ReissuedLicence = {
		caseId: null,
		caseNumber: null,
		licenceNumber: `EL-${issuedOn.slice(0, 4)}-${String(900 + i).padStart(5, '0')}/L`,
		service: 'export-licence',
		issuedOn,
		validUntil: cal.addYears(issuedOn, 1),
		reason: plan.service.code === 'licence-reissue' ? 'name-changed' : 'reorganised-by-separation'
	};
	const granted =
		plan.stage === 'granted' ? { validUntil: reissueOf.validUntil, reissues: reissueOf.licenceNumber } : {};
	plan.record = { ...(plan.record ?? {}), reissueOf, ...granted };
	return plan;
}

function planOne(rng: Rng, cal: WorkingCalendar, now: Date, today: string, service: ServiceDefinition): PlannedCase {
	// Received 0–45 working days ago, at a time of day that sometimes falls after the 17:00 cut-off.
	const ageDays = Math.floor(rng.next() ** 1.6 * 45);
	const receivedDay = cal.addWorkingDays(today, -ageDays);
	const minute = rng.int(9 * 60, 18 * 60 + 20);
	const receivedAt = atLocal(cal, receivedDay, minute);
	const effectiveReceived = receivedAt > now ? new Date(now.getTime() - 3_600_000) : receivedAt;
	const registeredOn = cal.registrationDay(effectiveReceived);
	const registeredAt = new Date(
		Math.min(
			now.getTime() - 60_000,
			(registeredOn === cal.localDate(effectiveReceived)
				? effectiveReceived
				: atLocal(cal, registeredOn, 9 * 60)
			).getTime()
		)
	);
	const plan: PlannedCase = {
		service,
		receivedAt: effectiveReceived,
		registeredOn,
		stage: 'completeness-check',
		assignee: rng.chance(0.15) ? null : rng.pick(['officer', 'officer2'] as const),
		clocks: [],
		consultations: [],
		mfa: null,
		record: null,
		events: [
			{
				type: 'case:created',
				at: registeredAt,
				citation: service.term.citation,
				actor: 'registrar',
				after: { stage: 'completeness-check', registeredOn }
			}
		]
	};
	const term = clockOf('service-term', UNIT[service.term.unit], service.term.length, service.term.citation, [
		{ type: 'started', at: registeredAt }
	]);
	plan.clocks.push({ clock: term, subject: null });

	if (service.completenessCheck) {
		const check = clockOf(
			'completeness',
			UNIT[service.completenessCheck.unit],
			service.completenessCheck.length,
			service.completenessCheck.citation,
			[{ type: 'started', at: registeredAt }]
		);
		plan.clocks.push({ clock: check, subject: null });
		const checkDone = cal.addWorkingMinutes(registeredAt, rng.int(60, 900));
		if (checkDone > now) return plan; // still being checked
		(check.events as ClockEvent[]).push({ type: 'met', at: checkDone });
		if (rng.chance(0.05)) {
			close(plan, term, checkDone, 'returned-incomplete', 'completeness:refused', service.completenessCheck.citation);
			return plan;
		}
		plan.events.push({
			type: 'completeness:confirmed',
			at: checkDone,
			citation: service.completenessCheck.citation,
			actor: plan.assignee ?? 'officer',
			after: { stage: 'under-review' }
		});
	}
	plan.stage = service.code === 'complaint' ? 'complaint-review' : 'under-review';
	const reviewStart = plan.events.at(-1)!.at;

	if (service.consultations) planConsultations(rng, cal, now, plan, reviewStart);
	if (service.mfaCheck === 'mandatory-for-codes' && rng.chance(0.18)) planMfa(rng, cal, now, plan, term, reviewStart);

	const dueNow = computeClock(term, cal, now);
	if (plan.mfa?.resultAt === null) return plan;
	// Most cases close before their term; some run late (breached), some are still open near the due.
	const finishLead = rng.int(-400, 2400);
	const lastSoFar = Math.max(
		...plan.events.map((e) => e.at.getTime()),
		...plan.clocks.flatMap((c) => c.clock.events.map((e) => e.at.getTime()))
	);
	const finishAt = dueNow.due
		? new Date(Math.max(cal.addWorkingMinutes(dueNow.due, -finishLead).getTime(), lastSoFar + 30 * 60_000))
		: null;
	// Open past its due only briefly: an officer would not leave a breach standing for weeks.
	const longOverdue = !!dueNow.due && cal.workingMinutesBetween(dueNow.due, now) > 3 * 480;
	if (finishAt && finishAt <= now && (longOverdue || rng.chance(0.85))) {
		const refused = service.refusalGrounds !== null && rng.chance(0.12);
		if (refused && service.hearing) {
			const notice = cal.addWorkingMinutes(finishAt, -3 * 480);
			const grounds = demoGrounds(plan);
			plan.events.push({
				type: 'refusal:preliminary-issued',
				at: notice,
				citation: service.refusalGrounds === '000' ? '000 p.13' : '001 p.19',
				actor: 'head',
				after: { stage: 'hearing', grounds }
			});
			plan.record = {
				preliminary: { grounds, confidential: [], hearingAt: notice.toISOString(), noticeAt: notice.toISOString() },
				hearing: { heldAt: notice.toISOString(), applicantAttended: true }
			};
		}
		close(plan, term, finishAt, refused ? 'refused' : 'granted', 'case:decided', service.term.citation);
	} else if (
		service.hearing &&
		service.refusalGrounds &&
		rng.chance(0.08) &&
		plan.consultations.every((c) => c.decision !== null)
	) {
		plan.stage = 'hearing';
		const noticeAt = new Date(Math.min(now.getTime(), reviewStart.getTime() + 86_400_000));
		const grounds = demoGrounds(plan);
		plan.events.push({
			type: 'refusal:preliminary-issued',
			at: noticeAt,
			citation: service.refusalGrounds === '000' ? '000 p.13' : '001 p.19',
			actor: 'head',
			after: { stage: 'hearing', grounds }
		});
		plan.record = {
			preliminary: {
				grounds,
				confidential: [],
				hearingAt: cal.endOfWorkingDay(cal.addWorkingDays(cal.localDate(noticeAt), 2)).toISOString(),
				noticeAt: noticeAt.toISOString(),
				// Time and place (method), channel, sending time and proof of the notice (001 p.19 paras 2–3; 000 p.13).
				hearingPlace: 'Астана қ., Мәңгілік Ел даңғ., 8, 412 каб.',
				notice: {
					channel: 'portal',
					sentAt: noticeAt.toISOString(),
					proof: 'Е-лицензиялау жүйесі: жеке кабинетке жеткізілді'
				}
			}
		};
	}
	return plan;
}

function planConsultations(rng: Rng, cal: WorkingCalendar, now: Date, plan: PlannedCase, at: Date) {
	plan.stage = 'consultation';
	const agencies = rng.chance(0.5) ? ['nsc', 'mod'] : [rng.pick(AGENCY_CODES.filter((c) => c !== 'mfa'))];
	const startDay = cal.localDate(at);
	for (const agency of agencies) {
		const dueAt = cal.workingDaysDue(startDay, 10); // 001 p.16: 10 working days
		const clock = clockOf('consultation', 'working_days', 10, '001 p.16', [{ type: 'started', at }]);
		const answerAt = cal.addWorkingMinutes(at, rng.int(120, 12 * 480));
		let decision: PlannedCase['consultations'][number]['decision'] = null;
		let answeredAt: Date | null = null;
		if (answerAt <= now && answerAt <= dueAt && rng.chance(0.8)) {
			decision = rng.chance(0.93) ? 'approve' : 'object';
			answeredAt = answerAt;
			(clock.events as ClockEvent[]).push({ type: 'met', at: answerAt });
			plan.events.push({
				type: 'consultation:answered',
				at: answerAt,
				citation: '001 p.16',
				actor: `agency:${agency}`,
				after: { agency, decision }
			});
		} else if (dueAt <= now) {
			decision = 'deemed_approved';
			answeredAt = dueAt;
			(clock.events as ClockEvent[]).push({ type: 'met', at: dueAt });
			plan.events.push({
				type: 'consultation:deemed-approved',
				at: dueAt,
				citation: '001 p.16',
				actor: 'system',
				after: { agency, decision }
			});
		}
		plan.consultations.push({ agency, requestedAt: at, dueAt, answeredAt, decision });
		plan.clocks.push({ clock, subject: agency });
	}
	plan.events.push({
		type: 'consultation:requested',
		at,
		citation: '001 p.16',
		actor: plan.assignee ?? 'officer',
		after: { agencies }
	});
	plan.events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function planMfa(rng: Rng, cal: WorkingCalendar, now: Date, plan: PlannedCase, term: SlaClock, at: Date) {
	const sentAt = cal.addWorkingMinutes(at, 60);
	if (sentAt > now) return;
	plan.stage = 'mfa-check';
	const resultAt = rng.chance(0.5) ? cal.addWorkingMinutes(sentAt, rng.int(480, 20 * 480)) : null;
	const answered = resultAt && resultAt <= now ? resultAt : null;
	const events = term.events as ClockEvent[];
	events.push({
		type: 'suspended',
		at: sentAt,
		reason: 'MFA authenticity check of the guarantee',
		legalBasis: '001 p.17'
	});
	plan.clocks.push({
		clock: clockOf('mfa-check', 'years', 1, '001 p.18', [
			{ type: 'started', at: sentAt },
			...(answered ? [{ type: 'met' as const, at: answered }] : [])
		]),
		subject: 'mfa'
	});
	plan.events.push({
		type: 'mfa:requested',
		at: sentAt,
		citation: '001 p.17',
		actor: plan.assignee ?? 'officer',
		after: { stage: 'mfa-check', clock: 'suspended' }
	});
	plan.mfa = { requestedAt: sentAt, resultAt: answered, authentic: answered ? true : null };
	if (answered) {
		events.push({ type: 'resumed', at: answered });
		plan.stage = 'under-review';
		plan.events.push({
			type: 'mfa:result-received',
			at: answered,
			citation: '001 p.17',
			actor: 'agency:mfa',
			after: { authentic: true, stage: 'under-review' }
		});
	}
}

/** Grounds of a demo refusal, drawn without the generator so the rest of the demo stays as it was. */
function demoGrounds(plan: PlannedCase): number[] {
	const options = plan.service.refusalGrounds === '000' ? [[1], [3], [2, 5]] : [[3], [5], [1, 3], [6]];
	return options[plan.events.length % options.length]!;
}

function close(plan: PlannedCase, term: SlaClock, at: Date, stage: string, event: string, citation: string) {
	(term.events as ClockEvent[]).push({ type: 'met', at });
	for (const { clock } of plan.clocks) {
		const last = clock.events.at(-1)?.type;
		if (clock !== term && (last === 'started' || last === 'resumed'))
			(clock.events as ClockEvent[]).push({ type: 'cancelled', at, reason: 'case decided' });
	}
	plan.stage = stage;
	if (stage === 'refused')
		plan.record = {
			...(plan.record ?? {}),
			outcome: 'refused',
			grounds: (plan.record?.preliminary as { grounds?: number[] } | undefined)?.grounds ?? []
		};
	if (stage === 'granted') plan.record = { outcome: 'granted' };
	plan.events.push({
		type: event,
		at,
		citation,
		actor: stage === 'returned-incomplete' ? (plan.assignee ?? 'officer') : 'head',
		after: { stage }
	});
}

function clockOf(kind: ClockKind, unit: ClockUnit, length: number, citation: string, events: ClockEvent[]): SlaClock {
	return { kind, unit, length, citation, events };
}

/** An instant at `minute` minutes after local midnight of `date` in Almaty. */
function atLocal(cal: WorkingCalendar, date: string, minute: number): Date {
	const midnight = cal.endOfCalendarDay(date).getTime() + 1000 - 86_400_000;
	return new Date(midnight + minute * 60_000);
}
