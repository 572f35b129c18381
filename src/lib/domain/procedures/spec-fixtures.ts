/**
 * Fixtures shared by the procedure specs (procedures, export-control, incompleteness-refusal,
 * complaint-review, …): the base calendar, the staff who act, a case registered as the engine
 * registers it, an action planned and applied, and the steps that bring an export or general
 * licence to its decision (001 p.16, p.17 paras 1–2, p.20). Used by specs only.
 */
import { createCalendar } from '../calendar';
import { computeClock } from '../sla';
import {
	applyPlan,
	planConsultationAnswer,
	planControlAnswer,
	planRegistration,
	planStaffAction,
	procedureFor,
	ProcedureError,
	type ActingUser,
	type CaseSnapshot,
	type GoodsLineInput,
	type StaffAction
} from './index';
import type { Role } from '../access/roles';

export const calendar = createCalendar({});

const staff = (userId: number, username: string, ...roles: Role[]): ActingUser => ({
	kind: 'staff',
	userId,
	username,
	roles
});
export const officer = staff(1, 'officer', 'officer');
export const otherOfficer = staff(2, 'officer2', 'officer');
export const head = staff(3, 'head', 'head');
export const reviewer = staff(4, 'reviewer', 'complaint_reviewer');
export const registrar = staff(5, 'registrar', 'registrar');

export const at = (iso: string) => new Date(iso);

let ids = 0;
/** A fresh id for the rows a plan creates (clocks, consultations, …). */
export const newId = () => `id-${++ids}`;

/** One goods line under this control-list code (001 p.7: one CN FEA code and one control code). */
export const line = (controlCode: string, over: Partial<GoodsLineInput> = {}): GoodsLineInput => ({
	hsCode: '8526910000',
	controlCode,
	description: 'x',
	quantity: 1,
	unit: 'pcs',
	value: 10,
	currency: 'USD',
	...over
});

/** A case of this service registered at `receivedAt`, assigned to `officer` unless told otherwise. */
export function register(
	service: string,
	receivedAt: Date,
	application: CaseSnapshot['application'] = {},
	over: Partial<CaseSnapshot> = {}
): CaseSnapshot {
	const def = procedureFor(service);
	const reg = planRegistration(
		def,
		{ receivedAt, goodsLines: application.goodsLines, devices: application.devices, reviewBy: application.reviewBy },
		receivedAt,
		calendar
	);
	return {
		id: 'case-1',
		service: def.service,
		stage: reg.stage,
		assigneeId: officer.userId,
		receivedAt,
		application,
		clocks: reg.clocks.map((c) => ({ ...c, id: newId() })),
		consultations: [],
		mfa: null,
		devices: reg.devices.map((imei) => ({ imei, result: null })),
		record: {},
		decidedBy: null,
		complaintOfDecidedBy: null,
		...over
	};
}

/** Plans a staff action and applies it: the plan and the case after it. */
export function act(
	snap: CaseSnapshot,
	actor: ActingUser,
	action: StaffAction,
	body: unknown,
	now: Date,
	assignee?: { id: number; roles: Role[] }
) {
	const plan = planStaffAction({ def: procedureFor(snap.service), snap, actor, now, calendar, assignee }, action, body);
	return { plan, next: applyPlan(snap, plan, newId) };
}

/** The ProcedureError `fn` throws (fails the spec when it throws nothing or something else). */
export function refused(fn: () => unknown): ProcedureError {
	try {
		fn();
	} catch (e) {
		if (e instanceof ProcedureError) return e;
		throw e;
	}
	throw new Error('expected a ProcedureError');
}

/** The control-system bodies answer "no risks" and the officer assesses the risks (001 p.17 paras 1–2, p.20). */
export function assessed(snap: CaseSnapshot, now: Date): CaseSnapshot {
	for (const c of snap.controlRequests ?? [])
		snap = applyPlan(
			snap,
			planControlAnswer(snap, c.id, { risks: false, information: 'None known.' }, c.agency, now),
			newId
		);
	return act(snap, officer, 'record-risk-assessment', { result: 'positive', summary: 'No risks found.' }, now).next;
}

/** Consulted (approved by the nsc), control-system answers in, risks assessed: ready for the decision. */
export function readyForGrant(snap: CaseSnapshot, now: Date): CaseSnapshot {
	snap = act(snap, officer, 'request-consultations', { agencies: ['nsc'] }, now).next;
	snap = applyPlan(
		snap,
		planConsultationAnswer(snap, snap.consultations[0]!.id, { decision: 'approve' }, 'nsc', now),
		newId
	);
	return assessed(snap, now);
}

/** The latest clock of this kind (and subject) computed at `now`, or null when the case has none. */
export function clockOf(snap: CaseSnapshot, kind: string, now: Date, subject?: string | null) {
	const c = snap.clocks.filter((x) => x.kind === kind && (subject === undefined || x.subject === subject)).at(-1);
	return c ? computeClock(c.clock, calendar, now) : null;
}
