/**
 * Writes the demo plan (demo-plan.ts) to the database: applicants, cases, clocks with their
 * computed state and due, consultations, MFA checks, and each case's hash-chained event history.
 */
import type { AppContext } from '../context';
import { cases, clocks, consultations, mfaChecks, organisations } from '../db/schema';
import { appendCaseEvent } from '../audit/audit.repository';
import { createRng } from '../../domain/reference/prng';
import { generateCounterparty, generateGoodsLines, generateOrganisations } from '../../domain/reference/demo-names';
import { planDemoCases, type PlannedCase } from './demo-plan';
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
	const perPrefix = new Map<string, number>();

	for (const plan of plans) {
		const prefix = plan.service.casePrefix;
		const seq = (perPrefix.get(prefix) ?? 0) + 1;
		perPrefix.set(prefix, seq);
		const number = `${prefix}-${plan.registeredOn.slice(0, 4)}-${String(seq).padStart(5, '0')}`;
		const goodsLines = generateGoodsLines(rng, rng.int(1, 3));
		const computed = [...plan.clocks, ...hearingNotice(plan)];
		const decided = ['granted', 'refused', 'returned-incomplete'].includes(plan.stage);

		await ctx.db.transaction(async (tx) => {
			const [row] = await tx
				.insert(cases)
				.values({
					number,
					service: plan.service.code,
					stage: plan.stage,
					applicantId: rng.pick(orgRows).id,
					assigneeId: plan.assignee ? (staff.get(plan.assignee) ?? null) : null,
					unit: 'Export control',
					receivedAt: plan.receivedAt,
					registeredOn: plan.registeredOn,
					application: { goodsLines, counterparty: generateCounterparty(rng), firstExportToCounterparty: rng.chance(0.3) },
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
				await tx.insert(consultations).values(plan.consultations.map((c) => ({ caseId, agencyCode: c.agency, requestedAt: c.requestedAt, dueAt: c.dueAt, answeredAt: c.answeredAt, decision: c.decision })));
			if (plan.mfa) await tx.insert(mfaChecks).values({ caseId, ...plan.mfa });
			for (const e of [...plan.events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
				await appendCaseEvent(tx, caseId, { type: e.type, actor: { userId: staff.get(e.actor) ?? null, label: e.actor }, at: e.at, citation: e.citation, before: null, after: e.after });
			}
		});
	}
	return plans.length;
}
