/**
 * Grounds for refusing a public service, as the acts list them, plus the separate intake refusal
 * ("reasoned refusal of further consideration") for an incomplete dossier.
 *
 * Where the grounds are:
 *  - 001: Annex 1 ("List of main requirements") row 9, 19 grounds. p.19 para 1 only refers to that
 *    list; the row number "9" is missing in the seed and the row title sits inside ground 11
 *    (001 L284–285), so we cite "001 Annex 1 row 9 sub.N".
 *  - 000: Annex 1 row 9, 9 grounds; p.13 para 1 refers to it. Cited "000 Annex 1 row 9 sub.N".
 *
 * textKk is the act's own wording, whitespace-normalised, without the list punctuation (";", ".").
 * Two items end with words of the list's frame sentence, dropped here and noted in sourceNote.
 * textRu / textEn are our renderings (the seeds are Kazakh only), following the usual wording of the
 * Law "On permits and notifications" where the ground comes from it.
 *
 * Every ground in these lists needs the preliminary decision + hearing (001 p.19 paras 2–3,
 * 000 p.13); the incompleteness refusal does not (ADR-008).
 */

export type GroundAct = '001' | '000';

/**
 * ADR-009. 'always': the information behind the refusal is never disclosed (001 p.19
 * para 5, national security / international obligations). 'optional': the officer may mark it
 * confidential. 'never': always disclosed.
 */
export type Confidentiality = 'always' | 'optional' | 'never';

export interface LookBack {
	readonly length: number;
	readonly unit: 'years' | 'calendar-years';
	/** What the window is counted from (backwards for filing, forwards for sending). */
	readonly anchor: 'filing' | 'sending-to-mfa' | 'unstated';
	readonly note?: string;
}

export interface RefusalGround {
	readonly act: GroundAct;
	readonly number: number;
	readonly citation: string;
	readonly labelEn: string;
	readonly textKk: string;
	readonly textRu: string;
	readonly textEn: string;
	readonly confidential: Confidentiality;
	/** Every listed ground needs a preliminary decision and a hearing. */
	readonly hearingRequired: true;
	readonly lookBack?: LookBack;
	/** Garbles in the act's text and our readings of them. */
	readonly sourceNote?: string;
}

interface GroundInput {
	readonly number: number;
	readonly labelEn: string;
	readonly textKk: string;
	readonly textRu: string;
	readonly textEn: string;
	readonly confidential: Confidentiality;
	readonly lookBack?: LookBack;
	readonly sourceNote?: string;
}

function build(act: GroundAct, items: readonly GroundInput[]): readonly RefusalGround[] {
	return items.map((g) => ({
		act,
		citation: `${act} Annex 1 row 9 sub.${g.number}`,
		hearingRequired: true as const,
		...g
	}));
}

// ---------------------------------------------------------------------------------------------
// 001 — licences (Order 425, Annex 1 row 9, 2026 wording)
// Confidentiality (ADR-009; 001 p.19 para 5 does not map the rule to ground numbers):
//   always   9, 10, 11, 13, 14, 18, 19 — national security / international obligations;
//   optional 4 (the approving body may be e.g. the NSC), 12 (MFA authenticity check),
//            15 (risk assessment built on control-system bodies' information, 001 p.17 para 2);
//   never    the rest.
// ---------------------------------------------------------------------------------------------
export const GROUNDS_001: readonly RefusalGround[] = build('001', [
	{
		number: 1,
		labelEn: 'Activity prohibited by law',
		textKk:
			'Қазақстан Республикасының заңдарында жеке немесе заңды тұлғалардың осы санаты үшін қызмет ' +
			'түрімен айналысуға тыйым салынуы',
		textRu:
			'Запрещение законами Республики Казахстан заниматься видом деятельности для данной ' +
			'категории физических или юридических лиц',
		textEn:
			'The laws of the Republic of Kazakhstan prohibit this category of natural or legal persons ' +
			'from engaging in the activity.',
		confidential: 'never'
	},
	{
		number: 2,
		labelEn: 'Licence fee not paid',
		textKk: 'лицензиялық алым енгізілмеген',
		textRu: 'Не внесён лицензионный сбор',
		textEn: 'The licence fee has not been paid.',
		confidential: 'never'
	},
	{
		number: 3,
		labelEn: 'Qualification requirements not met',
		textKk: 'көрсетілетін қызметті алушы біліктілік талаптарына сәйкес келмесе',
		textRu: 'Услугополучатель не соответствует квалификационным требованиям',
		textEn: 'The applicant does not meet the qualification requirements.',
		confidential: 'never'
	},
	{
		number: 4,
		labelEn: 'Negative answer from an approving state body',
		textKk:
			'көрсетілетін қызметті беруші тиісті келісуші мемлекеттік органнан көрсетілетін қызметті ' +
			'алушының лицензиялау кезінде қойылатын талаптарға сәйкес келмейтіні туралы жауап алса',
		textRu:
			'Услугодателем получен ответ от соответствующего согласующего государственного органа о ' +
			'несоответствии услугополучателя требованиям, предъявляемым при лицензировании',
		textEn:
			'The service provider has received an answer from the relevant approving state body that ' +
			'the applicant does not meet the requirements for licensing.',
		confidential: 'optional'
	},
	{
		number: 5,
		labelEn: 'Court decision suspends or prohibits the activity',
		textKk:
			'көрсетілетін қызметті алушыға қатысты қызметті немесе лицензиялауға жататын жекелеген ' +
			'қызмет түрлерін тоқтата тұру немесе оған тыйым салу туралы заңды күшіне енген сот шешімі ' +
			'(үкімі) бар',
		textRu:
			'В отношении услугополучателя имеется вступившее в законную силу решение (приговор) суда о ' +
			'приостановлении или запрещении деятельности или отдельных видов деятельности, подлежащих ' +
			'лицензированию',
		textEn:
			'A court decision (verdict) in force suspends or prohibits the applicant’s activity or ' +
			'certain types of activity subject to licensing.',
		confidential: 'never'
	},
	{
		number: 6,
		labelEn: 'Temporary ban on the bailiff’s submission',
		textKk:
			'сот орындаушысының ұсынысы негізінде көрсетілетін қызметті алушы-борышкерге лицензия ' +
			'беруге уақытша тыйым салынады',
		textRu:
			'На основании представления судебного исполнителя услугополучателю-должнику временно ' +
			'запрещено выдавать лицензию',
		textEn: 'On a bailiff’s submission, issuing a licence to the applicant-debtor is temporarily prohibited.',
		confidential: 'never'
	},
	{
		number: 7,
		labelEn: 'Unreliable documents or data',
		textKk:
			'көрсетілетін қызметті алушының ұсынған құжаттардың және (немесе) олардағы деректердің ' +
			'(мәліметтердің) анық еместігін анықтау',
		textRu:
			'Установление недостоверности документов, представленных услугополучателем, и (или) данных ' +
			'(сведений), содержащихся в них',
		textEn:
			'The documents submitted by the applicant and/or the data (information) in them are found ' + 'to be unreliable.',
		confidential: 'never'
	},
	{
		number: 8,
		labelEn: 'Non-compliance with these Rules',
		textKk:
			'көрсетілетін қызметті алушының және (немесе) мемлекеттік қызмет көрсету үшін қажетті ' +
			'ұсынылған материалдардың, объектілердің, деректердің және мәліметтердің осы Қағидаларда ' +
			'белгіленген талаптарға сәйкес келмеуі',
		textRu:
			'Несоответствие услугополучателя и (или) представленных материалов, объектов, данных и ' +
			'сведений, необходимых для оказания государственной услуги, требованиям, установленным ' +
			'настоящими Правилами',
		textEn:
			'The applicant and/or the materials, objects, data and information submitted for the ' +
			'service do not meet the requirements of these Rules.',
		confidential: 'never'
	},
	{
		number: 9,
		labelEn: 'Breach of UN Security Council Chapter VII measures (arms embargo)',
		textKk:
			'экспортты жүзеге асыру Біріккен Ұлттар Ұйымы Жарғысының VII тарауы, атап айтқанда ' +
			'қару-жарақ эмбаргосы негізінде әрекет ететін Біріккен Ұлттар Ұйымы Қауіпсіздік Кеңесі ' +
			'қабылдаған шараларды жүзеге асыру жөніндегі міндеттерді бұзатын болады',
		textRu:
			'Осуществление экспорта нарушит обязательства по выполнению мер, принятых Советом ' +
			'Безопасности Организации Объединённых Наций, действующим на основании главы VII Устава ' +
			'ООН, в частности оружейного эмбарго',
		textEn:
			'The export would breach obligations to implement measures adopted by the UN Security ' +
			'Council acting under Chapter VII of the UN Charter, in particular arms embargoes.',
		confidential: 'always'
	},
	{
		number: 10,
		labelEn: 'Breach of international agreements on conventional arms',
		textKk:
			'экспортты жүзеге асыру Қазақстан Республикасының халықаралық келісімдер бойынша, атап ' +
			'айтқанда, қарапайым қару-жарақты беруге немесе олардың заңсыз айналымына қатысты ' +
			'халықаралық міндеттемелерін бұзатын болады',
		textRu:
			'Осуществление экспорта нарушит международные обязательства Республики Казахстан по ' +
			'международным договорам, в частности касающимся передачи обычных вооружений или их ' +
			'незаконного оборота',
		textEn:
			'The export would breach the Republic of Kazakhstan’s obligations under international ' +
			'agreements, in particular on transfers of conventional arms or their illicit trafficking.',
		confidential: 'always'
	},
	{
		number: 11,
		labelEn: 'Risk of genocide, crimes against humanity or war crimes',
		textKk:
			'белгілі бір тауарлар геноцид актілерін, адамзатқа қарсы қылмыстарды, 1949 жылғы Женева ' +
			'конвенцияларын елеулі бұзушылықтарды, қорғанысты пайдаланатын азаматтық объектілерге ' +
			'немесе бейбіт тұрғындарға шабуылдарды немесе халықаралық келісімдерде анықталғандай басқа ' +
			'да әскери қылмыстарды жасау үшін пайдаланылатыны туралы ақпарат болған жағдайда',
		textRu:
			'Наличие информации о том, что определённые товары будут использованы для совершения актов ' +
			'геноцида, преступлений против человечности, серьёзных нарушений Женевских конвенций 1949 ' +
			'года, нападений на гражданские объекты, пользующиеся защитой, или на мирное население ' +
			'либо других военных преступлений, определённых международными договорами',
		textEn:
			'There is information that the goods would be used to commit genocide, crimes against ' +
			'humanity, grave breaches of the 1949 Geneva Conventions, attacks on protected civilian ' +
			'objects or civilians, or other war crimes as defined in international agreements.',
		confidential: 'always',
		sourceNote:
			'Act reads "қорғанысты пайдаланатын азаматтық объектілерге" (literally "civilian objects ' +
			'using defence"); rendered as "protected civilian objects". The row-9 title is printed ' +
			'inside this ground (001 L284–285).'
	},
	{
		number: 12,
		labelEn: 'MFA authenticity check negative or no result within 1 calendar year',
		textKk:
			'импорттаушы елдің кепілдік міндеттемесінің түпнұсқалығын тексерудің теріс нәтижесі (не ' +
			'оның жіберілген сәттен бастап күнтізбелік 1 (бір) жыл ішінде болмауы)',
		textRu:
			'Отрицательный результат проверки подлинности гарантийного обязательства страны-импортёра ' +
			'(либо его отсутствие в течение 1 (одного) календарного года с момента направления)',
		textEn:
			'The check of the authenticity of the importing country’s guarantee commitment gave a ' +
			'negative result (or no result within 1 (one) calendar year from the moment it was sent).',
		confidential: 'optional',
		lookBack: { length: 1, unit: 'calendar-years', anchor: 'sending-to-mfa' }
	},
	{
		number: 13,
		labelEn: 'Harm or threat of harm to the interests of Kazakhstan',
		textKk: 'Қазақстан Республикасының мүдделеріне нұқсан келтірілгенде немесе нұқсан келтіру қатері туындағанда',
		textRu: 'Нанесение ущерба интересам Республики Казахстан или возникновение угрозы нанесения такого ущерба',
		textEn:
			'Harm has been caused to the interests of the Republic of Kazakhstan, or a threat of such harm ' + 'has arisen.',
		confidential: 'always'
	},
	{
		number: 14,
		labelEn: 'Breach of international obligations of Kazakhstan',
		textKk: 'Қазақстан Республикасының халықаралық міндеттемелері бұзылғанда',
		textRu: 'Нарушение международных обязательств Республики Казахстан',
		textEn: 'The international obligations of the Republic of Kazakhstan are breached.',
		confidential: 'always'
	},
	{
		number: 15,
		labelEn: 'Negative risk assessment',
		textKk: 'тәуекелдерді бағалауды жүзеге асыру қорытындылары бойынша теріс нәтиже болғанда',
		textRu: 'Отрицательный результат по итогам проведения оценки рисков',
		textEn: 'The risk assessment produced a negative result.',
		confidential: 'optional'
	},
	{
		number: 16,
		labelEn: 'Administrative penalty within one year before filing',
		textKk:
			'егер рұқсат алуға өтініш берілгенге дейін бір жыл ішінде өтініш берушіге қатысты ' +
			'Қазақстан Республикасының өзіндік ерекшелігі бар тауарларды бақылау саласындағы ' +
			'заңнамасын бұзғаны үшін әкімшілік жаза қолданылса',
		textRu:
			'Если в течение одного года до подачи заявления на получение разрешения к заявителю ' +
			'применялось административное взыскание за нарушение законодательства Республики Казахстан ' +
			'в области контроля специфических товаров',
		textEn:
			'Within one year before the permit application was filed, an administrative penalty was ' +
			'imposed on the applicant for breaching the legislation of the Republic of Kazakhstan on ' +
			'control of specific goods.',
		confidential: 'never',
		lookBack: { length: 1, unit: 'years', anchor: 'filing' }
	},
	{
		number: 17,
		labelEn: 'Criminal conviction or release from liability within one year before filing',
		textKk:
			'егер рұқсат алуға өтініш берілгенге дейін бір жыл ішінде өтініш берушіге қатысты өзіндік ' +
			'ерекшелігі бар тауарларды бақылау саласында қылмыстық құқық бұзушылық жасағаны үшін ' +
			'соттың айыптау үкімі шығарылса немесе Қазақстан Республикасының Қылмыстық-процестік ' +
			'кодексі 35-бабының бірінші бөлігі 3), 4), 9), 10) және 12) тармақтарының немесе ' +
			'36-бабының негізінде өтініш беруші қылмыстық теріс қылық немесе онша ауыр емес және ' +
			'ауырлығы орташа қылмыстар жасағаны үшін қылмыстық жауаптылықтан босатылса',
		textRu:
			'Если в течение одного года до подачи заявления на получение разрешения в отношении ' +
			'заявителя вынесен обвинительный приговор суда за совершение уголовного правонарушения в ' +
			'области контроля специфических товаров либо заявитель освобождён от уголовной ' +
			'ответственности за совершение уголовного проступка или преступления небольшой или средней ' +
			'тяжести на основании пунктов 3), 4), 9), 10) и 12) части первой статьи 35 или статьи 36 ' +
			'Уголовно-процессуального кодекса Республики Казахстан',
		textEn:
			'Within one year before the application was filed, a court convicted the applicant of a ' +
			'criminal offence in the field of specific-goods control, or the applicant was released ' +
			'from criminal liability for a criminal misdemeanour or a crime of minor or medium gravity ' +
			'under Art. 35 part 1 clauses 3), 4), 9), 10) and 12) or Art. 36 of the Criminal Procedure ' +
			'Code of the Republic of Kazakhstan.',
		confidential: 'never',
		lookBack: { length: 1, unit: 'years', anchor: 'filing' }
	},
	{
		number: 18,
		labelEn: 'UN Security Council sanctions applied within the last five years',
		textKk:
			'егер өтініш берушіге соңғы бес жыл ішінде Біріккен Ұлттар Ұйымы Қауіпсіздік Кеңесінің ' +
			'санкциялары қолданылса',
		textRu: 'Если к заявителю в течение последних пяти лет применялись санкции Совета Безопасности ООН',
		textEn: 'UN Security Council sanctions were applied to the applicant within the last five years.',
		confidential: 'always',
		lookBack: {
			length: 5,
			unit: 'years',
			anchor: 'unstated',
			note: '"соңғы бес жыл ішінде": the act does not say from when; count back from filing (as 16–17).'
		}
	},
	{
		number: 19,
		labelEn: 'UN Security Council sanctions breached within the last five years',
		textKk:
			'егер өтініш беруші соңғы бес жыл ішінде Біріккен Ұлттар Ұйымы Қауіпсіздік Кеңесінің ' + 'санкцияларын бұзса',
		textRu: 'Если заявитель в течение последних пяти лет нарушал санкции Совета Безопасности ООН',
		textEn: 'The applicant violated UN Security Council sanctions within the last five years.',
		confidential: 'always',
		lookBack: {
			length: 5,
			unit: 'years',
			anchor: 'unstated',
			note: '"соңғы бес жыл ішінде": the act does not say from when; count back from filing (as 16–17).'
		},
		sourceNote: 'The item ends ", жүзеге асырылады." — the end of the list’s frame sentence, omitted here.'
	}
]);

// ---------------------------------------------------------------------------------------------
// 000 — end-user / international import certificates (Order 309, Annex 1 row 9)
// 000 has no non-disclosure rule like 001 p.19 para 5, and none of its grounds concerns national
// security or international obligations. Product decision: ground 3 (negative answer from an
// approving state body) is 'optional', like its 001 analogue (ground 4), because the answer may come
// from a security body; all other 000 grounds are 'never'.
// ---------------------------------------------------------------------------------------------
export const GROUNDS_000: readonly RefusalGround[] = build('000', [
	{
		number: 1,
		labelEn: 'Activity prohibited by law',
		textKk:
			'Қазақстан Республикасының заңдарында жеке немесе заңды тұлғалардың осы санаты үшін қызмет ' +
			'түрімен айналысуға тыйым салынуы',
		textRu:
			'Запрещение законами Республики Казахстан заниматься видом деятельности для данной ' +
			'категории физических или юридических лиц',
		textEn:
			'The laws of the Republic of Kazakhstan prohibit this category of natural or legal persons ' +
			'from engaging in the activity.',
		confidential: 'never'
	},
	{
		number: 2,
		labelEn: 'Qualification requirements not met',
		textKk: 'көрсетілетін қызметті алушы біліктілік талаптарына сәйкес келмесе',
		textRu: 'Услугополучатель не соответствует квалификационным требованиям',
		textEn: 'The applicant does not meet the qualification requirements.',
		confidential: 'never'
	},
	{
		number: 3,
		labelEn: 'Negative answer from an approving state body',
		textKk:
			'көрсетілетін қызметті беруші тиісті келісуші мемлекеттік органнан көрсетілетін қызметті ' +
			'алушының лицензиялау кезінде қойылатын талаптарға сәйкес келмейтіні туралы жауап алса',
		textRu:
			'Услугодателем получен ответ от соответствующего согласующего государственного органа о ' +
			'несоответствии услугополучателя требованиям, предъявляемым при лицензировании',
		textEn:
			'The service provider has received an answer from the relevant approving state body that ' +
			'the applicant does not meet the requirements for licensing.',
		confidential: 'optional',
		sourceNote:
			'Standard licensing wording ("лицензиялау") although 000 issues certificates; 000 sets no ' +
			'consultation procedure.'
	},
	{
		number: 4,
		labelEn: 'Unreliable documents or data',
		textKk:
			'көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алу үшін ұсынған ' +
			'құжаттардың және (немесе) олардағы деректердің (мәліметтердің) анық еместігін анықтау',
		textRu:
			'Установление недостоверности документов, представленных услугополучателем для получения ' +
			'государственной услуги, и (или) данных (сведений), содержащихся в них',
		textEn:
			'The documents submitted by the applicant to obtain the public service and/or the data ' +
			'(information) in them are found to be unreliable.',
		confidential: 'never'
	},
	{
		number: 5,
		labelEn: 'Non-compliance with normative legal acts',
		textKk:
			'көрсетілетін қызметті алушының және (немесе) мемлекеттік қызмет көрсету үшін қажетті ' +
			'ұсынылған материалдардың, объектілердің, деректердің және мәліметтердің Қазақстан ' +
			'Республикасының нормативтік құқықтық актілерінде белгіленген талаптарға сәйкес келмеуі',
		textRu:
			'Несоответствие услугополучателя и (или) представленных материалов, объектов, данных и ' +
			'сведений, необходимых для оказания государственной услуги, требованиям, установленным ' +
			'нормативными правовыми актами Республики Казахстан',
		textEn:
			'The applicant and/or the materials, objects, data and information submitted for the ' +
			'service do not meet the requirements of the normative legal acts of the Republic of ' +
			'Kazakhstan.',
		confidential: 'never'
	},
	{
		number: 6,
		labelEn: 'Court decision suspends or prohibits the activity',
		textKk:
			'өтініш берушіге қатысты лицензиялауға жататын қызметті немесе жекелеген қызмет түрлерін ' +
			'тоқтата тұру немесе оларға тыйым салу туралы заңды күшіне енген сот шешімі (үкімі) болған',
		textRu:
			'В отношении заявителя имеется вступившее в законную силу решение (приговор) суда о ' +
			'приостановлении или запрещении деятельности или отдельных видов деятельности, подлежащих ' +
			'лицензированию',
		textEn:
			'A court decision (verdict) in force suspends or prohibits the applicant’s activity or ' +
			'certain types of activity subject to licensing.',
		confidential: 'never'
	},
	{
		number: 7,
		labelEn: 'Temporary ban by a court on the bailiff’s submission',
		textKk: 'сот орындаушысының ұсынуы негізінде сот өтініш беруші-борышкерге лицензия беруге уақытша тыйым салған',
		textRu:
			'Судом на основании представления судебного исполнителя временно запрещено выдавать ' +
			'заявителю-должнику лицензию',
		textEn:
			'On a bailiff’s submission, a court has temporarily prohibited issuing a licence to the ' + 'applicant-debtor.',
		confidential: 'never'
	},
	{
		number: 8,
		labelEn: 'Deprived of a special right by a court sentence',
		textKk:
			'көрсетілетін қызметті алушыға қатысты соттың заңды күшіне енген үкімінің болуы, оның ' +
			'негізінде көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алумен ' +
			'байланысты арнаулы құқығынан айырылуы бойынша',
		textRu:
			'Наличие в отношении услугополучателя вступившего в законную силу приговора суда, на ' +
			'основании которого услугополучатель лишён специального права, связанного с получением ' +
			'государственной услуги',
		textEn:
			'A court sentence in force deprives the applicant of a special right connected with ' +
			'receiving the public service.',
		confidential: 'never'
	},
	{
		number: 9,
		labelEn: 'No consent to access restricted personal data',
		textKk:
			'көрсетілетін қызметті алушының мемлекеттік қызмет көрсету үшін талап етілетін, "Дербес ' +
			'деректер және оларды қорғау туралы" Қазақстан Республикасы Заңының 8-бабына сәйкес ' +
			'берілетін қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісімі болмауы бойынша',
		textRu:
			'Отсутствие согласия услугополучателя, предоставляемого в соответствии со статьёй 8 Закона ' +
			'Республики Казахстан «О персональных данных и их защите», на доступ к персональным данным ' +
			'ограниченного доступа, которые требуются для оказания государственной услуги',
		textEn:
			'The applicant has not given the consent, under Art. 8 of the Law "On personal data and ' +
			'their protection", to access restricted-access personal data required for the service.',
		confidential: 'never',
		sourceNote:
			'The item ends "мемлекеттік қызметтерді көрсетуден бас тартады." — a dangling frame clause, omitted here.'
	}
]);

/** The intake refusal for an incomplete (or expired) dossier. No hearing, never confidential. */
export interface IncompletenessRefusal {
	readonly act: GroundAct;
	readonly kind: 'incompleteness';
	readonly citation: string;
	readonly titleKk: string;
	readonly titleRu: string;
	readonly titleEn: string;
	/** The act's condition for the refusal. */
	readonly textKk: string;
	readonly textRu: string;
	readonly textEn: string;
	readonly checkTerm: { readonly length: number; readonly unit: 'working-days'; readonly citation: string };
	/** The reasoned-refusal form used. */
	readonly form: string;
	readonly hearingRequired: false;
	readonly confidential: 'never';
	readonly sourceNote?: string;
}

export const INCOMPLETENESS_REFUSALS: readonly IncompletenessRefusal[] = [
	{
		act: '001',
		kind: 'incompleteness',
		citation: '001 p.15 para 2',
		titleKk: 'өтінішті одан әрі қараудан дәлелді бас тарту',
		titleRu: 'мотивированный отказ в дальнейшем рассмотрении заявления',
		titleEn: 'reasoned refusal of further consideration of the application',
		textKk:
			'Көрсетілетін қызметті алушы құжаттардың және (немесе) қолданылу мерзімі өткен құжаттардың ' +
			'толық топтамасын ұсынбаған кезде',
		textRu:
			'Непредставление услугополучателем полного пакета документов и (или) представление ' +
			'документов с истёкшим сроком действия',
		textEn:
			'The applicant has not submitted a complete set of documents and/or has submitted ' +
			'documents whose validity has expired.',
		checkTerm: { length: 2, unit: 'working-days', citation: '001 p.15 para 1' },
		form: '001 Annex 2',
		hearingRequired: false,
		confidential: 'never',
		sourceNote:
			'Literally "does not submit a complete set of documents and/or of expired documents"; read ' +
			'with p.15 para 1 (completeness and validity periods are checked).'
	},
	{
		act: '000',
		kind: 'incompleteness',
		citation: '000 p.11',
		titleKk: 'құжаттарды одан әрі қараудан дәлелді бас тарту',
		titleRu: 'мотивированный отказ в дальнейшем рассмотрении документов',
		titleEn: 'reasoned refusal of further consideration of the documents',
		textKk: 'ұсынылған құжаттардың толық установстігі анықталған жағдайда',
		textRu: 'Установление неполноты представленных документов',
		textEn: 'The documents submitted are found to be incomplete.',
		checkTerm: {
			length: 3,
			unit: 'working-days',
			// The act counts "when the applicant submits"; the application is registered first (Annex 1 row 7(2)).
			citation: '000 p.11; Annex 1 row 7(2)'
		},
		form: '000 Annex 2',
		hearingRequired: false,
		confidential: 'never',
		sourceNote:
			'"толық установстігі" is garbled (a Russian fragment inside a Kazakh word); read "толық ' +
			'еместігі", incompleteness.'
	}
];

const GROUNDS: Readonly<Record<GroundAct, readonly RefusalGround[]>> = { '001': GROUNDS_001, '000': GROUNDS_000 };

export function groundsFor(act: GroundAct): readonly RefusalGround[] {
	return GROUNDS[act];
}

export function findGround(act: GroundAct, number: number): RefusalGround | undefined {
	return GROUNDS[act].find((g) => g.number === number);
}

export function incompletenessRefusalFor(act: GroundAct): IncompletenessRefusal {
	const found = INCOMPLETENESS_REFUSALS.find((r) => r.act === act);
	if (!found) throw new Error(`no incompleteness refusal for act ${act}`);
	return found;
}

/** Grounds whose basis is never disclosed to the applicant (ADR-009). */
export function alwaysConfidentialGrounds(act: GroundAct): readonly number[] {
	return GROUNDS[act].filter((g) => g.confidential === 'always').map((g) => g.number);
}
