/**
 * The services catalogue: what kinds of case the desk runs, with their legal terms. Terms are the
 * acts' "not later than" limits; how they are counted (start day = day 0, end 18:30, holidays …)
 * is ADR-001 to ADR-005, implemented by the clock engine, not here. Clocks: timers T0–T23 of
 * ADR-021 (T-numbers below). Codes and case-number prefixes are stable; never reuse them.
 */
import type { GroundAct } from './refusal-grounds';

export const SERVICE_CODES = [
	'export-licence',
	'import-licence',
	'general-export-licence',
	'licence-reissue',
	'licence-reissue-separation',
	'end-user-certificate',
	'import-certificate',
	'complaint',
	'device-verification',
	'customs-representative-register'
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export type ActId = '000' | '001' | '002' | '003' | '004';

export type TermUnit = 'working-days' | 'calendar-days' | 'working-hours' | 'calendar-years';

export interface ServiceTerm {
	readonly length: number;
	readonly unit: TermUnit;
	readonly citation: string;
	/** 'act': stated by the act; 'derived': our arithmetic, not a legal term (show it as such). */
	readonly basis: 'act' | 'derived';
	/** The event the term counts from. */
	readonly startsAt: 'registration' | 'receipt' | 'request-received';
	readonly note?: string;
}

/**
 * 'mandatory-for-codes': the MFA check is mandatory for 1С350 / 10С905 on a first export to the
 * counterparty or on risk information, otherwise at the officer's discretion (001 pp.17–18,
 * ADR-006); it suspends the main term (001 p.17 para 3, ADR-005).
 */
export type MfaCheck = 'none' | 'mandatory-for-codes';

export interface ServiceDefinition {
	readonly code: ServiceCode;
	readonly nameEn: string;
	readonly nameRu: string;
	readonly nameKk: string;
	/** The act that governs the service. */
	readonly act: ActId;
	/** Other acts with the same rules for this service (complaints exist in both 001 and 000). */
	readonly alsoActs: readonly ActId[];
	/** The main term of the service. */
	readonly term: ServiceTerm;
	/** Completeness check (then the incompleteness refusal, no hearing); null when the act has none. */
	readonly completenessCheck: ServiceTerm | null;
	/** Consultation of the relevant state bodies, 10 WD, silence = deemed approval (001 p.16). */
	readonly consultations: boolean;
	/** Request to the export-control-system bodies + risk assessment (001 p.17 paras 1–2). */
	readonly controlSystemRequest: boolean;
	readonly mfaCheck: MfaCheck;
	/** Preliminary decision + hearing before a refusal on a listed ground (001 p.19, 000 p.13). */
	readonly hearing: boolean;
	/** Which list of refusal grounds applies, if any. */
	readonly refusalGrounds: GroundAct | null;
	/** State fee in MCI (monthly calculation index); 0 = free; null = not stated in the seeds. */
	readonly feeMci: number | null;
	readonly feeCitation: string;
	/** Short case-number prefix, e.g. "EL" in EL-2026-000123. */
	readonly casePrefix: string;
	readonly notes: readonly string[];
}

const WD = 'working-days' as const;

const LICENCE_CHECK: ServiceTerm = {
	length: 2,
	unit: WD,
	citation: '001 p.15 para 1',
	basis: 'act',
	startsAt: 'registration'
};

const CERTIFICATE_CHECK: ServiceTerm = {
	length: 3,
	unit: WD,
	citation: '000 p.11',
	basis: 'act',
	startsAt: 'registration',
	note: 'The act counts from "when the applicant submits"; it is registered first (000 Annex 1 row 7(2)).'
};

export const SERVICES: readonly ServiceDefinition[] = [
	{
		code: 'export-licence',
		nameEn: 'Licence for export of specific goods',
		nameRu: 'Лицензия на экспорт специфических товаров',
		nameKk: 'Өзіндік ерекшелігі бар тауарлардың экспортына лицензия',
		act: '001',
		alsoActs: [],
		term: {
			length: 30,
			unit: WD,
			citation: '001 Annex 1 row 3',
			basis: 'act',
			startsAt: 'registration',
			note:
				'T3. Suspended while the MFA checks the guarantee commitment (001 p.17 para 3); with an ' +
				'MFA check or foreign information the licence is issued after it arrives (row 3). Start ' +
				'event not stated; registration per 001 p.14.'
		},
		completenessCheck: LICENCE_CHECK,
		consultations: true,
		controlSystemRequest: true,
		mfaCheck: 'mandatory-for-codes',
		hearing: true,
		refusalGrounds: '001',
		feeMci: 10,
		feeCitation: '001 Annex 1 row 6 sub.1',
		casePrefix: 'EL',
		notes: [
			'Original guarantee commitment due at the office within 7 WD of submission (001 p.18 para 2, T9)',
			'Military goods: delivery confirmation within 15 WD of import into the destination country (001 p.22, T13)'
		]
	},
	{
		code: 'import-licence',
		nameEn: 'Licence for import of specific goods',
		nameRu: 'Лицензия на импорт специфических товаров',
		nameKk: 'Өзіндік ерекшелігі бар тауарлардың импортына лицензия',
		act: '001',
		alsoActs: [],
		term: {
			length: 30,
			unit: WD,
			citation: '001 Annex 1 row 3',
			basis: 'act',
			startsAt: 'registration',
			note: 'T2. No suspension for import.'
		},
		completenessCheck: LICENCE_CHECK,
		consultations: true,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: true,
		refusalGrounds: '001',
		feeMci: 10,
		feeCitation: '001 Annex 1 row 6 sub.1',
		casePrefix: 'IL',
		notes: ['001 p.17 (control-system request, risk assessment, MFA) is worded for export and general licences only']
	},
	{
		code: 'general-export-licence',
		nameEn: 'General licence for export of dual-use goods or goods controlled for national security',
		nameRu:
			'Генеральная лицензия на экспорт товаров двойного назначения или товаров, контролируемых в ' +
			'целях обеспечения национальной безопасности',
		nameKk:
			'Қос мақсаттағы тауарлардың немесе ұлттық қауіпсіздікті қамтамасыз ету үшін бақыланатын ' +
			'тауарлардың экспортына жалпы лицензия',
		act: '001',
		alsoActs: [],
		term: {
			length: 30,
			unit: WD,
			citation: '001 Annex 1 row 3',
			basis: 'act',
			startsAt: 'registration',
			note: 'T3, as the export licence: suspended during the MFA check (001 p.17 para 3).'
		},
		completenessCheck: LICENCE_CHECK,
		consultations: true,
		controlSystemRequest: true,
		mfaCheck: 'mandatory-for-codes',
		hearing: true,
		refusalGrounds: '001',
		feeMci: 10,
		feeCitation: '001 Annex 1 row 6 sub.1',
		casePrefix: 'GL',
		notes: [
			'Only for control codes 1С350, 10С905, 10С906, 10С907 (001 p.5)',
			'Execution report within 10 WD of each export (001 p.28, T14)'
		]
	},
	{
		code: 'licence-reissue',
		nameEn: 'Reissue of a licence and/or its annex',
		nameRu: 'Переоформление лицензии и (или) приложения к лицензии',
		nameKk: 'Лицензияны және (немесе) лицензияға қосымшаны қайта ресімдеу',
		act: '001',
		alsoActs: [],
		term: { length: 3, unit: WD, citation: '001 Annex 1 row 3', basis: 'act', startsAt: 'registration', note: 'T4.' },
		completenessCheck: LICENCE_CHECK,
		consultations: false,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: true,
		refusalGrounds: '001',
		feeMci: 1,
		feeCitation: '001 Annex 1 row 6 sub.2',
		casePrefix: 'RI',
		notes: [
			'Cases of reissue are set by the Law "On permits and notifications" (001 p.10)',
			'p.16–18 speak of licence applications only: no consultations or MFA check for a reissue (our reading)',
			'Hearing applies: p.19 para 4 names a reissued licence as a hearing outcome'
		]
	},
	{
		code: 'licence-reissue-separation',
		nameEn: 'Reissue of a licence after reorganisation by separation or division',
		nameRu: 'Переоформление лицензии при реорганизации в форме выделения или разделения',
		nameKk: 'Бөлу нысанында қайта ұйымдастырылған кезде лицензияны қайта ресімдеу',
		act: '001',
		alsoActs: [],
		term: { length: 30, unit: WD, citation: '001 Annex 1 row 3', basis: 'act', startsAt: 'registration', note: 'T5.' },
		completenessCheck: LICENCE_CHECK,
		consultations: false,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: true,
		refusalGrounds: '001',
		feeMci: 1,
		feeCitation: '001 Annex 1 row 6 sub.2',
		casePrefix: 'RS',
		notes: ['The act repeats one word: "бөлу немесе бөлу"; read as separation (spin-off) or division']
	},
	{
		code: 'end-user-certificate',
		nameEn: 'End-user certificate of the Republic of Kazakhstan',
		nameRu: 'Сертификат конечного пользователя Республики Казахстан',
		nameKk: 'Қазақстан Республикасы түпкілікті пайдаланушысының сертификаты',
		act: '000',
		alsoActs: [],
		term: { length: 7, unit: WD, citation: '000 Annex 1 row 3', basis: 'act', startsAt: 'registration' },
		completenessCheck: CERTIFICATE_CHECK,
		consultations: false,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: true,
		refusalGrounds: '000',
		feeMci: 0,
		feeCitation: '000 Annex 1 row 6',
		casePrefix: 'EUC',
		notes: [
			'One certificate per transaction; no amendments; a changed contract needs a new certificate (000 pp.5–7)',
			'State-defence-order EUCs are signed on paper on the exporting country’s form (000 p.12 para 3)',
			'Must be presented abroad within 6 months of signing (000 Annex 4 Form 1 field 12)'
		]
	},
	{
		code: 'import-certificate',
		nameEn: 'International import certificate of the Republic of Kazakhstan',
		nameRu: 'Международный импортный сертификат Республики Казахстан',
		nameKk: 'Қазақстан Республикасының халықаралық импорттық сертификаты',
		act: '000',
		alsoActs: [],
		term: { length: 7, unit: WD, citation: '000 Annex 1 row 3', basis: 'act', startsAt: 'registration' },
		completenessCheck: CERTIFICATE_CHECK,
		consultations: false,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: true,
		refusalGrounds: '000',
		feeMci: 0,
		feeCitation: '000 Annex 1 row 6',
		casePrefix: 'IIC',
		notes: ['Must be presented abroad within 6 months of signing (000 Annex 4 Form 2 field 9)']
	},
	{
		code: 'complaint',
		nameEn: 'Complaint against a decision, action or inaction of the service provider',
		nameRu: 'Жалоба на решение, действие (бездействие) услугодателя',
		nameKk: 'Көрсетілетін қызметті берушінің шешіміне, әрекетіне (әрекетсіздігіне) шағым',
		act: '001',
		alsoActs: ['000'],
		term: {
			length: 5,
			unit: WD,
			citation: '001 p.24 sub.1; 000 p.16 sub.1',
			basis: 'act',
			startsAt: 'registration',
			note:
				'T16: review by the provider. See COMPLAINT_TERMS for forwarding, the quality-control body ' + 'and extension.'
		},
		completenessCheck: null,
		consultations: false,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: false,
		refusalGrounds: null,
		feeMci: 0,
		feeCitation: 'none stated',
		casePrefix: 'CMP',
		notes: [
			'001 p.23: filed with the quality-control body; 000 p.15: with the provider and/or that body',
			'Court only after the pre-trial complaint unless the law says otherwise (001 p.26, 000 p.18)'
		]
	},
	{
		code: 'device-verification',
		nameEn: 'Confirmation of a subscriber-device verification application (IMEI)',
		nameRu: 'Подтверждение заявки на верификацию абонентского устройства сотовой связи (IMEI)',
		nameKk: 'Ұялы байланыстың абоненттік құрылғысын верификациялауға арналған өтінімді растау',
		act: '004',
		alsoActs: [],
		term: {
			length: 1,
			unit: WD,
			citation: '004 P 10',
			basis: 'act',
			startsAt: 'request-received',
			note:
				'From the TC employee’s receipt of the confirmation request; confirmed or rejected for ' +
				'each device. Transitional: applies until the SRC system is integrated.'
		},
		completenessCheck: null,
		consultations: false,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: false,
		refusalGrounds: null,
		feeMci: null,
		feeCitation: 'not stated (004 is an interagency act)',
		casePrefix: 'DEV',
		notes: [
			'The decision is per device (IMEI), not per application (004 P 10)',
			'Provided by the Telecommunications Committee of the MDDIAI, not the Industry Committee (004 P 10)',
			'SRC monthly list by the 5th of the next month (004 P 11)'
		]
	},
	{
		code: 'customs-representative-register',
		nameEn: 'Inclusion in the register of customs representatives',
		nameRu: 'Включение в реестр таможенных представителей',
		nameKk: 'Кеден өкілдерінің тізіліміне енгізу',
		act: '003',
		alsoActs: [],
		term: {
			length: 14,
			unit: 'calendar-days',
			citation: '003 A3 p.5 sub.1–9',
			basis: 'derived',
			startsAt: 'receipt',
			note:
				'Not a statutory term: the sum of the step limits (14 CD + 10 h: 4 h, 1 CD, 1 CD, 2 h, 8 ' +
				'CD, 1 CD, 2 CD, 1 CD, 4 h). The overall term is in Standard p.4 (Gov. Decree 319), not in ' +
				'the seeds.'
		},
		completenessCheck: null,
		consultations: false,
		controlSystemRequest: false,
		mfaCheck: 'none',
		hearing: false,
		refusalGrounds: null,
		feeMci: null,
		feeCitation: 'not stated (Standard, Gov. Decree 319, not in the seeds)',
		casePrefix: 'CR',
		notes: [
			'Act 003 (Order 292 of 2014) was repealed in 2015; kept as the model for step-level SLAs',
			'Refusal grounds are in Standard p.10, not in the seeds (003 A3 p.3, p.8 sub.5)'
		]
	}
];

/** Complaint clocks (001 pp.23–25; 000 pp.15–17; ADR-011). */
export const COMPLAINT_TERMS = {
	forwarding: { length: 3, unit: WD, citation: '001 p.23 para 2; 000 p.15 para 2', startsAt: 'receipt' },
	reviewByProvider: { length: 5, unit: WD, citation: '001 p.24 sub.1; 000 p.16 sub.1', startsAt: 'registration' },
	reviewByQualityBody: { length: 15, unit: WD, citation: '001 p.24 sub.2; 000 p.16 sub.2', startsAt: 'registration' },
	maxExtension: { length: 10, unit: WD, citation: '001 p.25 para 1; 000 p.17 para 1', startsAt: 'extension' },
	extensionNotice: { length: 3, unit: WD, citation: '001 p.25 para 2; 000 p.17 para 2', startsAt: 'extension' }
} as const;

const BY_CODE: ReadonlyMap<string, ServiceDefinition> = new Map(SERVICES.map((s) => [s.code, s]));
const BY_PREFIX: ReadonlyMap<string, ServiceDefinition> = new Map(SERVICES.map((s) => [s.casePrefix, s]));

export function isServiceCode(value: string): value is ServiceCode {
	return BY_CODE.has(value);
}

export function findService(code: string): ServiceDefinition | undefined {
	return BY_CODE.get(code);
}

export function serviceByPrefix(prefix: string): ServiceDefinition | undefined {
	return BY_PREFIX.get(prefix);
}
