/**
 * The reasoned-refusal letter as 001 Annex 2 lays it out (the same form serves the refusal of further
 * consideration, 001 p.15, and the reasoned refusal of the service, 001 p.20), or for a certificate
 * case as 000 Annex 2 does (000 p.11, p.13) — each act's own header, number label, title and wording:
 * bilingual header (Kazakh | Russian: the Committee's name, the city), number and date, addressee
 * (organisation, legal address, BIN), title, "having considered your application of [year] No
 * [incoming number], informs that: [grounds]", and the signer's position and name.
 * The header and addressee come from the case; the grounds are the body officers write together.
 * The same model feeds the page's preview and the signed PDF.
 */

/** 001 Annex 2 header, left (Kazakh) and right (Russian) columns; the act's stray closing quote dropped. */
export const COMMITTEE_NAME = {
	kk:
		'Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі "Өнеркәсіп комитеті" республикалық ' +
		'мемлекеттік мекемесі',
	ru:
		'Министерство промышленности и строительства Республики Казахстан Республиканское государственное ' +
		'учреждение "Комитет промышленности"'
} as const;

export const COMMITTEE_CITY = { kk: 'Астана қ.', ru: 'г. Астана' } as const;

/** 001 Annex 2 title ("ДӘЛЕЛДІ БАС ТАРТУ"; the act's mixed-script "ТARTY" is an OCR slip). */
export const LETTER_TITLE = { kk: 'ДӘЛЕЛДІ БАС ТАРТУ', ru: 'МОТИВИРОВАННЫЙ ОТКАЗ' } as const;

/**
 * Product decision: users carry no position, and the letter is signed by the head of the provider
 * or the person acting for the head (001 p.20, 000 p.13 para 4), so the position line is fixed.
 */
export const SIGNER_POSITION = {
	kk: 'Өнеркәсіп комитетінің төрағасы',
	ru: 'Председатель Комитета промышленности'
} as const;

/** The act whose Annex 2 form the letter is on: 001 (licences) or 000 (certificates). */
export type LetterAct = '001' | '000';

/** The Committee as 000 Annex 2 names it, in its header and as the body's institution. */
const CERTIFICATE_COMMITTEE = {
	kk:
		'"Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі Өнеркәсіп комитеті" республикалық ' +
		'мемлекеттік мекемесі',
	ru:
		'Республиканское государственное учреждение "Комитет промышленности Министерства ' +
		'промышленности и строительства Республики Казахстан"'
} as const;

/** 000 Annex 2 (2026 wording, Order 4): its header, number label, title and the body's institution. */
const CERTIFICATE_FORM = {
	header: CERTIFICATE_COMMITTEE,
	numberLabel: { kk: 'Нөмір', ru: 'Номер' },
	title: { kk: 'Дәлелді бас тарту', ru: 'Мотивированный отказ' },
	institution: CERTIFICATE_COMMITTEE
} as const;

/** Each act's own Annex 2: a certificate letter never takes 001's form, nor a licence letter 000's. */
const LETTER_FORMS = {
	'001': {
		header: COMMITTEE_NAME,
		numberLabel: { kk: 'Нөмірі', ru: 'Номер' },
		title: LETTER_TITLE,
		institution: {
			kk: '"Өнеркәсіп комитеті" республикалық мемлекеттік мекемесі',
			ru: 'Республиканское государственное учреждение "Комитет промышленности"'
		}
	},
	'000': CERTIFICATE_FORM
} as const satisfies Record<LetterAct, unknown>;

export interface LetterInput {
	/** Whose Annex 2 form (001 when not given). */
	act?: LetterAct;
	caseNumber: string;
	/** Version chain of the draft (a new draft after a signed one is chain + 1). */
	chain: number;
	/** The application's date (its registration day, YYYY-MM-DD) and incoming number, as the body cites them. */
	applicationDate: string;
	incomingNumber: string;
	addressee: { name: string; legalAddress: string; bin: string };
	/** Almaty local date of issue (YYYY-MM-DD); null until signed. */
	issuedOn: string | null;
	signerName: string | null;
	/** The grounds: the body's paragraphs as the officers wrote them. */
	body: string[];
}

export interface RefusalLetter {
	header: { kk: string; ru: string };
	city: { kk: string; ru: string };
	number: { kk: string; ru: string };
	date: { kk: string; ru: string };
	/** Lines of the addressee block: organisation, legal address, BIN. */
	addressee: string[];
	title: { kk: string; ru: string };
	intro: { kk: string; ru: string };
	body: string[];
	signer: { position: { kk: string; ru: string }; name: string };
}

/** The letter's outgoing number: case number, "ДБ" (дәлелді бас тарту) and the chain. */
export function letterNumber(caseNumber: string, chain: number): string {
	return `${caseNumber}/ДБ-${chain}`;
}

/** DD.MM.YYYY from an ISO local date. */
export function formatLetterDate(isoDate: string): string {
	const [y, m, d] = isoDate.split('-');
	return `${d}.${m}.${y}`;
}

/** Kazakh month names in the locative-attributive form ("сәуірдегі": "of April"), January first. */
const KK_MONTHS = [
	'қаңтардағы',
	'ақпандағы',
	'наурыздағы',
	'сәуірдегі',
	'мамырдағы',
	'маусымдағы',
	'шілдедегі',
	'тамыздағы',
	'қыркүйектегі',
	'қазандағы',
	'қарашадағы',
	'желтоқсандағы'
] as const;
/** Russian month names in the genitive ("апреля"), January first. */
const RU_MONTHS = [
	'января',
	'февраля',
	'марта',
	'апреля',
	'мая',
	'июня',
	'июля',
	'августа',
	'сентября',
	'октября',
	'ноября',
	'декабря'
] as const;

/**
 * An application's date written out as official letters cite an incoming document: "2027 жылғы
 * «12» сәуірдегі" and "от «12» апреля 2027 года" (the date of 001 Annex 2 / 000's form, "[жыл] №").
 */
export function applicationDateWords(isoDate: string): { kk: string; ru: string } {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	const month = match ? Number(match[2]) : 0;
	if (!match || month < 1 || month > 12) throw new RangeError(`expected a YYYY-MM-DD date, got ${isoDate}`);
	const [, year, , dd] = match;
	const day = String(Number(dd));
	return {
		kk: `${year} жылғы «${day}» ${KK_MONTHS[month - 1]}`,
		ru: `от «${day}» ${RU_MONTHS[month - 1]} ${year} года`
	};
}

/**
 * The body's opening (Kazakh, the act's wording; Russian, our rendering) with the application's full
 * date: 001 Annex 2 names the institution "Өнеркәсіп комитеті" alone, 000 Annex 2 with its ministry
 * inside the quotes.
 */
export function introSentence(
	applicationDate: string,
	incomingNumber: string,
	act: LetterAct = '001'
): { kk: string; ru: string } {
	const who = LETTER_FORMS[act].institution;
	const date = applicationDateWords(applicationDate);
	return {
		kk: `${who.kk} Сіздің ${date.kk} № ${incomingNumber} өтінішіңізді қарағаннан кейін мынаны хабарлайды:`,
		ru: `${who.ru}, рассмотрев Ваше заявление ${date.ru} № ${incomingNumber}, сообщает следующее:`
	};
}

const PENDING = { kk: '[қол қойылғанда беріледі]', ru: '[присваивается при подписании]' } as const;

export function buildRefusalLetter(input: LetterInput): RefusalLetter {
	const act = input.act ?? '001';
	const form = LETTER_FORMS[act];
	const number = letterNumber(input.caseNumber, input.chain);
	const date = input.issuedOn ? formatLetterDate(input.issuedOn) : null;
	return {
		header: { ...form.header },
		city: { ...COMMITTEE_CITY },
		number: { kk: `${form.numberLabel.kk}: ${number}`, ru: `${form.numberLabel.ru}: ${number}` },
		date: date
			? { kk: `Берілген күні: ${date} жылы`, ru: `Дата выдачи: ${date} г.` }
			: { kk: `Берілген күні: ${PENDING.kk}`, ru: `Дата выдачи: ${PENDING.ru}` },
		addressee: [input.addressee.name, input.addressee.legalAddress, `БСН / БИН ${input.addressee.bin}`],
		title: { ...form.title },
		intro: introSentence(input.applicationDate, input.incomingNumber, act),
		body: input.body.map((p) => p.trim()).filter((p) => p.length > 0),
		signer: { position: { ...SIGNER_POSITION }, name: input.signerName ?? '[Т. А. Ә. / Ф. И. О.]' }
	};
}
