/**
 * A plan applied to a snapshot, in memory: what the case looks like after the action. The server
 * writes the same changes to the database (cases/case-actions.service.ts); this pure form lets the
 * engine be walked through whole procedures in specs, and lets the server compute the new clock
 * states it stores.
 */
import type { ActionPlan, CaseClock, CaseSnapshot } from './types';

export function applyPlan(
	snap: CaseSnapshot,
	plan: ActionPlan,
	newId: () => string = () => crypto.randomUUID()
): CaseSnapshot {
	let clocks: CaseClock[] = [...snap.clocks];
	for (const op of plan.clockOps) {
		if (op.op === 'start') {
			clocks.push({ ...op.clock, id: op.clock.id ?? newId() });
			continue;
		}
		let index = -1;
		clocks.forEach((c, i) => {
			if (c.kind === op.kind && c.subject === op.subject) index = i;
		});
		if (index < 0) throw new Error(`no ${op.kind} clock to append to`);
		const c = clocks[index]!;
		clocks = clocks.map((x, i) =>
			i === index ? { ...c, clock: { ...c.clock, events: [...c.clock.events, op.event] } } : x
		);
	}
	let consultations = [
		...snap.consultations,
		...plan.consultationsToRequest.map((agency) => ({ id: newId(), agency, decision: null }))
	];
	if (plan.consultationAnswer) {
		const a = plan.consultationAnswer;
		consultations = consultations.map((c) => (c.id === a.id ? { ...c, decision: a.decision } : c));
	}
	let mfa = snap.mfa;
	if (plan.mfaRequest) mfa = { id: newId(), mandatory: plan.mfaRequest.mandatory, resultAt: null, authentic: null };
	if (plan.mfaMadeMandatory && mfa) mfa = { ...mfa, mandatory: true };
	if (plan.mfaResult && mfa)
		mfa = { ...mfa, resultAt: plan.events[0]?.at ?? null, authentic: plan.mfaResult.authentic };
	const devices = plan.deviceResult
		? snap.devices.map((d) => (d.imei === plan.deviceResult!.imei ? { ...d, result: plan.deviceResult!.result } : d))
		: snap.devices;
	let controlRequests = [
		...(snap.controlRequests ?? []),
		...(plan.controlRequestsToSend ?? []).map((agency) => ({ id: newId(), agency, answeredAt: null, risks: null }))
	];
	if (plan.controlAnswer) {
		const a = plan.controlAnswer;
		controlRequests = controlRequests.map((c) => (c.id === a.id ? { ...c, answeredAt: a.at, risks: a.risks } : c));
	}
	return {
		...snap,
		controlRequests,
		stage: plan.stage ?? snap.stage,
		assigneeId: plan.assigneeId !== undefined ? plan.assigneeId : snap.assigneeId,
		clocks,
		consultations,
		mfa,
		devices,
		record: plan.record ? { ...snap.record, ...plan.record } : snap.record
	};
}
