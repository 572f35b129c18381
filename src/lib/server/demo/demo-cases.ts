/**
 * Writes the demo plan (demo-plan.ts) to the database: applicants, cases, clocks with their
 * computed state and due, consultations, MFA checks, and each case's hash-chained event history.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import { cases, clocks, consultations, controlRequests, mfaChecks, organisations } from '../db/schema';
import { appendCaseEvents } from '../audit/audit.repository';
import { createRng } from '../../domain/reference/prng';
import { generateCounterparty, generateGoodsLines, generateOrganisations } from '../../domain/reference/demo-names';
import { planDemoCases, type PlannedCase } from './demo-plan';
import { COMPLAINT_TEXTS } from './demo-complaints';
import { TERMINAL_STAGES, procedureFor } from '../../domain/procedures/definitions';
import { deriveHearingNoticeClock, type ClockEvent } from '../../domain/sla';
import { clockColumns } from '../cases/write-plan';

export const DEMO_CASE_COUNT = 300;
const DEMO_SEED = 'merzim-demo-2026';

/**
 * T10, the preliminary-refusal deadline counted back from the service term (001 p.19 para 3; 000
 * p.13), as registration creates it: met when the demo case had its notice, else running.
 */
function hearingNotice(plan: PlannedCase): PlannedCase['clocks'] {
	const term = plan.clocks.find((c) => c.clock.kind === 'service-term')?.clock;
	if (!plan.service.hearing || !term || term.unit !== 'working_days' || term.length < 3) return [];
	const notice = plan.events.find((e) => e.type === 'refusal:preliminary-issued');
	const start = term.events[0]!.at.getTime();
	const own: ClockEvent[] = notice ? [{ type: 'met', at: new Date(Math.max(start, notice.at.getTime())) }] : [];
	return [{ clock: deriveHearingNoticeClock(term, own), subject: null }];
}

export async function seedDemoCases(ctx: AppContext, staff: Map<string, number>): Promise<number> {
	const rng = createRng(DEMO_SEED);
	const now = ctx.clock.now();
	const calendar = await ctx.calendar.current();
	const orgs = generateOrganisations(rng, 120);
	const orgRows = await ctx.db
		.insert(organisations)
		.values(orgs.map((o) => ({ bin: o.bin, name: o.nameRu, legalAddress: o.legalAddressRu, city: o.city.ru })))
		.returning({ id: organisations.id });
	const plans = planDemoCases(rng, calendar, now, DEMO_CASE_COUNT);
	const numbers = caseNumbers(plans);
	// Ids chosen here so that a complaint can name the case it is about before that case is written.
	const ids = plans.map(() => randomUUID());

	for (const [i, plan] of plans.entries()) {
		const number = numbers[i]!;
		// Drawn in the order the demo always drew them, so every case keeps its data.
		const goodsLines = generateGoodsLines(rng, rng.int(1, 3));
		const applicantId = rng.pick(orgRows).id;
		const computed = [...plan.clocks, ...hearingNotice(plan)];
		const decided = TERMINAL_STAGES.has(plan.stage);
		const against = plan.complaint?.against ?? null;
		const counterparty = generateCounterparty(rng);
		const firstExportToCounterparty = rng.chance(0.3);

		await ctx.db.transaction(async (tx) => {
			const [row] = await tx
				.insert(cases)
				.values({
					id: ids[i],
					number,
					service: plan.service.code,
					stage: plan.stage,
					applicantId,
					assigneeId: plan.assignee ? (staff.get(plan.assignee) ?? null) : null,
					unit: 'Export control',
					receivedAt: plan.receivedAt,
					registeredOn: plan.registeredOn,
					application: plan.complaint
						? {
								complaintAgainst: against === null ? null : numbers[against],
								reviewBy: plan.complaint.reviewBy,
								complaintText: COMPLAINT_TEXTS[i % COMPLAINT_TEXTS.length]
							}
						: { goodsLines, counterparty, firstExportToCounterparty },
					complaintOf: against === null ? null : ids[against],
					decidedAt: decided ? plan.events.at(-1)!.at : null,
					decidedBy: decided ? (staff.get(plan.events.at(-1)!.actor) ?? null) : null,
					decision: plan.record,
					createdAt: plan.receivedAt,
					updatedAt: plan.events.at(-1)!.at
				})
				.returning({ id: cases.id });
			const caseId = row!.id;
			await tx.insert(clocks).values(
				computed.map((c) => ({
					caseId,
					kind: c.clock.kind,
					subject: c.subject,
					unit: c.clock.unit,
					length: c.clock.length,
					citation: c.clock.citation,
					...clockColumns(c.clock, calendar, now)
				}))
			);
			if (plan.consultations.length)
				await tx.insert(consultations).values(
					plan.consultations.map((c) => ({
						caseId,
						agencyCode: c.agency,
						requestedAt: c.requestedAt,
						dueAt: c.dueAt,
						answeredAt: c.answeredAt,
						decision: c.decision
					}))
				);
			// 001 p.17 para 1: export and general licences asked the same bodies as control-system
			// bodies; each answered when its consultation was answered (no risks known in the demo).
			if (plan.consultations.length && procedureFor(plan.service.code).exportControl)
				await tx.insert(controlRequests).values(
					plan.consultations.map((c) => ({
						caseId,
						agencyCode: c.agency,
						requestedAt: c.requestedAt,
						answeredAt: c.answeredAt,
						risks: c.answeredAt ? false : null,
						information: c.answeredAt ? 'Рисков данного экспорта не выявлено.' : null, // agencies answer in ru/kk
						answeredBy: c.answeredAt ? `agency:${c.agency}` : null
					}))
				);
			if (plan.mfa) await tx.insert(mfaChecks).values({ caseId, ...plan.mfa });
			const events = [...plan.events].sort((a, b) => a.at.getTime() - b.at.getTime());
			await appendCaseEvents(
				tx,
				caseId,
				events.map((e) => ({
					type: e.type,
					actor: { userId: staff.get(e.actor) ?? null, label: e.actor },
					at: e.at,
					citation: e.citation,
					before: null,
					after: e.after
				}))
			);
		});
	}
	// The complainant is the applicant of the case complained about (001 p.23).
	await ctx.db.execute(
		sql`update cases set applicant_id = t.applicant_id from cases t where cases.complaint_of = t.id`
	);
	return plans.length;
}

/** EL-2026-00001 …: per prefix and registration year, in plan order. */
function caseNumbers(plans: readonly PlannedCase[]): string[] {
	const perPrefix = new Map<string, number>();
	return plans.map((plan) => {
		const prefix = plan.service.casePrefix;
		const seq = (perPrefix.get(prefix) ?? 0) + 1;
		perPrefix.set(prefix, seq);
		return `${prefix}-${plan.registeredOn.slice(0, 4)}-${String(seq).padStart(5, '0')}`;
	});
}
