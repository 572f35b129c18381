/**
 * `GET /api/v1/cases/{id}`: the case as JSON for staff and the portal — stage, clocks (kind, due,
 * state, remaining working minutes, citation), consultations, the MFA check, devices, events, and
 * for staff the actions they may take now. The `restricted` part of events (the basis of a
 * confidential ground, decision 9) only for roles that may read it.
 */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { caseEvents, consultations, controlRequests, mfaChecks, organisations, users } from '../db/schema';
import { can } from '../auth/permissions';
import type { WorkingCalendar } from '../../domain/calendar';
import { computeClock } from '../../domain/sla';
import { availableActions, procedureFor, type ActingUser } from '../../domain/procedures';
import { loadCase } from './case-snapshot';

export type CaseViewer = { kind: 'staff'; user: ActingUser } | { kind: 'portal' };

export async function caseView(ex: Executor, caseId: string, viewer: CaseViewer, now: Date, calendar: WorkingCalendar) {
	const loaded = await loadCase(ex, caseId);
	if (!loaded) return null;
	const { row, snap, clockRows } = loaded;
	const restricted = viewer.kind === 'staff' && can(viewer.user.roles, 'cases:read-restricted');
	const [[applicant], [assignee], consultationRows, mfaRows, events, controlRows] = await Promise.all([
		ex.select().from(organisations).where(eq(organisations.id, row.applicantId)),
		row.assigneeId
			? ex
					.select({ id: users.id, username: users.username, displayName: users.displayName })
					.from(users)
					.where(eq(users.id, row.assigneeId))
			: Promise.resolve([]),
		ex
			.select()
			.from(consultations)
			.where(eq(consultations.caseId, caseId))
			.orderBy(asc(consultations.requestedAt), asc(consultations.agencyCode)),
		ex.select().from(mfaChecks).where(eq(mfaChecks.caseId, caseId)),
		ex.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)),
		ex
			.select()
			.from(controlRequests)
			.where(eq(controlRequests.caseId, caseId))
			.orderBy(asc(controlRequests.requestedAt), asc(controlRequests.agencyCode))
	]);
	const clocksOut = snap.clocks.map((c) => {
		const computed = computeClock(c.clock, calendar, now);
		const stored = clockRows.find((r) => r.id === c.id);
		return {
			id: c.id,
			kind: c.kind,
			subject: c.subject,
			state: computed.state,
			due: computed.due?.toISOString() ?? null,
			dueDate: computed.dueDate,
			remainingWorkingMinutes: Math.round(computed.remainingWorkingMinutes),
			band: computed.band,
			citation: stored?.citation ?? c.clock.citation,
			suspensions: computed.suspensions.map((s) => ({
				from: s.from.toISOString(),
				to: s.to?.toISOString() ?? null,
				reason: s.reason,
				legalBasis: s.legalBasis
			}))
		};
	});
	const record = { ...((row.decision as Record<string, unknown> | null) ?? {}) };
	if (!restricted) delete record.basis;
	// What state bodies report on the export's risks stays with the staff (001 p.17, p.19 para 5).
	if (viewer.kind === 'portal') {
		delete record.riskInformation;
		delete record.riskAssessment;
	}
	return {
		id: row.id,
		number: row.number,
		service: row.service,
		stage: row.stage,
		externalId: row.externalId,
		receivedAt: row.receivedAt.toISOString(),
		registeredOn: row.registeredOn,
		decidedAt: row.decidedAt?.toISOString() ?? null,
		applicant: applicant ? { bin: applicant.bin, name: applicant.name } : null,
		assignee: assignee ?? null,
		decision: record,
		clocks: clocksOut,
		consultations: consultationRows.map((c) => ({
			id: c.id,
			agency: c.agencyCode,
			requestedAt: c.requestedAt.toISOString(),
			dueAt: c.dueAt.toISOString(),
			decision: c.decision,
			answeredAt: c.answeredAt?.toISOString() ?? null,
			reason: c.reason,
			lateAnswer: c.lateAnswer
		})),
		mfaCheck: mfaRows[0]
			? {
					id: mfaRows[0].id,
					mandatory: mfaRows[0].mandatory,
					requestedAt: mfaRows[0].requestedAt.toISOString(),
					resultAt: mfaRows[0].resultAt?.toISOString() ?? null,
					authentic: mfaRows[0].authentic,
					reference: mfaRows[0].reference
				}
			: null,
		devices: snap.devices,
		// 001 p.17 paras 1–2: the control-system requests and answers (staff only).
		controlRequests:
			viewer.kind === 'staff'
				? controlRows.map((c) => ({
						id: c.id,
						agency: c.agencyCode,
						requestedAt: c.requestedAt.toISOString(),
						answeredAt: c.answeredAt?.toISOString() ?? null,
						risks: c.risks,
						information: c.information
					}))
				: [],
		events: events.map((e) => ({
			id: e.id,
			seq: e.seq,
			type: e.type,
			at: e.at.toISOString(),
			actor: e.actorLabel,
			citation: e.citation,
			after: restricted ? e.after : strip(e.after)
		})),
		availableActions:
			viewer.kind === 'staff'
				? availableActions({ def: procedureFor(row.service), snap, actor: viewer.user, now, calendar })
				: []
	};
}

function strip(after: unknown): unknown {
	if (!after || typeof after !== 'object' || !('restricted' in after)) return after;
	const { restricted: _restricted, ...rest } = after as Record<string, unknown>;
	return rest;
}

export type CaseView = NonNullable<Awaited<ReturnType<typeof caseView>>>;
