/**
 * The ten services of the acts as procedure definitions. Each rule cites the point it applies;
 * terms and clock lengths come from the clock-kind table (sla/clock-kinds.ts), grounds from
 * reference/refusal-grounds.ts. Stages:
 *   licences/certificates: completeness-check → under-review ⇄ consultation / mfa-check →
 *     (hearing → hearing-held) → granted | refused; or, the officer preparing the refusal and the
 *     head signing it, completeness-check → incompleteness-signature → returned-incomplete (001 p.15, 000 p.11);
 *   complaint: complaint-forwarding → complaint-review → complaint-decided (001 pp.23–25, 000 pp.15–17);
 *   device verification: device-review → devices-decided (004 P 10);
 *   customs register (003 A3): step:1 … step:9 → included | refused.
 */
import type { ServiceCode } from '../reference/services';
import type {
	ActionRule,
	ProcedureDefinition,
	ProcedureStep,
	RegistrationClock,
	PermitPoints,
	Stage,
	StaffAction,
	StaffRole
} from './types';
import {
	A3_PARTICIPANTS,
	A3_REFUSAL_GROUNDS,
	type A3Participant,
	type CustomsParticipant
} from './customs-participants';

const OPEN_REVIEW = ['under-review', 'consultation', 'mfa-check'] as const satisfies readonly Stage[];
const DECIDED = [
	'granted',
	'refused',
	'returned-incomplete',
	'complaint-decided',
	'devices-decided',
	'included'
] as const satisfies readonly Stage[];
export const TERMINAL_STAGES: ReadonlySet<string> = new Set(DECIDED);

const OFFICERS: readonly StaffRole[] = ['officer', 'head'];

function rule(
	action: StaffAction,
	stages: readonly Stage[],
	roles: readonly StaffRole[],
	citation: string,
	assigneeOnly = true
): ActionRule {
	return { action, stages, roles, citation, assigneeOnly };
}

/**
 * The points that name the responsible executor the registered documents go to (001 p.14–15;
 * 000 p.10–11; for 004, the Telecommunications Committee employee of P 10).
 */
const RESPONSIBLE_EXECUTOR = {
	'001': '001 pp.14–15',
	'000': '000 pp.10–11',
	'004': '004 P 10'
} as const;

/** Where 001 and 000 put the same rules (ADR-019: the definition carries the difference). */
const PERMIT_POINTS: Record<'001' | '000', PermitPoints> = {
	'001': {
		completenessConfirmed: '001 p.15 para 1',
		hearing: '001 p.19 para 3',
		hearingFirst: '001 p.19',
		notice: { contents: '001 p.19 para 2', channelsAndTerms: '001 p.19 para 3' },
		decision: '001 Annex 1 row 3'
	},
	'000': {
		completenessConfirmed: '000 p.11',
		hearing: '000 p.13',
		hearingFirst: '000 p.13',
		notice: { contents: '000 p.13 para 1', channelsAndTerms: '000 p.13 para 2' },
		decision: '000 Annex 1 row 3'
	}
};

/** Assignment: a head assigns anyone; an officer takes an unassigned case (or keeps their own). */
const assign = (stages: readonly Stage[], citation: string = RESPONSIBLE_EXECUTOR['001']): ActionRule =>
	rule('assign', stages, ['officer', 'head', 'registrar'], citation, false);

/** The rules of a licence (001) or certificate (000) case, by feature. */
function permitRules(o: {
	act: '001' | '000';
	consultations: boolean;
	mfa: boolean;
	guarantee: boolean;
	military: boolean;
	general: boolean;
}): ActionRule[] {
	const hearingPoint = PERMIT_POINTS[o.act].hearing;
	const open: Stage[] = [...OPEN_REVIEW, 'completeness-check', 'incompleteness-signature', 'hearing', 'hearing-held'];
	const rules: ActionRule[] = [
		assign(open, RESPONSIBLE_EXECUTOR[o.act]),
		rule('complete-check', ['completeness-check'], OFFICERS, o.act === '001' ? '001 p.15' : '000 p.11'),
		// The incompleteness refusal is signed by the head or the substitute (001 p.15 para 2; 000 p.11).
		rule(
			'sign-incompleteness-refusal',
			['incompleteness-signature'],
			['head'],
			o.act === '001' ? '001 p.15 para 2' : '000 p.11',
			false
		),
		rule('issue-preliminary-refusal', [...OPEN_REVIEW], OFFICERS, hearingPoint),
		rule('record-hearing', ['hearing'], OFFICERS, hearingPoint),
		// Only a head decides (the licence or certificate, or the reasoned refusal signed by the head).
		rule(
			'decide',
			['under-review', 'hearing-held'],
			['head'],
			o.act === '001' ? '001 Annex 1 row 3; row 9' : '000 Annex 1 row 3; row 9',
			false
		)
	];
	if (o.consultations)
		rules.push(rule('request-consultations', ['under-review', 'consultation', 'mfa-check'], OFFICERS, '001 p.16'));
	if (o.mfa) rules.push(rule('request-mfa-check', ['under-review', 'consultation'], OFFICERS, '001 pp.17–18'));
	// The applicant brings the original to the provider's office (кеңсе), whoever the case is assigned to
	// (001 p.18 para 2).
	if (o.guarantee)
		rules.push(rule('record-original-guarantee', open, [...OFFICERS, 'registrar'], '001 p.18 para 2', false));
	// Risk information from state bodies may arrive at any time before the decision (001 p.18 para 1 sub.2).
	if (o.mfa) rules.push(rule('record-risk-information', open, OFFICERS, '001 p.18 para 1 sub.2'));
	if (o.military || o.general) {
		rules.push(rule('record-shipment', ['granted'], OFFICERS, o.general ? '001 p.28' : '001 p.22'));
		rules.push(
			rule(
				'record-post-export-report',
				['granted'],
				[...OFFICERS, 'registrar'],
				o.general ? '001 pp.27–28' : '001 p.22'
			)
		);
	}
	return rules;
}

const RECEIPT = 'receipt' as const;
const clocks = (...list: [RegistrationClock['kind'], string, boolean?][]): RegistrationClock[] =>
	list.map(([kind, variant, onlyWithMfaCodes]) => ({
		kind,
		variant,
		from: RECEIPT,
		...(onlyWithMfaCodes ? { onlyWithMfaCodes } : {})
	}));

function licence(
	service: ServiceCode,
	termVariant: string,
	o: { consultations: boolean; mfa: boolean; general?: boolean; military?: boolean; reissue?: boolean }
): ProcedureDefinition {
	return {
		service,
		act: '001',
		initialStage: 'completeness-check',
		permitPoints: PERMIT_POINTS['001'],
		// 001 p.14–15, Annex 1 row 3; the original guarantee within 7 WD of submission for every
		// export or general licence, whatever the goods (001 p.18 para 2 is not limited to 1С350/10С905).
		registrationClocks: clocks(
			['registration', 'portal'],
			['completeness', 'licence'],
			['service-term', termVariant],
			...(o.mfa ? [['original-guarantee', 'export-or-general'] as [RegistrationClock['kind'], string]] : [])
		),
		termVariant,
		completeness: { variant: 'licence', refusalAct: '001' },
		consultations: o.consultations,
		mfaCheck: o.mfa,
		hearing: true,
		grounds: '001',
		grant: o.reissue
			? { document: 'licence', validityYears: null, keepsReissuedValidity: true }
			: { document: 'licence', validityYears: 1 },
		postDecision: [
			...(o.military ? (['delivery-confirmation'] as const) : []),
			...(o.general ? (['execution-report'] as const) : [])
		],
		complaint: false,
		devices: false,
		steps: [],
		exportControl: o.mfa,
		rules: [
			...permitRules({
				act: '001',
				consultations: o.consultations,
				mfa: o.mfa,
				guarantee: o.mfa,
				military: !!o.military,
				general: !!o.general
			}),
			...(o.mfa ? exportControlRules() : [])
		]
	};
}

/** Export and general licences: risk assessment (001 p.17 para 2) and information from abroad (Annex 1 row 3). */
function exportControlRules(): ActionRule[] {
	return [
		rule('record-risk-assessment', [...OPEN_REVIEW], OFFICERS, '001 p.17 para 2'),
		rule('request-foreign-information', [...OPEN_REVIEW], OFFICERS, '001 Annex 1 row 3'),
		rule('record-foreign-information', [...OPEN_REVIEW, 'hearing', 'hearing-held'], OFFICERS, '001 Annex 1 row 3')
	];
}

function certificate(service: ServiceCode): ProcedureDefinition {
	return {
		service,
		act: '000',
		initialStage: 'completeness-check',
		permitPoints: PERMIT_POINTS['000'],
		registrationClocks: clocks(
			['registration', 'portal'],
			['completeness', 'certificate'],
			['service-term', 'certificate']
		),
		termVariant: 'certificate',
		completeness: { variant: 'certificate', refusalAct: '000' },
		consultations: false,
		mfaCheck: false,
		hearing: true,
		grounds: '000',
		grant: { document: 'certificate', validityYears: null },
		postDecision: [],
		complaint: false,
		devices: false,
		steps: [],
		rules: permitRules({
			act: '000',
			consultations: false,
			mfa: false,
			guarantee: false,
			military: false,
			general: false
		})
	};
}

const COMPLAINT: ProcedureDefinition = {
	service: 'complaint',
	act: '001',
	initialStage: 'complaint-review',
	permitPoints: null,
	// Forwarding (3 WD) only when the quality-control body reviews it; review 5 WD or 15 WD (001 pp.23–24).
	registrationClocks: [],
	termVariant: null,
	completeness: null,
	consultations: false,
	mfaCheck: false,
	hearing: false,
	grounds: null,
	grant: null,
	postDecision: [],
	complaint: true,
	devices: false,
	steps: [],
	rules: [
		assign(['complaint-forwarding', 'complaint-review']),
		rule(
			'forward-complaint',
			['complaint-forwarding'],
			['officer', 'head', 'registrar'],
			'001 p.23 para 2; 000 p.15',
			false
		),
		rule('extend-complaint', ['complaint-review'], ['complaint_reviewer'], '001 p.25 para 1; 000 p.17', false),
		rule('record-extension-notice', ['complaint-review'], ['complaint_reviewer'], '001 p.25 para 2; 000 p.17', false),
		rule('decide-complaint', ['complaint-review'], ['complaint_reviewer'], '001 p.24; 000 p.16', false)
	]
};

const DEVICE_VERIFICATION: ProcedureDefinition = {
	service: 'device-verification',
	act: '004',
	initialStage: 'device-review',
	permitPoints: null,
	registrationClocks: [], // one 1-WD clock per device, started by the engine (004 P 10)
	termVariant: null,
	completeness: null,
	consultations: false,
	mfaCheck: false,
	hearing: false,
	grounds: null,
	grant: null,
	postDecision: [],
	complaint: false,
	devices: true,
	steps: [],
	rules: [
		assign(['device-review'], RESPONSIBLE_EXECUTOR['004']),
		rule('verify-device', ['device-review'], OFFICERS, '004 P 10')
	]
};

/**
 * A step of 003 A3 taken by one of the participants of p.7: its roles and, where p.8 names the
 * person, which one (customs-participants.ts).
 */
function a3Step(
	participant: A3Participant,
	s: Omit<ProcedureStep, 'roles' | 'performer' | 'participant'>
): ProcedureStep {
	const p: CustomsParticipant = A3_PARTICIPANTS[participant];
	return {
		...s,
		roles: p.roles,
		...(p.performer ? { performer: p.performer } : {}),
		participant: { key: participant, nameEn: p.nameEn, citation: p.citation }
	};
}

/** 003 A3 — inclusion in the register of customs representatives, office track (p.5, p.8). */
const CUSTOMS_STEPS: readonly ProcedureStep[] = [
	a3Step('office', {
		id: '1',
		nameEn: 'Register the application and pass it to the head',
		nameKk: 'Өтінішті тіркеу және басшыға беру',
		nameRu: 'Регистрация заявления и передача руководителю',
		unit: 'working_hours',
		length: 4,
		citation: '003 A3 p.5.1'
	}),
	a3Step('provider-head', {
		id: '2',
		nameEn: 'Head of the provider: review and instruct the unit',
		nameKk: 'Көрсетушінің басшысы қарайды және бөлімшеге тапсырады',
		nameRu: 'Руководитель услугодателя рассматривает и поручает подразделению',
		unit: 'calendar_days',
		length: 1,
		citation: '003 A3 p.5.2'
	}),
	a3Step('unit-head', {
		id: '3',
		nameEn: 'Head of the unit: review and instruct the chief expert',
		nameKk: 'Бөлімше басшысы қарайды және бас сарапшыға тапсырады',
		nameRu: 'Руководитель подразделения рассматривает и поручает главному эксперту',
		unit: 'calendar_days',
		length: 1,
		citation: '003 A3 p.5.3'
	}),
	a3Step('chief-expert', {
		id: '4',
		nameEn: 'Chief expert: review and instruct the expert',
		nameKk: 'Бас сарапшы қарайды және сарапшыға тапсырады',
		nameRu: 'Главный эксперт рассматривает и поручает эксперту',
		unit: 'working_hours',
		length: 2,
		citation: '003 A3 p.5.4'
	}),
	a3Step('expert', {
		id: '5',
		nameEn: 'Expert: examine; draft the order or a reasoned refusal',
		nameKk: 'Сарапшы тексереді, бұйрықтың немесе дәлелді бас тартудың жобасын дайындайды',
		nameRu: 'Эксперт проверяет и готовит проект приказа или мотивированного отказа',
		unit: 'calendar_days',
		length: 8,
		citation: '003 A3 p.5.5; p.8.5',
		mayRefuse: true,
		refusalGrounds: A3_REFUSAL_GROUNDS
	}),
	a3Step('legal-head', {
		id: '6',
		nameEn: 'Head of the legal unit: review the draft order',
		nameKk: 'Заң бөлімшесінің басшысы бұйрық жобасын қарайды',
		nameRu: 'Руководитель юридического подразделения рассматривает проект приказа',
		unit: 'calendar_days',
		length: 1,
		citation: '003 A3 p.5.6'
	}),
	a3Step('legal-expert', {
		id: '7',
		nameEn: 'Legal expert: agree the draft order',
		nameKk: 'Заң сарапшысы бұйрық жобасын келіседі',
		nameRu: 'Эксперт юридического подразделения согласовывает проект приказа',
		unit: 'calendar_days',
		length: 2,
		// p.8.7: counted from the receipt of the draft.
		citation: '003 A3 p.5.7; p.8.7'
	}),
	a3Step('provider-head', {
		id: '8',
		nameEn: 'Head of the provider: sign',
		nameKk: 'Көрсетушінің басшысы қол қояды',
		nameRu: 'Руководитель услугодателя подписывает',
		unit: 'calendar_days',
		length: 1,
		citation: '003 A3 p.5.8',
		alsoOnRefusal: true
	}),
	a3Step('office', {
		id: '9',
		nameEn: 'Register the result and send it to the applicant',
		nameKk: 'Нәтижені тіркеу және өтініш берушіге жіберу',
		nameRu: 'Регистрация результата и направление заявителю',
		unit: 'working_hours',
		length: 4,
		citation: '003 A3 p.5.9',
		alsoOnRefusal: true
	})
];

const CUSTOMS_REGISTER: ProcedureDefinition = {
	service: 'customs-representative-register',
	act: '003',
	initialStage: 'step:1',
	permitPoints: null,
	registrationClocks: [],
	termVariant: null,
	completeness: null,
	consultations: false,
	mfaCheck: false,
	hearing: false,
	grounds: null,
	grant: { document: 'register-entry', validityYears: null },
	postDecision: [],
	complaint: false,
	devices: false,
	steps: CUSTOMS_STEPS,
	rules: [
		assign(CUSTOMS_STEPS.map((s): Stage => `step:${s.id}`)),
		rule(
			'complete-step',
			CUSTOMS_STEPS.map((s): Stage => `step:${s.id}`),
			['registrar', 'officer', 'head'],
			'003 A3 p.5',
			false
		)
	]
};

export const PROCEDURES: readonly ProcedureDefinition[] = [
	licence('export-licence', 'licence-export', { consultations: true, mfa: true, military: true }),
	licence('import-licence', 'licence-import', { consultations: true, mfa: false }),
	licence('general-export-licence', 'licence-general', { consultations: true, mfa: true, general: true }),
	licence('licence-reissue', 'licence-reissue', { consultations: false, mfa: false, reissue: true }),
	licence('licence-reissue-separation', 'licence-reissue-reorganised', {
		consultations: false,
		mfa: false,
		reissue: true
	}),
	certificate('end-user-certificate'),
	certificate('import-certificate'),
	COMPLAINT,
	DEVICE_VERIFICATION,
	CUSTOMS_REGISTER
];

const BY_SERVICE: ReadonlyMap<string, ProcedureDefinition> = new Map(PROCEDURES.map((p) => [p.service, p]));

export function procedureFor(service: string): ProcedureDefinition {
	const p = BY_SERVICE.get(service);
	if (!p) throw new RangeError(`no procedure for service ${JSON.stringify(service)}`);
	return p;
}
