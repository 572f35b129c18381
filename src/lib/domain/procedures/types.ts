/**
 * Case procedures as data (ADR-019). A definition says, for one service of the acts, which stages a
 * case goes through, which actions may be taken in which stage by which role, which clocks run from
 * registration, and which features of the engine it uses (consultations, MFA check, hearing, …).
 * The engine (engine.ts) interprets definitions; a new service is a new definition, not new code.
 */
import { DomainError } from '../errors/domain-error';
import type { FieldProblem } from '../errors/field-problem';
import type { ClockEvent, ClockKind, SlaClock } from '../sla';
import type { ServiceCode } from '../reference/services';
import type { GroundAct } from '../reference/refusal-grounds';
import type { HearingNotice } from './hearing-notice';
import type { Role, StaffRole } from '../access/roles';

/** Staff actions, with the names of the staff API (`POST /api/v1/cases/{id}/actions/{action}`). */
export const STAFF_ACTIONS = [
	'assign',
	'complete-check',
	'sign-incompleteness-refusal',
	'request-consultations',
	'request-mfa-check',
	'record-original-guarantee',
	'issue-preliminary-refusal',
	'record-hearing',
	'decide',
	'record-shipment',
	'record-post-export-report',
	'forward-complaint',
	'extend-complaint',
	'record-extension-notice',
	'decide-complaint',
	'verify-device',
	'complete-step',
	'record-risk-information',
	'record-risk-assessment',
	'request-foreign-information',
	'record-foreign-information'
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** Actions taken by other bodies through the integration API, or by the scheduler. */
export type ExternalAction =
	'answer-consultation' | 'record-mfa-result' | 'deem-approved' | 'fire-deadline' | 'fire-warning';
export type ActionName = StaffAction | ExternalAction;

/** The roles a rule may name: the one role list (domain/access/roles.ts) without the kiosk account. */
export type { StaffRole };

/** The stages of the procedures (definitions.ts); a step-timed regulation's steps are `step:<id>`. */
export const STAGES = [
	'completeness-check',
	'incompleteness-signature',
	'under-review',
	'consultation',
	'mfa-check',
	'hearing',
	'hearing-held',
	'granted',
	'refused',
	'returned-incomplete',
	'complaint-forwarding',
	'complaint-review',
	'complaint-decided',
	'device-review',
	'devices-decided',
	'included'
] as const;
export type Stage = (typeof STAGES)[number] | `step:${string}`;

/**
 * Where the acts of a licence (001) or certificate (000) procedure put the same rule at different
 * points: the definition says which, the actions cite it (permit-actions.ts).
 */
export interface PermitPoints {
	/** The completeness check confirmed (001 p.15 para 1; 000 p.11). */
	readonly completenessConfirmed: string;
	/** The hearing and the 3-WD notice limit (001 p.19 para 3; 000 p.13). */
	readonly hearing: string;
	/** A refusal on a listed ground only after the preliminary decision and the hearing (001 p.19; 000 p.13). */
	readonly hearingFirst: string;
	/** The notice's contents, and its channels and terms (001 p.19 paras 2–3; 000 p.13 paras 1–2). */
	readonly notice: { readonly contents: string; readonly channelsAndTerms: string };
	/** The decision within the service term (Annex 1 row 3). */
	readonly decision: string;
}

export interface ActionRule {
	readonly action: StaffAction;
	/** Stages the action may be taken in. */
	readonly stages: readonly Stage[];
	readonly roles: readonly StaffRole[];
	/** An officer may take it only on a case assigned to them (heads always may). */
	readonly assigneeOnly: boolean;
	/** The point of the act the action applies. */
	readonly citation: string;
}

/** A clock started when the case is registered. */
export interface RegistrationClock {
	readonly kind: ClockKind;
	readonly variant: string;
	/** The receipt starts it; terms that run from registration roll over the 17:00 cut-off (ADR-002). */
	readonly from: 'receipt';
	/** Only when the application has goods under the MFA-check codes (the guarantee, 001 p.18 para 2). */
	readonly onlyWithMfaCodes?: boolean;
}

/** A step of a step-timed regulation (003): one clock per step, in hours or calendar days. */
export interface ProcedureStep {
	readonly id: string;
	readonly nameEn: string;
	/** The step as the act's Kazakh and Russian texts say it (ADR-062: no English on kk/ru pages). */
	readonly nameKk: string;
	readonly nameRu: string;
	readonly roles: readonly StaffRole[];
	readonly unit: 'working_hours' | 'calendar_days';
	readonly length: number;
	readonly citation: string;
	/** At this step the expert may turn the case to a reasoned refusal (003 A3 p.8.5(a)). */
	readonly mayRefuse?: boolean;
	/** The grounds such a refusal rests on, one of which it must name. */
	readonly refusalGrounds?: Readonly<
		Record<
			string,
			{ readonly nameEn: string; readonly nameKk: string; readonly nameRu: string; readonly citation: string }
		>
	>;
	/** The participant of the regulation who takes the step (003 A3 p.7), when it names them. */
	readonly participant?: { readonly key: string; readonly nameEn: string; readonly citation: string };
	/** After a refusal, the steps that still run (signature and sending). */
	readonly alsoOnRefusal?: boolean;
	/**
	 * Which person of the role takes the step, when the act names one (003 A3 p.7): `assignee` — the
	 * expert the chief expert instructed, i.e. the case's responsible executor; `not-assignee` —
	 * someone other than that expert (the legal unit's expert agreeing the expert's draft).
	 */
	readonly performer?: 'assignee' | 'not-assignee';
}

/** Why this user may not take this step in person, or null when they may (003 A3 p.7). */
export function stepPerformerProblem(
	step: ProcedureStep,
	snap: { readonly assigneeId: number | null },
	actor: { readonly userId: number }
): string | null {
	if (step.performer === 'assignee') {
		if (snap.assigneeId === null)
			return `Step ${step.id} is taken by the expert the case is assigned to; assign it first (003 A3 p.5.4, p.7).`;
		if (snap.assigneeId !== actor.userId)
			return `Step ${step.id} is taken by the expert the case is assigned to, not by another officer (003 A3 p.7, ${step.citation}).`;
	}
	if (step.performer === 'not-assignee' && snap.assigneeId === actor.userId)
		return `Step ${step.id} is taken by the legal unit, not by the expert who drafted the order (003 A3 p.7, ${step.citation}).`;
	return null;
}

export interface ProcedureDefinition {
	readonly service: ServiceCode;
	/** The act whose points the definition applies. */
	readonly act: string;
	readonly initialStage: Stage;
	/** The points a licence or certificate procedure cites where its act differs (null for the others). */
	readonly permitPoints: PermitPoints | null;
	readonly registrationClocks: readonly RegistrationClock[];
	/** The service-term variant (clock-kinds.ts), when the service has one term for the whole case. */
	readonly termVariant: string | null;
	readonly completeness: { readonly variant: string; readonly refusalAct: GroundAct } | null;
	readonly consultations: boolean;
	readonly mfaCheck: boolean;
	/**
	 * Export and general licences: the request to the control-system bodies with the consultations,
	 * the risk assessment, and the decision on the three inputs of 001 p.20 (pp.17, 20).
	 */
	readonly exportControl?: boolean;
	readonly hearing: boolean;
	readonly grounds: GroundAct | null;
	/** What a grant issues, its validity (001 p.6: one year, capped by the documents). */
	readonly grant: {
		readonly document: 'licence' | 'certificate' | 'register-entry' | 'device-confirmation';
		readonly validityYears: number | null;
		/**
		 * A reissue keeps the validity of the licence it reissues (001 p.6 sets one year from issue;
		 * p.10 and the Law "On permits and notifications" art. 33 reissue it, they do not issue anew).
		 */
		readonly keepsReissuedValidity?: boolean;
	} | null;
	/** Post-decision reporting clocks the case may start (001 p.22, p.28). */
	readonly postDecision: readonly ('delivery-confirmation' | 'execution-report')[];
	readonly complaint: boolean;
	readonly devices: boolean;
	readonly steps: readonly ProcedureStep[];
	readonly rules: readonly ActionRule[];
}

/** A clock of a case as the engine sees it: its identity on the case, and its history. */
export interface CaseClock {
	readonly id: string | null;
	readonly kind: ClockKind;
	readonly subject: string | null;
	readonly clock: SlaClock;
}

export interface GoodsLineInput {
	readonly hsCode: string;
	readonly controlCode: string;
	readonly description: string;
	readonly quantity: number;
	readonly unit: string;
	readonly value: number;
	readonly currency: string;
	/** Goods of military purpose (001 p.4 sub.1): their export owes the delivery confirmation of p.22. */
	readonly military?: boolean;
}

/** The licence a reissue application names, as found at registration (001 p.10). */
export interface ReissuedLicence {
	/** The case that issued it; null for a licence issued before the case desk kept it. */
	readonly caseId: string | null;
	readonly caseNumber: string | null;
	readonly licenceNumber: string;
	readonly service: string;
	readonly issuedOn: string | null;
	readonly validUntil: string | null;
	readonly reason: string;
}

/** Workflow facts kept on the case (`cases.decision`): notice, hearing, outcome. */
export interface CaseRecord {
	readonly preliminary?: {
		readonly grounds: number[];
		readonly confidential: number[];
		readonly hearingAt: string;
		readonly noticeAt: string;
		/** Absent on notices recorded before the place and channel were asked for. */
		readonly hearingPlace?: string;
		readonly notice?: HearingNotice;
	};
	readonly hearing?: { readonly heldAt: string; readonly applicantAttended: boolean };
	readonly outcome?: string;
	/** A reissue: the licence it reissues, linked at registration (001 p.10). */
	readonly reissueOf?: ReissuedLicence;
	/** Risk information from state bodies recorded after registration (001 p.18 para 1 sub.2). */
	/** The officer's risk assessment on the control-system answers (001 p.17 para 2; ground 15). */
	readonly riskAssessment?: {
		readonly result: 'positive' | 'negative';
		readonly summary: string;
		readonly at: string;
		readonly by: string;
	};
	/** Requests for information abroad that suspend the term until it arrives (001 Annex 1 row 3). */
	readonly foreignInformation?: readonly {
		readonly body: string;
		readonly country: string;
		readonly requestedAt: string;
		readonly receivedAt: string | null;
		readonly summary: string | null;
	}[];
	readonly riskInformation?: {
		readonly source: string;
		readonly summary: string;
		readonly receivedAt: string;
		readonly recordedAt: string;
	};
	readonly [key: string]: unknown;
}

export interface CaseSnapshot {
	readonly id: string;
	readonly service: ServiceCode;
	readonly stage: string;
	readonly assigneeId: number | null;
	readonly receivedAt: Date;
	readonly application: {
		readonly goodsLines?: readonly GoodsLineInput[];
		readonly firstExportToCounterparty?: boolean;
		readonly riskInformation?: boolean;
		readonly documentsValidUntil?: string;
		readonly devices?: readonly string[];
		readonly reviewBy?: 'provider' | 'quality-body';
		readonly [key: string]: unknown;
	};
	readonly clocks: readonly CaseClock[];
	readonly consultations: readonly {
		readonly id: string;
		readonly agency: string;
		readonly decision: 'approve' | 'object' | 'deemed_approved' | null;
	}[];
	readonly mfa: {
		readonly id: string;
		readonly mandatory: boolean;
		readonly resultAt: Date | null;
		readonly authentic: boolean | null;
	} | null;
	readonly devices: readonly { readonly imei: string; readonly result: 'confirmed' | 'rejected' | null }[];
	/** Requests to the control-system bodies (001 p.17 para 1); absent when the case has none. */
	readonly controlRequests?: readonly {
		readonly id: string;
		readonly agency: string;
		readonly answeredAt: Date | null;
		readonly risks: boolean | null;
	}[];
	readonly record: CaseRecord;
	readonly decidedBy: number | null;
	/** For a complaint: who decided the case complained about (001 p.23: not its reviewer). */
	readonly complaintOfDecidedBy: number | null;
}

export interface ActingUser {
	readonly kind: 'staff';
	readonly userId: number;
	readonly username: string;
	readonly roles: readonly Role[];
}
export interface ActingBody {
	/** An agency (its token or liaison), the MFA, or the scheduler. */
	readonly kind: 'agency' | 'mfa' | 'system';
	readonly label: string;
	readonly agencyCode?: string;
	readonly userId?: number | null;
}
export type Acting = ActingUser | ActingBody;

/** What an action does, for the server to apply in one transaction. */
export type ClockOp =
	| { readonly op: 'start'; readonly clock: CaseClock }
	| { readonly op: 'append'; readonly kind: ClockKind; readonly subject: string | null; readonly event: ClockEvent };

export interface PlannedEvent {
	readonly type: string;
	readonly citation: string;
	readonly at: Date;
	readonly after: Record<string, unknown>;
	readonly before?: Record<string, unknown> | null;
}

export interface ActionPlan {
	readonly stage: Stage | null;
	readonly assigneeId?: number | null;
	readonly clockOps: readonly ClockOp[];
	readonly consultationsToRequest: readonly string[];
	readonly consultationAnswer?: {
		readonly id: string;
		readonly decision: 'approve' | 'object' | 'deemed_approved';
		readonly reason: string | null;
		readonly at: Date;
	};
	readonly consultationLateAnswer?: {
		readonly id: string;
		readonly decision: string;
		readonly reason: string | null;
		readonly at: Date;
	};
	readonly mfaRequest?: { readonly mandatory: boolean };
	/** Control-system bodies to request with the consultations (001 p.17 para 1). */
	readonly controlRequestsToSend?: readonly string[];
	/** A control-system body's answer (001 p.17 para 2). */
	readonly controlAnswer?: {
		readonly id: string;
		readonly risks: boolean;
		readonly information: string;
		readonly at: Date;
		readonly by: string;
	};
	/** An MFA check already requested becomes mandatory (risk information, 001 p.18 para 1 sub.2). */
	readonly mfaMadeMandatory?: boolean;
	readonly mfaResult?: { readonly authentic: boolean; readonly reference: string };
	readonly deviceResult?: { readonly imei: string; readonly result: 'confirmed' | 'rejected' };
	/** Merged into the case's record. */
	readonly record?: Partial<CaseRecord> & Record<string, unknown>;
	/** The case is decided by this action (decidedAt/decidedBy are set). */
	readonly decides: boolean;
	/** A grant that needs a document number from the server's numbering. */
	readonly issuesNumber?: 'licence' | 'certificate' | 'register-entry' | 'device-confirmation';
	readonly events: readonly PlannedEvent[];
	/** Committed, yet answered with this status (a late consultation answer: 409, 001 p.16). */
	readonly answer?: { readonly status: number; readonly message: string };
}

const GENERIC_CODE: Record<ProcedureRefusal, string> = {
	forbidden: 'not-allowed',
	'not-found': 'not-found',
	conflict: 'not-possible-now',
	invalid: 'invalid-input'
};

export type ProcedureRefusal = 'forbidden' | 'not-found' | 'conflict' | 'invalid';

/** An action the procedure refuses: who may not, what does not exist, what the stage does not allow. */
export class ProcedureError extends DomainError {
	constructor(
		kind: ProcedureRefusal,
		message: string,
		fields?: Record<string, FieldProblem>,
		/** A stable code the catalogue translates; by default the kind's generic one. */
		code: string = GENERIC_CODE[kind],
		params: Record<string, string> = {}
	) {
		super(kind, code, message, params, fields);
	}
}
