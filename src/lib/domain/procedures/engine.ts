/**
 * The procedure engine: which actions a user may take on a case now, and what an action does. It
 * reads the case's definition (definitions.ts) and never branches on the service itself, so a new
 * service is a new definition. Pure: the server loads the snapshot, passes `now` and the calendar,
 * and applies the returned plan in one transaction.
 */
import type { WorkingCalendar } from '../calendar';
import { ACTION_INPUTS, type ActionInput } from './action-inputs';
import { TERMINAL_STAGES } from './definitions';
import { PERMIT_HANDLERS, noticeStillPossible } from './permit-actions';
import { OTHER_HANDLERS, recusedFromComplaintReview } from './other-actions';
import { EXPORT_CONTROL_HANDLERS, exportControlPrecondition } from './export-control-actions';
import { openClock } from './case-clocks';
import { postDecisionDue } from './post-decision';
import {
	ProcedureError,
	stepPerformerProblem,
	type ActingUser,
	type ActionPlan,
	type CaseSnapshot,
	type ProcedureDefinition,
	type StaffAction
} from './types';
import type { Role } from '../access/roles';
import { zodFieldProblems } from '../errors/field-problem';

export interface ActionContext {
	readonly def: ProcedureDefinition;
	readonly snap: CaseSnapshot;
	readonly actor: ActingUser;
	readonly now: Date;
	readonly calendar: WorkingCalendar;
	/** The user an `assign` names, resolved by the server (null: no such active officer). */
	readonly assignee?: {
		readonly id: number;
		readonly roles: readonly Role[];
		/**
		 * Away now with a substitute (ADR-061): the case is still theirs; the event records who stands
		 * in meanwhile and until when (ADR-087).
		 */
		readonly away?: { readonly substitute: string; readonly until: string } | null;
	} | null;
}

export type Handler<A extends StaffAction> = (ctx: ActionContext, input: ActionInput<A>) => ActionPlan;
export type Handlers = { readonly [A in StaffAction]?: Handler<A> };

const HANDLERS: Handlers = { ...PERMIT_HANDLERS, ...OTHER_HANDLERS, ...EXPORT_CONTROL_HANDLERS };

const hasRole = (actor: ActingUser, roles: readonly string[]) => actor.roles.some((r) => roles.includes(r));

/** Stage, role and assignment checks of the definition's rule for the action; throws ProcedureError. */
function checkRule(ctx: ActionContext, action: StaffAction): void {
	const rule = ctx.def.rules.find((r) => r.action === action);
	if (!rule)
		throw new ProcedureError(
			'conflict',
			`"${action}" is not part of the ${ctx.def.service} procedure.`,
			undefined,
			'action-not-in-procedure'
		);
	if (!hasRole(ctx.actor, rule.roles))
		throw new ProcedureError(
			'forbidden',
			`Your role may not ${action.replace(/-/g, ' ')} (${rule.citation}).`,
			undefined,
			'role-may-not',
			{ action: action.replace(/-/g, ' '), citation: rule.citation }
		);
	if (!(rule.stages as readonly string[]).includes(ctx.snap.stage)) {
		const decided = TERMINAL_STAGES.has(ctx.snap.stage);
		const state = decided ? 'decided' : `at stage "${ctx.snap.stage}"`;
		throw new ProcedureError(
			'conflict',
			`The case is ${state}; "${action}" is possible at: ${rule.stages.join(', ')}.`,
			undefined,
			decided ? 'case-decided' : 'wrong-stage'
		);
	}
	const onlyOfficer = !hasRole(ctx.actor, ['head']);
	if (rule.assigneeOnly && onlyOfficer && ctx.snap.assigneeId !== ctx.actor.userId) {
		throw new ProcedureError(
			'forbidden',
			'Only the officer the case is assigned to (or a head) may do this.',
			undefined,
			'not-assignee'
		);
	}
}

/** Validates the body, checks the rule, and plans the action. */
export function planStaffAction(ctx: ActionContext, action: StaffAction, body: unknown): ActionPlan {
	checkRule(ctx, action);
	const parsed = ACTION_INPUTS[action].safeParse(body ?? {}, { reportInput: true });
	if (!parsed.success)
		throw new ProcedureError('invalid', 'Some fields are invalid.', zodFieldProblems(parsed.error), 'invalid-fields');
	const handler = HANDLERS[action] as Handler<typeof action> | undefined;
	if (!handler) throw new ProcedureError('conflict', `"${action}" has no handler.`);
	return handler(ctx, parsed.data as never);
}

/**
 * The actions this user may take now: the rule allows it, and its own preconditions hold (tried
 * with an empty body where that can fail only for want of input).
 */
export function availableActions(ctx: Omit<ActionContext, 'assignee'>): StaffAction[] {
	const out: StaffAction[] = [];
	for (const rule of ctx.def.rules) {
		try {
			checkRule(ctx, rule.action);
		} catch {
			continue;
		}
		if (preconditionHolds(ctx, rule.action)) out.push(rule.action);
	}
	return out;
}

function preconditionHolds(ctx: Omit<ActionContext, 'assignee'>, action: StaffAction): boolean {
	const { snap, actor, now, calendar } = ctx;
	const exportControl = exportControlPrecondition(snap, action);
	if (exportControl !== undefined) return exportControl;
	switch (action) {
		case 'assign':
			return hasRole(actor, ['head']) || snap.assigneeId === null;
		case 'request-mfa-check':
			return !snap.mfa;
		case 'record-original-guarantee':
			return !!openClock(snap, 'original-guarantee');
		case 'issue-preliminary-refusal':
			return noticeStillPossible(snap, calendar, now);
		case 'record-shipment':
			return postDecisionDue(ctx.def, snap).length > 0;
		case 'record-post-export-report':
			return !!openClock(snap, 'delivery-confirmation') || !!openClock(snap, 'execution-report');
		case 'extend-complaint':
			return (
				!recusedFromComplaintReview(snap, actor) &&
				!snap.clocks.some((c) => c.kind === 'complaint-review' && c.clock.events.some((e) => e.type === 'extended'))
			);
		case 'record-extension-notice':
			return !recusedFromComplaintReview(snap, actor) && !!openClock(snap, 'complaint-extension-notice');
		case 'decide-complaint':
			return !recusedFromComplaintReview(snap, actor);
		case 'verify-device':
			return snap.devices.some((d) => d.result === null);
		case 'complete-step': {
			const step = ctx.def.steps.find((s) => `step:${s.id}` === snap.stage);
			return !step || stepPerformerProblem(step, snap, actor) === null;
		}
		default:
			return true;
	}
}
