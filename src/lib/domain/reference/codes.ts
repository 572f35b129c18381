/**
 * Control-list codes, commodity (HS / EAEU CN FEA) codes and look-alike folding.
 *
 * The acts write control codes with Cyrillic letters: "1С350" has U+0421 CYRILLIC CAPITAL ES
 * (checked in the seed bytes, 001 p.5, p.18). Officers and applicants type Latin "1C350". We
 * normalise Latin look-alikes to the Cyrillic form the acts use (ADR-010).
 */

/** Latin capital → Cyrillic capital look-alike (the twelve letters of ADR-010). */
const LATIN_TO_CYRILLIC_UPPER: Readonly<Record<string, string>> = {
	A: 'А', // U+0410
	B: 'В', // U+0412
	C: 'С', // U+0421
	E: 'Е', // U+0415
	H: 'Н', // U+041D
	K: 'К', // U+041A
	M: 'М', // U+041C
	O: 'О', // U+041E
	P: 'Р', // U+0420
	T: 'Т', // U+0422
	X: 'Х', // U+0425
	Y: 'У' // U+0423
};

/**
 * Latin lower-case → Cyrillic lower-case, for search folding. Applied after lower-casing, so a
 * Latin letter folds to the same thing whatever its case ("Bank", "bank", "ВАНК" → "ванк"). The set
 * is the lower-case partners of the upper-case look-alikes, plus "i" → Kazakh "і" (U+0456).
 */
const LATIN_TO_CYRILLIC_LOWER: Readonly<Record<string, string>> = {
	a: 'а',
	b: 'в',
	c: 'с',
	e: 'е',
	h: 'н',
	i: 'і',
	k: 'к',
	m: 'м',
	o: 'о',
	p: 'р',
	t: 'т',
	x: 'х',
	y: 'у'
};

function mapChars(text: string, table: Readonly<Record<string, string>>): string {
	let out = '';
	for (const ch of text) out += table[ch] ?? ch;
	return out;
}

/**
 * Canonical form of a control-list code: NFKC, all whitespace removed, upper-cased, Latin
 * look-alikes replaced by Cyrillic. '1c 350' → '1С350'. Letters without a look-alike (e.g. D, L)
 * stay Latin. Sub-items are upper-cased too ('1C350.a' → '1С350.А'); compare normalised forms only.
 */
export function normalizeControlCode(code: string): string {
	return mapChars(code.normalize('NFKC').replace(/\s+/gu, '').toUpperCase(), LATIN_TO_CYRILLIC_UPPER);
}

/** True when the code is `base` or one of its sub-items (base followed by "."). '1С3501' is not 1С350. */
function isCodeOrSubItem(code: string, base: string): boolean {
	const c = normalizeControlCode(code);
	return c === base || c.startsWith(`${base}.`);
}

/** Codes for which the MFA authenticity check is mandatory in the p.18 cases (001 p.18 para 1). */
export const MFA_CHECK_CODES = ['1С350', '10С905'] as const;

/** Codes a general export licence may cover (001 p.5). */
export const GENERAL_LICENCE_CODES = ['1С350', '10С905', '10С906', '10С907'] as const;

/**
 * 001 p.18: for goods under 1С350 or 10С905 the guarantee commitment goes to the MFA on a first
 * export to the counterparty or when risk information was received. This only says whether the code
 * is one of those two (or a sub-item); the first-export / risk condition is the caller's.
 */
export function isMfaCheckCode(code: string): boolean {
	return MFA_CHECK_CODES.some((base) => isCodeOrSubItem(code, base));
}

/** 001 p.5: may goods under this control code be exported under a general licence? */
export function isGeneralLicenceCode(code: string): boolean {
	return GENERAL_LICENCE_CODES.some((base) => isCodeOrSubItem(code, base));
}

/**
 * Control-list category of a code: its leading number, 0–10 (001 Order Annex 2 rows 4, 6 name
 * categories 0–9 and 10). null if the code does not start with 0–10 followed by a letter.
 */
export function controlCategory(code: string): number | null {
	const m = /^(\d{1,2})\p{L}/u.exec(normalizeControlCode(code));
	if (!m || m[1] === undefined) return null;
	const n = Number(m[1]);
	return n <= 10 && String(n) === m[1] ? n : null;
}

export interface ControlCategory {
	readonly number: number;
	readonly nameEn: string;
	readonly nameRu: string;
	readonly nameKk: string;
}

/**
 * Categories 0–9 follow the dual-use list structure the Control List reuses (names are ours; the
 * seeds only number them). Category 10 is the national-security list, "not covered by categories
 * 0–9" (001 Order Annex 2 row 4).
 */
export const CONTROL_CATEGORIES: readonly ControlCategory[] = [
	{
		number: 0,
		nameEn: 'Nuclear materials, facilities and equipment',
		nameRu: 'Ядерные материалы, установки и оборудование',
		nameKk: 'Ядролық материалдар, қондырғылар және жабдықтар'
	},
	{
		number: 1,
		nameEn: 'Special materials and related equipment',
		nameRu: 'Специальные материалы и связанное с ними оборудование',
		nameKk: 'Арнайы материалдар және оларға байланысты жабдықтар'
	},
	{ number: 2, nameEn: 'Materials processing', nameRu: 'Обработка материалов', nameKk: 'Материалдарды өңдеу' },
	{ number: 3, nameEn: 'Electronics', nameRu: 'Электроника', nameKk: 'Электроника' },
	{ number: 4, nameEn: 'Computers', nameRu: 'Вычислительная техника', nameKk: 'Есептеуіш техника' },
	{
		number: 5,
		nameEn: 'Telecommunications and information security',
		nameRu: 'Телекоммуникации и защита информации',
		nameKk: 'Телекоммуникациялар және ақпаратты қорғау'
	},
	{ number: 6, nameEn: 'Sensors and lasers', nameRu: 'Датчики и лазеры', nameKk: 'Датчиктер және лазерлер' },
	{ number: 7, nameEn: 'Navigation and avionics', nameRu: 'Навигация и авионика', nameKk: 'Навигация және авионика' },
	{ number: 8, nameEn: 'Marine', nameRu: 'Морское оборудование', nameKk: 'Теңіз жабдықтары' },
	{
		number: 9,
		nameEn: 'Aerospace and propulsion',
		nameRu: 'Авиационно-космическая техника и двигательные установки',
		nameKk: 'Авиация-ғарыш техникасы және қозғалтқыш қондырғылары'
	},
	{
		number: 10,
		nameEn: 'Goods controlled for national security',
		nameRu: 'Товары, контролируемые в целях обеспечения национальной безопасности',
		nameKk: 'Ұлттық қауіпсіздікті қамтамасыз ету үшін бақыланатын тауарлар'
	}
];

/**
 * Folding for search: NFKC, lower case, Latin look-alikes → Cyrillic, "ё" → "е", quotes (« » " “ ” „ ')
 * → space, whitespace collapsed and trimmed. Lossy on purpose: apply it to both the query and the
 * text. Kazakh letters (ә ғ қ ң ө ұ ү һ і) are kept as they are.
 */
export function normalizeForSearch(text: string): string {
	const lower = text.normalize('NFKC').toLowerCase();
	return mapChars(lower, LATIN_TO_CYRILLIC_LOWER)
		.replace(/ё/gu, 'е')
		.replace(/[«»"“”„'‘’]/gu, ' ')
		.replace(/\s+/gu, ' ')
		.trim();
}

/** Removes the grouping spaces and dots people write in CN FEA codes ("8517 13 000 0" → "8517130000"). */
export function normalizeHsCode(s: string): string {
	return s.replace(/[\s.]/gu, '');
}

/**
 * A 10-digit EAEU CN FEA code (001 p.7; 000 p.5 para 3). Grouping spaces/dots are allowed. The chapter
 * (first two digits) must be 01–97 and not 77, which the Harmonized System reserves; no lookup in
 * the nomenclature itself is done.
 */
export function isValidHsCode(s: string): boolean {
	const code = normalizeHsCode(s);
	if (!/^\d{10}$/.test(code)) return false;
	const chapter = Number(code.slice(0, 2));
	return chapter >= 1 && chapter <= 97 && chapter !== 77;
}
