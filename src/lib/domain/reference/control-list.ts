/**
 * The control-list items the desk knows by their heading, in Kazakh, Russian and English. Codes are
 * in the acts' Cyrillic form (001 p.5, ADR-010). Headings of categories 1–9 follow the dual-use list
 * the Control List reuses (001 Order Annex 2 rows 4, 6); the category 10 items (national security,
 * "not covered by categories 0–9") are the demo's own examples. A code not listed is shown alone,
 * with its category's name when it has one (ADR-077).
 */
import type { DisplayLocale } from '../format/display-format';
import { CONTROL_CATEGORIES, controlCategory, normalizeControlCode } from './codes';

export interface ControlListItem {
	readonly code: string;
	readonly kk: string;
	readonly ru: string;
	readonly en: string;
}

export const CONTROL_LIST_ITEMS: readonly ControlListItem[] = [
	{
		code: '1А004',
		kk: 'Әскери қолдануға арнайы әзірленбеген қорғаныш және анықтау жабдықтары мен олардың құрамдас бөліктері',
		ru: 'Защитное и детекторное оборудование и его компоненты, не разработанные специально для военного применения',
		en: 'Protective and detection equipment and components, not specially designed for military use'
	},
	{
		code: '1С010',
		kk: 'Талшықты немесе жіп тәрізді материалдар',
		ru: 'Волокнистые или нитевидные материалы',
		en: 'Fibrous or filamentary materials'
	},
	{
		code: '1С350',
		kk: 'Улы химиялық заттардың прекурсорлары ретінде пайдаланылуы мүмкін химиялық заттар',
		ru: 'Химические вещества, которые могут использоваться в качестве прекурсоров токсичных химикатов',
		en: 'Chemicals which may be used as precursors for toxic chemical agents'
	},
	{
		code: '2В001',
		kk: 'Металдарды, керамиканы немесе композиттік материалдарды жонуға немесе кесуге арналған станоктар',
		ru: 'Станки для обработки резанием металлов, керамики или композиционных материалов',
		en: 'Machine tools for removing or cutting metals, ceramics or composites'
	},
	{
		code: '2В350',
		kk: 'Химиялық заттарды өндіруге арналған қондырғылар, жабдықтар және олардың құрамдас бөліктері',
		ru: 'Установки, оборудование и компоненты для производства химических веществ',
		en: 'Chemical manufacturing facilities, equipment and components'
	},
	{ code: '3А001', kk: 'Электрондық компоненттер', ru: 'Электронные компоненты', en: 'Electronic components' },
	{
		code: '3А225',
		kk: 'Жиілік түрлендіргіштері немесе генераторлар',
		ru: 'Преобразователи частоты или генераторы',
		en: 'Frequency changers or generators'
	},
	{
		code: '5А002',
		kk: 'Ақпараттық қауіпсіздікті қамтамасыз етуге арналған жүйелер, жабдықтар және олардың құрамдас бөліктері',
		ru: 'Системы, оборудование и компоненты для обеспечения информационной безопасности',
		en: 'Information security systems, equipment and components'
	},
	{
		code: '6А003',
		kk: 'Камералар, жүйелер немесе жабдықтар және олардың құрамдас бөліктері',
		ru: 'Камеры, системы или оборудование и их компоненты',
		en: 'Cameras, systems or equipment, and components'
	},
	{
		code: '6А005',
		kk: 'Лазерлер, олардың құрамдас бөліктері және оптикалық жабдықтар',
		ru: 'Лазеры, их компоненты и оптическое оборудование',
		en: 'Lasers, components and optical equipment'
	},
	{
		code: '7А003',
		kk: 'Инерциялық өлшеу жабдықтары немесе жүйелері',
		ru: 'Инерциальное измерительное оборудование или системы',
		en: 'Inertial measurement equipment or systems'
	},
	{
		code: '9А012',
		kk: 'Ұшқышсыз ұшу аппараттары, оларға байланысты жүйелер, жабдықтар және құрамдас бөліктер',
		ru: 'Беспилотные летательные аппараты, связанные с ними системы, оборудование и компоненты',
		en: 'Unmanned aerial vehicles, associated systems, equipment and components'
	},
	{
		code: '10С905',
		kk: 'Аммиак селитрасы (аммоний нитраты) және оның негізіндегі қоспалар',
		ru: 'Аммиачная селитра (нитрат аммония) и смеси на её основе',
		en: 'Ammonium nitrate and mixtures based on it'
	},
	{ code: '10С906', kk: 'Сусыз аммиак', ru: 'Аммиак безводный', en: 'Anhydrous ammonia' },
	{
		code: '10С907',
		kk: 'Концентрацияланған азот қышқылы',
		ru: 'Азотная кислота концентрированная',
		en: 'Concentrated nitric acid'
	}
];

const BY_CODE = new Map(CONTROL_LIST_ITEMS.map((i) => [i.code, i]));

/** The item of `code` or of the item it is a sub-item of ("1С350.а" → 1С350); null when unlisted. */
export function findControlItem(code: string): ControlListItem | null {
	const c = normalizeControlCode(code);
	return BY_CODE.get(c) ?? BY_CODE.get(c.split('.')[0] ?? '') ?? null;
}

/** The heading of `code` in `locale`: the item's, else its category's, else null. */
export function controlItemDescription(code: string, locale: DisplayLocale): string | null {
	const item = findControlItem(code);
	if (item) return item[locale];
	const n = controlCategory(code);
	const cat = n === null ? undefined : CONTROL_CATEGORIES.find((c) => c.number === n);
	if (!cat) return null;
	return locale === 'kk' ? cat.nameKk : locale === 'ru' ? cat.nameRu : cat.nameEn;
}

/** "1С350 — Химические вещества…", or the code alone when it has no heading. */
export function controlItemLabel(code: string, locale: DisplayLocale): string {
	const d = controlItemDescription(code, locale);
	return d ? `${code} — ${d}` : code;
}

/** "1С350 — kk heading / ru heading" for a bilingual document, or the code alone. */
export function controlItemKkRu(code: string): string {
	if (!code) return '';
	const kk = controlItemDescription(code, 'kk');
	const ru = controlItemDescription(code, 'ru');
	return kk && ru ? `${code} — ${kk === ru ? kk : `${kk} / ${ru}`}` : code;
}
