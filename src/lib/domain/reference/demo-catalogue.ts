/**
 * Word lists for demo data (demo-names.ts): Kazakhstan cities and streets, company-name parts,
 * people's names, foreign countries and counterparty-name parts. Data only. All organisations and
 * people generated from these lists are fictional; a generated name may coincide with a real one.
 */

export interface City {
	readonly kk: string;
	readonly ru: string;
	readonly en: string;
	/** Region (облыс / область); null for cities of republican significance. */
	readonly regionKk: string | null;
	readonly regionRu: string | null;
	/** Long-distance telephone code after +7; the subscriber number has 10 − length digits. */
	readonly phoneCode: string;
}

export const CITIES: readonly City[] = [
	{ kk: 'Астана', ru: 'Астана', en: 'Astana', regionKk: null, regionRu: null, phoneCode: '7172' },
	{ kk: 'Алматы', ru: 'Алматы', en: 'Almaty', regionKk: null, regionRu: null, phoneCode: '727' },
	{ kk: 'Шымкент', ru: 'Шымкент', en: 'Shymkent', regionKk: null, regionRu: null, phoneCode: '7252' },
	{
		kk: 'Қарағанды',
		ru: 'Караганда',
		en: 'Karaganda',
		regionKk: 'Қарағанды облысы',
		regionRu: 'Карагандинская область',
		phoneCode: '7212'
	},
	{
		kk: 'Теміртау',
		ru: 'Темиртау',
		en: 'Temirtau',
		regionKk: 'Қарағанды облысы',
		regionRu: 'Карагандинская область',
		phoneCode: '7213'
	},
	{
		kk: 'Ақтөбе',
		ru: 'Актобе',
		en: 'Aktobe',
		regionKk: 'Ақтөбе облысы',
		regionRu: 'Актюбинская область',
		phoneCode: '7132'
	},
	{
		kk: 'Павлодар',
		ru: 'Павлодар',
		en: 'Pavlodar',
		regionKk: 'Павлодар облысы',
		regionRu: 'Павлодарская область',
		phoneCode: '7182'
	},
	{
		kk: 'Екібастұз',
		ru: 'Экибастуз',
		en: 'Ekibastuz',
		regionKk: 'Павлодар облысы',
		regionRu: 'Павлодарская область',
		phoneCode: '7187'
	},
	{
		kk: 'Өскемен',
		ru: 'Усть-Каменогорск',
		en: 'Oskemen',
		regionKk: 'Шығыс Қазақстан облысы',
		regionRu: 'Восточно-Казахстанская область',
		phoneCode: '7232'
	},
	{ kk: 'Семей', ru: 'Семей', en: 'Semey', regionKk: 'Абай облысы', regionRu: 'область Абай', phoneCode: '7222' },
	{
		kk: 'Атырау',
		ru: 'Атырау',
		en: 'Atyrau',
		regionKk: 'Атырау облысы',
		regionRu: 'Атырауская область',
		phoneCode: '7122'
	},
	{
		kk: 'Ақтау',
		ru: 'Актау',
		en: 'Aktau',
		regionKk: 'Маңғыстау облысы',
		regionRu: 'Мангистауская область',
		phoneCode: '7292'
	},
	{
		kk: 'Қостанай',
		ru: 'Костанай',
		en: 'Kostanay',
		regionKk: 'Қостанай облысы',
		regionRu: 'Костанайская область',
		phoneCode: '7142'
	},
	{
		kk: 'Орал',
		ru: 'Уральск',
		en: 'Oral',
		regionKk: 'Батыс Қазақстан облысы',
		regionRu: 'Западно-Казахстанская область',
		phoneCode: '7112'
	},
	{
		kk: 'Петропавл',
		ru: 'Петропавловск',
		en: 'Petropavl',
		regionKk: 'Солтүстік Қазақстан облысы',
		regionRu: 'Северо-Казахстанская область',
		phoneCode: '7152'
	},
	{
		kk: 'Тараз',
		ru: 'Тараз',
		en: 'Taraz',
		regionKk: 'Жамбыл облысы',
		regionRu: 'Жамбылская область',
		phoneCode: '7262'
	},
	{
		kk: 'Қызылорда',
		ru: 'Кызылорда',
		en: 'Kyzylorda',
		regionKk: 'Қызылорда облысы',
		regionRu: 'Кызылординская область',
		phoneCode: '7242'
	},
	{
		kk: 'Көкшетау',
		ru: 'Кокшетау',
		en: 'Kokshetau',
		regionKk: 'Ақмола облысы',
		regionRu: 'Акмолинская область',
		phoneCode: '7162'
	},
	{
		kk: 'Талдықорған',
		ru: 'Талдыкорган',
		en: 'Taldykorgan',
		regionKk: 'Жетісу облысы',
		regionRu: 'область Жетісу',
		phoneCode: '7282'
	},
	{
		kk: 'Түркістан',
		ru: 'Туркестан',
		en: 'Turkistan',
		regionKk: 'Түркістан облысы',
		regionRu: 'Туркестанская область',
		phoneCode: '72533'
	}
];

export interface Street {
	/** Name as in Kazakh addresses (nominative). */
	readonly kk: string;
	/** Name as in Russian addresses (usually genitive). */
	readonly ru: string;
	readonly kind: 'street' | 'avenue';
}

export const STREETS: readonly Street[] = [
	{ kk: 'Абай', ru: 'Абая', kind: 'avenue' },
	{ kk: 'Республика', ru: 'Республики', kind: 'avenue' },
	{ kk: 'Тәуелсіздік', ru: 'Тауелсиздик', kind: 'avenue' },
	{ kk: 'Қабанбай батыр', ru: 'Кабанбай батыра', kind: 'avenue' },
	{ kk: 'Бұқар жырау', ru: 'Бухар жырау', kind: 'avenue' },
	{ kk: 'Жібек жолы', ru: 'Жибек жолы', kind: 'avenue' },
	{ kk: 'Әл-Фараби', ru: 'аль-Фараби', kind: 'avenue' },
	{ kk: 'Сәтбаев', ru: 'Сатпаева', kind: 'street' },
	{ kk: 'Төле би', ru: 'Толе би', kind: 'street' },
	{ kk: 'Байтұрсынұлы', ru: 'Байтурсынулы', kind: 'street' },
	{ kk: 'Қонаев', ru: 'Кунаева', kind: 'street' },
	{ kk: 'Достық', ru: 'Достык', kind: 'street' },
	{ kk: 'Желтоқсан', ru: 'Желтоксан', kind: 'street' },
	{ kk: 'Әуезов', ru: 'Ауэзова', kind: 'street' },
	{ kk: 'Шоқан Уәлиханов', ru: 'Чокана Валиханова', kind: 'street' },
	{ kk: 'Құрманғазы', ru: 'Курмангазы', kind: 'street' },
	{ kk: 'Гагарин', ru: 'Гагарина', kind: 'street' }
];

/** A name part with its Kazakh and Russian spelling and a Latin slug (for e-mail domains). */
export interface NamePart {
	readonly kk: string;
	readonly ru: string;
	readonly lat: string;
}

const part = (kk: string, ru: string, lat: string): NamePart => ({ kk, ru, lat });

/** First element of compound names ("Семей" + "Прибор" + "Сервис"). */
export const NAME_PREFIXES: readonly NamePart[] = [
	part('Қазақстан', 'Казахстан', 'kazakhstan'),
	part('Қаз', 'Каз', 'kaz'),
	part('Сарыарқа', 'Сарыарка', 'saryarka'),
	part('Алатау', 'Алатау', 'alatau'),
	part('Ертіс', 'Иртыш', 'irtysh'),
	part('Семей', 'Семей', 'semey'),
	part('Каспий', 'Каспий', 'kaspiy'),
	part('Тұран', 'Туран', 'turan'),
	part('Атамекен', 'Атамекен', 'atameken'),
	part('Жетісу', 'Жетысу', 'zhetysu'),
	part('Есіл', 'Есиль', 'esil'),
	part('Орда', 'Орда', 'orda'),
	part('Байқоңыр', 'Байконур', 'baikonur'),
	part('Павлодар', 'Павлодар', 'pavlodar')
];

export const NAME_ROOTS: readonly NamePart[] = [
	part('Прибор', 'Прибор', 'pribor'),
	part('Хим', 'Хим', 'him'),
	part('Энерго', 'Энерго', 'energo'),
	part('Маш', 'Маш', 'mash'),
	part('Техно', 'Техно', 'tehno'),
	part('Металл', 'Металл', 'metall'),
	part('Гео', 'Гео', 'geo'),
	part('Оптик', 'Оптик', 'optik'),
	part('Аналит', 'Аналит', 'analit'),
	part('Аэро', 'Аэро', 'aero'),
	part('Телеком', 'Телеком', 'telecom'),
	part('Полимер', 'Полимер', 'polimer'),
	part('Нефтехим', 'Нефтехим', 'neftehim'),
	part('Пром', 'Пром', 'prom'),
	part('Электро', 'Электро', 'elektro')
];

export const NAME_SUFFIXES: readonly NamePart[] = [
	part('Сервис', 'Сервис', 'servis'),
	part('Снаб', 'Снаб', 'snab'),
	part('Трейд', 'Трейд', 'trade'),
	part('Групп', 'Групп', 'group'),
	part('Импорт', 'Импорт', 'import'),
	part('Комплект', 'Комплект', 'komplekt'),
	part('Ресурс', 'Ресурс', 'resurs'),
	part('Систем', 'Систем', 'system'),
	part('Лаб', 'Лаб', 'lab')
];

/** Second word of two-word names ("Қазақстан Инжиниринг", "Казахстан Парасат"). */
export const NAME_WORDS: readonly NamePart[] = [
	part('Инжиниринг', 'Инжиниринг', 'engineering'),
	part('Парасат', 'Парасат', 'parasat'),
	part('Аналитика', 'Аналитика', 'analytica'),
	part('Геофизика', 'Геофизика', 'geophysics'),
	part('Химпром', 'Химпром', 'himprom'),
	part('Технолоджис', 'Технолоджис', 'technologies'),
	part('Индастриз', 'Индастриз', 'industries'),
	part('Машиностроение', 'Машиностроение', 'mash')
];

export interface LegalForm {
	readonly ru: string;
	readonly kk: string;
	readonly en: string;
}

export const LEGAL_FORMS = {
	llp: { ru: 'ТОО', kk: 'ЖШС', en: 'LLP' },
	jsc: { ru: 'АО', kk: 'АҚ', en: 'JSC' }
} as const satisfies Record<string, LegalForm>;

export interface Surname {
	readonly kk: string;
	readonly ru: string;
	readonly lat: string;
	/** Same form for men and women (Ким, Цой). */
	readonly invariant?: boolean;
}

export const SURNAMES: readonly Surname[] = [
	{ kk: 'Омаров', ru: 'Омаров', lat: 'omarov' },
	{ kk: 'Сейітов', ru: 'Сеитов', lat: 'seitov' },
	{ kk: 'Жұмабаев', ru: 'Жумабаев', lat: 'zhumabayev' },
	{ kk: 'Ахметов', ru: 'Ахметов', lat: 'akhmetov' },
	{ kk: 'Қасымов', ru: 'Касымов', lat: 'kassymov' },
	{ kk: 'Әбенов', ru: 'Абенов', lat: 'abenov' },
	{ kk: 'Серікбаев', ru: 'Серикбаев', lat: 'serikbayev' },
	{ kk: 'Исабеков', ru: 'Исабеков', lat: 'issabekov' },
	{ kk: 'Мұқанов', ru: 'Муканов', lat: 'mukanov' },
	{ kk: 'Есенов', ru: 'Есенов', lat: 'yessenov' },
	{ kk: 'Оспанов', ru: 'Оспанов', lat: 'ospanov' },
	{ kk: 'Тұрсынов', ru: 'Турсунов', lat: 'tursunov' },
	{ kk: 'Байжанов', ru: 'Байжанов', lat: 'baizhanov' },
	{ kk: 'Нұрғалиев', ru: 'Нургалиев', lat: 'nurgaliyev' },
	{ kk: 'Сыздықов', ru: 'Сыздыков', lat: 'syzdykov' },
	{ kk: 'Қалиев', ru: 'Калиев', lat: 'kaliyev' },
	{ kk: 'Жақыпов', ru: 'Жакупов', lat: 'zhakupov' },
	{ kk: 'Әлімов', ru: 'Алимов', lat: 'alimov' },
	{ kk: 'Иванов', ru: 'Иванов', lat: 'ivanov' },
	{ kk: 'Ким', ru: 'Ким', lat: 'kim', invariant: true }
];

export const MALE_NAMES: readonly NamePart[] = [
	part('Ержан', 'Ержан', 'yerzhan'),
	part('Айдос', 'Айдос', 'aidos'),
	part('Нұрлан', 'Нурлан', 'nurlan'),
	part('Серік', 'Серик', 'serik'),
	part('Бауыржан', 'Бауыржан', 'bauyrzhan'),
	part('Дәурен', 'Даурен', 'dauren'),
	part('Асқар', 'Аскар', 'askar'),
	part('Ерлан', 'Ерлан', 'yerlan'),
	part('Марат', 'Марат', 'marat'),
	part('Тимур', 'Тимур', 'timur'),
	part('Арман', 'Арман', 'arman'),
	part('Қайрат', 'Кайрат', 'kairat'),
	part('Болат', 'Болат', 'bolat'),
	part('Ғалым', 'Галым', 'galym'),
	part('Дархан', 'Дархан', 'darkhan'),
	part('Әлібек', 'Алибек', 'alibek')
];

export const FEMALE_NAMES: readonly NamePart[] = [
	part('Айгүл', 'Айгуль', 'aigul'),
	part('Гүлнар', 'Гульнар', 'gulnar'),
	part('Динара', 'Динара', 'dinara'),
	part('Әсел', 'Асель', 'assel'),
	part('Жанар', 'Жанар', 'zhanar'),
	part('Сәуле', 'Сауле', 'saule'),
	part('Мадина', 'Мадина', 'madina'),
	part('Айжан', 'Айжан', 'aizhan'),
	part('Ләззат', 'Ляззат', 'lyazzat'),
	part('Назерке', 'Назерке', 'nazerke'),
	part('Аружан', 'Аружан', 'aruzhan'),
	part('Гүлмира', 'Гульмира', 'gulmira'),
	part('Меруерт', 'Меруерт', 'meruyert'),
	part('Алия', 'Алия', 'aliya')
];

export type CurrencyCode = 'USD' | 'EUR' | 'CNY' | 'RUB' | 'KZT' | 'AED';

/** Demo conversion from USD (not market rates; only to make values look plausible). */
export const DEMO_RATES_FROM_USD: Readonly<Record<CurrencyCode, number>> = {
	USD: 1,
	EUR: 0.92,
	CNY: 7.2,
	RUB: 90,
	KZT: 500,
	AED: 3.67
};

export interface Country {
	readonly iso2: string;
	readonly en: string;
	readonly ru: string;
	readonly kk: string;
	/** EAEU member (001 p.9: licences cover movement within the EAEU and with third countries). */
	readonly eaeu: boolean;
	readonly cities: readonly string[];
	/** Contract currencies usual with this country. */
	readonly currencies: readonly CurrencyCode[];
	/** Name patterns: {A} a word from `words`, {B} one from `fields`. */
	readonly patterns: readonly string[];
	readonly words: readonly string[];
	readonly fields: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
	{
		iso2: 'CN',
		en: 'China',
		ru: 'Китай',
		kk: 'Қытай',
		eaeu: false,
		cities: ['Shenzhen', 'Shanghai', 'Xi’an', 'Urumqi', 'Hangzhou'],
		currencies: ['CNY', 'USD'],
		patterns: ['{C} {A} {B} Co., Ltd.'],
		words: ['Huaxin', 'Zhongke', 'Tianyuan', 'Jinlong', 'Hengtai', 'Xinda'],
		fields: ['Electronics', 'Precision Instruments', 'Chemical', 'Technology', 'Import & Export']
	},
	{
		iso2: 'RU',
		en: 'Russia',
		ru: 'Россия',
		kk: 'Ресей',
		eaeu: true,
		cities: ['Москва', 'Санкт-Петербург', 'Екатеринбург', 'Новосибирск', 'Казань', 'Омск'],
		currencies: ['RUB'],
		patterns: ['ООО «{A}{B}»', 'АО «{A}{B}»'],
		words: ['Урал', 'Сиб', 'Волга', 'Нева', 'Кама', 'Енисей'],
		fields: ['ХимТорг', 'ПромСнаб', 'ПриборСервис', 'ТехноКомплект', 'ЭнергоМаш']
	},
	{
		iso2: 'DE',
		en: 'Germany',
		ru: 'Германия',
		kk: 'Германия',
		eaeu: false,
		cities: ['Hamburg', 'Stuttgart', 'Düsseldorf', 'Dresden', 'München'],
		currencies: ['EUR'],
		patterns: ['{A} {B} GmbH'],
		words: ['Müller', 'Schneider', 'Becker', 'Hoffmann', 'Wagner', 'Krüger'],
		fields: ['Messtechnik', 'Analytik', 'Lasertechnik', 'Präzisionstechnik', 'Chemiehandel']
	},
	{
		iso2: 'TR',
		en: 'Türkiye',
		ru: 'Турция',
		kk: 'Түркия',
		eaeu: false,
		cities: ['İstanbul', 'Ankara', 'İzmir', 'Bursa'],
		currencies: ['USD', 'EUR'],
		patterns: ['{A} {B} Sanayi ve Ticaret A.Ş.'],
		words: ['Anadolu', 'Ege', 'Marmara', 'Karadeniz', 'Toros'],
		fields: ['Makina', 'Kimya', 'Elektronik', 'Enerji']
	},
	{
		iso2: 'UZ',
		en: 'Uzbekistan',
		ru: 'Узбекистан',
		kk: 'Өзбекстан',
		eaeu: false,
		cities: ['Toshkent', 'Samarqand', 'Navoiy', 'Olmaliq'],
		currencies: ['USD'],
		patterns: ['“{A} {B}” MChJ'],
		words: ['Toshkent', 'Samarqand', 'Navoiy', 'Zarafshon'],
		fields: ['Kimyo Savdo', 'Texnika Servis', 'Energiya', 'Sanoat Ta’minot']
	},
	{
		iso2: 'KG',
		en: 'Kyrgyzstan',
		ru: 'Кыргызстан',
		kk: 'Қырғызстан',
		eaeu: true,
		cities: ['Бишкек', 'Ош', 'Кара-Балта'],
		currencies: ['USD', 'RUB'],
		patterns: ['ОсОО «{A}{B}»'],
		words: ['АлаТоо', 'Иссык', 'Чуй', 'Нарын'],
		fields: ['Снаб', 'ТехСервис', 'Импорт', 'Трейд']
	},
	{
		iso2: 'BY',
		en: 'Belarus',
		ru: 'Беларусь',
		kk: 'Беларусь',
		eaeu: true,
		cities: ['Минск', 'Гомель', 'Брест'],
		currencies: ['RUB', 'USD'],
		patterns: ['ООО «{A}{B}»', 'ОДО «{A}{B}»'],
		words: ['Неман', 'Полесье', 'Минск', 'Березина'],
		fields: ['ЭлектроСнаб', 'ПриборТорг', 'ХимПром']
	},
	{
		iso2: 'AE',
		en: 'United Arab Emirates',
		ru: 'Объединённые Арабские Эмираты',
		kk: 'Біріккен Араб Әмірліктері',
		eaeu: false,
		cities: ['Dubai', 'Sharjah', 'Abu Dhabi'],
		currencies: ['USD', 'AED'],
		patterns: ['{A} {B} FZE', '{A} {B} L.L.C.'],
		words: ['Gulf', 'Falcon', 'Desert Rose', 'Emirates Star', 'Al Noor'],
		fields: ['Precision Trading', 'Industrial Supplies', 'Technologies', 'General Trading']
	},
	{
		iso2: 'IN',
		en: 'India',
		ru: 'Индия',
		kk: 'Үндістан',
		eaeu: false,
		cities: ['Mumbai', 'Pune', 'Bengaluru', 'Chennai'],
		currencies: ['USD'],
		patterns: ['{A} {B} Pvt. Ltd.'],
		words: ['Shree', 'Bharat', 'Deccan', 'Sai', 'Kaveri'],
		fields: ['Analytical Instruments', 'Chemicals', 'Electronics', 'Engineering']
	},
	{
		iso2: 'KR',
		en: 'Republic of Korea',
		ru: 'Республика Корея',
		kk: 'Корея Республикасы',
		eaeu: false,
		cities: ['Seoul', 'Busan', 'Incheon', 'Daejeon'],
		currencies: ['USD'],
		patterns: ['{A} {B} Co., Ltd.'],
		words: ['Hanil', 'Daesung', 'Sejin', 'Woojin', 'Samhwa'],
		fields: ['Precision', 'Tech', 'Electronics', 'Industrial']
	},
	{
		iso2: 'IT',
		en: 'Italy',
		ru: 'Италия',
		kk: 'Италия',
		eaeu: false,
		cities: ['Milano', 'Torino', 'Bologna', 'Brescia'],
		currencies: ['EUR'],
		patterns: ['{A} {B} S.r.l.'],
		words: ['Lombarda', 'Padana', 'Adriatica', 'Tirrena'],
		fields: ['Meccanica', 'Strumenti', 'Laser', 'Chimica']
	}
];
