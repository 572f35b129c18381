/**
 * 003 A3 p.7 names seven participants of the service (the structural units of the provider that
 * take part). Each is a permission of its own (`a3:<participant>`, granted to roles in
 * domain/access/policy.ts from this table), and each step of p.8 is taken by one of them. Two
 * of them hold the same role yet must be different people: the expert who examines the application
 * (the case's responsible executor) and the legal unit's expert who agrees the draft order.
 */
import type { StaffRole } from './types';

export interface CustomsParticipant {
	readonly nameEn: string;
	/** The roles that hold this participant's permission. */
	readonly roles: readonly StaffRole[];
	readonly citation: string;
	/** Which person of the role, when p.8 names one (see ProcedureStep.performer). */
	readonly performer?: 'assignee' | 'not-assignee';
}

export const A3_PARTICIPANTS = {
	// кеңсенің қызметкері
	office: { nameEn: "Provider's office employee", roles: ['registrar'], citation: '003 A3 p.7 sub.1' },
	// көрсетілетін қызметті берушінің басшысы
	'provider-head': { nameEn: 'Head of the provider', roles: ['head'], citation: '003 A3 p.7 sub.2' },
	// құрылымдық бөлімшенің басшысы
	'unit-head': { nameEn: 'Head of the structural unit', roles: ['head'], citation: '003 A3 p.7 sub.3' },
	// құрылымдық бөлімшенің бас сарапшысы
	'chief-expert': {
		nameEn: 'Chief expert of the structural unit',
		roles: ['officer', 'head'],
		citation: '003 A3 p.7 sub.4'
	},
	// құрылымдық бөлімшенің сарапшысы: the expert the chief expert instructed (p.8.4), the case's assignee
	expert: {
		nameEn: 'Expert of the structural unit',
		roles: ['officer'],
		citation: '003 A3 p.7 sub.5',
		performer: 'assignee'
	},
	// заң бөлімшесінің басшысы
	'legal-head': { nameEn: 'Head of the legal unit', roles: ['head'], citation: '003 A3 p.7 sub.6' },
	// заң бөлімшесінің сарапшысы: agrees the expert's draft, so never that expert
	'legal-expert': {
		nameEn: 'Expert of the legal unit',
		roles: ['officer'],
		citation: '003 A3 p.7 sub.7',
		performer: 'not-assignee'
	}
} as const satisfies Record<string, CustomsParticipant>;

export type A3Participant = keyof typeof A3_PARTICIPANTS;
export const A3_PARTICIPANT_NAMES = Object.keys(A3_PARTICIPANTS) as A3Participant[];

/** The permission of a participant, as domain/access/policy.ts names it. */
export const a3Permission = <P extends A3Participant>(p: P) => `a3:${p}` as const;

/**
 * The grounds of a reasoned refusal the expert drafts at step 5 (003 A3 p.8.5: "in the cases of
 * Standard p.10"). The Standard itself is not among the acts; the regulation names what the expert
 * checks: the documents of Standard p.9 and the conditions of Customs Code art. 26; its portal
 * track refuses data that are not confirmed (p.10 process 2) or show violations (process 5).
 */
export const A3_REFUSAL_GROUNDS = {
	'documents-incomplete': {
		nameEn: 'Not all documents of Standard p.9 were submitted',
		nameKk: 'Стандарттың 9-тармағында көзделген құжаттардың барлығы ұсынылмады',
		nameRu: 'Представлены не все документы, предусмотренные пунктом 9 Стандарта',
		// The documents of the service standard's p.9, which this point of the regulation applies.
		citation: '003 A3 p.8.5'
	},
	'customs-code-art-26': {
		nameEn: 'The applicant does not meet the conditions of Customs Code art. 26',
		nameKk: 'Өтініш беруші Кеден кодексінің 26-бабының шарттарына сәйкес келмейді',
		nameRu: 'Заявитель не соответствует условиям статьи 26 Таможенного кодекса',
		citation: '003 A3 p.8.5; CC art. 26'
	},
	'data-not-confirmed': {
		nameEn: "The applicant's data were not confirmed",
		nameKk: 'Өтініш берушінің деректері расталмады',
		nameRu: 'Данные заявителя не подтверждены',
		citation: '003 A3 p.10 process 2'
	},
	'data-violations': {
		nameEn: "The applicant's data show violations of the qualification requirements",
		nameKk: 'Өтініш берушінің деректерінде біліктілік талаптарын бұзушылықтар анықталды',
		nameRu: 'В данных заявителя выявлены нарушения квалификационных требований',
		citation: '003 A3 p.10 condition 2, process 5'
	}
} as const;
export type A3RefusalGround = keyof typeof A3_REFUSAL_GROUNDS;
export const A3_REFUSAL_GROUND_CODES = Object.keys(A3_REFUSAL_GROUNDS) as [A3RefusalGround, ...A3RefusalGround[]];
