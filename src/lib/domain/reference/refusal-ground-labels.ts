/**
 * Short labels of the refusal grounds (001 and 000 Annex 1 row 9) in Kazakh and Russian, beside
 * the English `labelEn` of refusal-grounds.ts: the picker and the head's refusal form list them by
 * label, and the text they insert is the act's own wording (textKk / textRu).
 */
import type { RefusalGround } from './refusal-grounds';

export type GroundLabelLocale = 'kk' | 'ru' | 'en';

const LABELS: Record<string, { kk: string; ru: string }> = {
	'Activity prohibited by law': { kk: 'Қызметке заңмен тыйым салынған', ru: 'Деятельность запрещена законом' },
	'Licence fee not paid': { kk: 'Лицензиялық алым төленбеген', ru: 'Не уплачен лицензионный сбор' },
	'Qualification requirements not met': {
		kk: 'Біліктілік талаптарына сәйкес келмейді',
		ru: 'Не соответствует квалификационным требованиям'
	},
	'Negative answer from an approving state body': {
		kk: 'Келісуші мемлекеттік органның теріс жауабы',
		ru: 'Отрицательный ответ согласующего госоргана'
	},
	'Court decision suspends or prohibits the activity': {
		kk: 'Сот шешімімен қызмет тоқтатылған немесе тыйым салынған',
		ru: 'Решением суда деятельность приостановлена или запрещена'
	},
	'Temporary ban on the bailiff’s submission': {
		kk: 'Сот орындаушысының ұсынуы бойынша уақытша тыйым',
		ru: 'Временный запрет по представлению судебного исполнителя'
	},
	'Temporary ban by a court on the bailiff’s submission': {
		kk: 'Сот орындаушысының ұсынуы бойынша соттың уақытша тыйымы',
		ru: 'Временный запрет суда по представлению судебного исполнителя'
	},
	'Unreliable documents or data': {
		kk: 'Құжаттар немесе деректер дұрыс емес',
		ru: 'Недостоверные документы или сведения'
	},
	'Non-compliance with these Rules': { kk: 'Осы Қағидаларға сәйкес келмейді', ru: 'Несоответствие настоящим Правилам' },
	'Non-compliance with normative legal acts': {
		kk: 'Нормативтік құқықтық актілерге сәйкес келмейді',
		ru: 'Несоответствие нормативным правовым актам'
	},
	'Breach of UN Security Council Chapter VII measures (arms embargo)': {
		kk: 'БҰҰ Қауіпсіздік Кеңесінің VII тарау шараларын бұзу (қару эмбаргосы)',
		ru: 'Нарушение мер СБ ООН по главе VII (оружейное эмбарго)'
	},
	'Breach of international agreements on conventional arms': {
		kk: 'Әдеттегі қару туралы халықаралық келісімдерді бұзу',
		ru: 'Нарушение международных соглашений об обычных вооружениях'
	},
	'Risk of genocide, crimes against humanity or war crimes': {
		kk: 'Геноцид, адамзатқа қарсы қылмыстар немесе әскери қылмыстар қаупі',
		ru: 'Риск геноцида, преступлений против человечности или военных преступлений'
	},
	'MFA authenticity check negative or no result within 1 calendar year': {
		kk: 'СІМ түпнұсқалықты тексеруі теріс немесе 1 күнтізбелік жыл ішінде нәтиже жоқ',
		ru: 'Проверка МИД подлинности отрицательна или нет результата в течение 1 календарного года'
	},
	'Harm or threat of harm to the interests of Kazakhstan': {
		kk: 'Қазақстан мүдделеріне зиян немесе зиян келтіру қаупі',
		ru: 'Ущерб или угроза ущерба интересам Казахстана'
	},
	'Breach of international obligations of Kazakhstan': {
		kk: 'Қазақстанның халықаралық міндеттемелерін бұзу',
		ru: 'Нарушение международных обязательств Казахстана'
	},
	'Negative risk assessment': { kk: 'Тәуекелді бағалау теріс', ru: 'Отрицательная оценка риска' },
	'Administrative penalty within one year before filing': {
		kk: 'Өтініш берер алдындағы бір жыл ішінде әкімшілік жаза',
		ru: 'Административное взыскание в течение года до подачи'
	},
	'Criminal conviction or release from liability within one year before filing': {
		kk: 'Өтініш берер алдындағы бір жыл ішінде сотталу немесе жауаптылықтан босату',
		ru: 'Осуждение или освобождение от ответственности в течение года до подачи'
	},
	'UN Security Council sanctions applied within the last five years': {
		kk: 'Соңғы бес жылда БҰҰ Қауіпсіздік Кеңесінің санкциялары қолданылған',
		ru: 'Санкции СБ ООН применялись в последние пять лет'
	},
	'UN Security Council sanctions breached within the last five years': {
		kk: 'Соңғы бес жылда БҰҰ Қауіпсіздік Кеңесінің санкциялары бұзылған',
		ru: 'Санкции СБ ООН нарушались в последние пять лет'
	},
	'Deprived of a special right by a court sentence': {
		kk: 'Сот үкімімен арнаулы құқығынан айырылған',
		ru: 'Лишён специального права приговором суда'
	},
	'No consent to access restricted personal data': {
		kk: 'Қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісім жоқ',
		ru: 'Нет согласия на доступ к персональным данным ограниченного доступа'
	}
};

/** The ground's short label in `locale` (the English one if a translation is missing). */
export function groundLabel(g: Pick<RefusalGround, 'labelEn'>, locale: GroundLabelLocale): string {
	return locale === 'en' ? g.labelEn : (LABELS[g.labelEn]?.[locale] ?? g.labelEn);
}

/** Every label has both translations: a spec checks this against the grounds. */
export function hasTranslations(labelEn: string): boolean {
	return labelEn in LABELS;
}
