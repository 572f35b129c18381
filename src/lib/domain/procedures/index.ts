/** Public API of the case procedures (ADR-019). */
export * from './types';
export { PROCEDURES, TERMINAL_STAGES, procedureFor } from './definitions';
export { ACTION_INPUTS, ConsultationAnswerSchema, ControlAnswerSchema, MfaResultSchema } from './action-inputs';
export { planControlAnswer } from './export-control-actions';
export { availableActions, planStaffAction, type ActionContext } from './engine';
export { mfaMandatory, planConsultationAnswer, planDeemedApproval, planMfaResult } from './permit-actions';
export { planRegistration, type RegistrationInput, type RegistrationPlan } from './registration';
export { clockTimers, warningEventType, type ClockTimers } from './timers';
export { findClock, isOpen, isSuspended, openClock } from './case-clocks';
export { applyPlan } from './apply-plan';
export {
	A3_PARTICIPANTS,
	A3_PARTICIPANT_NAMES,
	A3_REFUSAL_GROUNDS,
	a3Permission,
	type A3Participant,
	type A3RefusalGround
} from './customs-participants';
export { hasMilitaryGoods, postDecisionDue, SHIPMENT_KINDS, type ShipmentKind } from './post-decision';
export { complaintTargetRefusal } from './complaint-target';
export { recusedFromComplaintReview } from './other-actions';
