/**
 * Everything that changes a case: registering an application (portal), staff actions, agencies'
 * answers and MFA results. Each runs in one transaction with the case row locked, plans with the
 * procedure engine, and writes the plan with its case events (the outbox). Idempotent with an
 * `Idempotency-Key` (http/idempotency.ts).
 */
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../db/client';
import {
	absences,
	cases,
	consultations,
	controlRequests,
	deviceChecks,
	mfaChecks,
	organisations,
	userRoles,
	users
} from '../db/schema';
import type { Clock } from '../clock';
import type { WorkingCalendar } from '../../domain/calendar';
import type { CalendarService } from '../calendar/calendar.service';
import { appendCaseEvent, type Actor } from '../audit/audit.repository';
import { ApiError } from '../http/api-error';
import { DomainError } from '../../domain/errors/domain-error';
import { fieldProblem } from '../../domain/errors/field-problem';
import { idempotent, type StoredResponse } from '../http/idempotency';
import { findService } from '../../domain/reference/services';
import {
	complaintTargetRefusal,
	planConsultationAnswer,
	planControlAnswer,
	planMfaResult,
	planRegistration,
	planStaffAction,
	procedureFor,
	ProcedureError,
	type ActingUser,
	type ActionPlan,
	type StaffAction
} from '../../domain/procedures';
import type { ApplicationInput } from './application.schema';
import { isUuid, loadCase, type LoadedCase } from './case-snapshot';
import { caseView, type CaseViewer } from './case-view';
import { insertClock, writePlan } from './write-plan';
import { assertContractFree, findReissuedLicence } from './licence-links';
import type { TokenPrincipal } from '../integration/tokens.service';
import { incompletenessLetterEvent } from '../drafting/incompleteness-letter';
import { draftTiedDocuments } from '../documents/draft-document';
import { knownRoles, type Role } from '../../domain/access/roles';

/** How far ahead of our clock a portal's receipt time may be (clock skew), and how far back. */
const MAX_SKEW_MS = 5 * 60_000;
const MAX_AGE_MS = 366 * 86_400_000;

export function createCaseActions(deps: { db: Db; clock: Clock; calendar: CalendarService }) {
	const { db, clock } = deps;

	// The calendar is read before a transaction opens: on PGlite (one connection) a query outside
	// the open transaction would wait for it for ever.
	async function plannedIn(
		tx: Tx,
		calendar: WorkingCalendar,
		caseId: string,
		plan: (loaded: LoadedCase, now: Date) => Promise<ActionPlan> | ActionPlan,
		actor: Actor,
		viewer: CaseViewer
	): Promise<StoredResponse> {
		const loaded = await loadCase(tx, caseId, { lock: 'wait' });
		if (!loaded) throw new DomainError('not-found', 'case-not-found', 'No such case.');
		const now = clock.now();
		// A ProcedureError is a domain error: the route's one mapping answers it (ADR-031).
		const p: ActionPlan = await plan(loaded, now);
		await writePlan(tx, loaded, p, { actor, now, calendar });
		// The documents the acts tie to this action, drafted with it for the head to sign (ADR-066).
		await draftTiedDocuments(
			tx,
			caseId,
			p.events.map((e) => e.type),
			actor,
			now
		);
		const view = await caseView(tx, caseId, viewer, now, calendar);
		return p.answer
			? { status: p.answer.status, body: { error: p.answer.message, case: view } }
			: { status: 200, body: view };
	}

	/** Finds a request's case and addressee body in its table (consultations or control requests). */
	const addresseeIn =
		(table: typeof consultations | typeof controlRequests) =>
		async (id: string): Promise<{ caseId: string; agencyCode: string } | undefined> =>
			(await db.select({ caseId: table.caseId, agencyCode: table.agencyCode }).from(table).where(eq(table.id, id)))[0];

	/**
	 * A state body answers a request sent to it (a consultation, 001 p.16; a control-system request,
	 * 001 p.17 para 2): the request must exist and be addressed to that body; the answer is idempotent
	 * per body and planned on the locked case.
	 */
	async function answerAgencyRequest(
		req: {
			/** The request's case and addressee, or undefined when there is none. */
			find: (id: string) => Promise<{ caseId: string; agencyCode: string } | undefined>;
			id: string;
			notFound: string;
			otherBody: string;
			fingerprint: string;
			plan: (loaded: LoadedCase, now: Date) => ActionPlan;
			viewer: CaseViewer;
		},
		by: { agencyCode: string; actor: Actor },
		key: string | null
	): Promise<StoredResponse & { replayed: boolean }> {
		const row = isUuid(req.id) ? await req.find(req.id) : undefined;
		if (!row) throw new ApiError(404, req.notFound);
		if (row.agencyCode !== by.agencyCode) throw new ApiError(403, req.otherBody);
		const calendar = await deps.calendar.current();
		return idempotent(
			db,
			{ caller: `agency:${by.agencyCode}`, key, fingerprint: req.fingerprint, now: clock.now() },
			(tx) => plannedIn(tx, calendar, row.caseId, req.plan, by.actor, req.viewer)
		);
	}

	return {
		/** A staff action (`POST /api/v1/cases/{id}/actions/{action}`), by the signed-in user. */
		async staffAction(
			caseId: string,
			action: StaffAction,
			body: unknown,
			user: ActingUser & { unit?: string | null },
			key: string | null
		) {
			if (!isUuid(caseId)) throw new DomainError('not-found', 'case-not-found', 'No such case.');
			const calendar = await deps.calendar.current();
			return idempotent(
				db,
				{
					caller: `user:${user.userId}`,
					key,
					fingerprint: `${caseId} ${action} ${JSON.stringify(body)}`,
					now: clock.now()
				},
				(tx) =>
					plannedIn(
						tx,
						calendar,
						caseId,
						async (loaded, now) => {
							const assignee = action === 'assign' ? await resolveAssignee(tx, body, now) : undefined;
							const p = planStaffAction(
								{ def: procedureFor(loaded.row.service), snap: loaded.snap, actor: user, now, calendar, assignee },
								action,
								body
							);
							if (action !== 'sign-incompleteness-refusal') return p;
							// The head's signature issues the letter on the act's Annex 2 form (001 p.15 para 2; 000 p.11).
							const [signer] = await tx
								.select({ name: users.displayName })
								.from(users)
								.where(eq(users.id, user.userId));
							const letter = await incompletenessLetterEvent(tx, caseId, {
								missing: (p.record?.missing as string[] | undefined) ?? [],
								signerName: signer?.name ?? user.username,
								at: now
							});
							const issued = { number: letter.after.letterNumber, sha256: letter.after.sha256 };
							return { ...p, record: { ...p.record, letter: issued }, events: [...p.events, letter] };
						},
						{ userId: user.userId, label: user.username },
						{ kind: 'staff', user, unit: user.unit ?? null }
					)
			);
		},

		/** An agency's answer to a consultation (001 p.16), by its token or its liaison. */
		answerConsultation: (
			consultationId: string,
			answer: { decision: 'approve' | 'object'; reason?: string },
			by: { agencyCode: string; actor: Actor },
			key: string | null
		) =>
			answerAgencyRequest(
				{
					find: addresseeIn(consultations),
					id: consultationId,
					notFound: 'No such consultation.',
					otherBody: 'This consultation was sent to another state body.',
					fingerprint: `${consultationId} ${JSON.stringify(answer)}`,
					plan: (loaded, now) => planConsultationAnswer(loaded.snap, consultationId, answer, by.actor.label, now),
					// The answering body gets its own consultation back, never the case (001 p.16).
					viewer: { kind: 'agency', consultationId }
				},
				by,
				key
			),

		/** A control-system body's answer (001 p.17 para 2), by its token or its liaison. */
		answerControlRequest: (
			requestId: string,
			answer: { risks: boolean; information: string },
			by: { agencyCode: string; actor: Actor },
			key: string | null
		) =>
			answerAgencyRequest(
				{
					find: addresseeIn(controlRequests),
					id: requestId,
					notFound: 'No such control-system request.',
					otherBody: 'This request was sent to another state body.',
					fingerprint: `control ${requestId} ${JSON.stringify(answer)}`,
					plan: (loaded, now) => planControlAnswer(loaded.snap, requestId, answer, by.actor.label, now),
					viewer: { kind: 'control', requestId }
				},
				by,
				key
			),

		/** The MFA's result of the authenticity check (001 p.17). */
		async recordMfaResult(
			checkId: string,
			result: { authentic: boolean; reference: string },
			actor: Actor,
			key: string | null
		) {
			const m = isUuid(checkId) ? (await db.select().from(mfaChecks).where(eq(mfaChecks.id, checkId)))[0] : undefined;
			if (!m) throw ApiError.notFound('mfa-check-not-found', 'No such MFA check.');
			const calendar = await deps.calendar.current();
			return idempotent(
				db,
				{ caller: 'mfa', key, fingerprint: `${checkId} ${JSON.stringify(result)}`, now: clock.now() },
				(tx) =>
					plannedIn(tx, calendar, m.caseId, (loaded, now) => planMfaResult(loaded.snap, result, now), actor, {
						kind: 'mfa',
						checkId
					})
			);
		},

		/**
		 * The refusal decision taken when a head signs the reasoned-refusal letter (ADR-015), inside
		 * the signing transaction: refused on every ground of the preliminary decision the applicant
		 * was heard on (001 p.19), with the signed letter's text.
		 */
		async refuseWithLetterIn(
			tx: Tx,
			calendar: WorkingCalendar,
			caseId: string,
			user: ActingUser,
			letterText: string
		): Promise<void> {
			await plannedIn(
				tx,
				calendar,
				caseId,
				(loaded, now) => {
					const grounds = loaded.snap.record.preliminary?.grounds ?? [];
					if (grounds.length === 0)
						throw new ProcedureError(
							'conflict',
							'The case has no preliminary refusal to decide on: notify the applicant and hold the hearing first (001 p.19).'
						);
					return planStaffAction(
						{ def: procedureFor(loaded.row.service), snap: loaded.snap, actor: user, now, calendar },
						'decide',
						{ outcome: 'refuse', grounds, text: letterText.slice(0, 20_000) || '—' }
					);
				},
				{ userId: user.userId, label: user.username },
				// The answer is not sent anywhere: the signing route answers with the letter.
				{ kind: 'staff', user, unit: null }
			);
		},

		/** A new application from the portal; the same externalId returns the same case (200). */
		async register(
			input: ApplicationInput,
			principal: TokenPrincipal,
			key: string | null
		): Promise<StoredResponse & { replayed: boolean }> {
			const existing = await findByExternalId(db, input.externalId);
			if (existing)
				return {
					status: 200,
					body: await caseView(db, existing, { kind: 'applicant' }, clock.now(), await deps.calendar.current()),
					replayed: true
				};
			const calendar = await deps.calendar.current();
			try {
				return await idempotent(
					db,
					{ caller: `token:${principal.id}`, key, fingerprint: JSON.stringify(input), now: clock.now() },
					(tx) => registerIn(tx, calendar, input, principal)
				);
			} catch (e) {
				// The same externalId registered concurrently: answer with the case that won.
				const winner = await findByExternalId(db, input.externalId);
				if (winner)
					return {
						status: 200,
						body: await caseView(db, winner, { kind: 'applicant' }, clock.now(), await deps.calendar.current()),
						replayed: true
					};
				throw e;
			}
		}
	};

	async function registerIn(
		tx: Tx,
		calendar: WorkingCalendar,
		input: ApplicationInput,
		principal: TokenPrincipal
	): Promise<StoredResponse> {
		const now = clock.now();
		const receivedAt = new Date(input.receivedAt);
		if (receivedAt.getTime() > now.getTime() + MAX_SKEW_MS)
			throw new DomainError(
				'invalid',
				'invalid-fields',
				'Some fields are invalid.',
				{},
				{ receivedAt: fieldProblem('in-the-future', 'in the future') }
			);
		if (now.getTime() - receivedAt.getTime() > MAX_AGE_MS)
			throw new DomainError(
				'invalid',
				'invalid-fields',
				'Some fields are invalid.',
				{},
				{ receivedAt: fieldProblem('over-a-year-ago', 'more than a year ago') }
			);
		const received = receivedAt > now ? now : receivedAt;
		const service = findService(input.service)!;
		const def = procedureFor(input.service);

		let complaintOf: string | null = null;
		if (input.service === 'complaint') {
			// Against a decision, an action or inaction: an open case too (001 p.23 para 1; 000 p.15 para 1).
			const [target] = await tx
				.select({ id: cases.id, service: cases.service, bin: organisations.bin })
				.from(cases)
				.innerJoin(organisations, eq(organisations.id, cases.applicantId))
				.where(eq(cases.number, input.complaintAgainst!));
			// Standing: only the applicant of the case complains about it, itself or through its
			// representative acting in its name (001 p.23; 000 p.15). Another applicant's case is answered
			// as if it did not exist, so case numbers of others cannot be probed.
			if (!target || target.bin !== input.applicant.bin)
				throw new DomainError(
					'invalid',
					'invalid-fields',
					'Some fields are invalid.',
					{},
					{
						complaintAgainst: fieldProblem(
							'complaint-target-not-found',
							'no case of this applicant with this number (001 p.23; 000 p.15)',
							{ citation: '001 p.23; 000 p.15' }
						)
					}
				);
			const refusal = complaintTargetRefusal(target.service);
			if (refusal)
				throw new DomainError(
					'invalid',
					'invalid-fields',
					'Some fields are invalid.',
					{},
					{ complaintAgainst: refusal }
				);
			complaintOf = target.id;
		}
		const a = input.applicant;
		await tx
			.insert(organisations)
			.values({ bin: a.bin, name: a.name, legalAddress: a.legalAddress, city: a.city ?? '' })
			.onConflictDoNothing({ target: organisations.bin });
		const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.bin, a.bin));

		const reg = planRegistration(
			def,
			{ receivedAt: received, goodsLines: input.goodsLines, devices: input.devices, reviewBy: input.reviewBy },
			now,
			calendar
		);
		await assertContractFree(tx, input, reg.registeredOn);
		const reissueOf = await findReissuedLicence(tx, input, reg.registeredOn);
		const number = await nextCaseNumber(tx, service.casePrefix, reg.registeredOn.slice(0, 4));
		const {
			applicant: _applicant,
			service: _service,
			externalId: _externalId,
			receivedAt: _receivedAt,
			...application
		} = input;
		const [row] = await tx
			.insert(cases)
			.values({
				number,
				service: input.service,
				stage: reg.stage,
				applicantId: org!.id,
				unit: 'Export control',
				externalId: input.externalId,
				receivedAt: received,
				registeredOn: reg.registeredOn,
				application,
				complaintOf,
				// A reissue is linked to the licence it reissues from the start (001 p.10).
				...(reissueOf ? { decision: { reissueOf } } : {}),
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: cases.id });
		const caseId = row!.id;
		for (const c of reg.clocks) await insertClock(tx, caseId, c, calendar, now);
		if (reg.devices.length) await tx.insert(deviceChecks).values(reg.devices.map((imei) => ({ caseId, imei })));
		await appendCaseEvent(tx, caseId, {
			type: 'case:created',
			actor: { userId: null, label: `portal:${principal.name}` },
			at: now,
			citation:
				service.act === '000'
					? '000 p.10; Annex 1 row 7'
					: service.act === '001'
						? '001 p.14; Annex 1 row 7'
						: service.term.citation,
			before: null,
			after: {
				stage: reg.stage,
				registeredOn: reg.registeredOn,
				service: input.service,
				externalId: input.externalId,
				...(reissueOf ? { reissues: reissueOf.licenceNumber, reissueReason: reissueOf.reason } : {})
			}
		});
		return { status: 201, body: await caseView(tx, caseId, { kind: 'applicant' }, now, calendar) };
	}
}

async function findByExternalId(ex: Executor, externalId: string): Promise<string | null> {
	const [row] = await ex.select({ id: cases.id }).from(cases).where(eq(cases.externalId, externalId));
	return row?.id ?? null;
}

/** EL-2026-00042: per prefix and year, serialised by an advisory lock so numbers never repeat. */
async function nextCaseNumber(tx: Tx, prefix: string, year: string): Promise<string> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`case-number:${prefix}-${year}`}))`);
	const like = `${prefix}-${year}-%`;
	const result = await tx.execute(
		sql`select coalesce(max(substring(number from '[0-9]+$')::int), 0) + 1 as next from cases where number like ${like}`
	);
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { next: number | string }[];
	return `${prefix}-${year}-${String(rows[0]!.next).padStart(5, '0')}`;
}

async function resolveAssignee(
	ex: Executor,
	body: unknown,
	now: Date
): Promise<{ id: number; roles: Role[]; away: { substitute: string; until: string } | null } | null> {
	const username =
		typeof body === 'object' && body && 'username' in body ? String((body as { username: unknown }).username) : '';
	const [u] = await ex
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.username, username), eq(users.disabled, false)));
	if (!u) return null;
	const roles = await ex.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, u.id));
	// Away now (ADR-061): the assignment stays theirs and records who stands in (ADR-087).
	const [away] = await ex
		.select({ substitute: users.username, until: absences.endsAt })
		.from(absences)
		.innerJoin(users, eq(users.id, absences.substituteId))
		.where(
			and(
				eq(absences.userId, u.id),
				isNull(absences.cancelledAt),
				lte(absences.startsAt, now),
				gt(absences.endsAt, now)
			)
		)
		.orderBy(asc(absences.startsAt))
		.limit(1);
	return {
		id: u.id,
		roles: knownRoles(roles.map((r) => r.role)),
		away: away ? { substitute: away.substitute, until: away.until.toISOString() } : null
	};
}

export type CaseActions = ReturnType<typeof createCaseActions>;
