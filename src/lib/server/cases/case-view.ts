/**
 * A case as one audience may read it (src/lib/domain/access/case-audience.ts): for staff, stage,
 * clocks (kind, due, state, remaining working minutes, citation), consultations, the MFA check,
 * devices, events and the actions they may take now — the `restricted` part (basis of a
 * confidential ground, 001 p.19 para 5) only with the case in hand; for the applicant, an agency,
 * the MFA and a control-system body, their own views built from allow-lists. Used by `GET /api/v1/cases/{id}` and by
 * every write's answer.
 */
import { auditCaseRead } from './case-access-audit';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { caseEvents, cases, consultations, controlRequests, mfaChecks, organisations, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import { computeClock } from '../../domain/sla';
import { availableActions, procedureFor, type ActingUser } from '../../domain/procedures';
import {
	caseForApplicant,
	caseForStaff,
	checkForMfa,
	consultationForAgency,
	requestForControlBody,
	type ControlRequestFacts
} from '../../domain/access/case-audience';
import { mayOpenCase, staffAudience } from '../../domain/access/policy';
import { loadCase } from './case-snapshot';
import { listNotes } from '../notes/notes.service';
import { parseCitations } from '../../domain/legal/citation';

export type CaseViewer =
	| {
			kind: 'staff';
			user: ActingUser;
			unit: string | null;
			/** Colleagues away now for whom the user stands in (ADR-061, ADR-087). */
			standsInFor?: readonly number[];
	  }
	| { kind: 'applicant' }
	| { kind: 'agency'; consultationId: string }
	| { kind: 'mfa'; checkId: string }
	| { kind: 'control'; requestId: string };

const controlFacts = (c: typeof controlRequests.$inferSelect): ControlRequestFacts => ({
	id: c.id,
	agency: c.agencyCode,
	requestedAt: c.requestedAt.toISOString(),
	answeredAt: c.answeredAt?.toISOString() ?? null,
	risks: c.risks,
	information: c.information
});

export async function caseView(ex: Executor, caseId: string, viewer: CaseViewer, now: Date, calendar: WorkingCalendar) {
	const loaded = await loadCase(ex, caseId);
	if (!loaded) return null;
	const { row, snap, clockRows } = loaded;
	const iso = (d: Date | null) => d?.toISOString() ?? null;
	const [[applicant], consultationRows, mfaRows] = await Promise.all([
		ex.select().from(organisations).where(eq(organisations.id, row.applicantId)),
		ex
			.select()
			.from(consultations)
			.where(eq(consultations.caseId, caseId))
			.orderBy(asc(consultations.requestedAt), asc(consultations.agencyCode)),
		ex.select().from(mfaChecks).where(eq(mfaChecks.caseId, caseId))
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
			citations: parseCitations(stored?.citation ?? c.clock.citation),
			suspensions: computed.suspensions.map((s) => ({
				from: s.from.toISOString(),
				to: s.to?.toISOString() ?? null,
				reason: s.reason,
				legalBasis: s.legalBasis,
				legalBasisCitations: parseCitations(s.legalBasis)
			}))
		};
	});
	const m = mfaRows[0];
	const facts = {
		id: row.id,
		number: row.number,
		service: row.service,
		stage: row.stage,
		externalId: row.externalId,
		receivedAt: row.receivedAt.toISOString(),
		registeredOn: row.registeredOn,
		decidedAt: iso(row.decidedAt),
		applicant: applicant ? { bin: applicant.bin, name: applicant.name } : null,
		application: (row.application as Record<string, unknown> | null) ?? {},
		decision: { ...((row.decision as Record<string, unknown> | null) ?? {}) },
		clocks: clocksOut,
		consultations: consultationRows.map((c) => ({
			id: c.id,
			agency: c.agencyCode,
			requestedAt: c.requestedAt.toISOString(),
			dueAt: c.dueAt.toISOString(),
			decision: c.decision,
			answeredAt: iso(c.answeredAt),
			reason: c.reason,
			lateAnswer: c.lateAnswer
		})),
		mfaCheck: m
			? {
					id: m.id,
					mandatory: m.mandatory,
					requestedAt: m.requestedAt.toISOString(),
					resultAt: iso(m.resultAt),
					authentic: m.authentic,
					reference: m.reference
				}
			: null,
		devices: snap.devices
	};

	switch (viewer.kind) {
		case 'applicant': {
			const complaints = await ex
				.select({ number: cases.number, stage: cases.stage, decidedAt: cases.decidedAt })
				.from(cases)
				.where(eq(cases.complaintOf, caseId))
				.orderBy(asc(cases.number));
			return caseForApplicant({
				...facts,
				complaints: complaints.map((x) => ({ ...x, decidedAt: iso(x.decidedAt) }))
			});
		}
		case 'agency': {
			const own = facts.consultations.find((c) => c.id === viewer.consultationId);
			return own ? consultationForAgency(facts, own) : null;
		}
		case 'control': {
			const [own] = await ex.select().from(controlRequests).where(eq(controlRequests.id, viewer.requestId));
			return own && own.caseId === caseId ? requestForControlBody(controlFacts(own)) : null;
		}
		case 'mfa':
			return facts.mfaCheck?.id === viewer.checkId ? checkForMfa(facts, facts.mfaCheck) : null;
		case 'staff': {
			// A confidential case is answered as if it did not exist to those who do not work it (004 P 14–15).
			const actor = { ...viewer.user, unit: viewer.unit, standsInFor: viewer.standsInFor };
			if (!mayOpenCase(actor, row)) return null;
			await auditCaseRead(ex, row, viewer.user, 'api', now);
			const [[assignee], events, controlRows, notes] = await Promise.all([
				row.assigneeId
					? ex
							.select({ id: users.id, username: users.username, displayName: users.displayName })
							.from(users)
							.where(eq(users.id, row.assigneeId))
					: Promise.resolve([]),
				ex.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)),
				ex
					.select()
					.from(controlRequests)
					.where(eq(controlRequests.caseId, caseId))
					.orderBy(asc(controlRequests.requestedAt), asc(controlRequests.agencyCode)),
				// Internal notes: staff only (ADR-042).
				listNotes(ex, caseId)
			]);
			const audience = staffAudience(actor, row);
			return caseForStaff(
				{
					...facts,
					assignee: assignee ?? null,
					// 001 p.17 paras 1–2: the control-system requests and answers (staff only).
					controlRequests: controlRows.map(controlFacts),
					notes,
					events: events.map((e) => ({
						id: e.id,
						seq: e.seq,
						type: e.type,
						at: e.at.toISOString(),
						actor: e.actorLabel,
						citation: e.citation,
						citations: parseCitations(e.citation),
						after: e.after
					})),
					availableActions: availableActions({
						def: procedureFor(row.service),
						snap,
						actor: viewer.user,
						now,
						calendar
					})
				},
				audience
			);
		}
	}
}
