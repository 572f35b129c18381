/**
 * Writes an action plan of the procedure engine to the database, inside the caller's transaction:
 * clocks (new ones inserted, appended events stored, state/due/warning recomputed from the whole
 * history), consultations, the MFA check, device results, the case row, and one hash-chained case
 * event per planned event — the outbox the socket server publishes from. Nothing is written
 * outside the transaction, so a failed action leaves no trace.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { cases, clocks, consultations, controlRequests, deviceChecks, mfaChecks } from '../db/schema';
import { appendCaseEvents, type Actor } from '../audit/audit.repository';
import type { WorkingCalendar } from '../../domain/calendar';
import { applyPlan, clockTimers, type ActionPlan, type CaseClock } from '../../domain/procedures';
import type { ClockState, SlaClock } from '../../domain/sla';
import type { LoadedCase } from './case-snapshot';

/** Stored events carry ISO strings. */
export const storedEvents = (clock: SlaClock) => clock.events.map((e) => ({ ...e, at: e.at.toISOString() }));

/**
 * The stored state: as computed, except that a clock past its due stays 'running' until the
 * scheduler has announced the breach for that due (clocks.fired_for), so it is never skipped.
 */
export function storedState(state: ClockState, due: Date | null, firedFor: Date | null): ClockState {
	if (state === 'overdue' && (firedFor === null || due === null || firedFor.getTime() !== due.getTime()))
		return 'running';
	return state;
}

export function clockColumns(clock: SlaClock, calendar: WorkingCalendar, now: Date, firedFor: Date | null = null) {
	const t = clockTimers(clock, calendar, now);
	return {
		events: storedEvents(clock),
		state: storedState(t.state, t.dueAt, firedFor),
		dueAt: t.dueAt,
		warnAt: t.warnAt,
		redAt: t.redAt
	};
}

export async function insertClock(
	ex: Executor,
	caseId: string,
	c: CaseClock,
	calendar: WorkingCalendar,
	now: Date
): Promise<string> {
	const [row] = await ex
		.insert(clocks)
		.values({
			caseId,
			kind: c.kind,
			subject: c.subject,
			unit: c.clock.unit,
			length: c.clock.length,
			citation: c.clock.citation,
			...clockColumns(c.clock, calendar, now)
		})
		.returning({ id: clocks.id });
	return row!.id;
}

export async function writePlan(
	ex: Executor,
	loaded: LoadedCase,
	plan: ActionPlan,
	o: { actor: Actor; now: Date; calendar: WorkingCalendar }
): Promise<{ eventIds: number[] }> {
	const { row, snap, clockRows } = loaded;
	const { now, calendar } = o;
	const after = applyPlan(snap, plan);

	// Clocks: new ones, and those whose history grew.
	for (const c of after.clocks) {
		const old = snap.clocks.find((s) => s.id === c.id);
		if (!old) {
			await insertClock(ex, row.id, c, calendar, now);
			continue;
		}
		if (old.clock.events.length === c.clock.events.length) continue;
		const stored = clockRows.find((r) => r.id === c.id)!;
		await ex
			.update(clocks)
			.set(clockColumns(c.clock, calendar, now, stored.firedFor))
			.where(eq(clocks.id, c.id!));
	}

	for (const agency of plan.consultationsToRequest) {
		const clock = after.clocks.filter((c) => c.kind === 'consultation' && c.subject === agency).at(-1)!;
		const due = clockTimers(clock.clock, calendar, now).dueAt!;
		await ex.insert(consultations).values({ caseId: row.id, agencyCode: agency, requestedAt: now, dueAt: due });
	}
	if (plan.consultationAnswer) {
		const a = plan.consultationAnswer;
		await ex
			.update(consultations)
			.set({ decision: a.decision, reason: a.reason, answeredAt: a.at })
			.where(and(eq(consultations.id, a.id), sql`${consultations.decision} is null`));
	}
	if (plan.consultationLateAnswer) {
		const l = plan.consultationLateAnswer;
		await ex
			.update(consultations)
			.set({ lateAnswer: { decision: l.decision, reason: l.reason, at: l.at.toISOString() } })
			.where(eq(consultations.id, l.id));
	}
	if (plan.mfaRequest)
		await ex.insert(mfaChecks).values({ caseId: row.id, requestedAt: now, mandatory: plan.mfaRequest.mandatory });
	for (const agency of plan.controlRequestsToSend ?? [])
		await ex.insert(controlRequests).values({ caseId: row.id, agencyCode: agency, requestedAt: now });
	if (plan.controlAnswer) {
		const a = plan.controlAnswer;
		await ex
			.update(controlRequests)
			.set({ answeredAt: a.at, risks: a.risks, information: a.information, answeredBy: a.by })
			.where(and(eq(controlRequests.id, a.id), sql`${controlRequests.answeredAt} is null`));
	}
	if (plan.mfaMadeMandatory && snap.mfa)
		await ex.update(mfaChecks).set({ mandatory: true }).where(eq(mfaChecks.id, snap.mfa.id));
	if (plan.mfaResult && snap.mfa) {
		await ex
			.update(mfaChecks)
			.set({ resultAt: now, authentic: plan.mfaResult.authentic, reference: plan.mfaResult.reference })
			.where(eq(mfaChecks.id, snap.mfa.id));
	}
	if (plan.deviceResult) {
		await ex
			.update(deviceChecks)
			.set({ result: plan.deviceResult.result, decidedAt: now, decidedBy: o.actor.userId })
			.where(and(eq(deviceChecks.caseId, row.id), eq(deviceChecks.imei, plan.deviceResult.imei)));
	}

	let record = plan.record ? { ...(row.decision ?? {}), ...plan.record } : row.decision;
	if (plan.issuesNumber)
		record = {
			...record,
			documentNumber: `${row.number}/${DOCUMENT_SUFFIX[plan.issuesNumber]}`,
			document: plan.issuesNumber,
			issuedOn: calendar.localDate(now)
		};
	await ex
		.update(cases)
		.set({
			stage: after.stage,
			assigneeId: after.assigneeId,
			decision: record,
			...(plan.decides ? { decidedAt: now, decidedBy: o.actor.userId } : {}),
			version: sql`${cases.version} + 1`,
			updatedAt: now
		})
		.where(eq(cases.id, row.id));

	const documentNumber =
		plan.issuesNumber && record ? { documentNumber: (record as Record<string, unknown>).documentNumber } : {};
	const written = await appendCaseEvents(
		ex,
		row.id,
		plan.events.map((e) => ({
			type: e.type,
			actor: o.actor,
			at: e.at,
			citation: e.citation,
			before: e.before ?? (after.stage !== snap.stage ? { stage: snap.stage } : null),
			after: { ...e.after, ...documentNumber }
		}))
	);
	return { eventIds: written.map((w) => w.id) };
}

const DOCUMENT_SUFFIX: Record<NonNullable<ActionPlan['issuesNumber']>, string> = {
	licence: 'L',
	certificate: 'C',
	'register-entry': 'R',
	'device-confirmation': 'D'
};
