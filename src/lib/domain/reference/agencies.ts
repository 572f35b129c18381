/**
 * The ten state bodies that co-signed ("КЕЛІСІЛДІ", agreed) act 001, Order No. 425 of 09.06.2023
 * (001 L34–82). They are the likely counterparts of the p.16
 * consultations, but the binding list of "relevant state bodies" is in Government Decree No. 1083
 * of 28.12.2015, which is not in the seeds (001 p.16). Codes are stable; never renumber or reuse.
 *
 * Names are the bodies as the act names them (2023). Kazakh names follow the act's blocks;
 * Russian and English are the usual official renderings.
 */

export const AGENCY_CODES = ['nsc', 'mod', 'mfa', 'moh', 'moa', 'mshe', 'afm', 'mdd', 'mia', 'moe'] as const;
export type AgencyCode = (typeof AGENCY_CODES)[number];

export interface Agency {
	readonly code: AgencyCode;
	readonly nameEn: string;
	readonly nameRu: string;
	readonly nameKk: string;
	readonly shortEn: string;
	readonly shortRu: string;
	readonly shortKk: string;
	/** The signatory line exactly as in the act's "КЕЛІСІЛДІ" block (after "Қазақстан Республикасы"). */
	readonly actWordingKk: string;
	/** Position of the block in the act, 1–10. */
	readonly coSignOrder: number;
	/** Extra roles the acts give this body, with citations. */
	readonly roles: readonly string[];
}

export const AGENCIES: readonly Agency[] = [
	{
		code: 'moa',
		nameEn: 'Ministry of Agriculture of the Republic of Kazakhstan',
		nameRu: 'Министерство сельского хозяйства Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Ауыл шаруашылығы министрлігі',
		shortEn: 'MoA',
		shortRu: 'МСХ',
		shortKk: 'АШМ',
		// The act's block names the Minister, not the Ministry (001 L36–38).
		actWordingKk: 'Ауыл шаруашылығы министрі',
		coSignOrder: 1,
		roles: []
	},
	{
		code: 'mshe',
		nameEn: 'Ministry of Science and Higher Education of the Republic of Kazakhstan',
		nameRu: 'Министерство науки и высшего образования Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Ғылым және жоғары білім министрлігі',
		shortEn: 'MSHE',
		shortRu: 'МНВО',
		shortKk: 'ҒЖБМ',
		actWordingKk: 'Ғылым және жоғары білім министрлігі',
		coSignOrder: 2,
		roles: []
	},
	{
		code: 'moh',
		nameEn: 'Ministry of Health of the Republic of Kazakhstan',
		nameRu: 'Министерство здравоохранения Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Денсаулық сақтау министрлігі',
		shortEn: 'MoH',
		shortRu: 'МЗ',
		shortKk: 'ДСМ',
		actWordingKk: 'Денсаулық сақтау министрлігі',
		coSignOrder: 3,
		roles: []
	},
	{
		code: 'afm',
		nameEn: 'Agency of the Republic of Kazakhstan for Financial Monitoring',
		nameRu: 'Агентство Республики Казахстан по финансовому мониторингу',
		nameKk: 'Қазақстан Республикасы Қаржылық мониторинг агенттігі',
		shortEn: 'AFM',
		shortRu: 'АФМ',
		shortKk: 'ҚМА',
		actWordingKk: 'Қаржылық мониторинг агенттігі',
		coSignOrder: 4,
		roles: []
	},
	{
		code: 'mod',
		nameEn: 'Ministry of Defence of the Republic of Kazakhstan',
		nameRu: 'Министерство обороны Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Қорғаныс министрлігі',
		shortEn: 'MoD',
		shortRu: 'МО',
		shortKk: 'ҚМ',
		actWordingKk: 'Қорғаныс министрлігі',
		coSignOrder: 5,
		roles: ['Its military products need contracts from the MoD to the exporter (001 Order Annex 2 row 2)']
	},
	{
		code: 'mfa',
		nameEn: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
		nameRu: 'Министерство иностранных дел Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Сыртқы істер министрлігі',
		shortEn: 'MFA',
		shortRu: 'МИД',
		shortKk: 'СІМ',
		actWordingKk: 'Сыртқы істер министрлігі',
		coSignOrder: 6,
		roles: [
			'Checks the authenticity of the importing country’s guarantee commitment; the term is ' +
				'suspended meanwhile (001 p.17 para 3)',
			'Check mandatory for control codes 1С350 / 10С905 on first export or risk information (001 p.18)'
		]
	},
	{
		code: 'nsc',
		nameEn: 'National Security Committee of the Republic of Kazakhstan',
		nameRu: 'Комитет национальной безопасности Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Ұлттық қауіпсіздік комитеті',
		shortEn: 'NSC',
		shortRu: 'КНБ',
		shortKk: 'ҰҚК',
		actWordingKk: 'Ұлттық қауіпсіздік комитеті',
		coSignOrder: 7,
		roles: []
	},
	{
		code: 'mdd',
		nameEn: 'Ministry of Digital Development, Innovations and Aerospace Industry of the Republic of Kazakhstan',
		nameRu: 'Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі',
		shortEn: 'MDDIAI',
		shortRu: 'МЦРИАП',
		shortKk: 'ЦДИАӨМ',
		actWordingKk: 'Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі',
		coSignOrder: 8,
		roles: [
			'The only co-signer of act 000 (000 L40–46)',
			'Its Telecommunications Committee confirms device-verification applications (004 P 10)'
		]
	},
	{
		code: 'mia',
		nameEn: 'Ministry of Internal Affairs of the Republic of Kazakhstan',
		nameRu: 'Министерство внутренних дел Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Ішкі істер министрлігі',
		shortEn: 'MIA',
		shortRu: 'МВД',
		shortKk: 'ІІМ',
		actWordingKk: 'Ішкі істер министрлігі',
		coSignOrder: 9,
		roles: ['Police permits to purchase / store civil pyrotechnics (001 Order Annex 3 rows 20–21)']
	},
	{
		code: 'moe',
		nameEn: 'Ministry of Energy of the Republic of Kazakhstan',
		nameRu: 'Министерство энергетики Республики Казахстан',
		nameKk: 'Қазақстан Республикасы Энергетика министрлігі',
		shortEn: 'MoE',
		shortRu: 'МЭ',
		shortKk: 'ЭМ',
		actWordingKk: 'Энергетика министрлігі',
		coSignOrder: 10,
		roles: []
	}
];

const BY_CODE: ReadonlyMap<string, Agency> = new Map(AGENCIES.map((a) => [a.code, a]));

export function isAgencyCode(value: string): value is AgencyCode {
	return BY_CODE.has(value);
}

export function findAgency(code: string): Agency | undefined {
	return BY_CODE.get(code);
}
