/**
 * Legal citations as structure, rendered per language (ADR-032). The code keeps citations in the
 * short canonical form of the digests ("001 p.19 para 3; 000 p.13", "001 Annex 1 row 3",
 * "003 A3 p.7", "004 P 10", "000 Annex 4 form 1 item 12; form 2 item 9", "001 Annex 1 form 1 field
 * 8", and two codes: "LC art. 85" the Labour Code, "CC art. 26" the Code on customs regulation);
 * `parseCitation` reads that form into act, annex, form, item, field, point, paragraph and sub-point, and `formatCitations`
 * writes it as a Kazakh or Russian reader expects it: kk "001 ереже, 19-т. 3-абз.", ru "Правила
 * 001, п. 19 абз. 3". A part after ";" without an act ("form 2 item 9") continues the previous
 * citation's act and annex (ADR-082). English keeps the canonical form.
 */
export type CitationLocale = 'kk' | 'ru' | 'en';

/** A number or a range such as "23–25". */
type Num = string;

export interface Citation {
	act: string;
	/** 003's regulations are its annexes A1–A11. */
	regulation?: Num;
	annex?: Num;
	/** A form of an annex ("Annex 4 form 1", "Annex 3 forms 1–3") and a numbered item of that form ("item 12"). */
	form?: Num;
	item?: Num;
	/** A numbered field of a form ("form 1 field 8"): ru "графа", kk "бағана". */
	field?: Num;
	row?: Num;
	ground?: Num;
	points?: Num;
	/** An article of a code ("LC art. 85"). */
	article?: Num;
	/** 003's regulations number the conditions and processes of a point ("p.10 condition 2, process 5"). */
	condition?: Num;
	process?: Num;
	/** "P 10" (004 numbers its paragraphs as points). */
	pointStyle?: 'p' | 'P';
	paragraphs?: Num;
	subpoints?: Num;
	/** "p.24(1)": a sub-point written in brackets. */
	bracketed?: Num;
}

const NUM = String.raw`\d+(?:\.\d+)*(?:[–-]\d+(?:\.\d+)*)?`;
const PARTS: [RegExp, (c: Citation, v: string) => void][] = [
	[new RegExp(`^Annex (${NUM})`), (c, v) => (c.annex = v)],
	[new RegExp(`^forms? (${NUM})`), (c, v) => (c.form = v)],
	[new RegExp(`^item (${NUM})`), (c, v) => (c.item = v)],
	[new RegExp(`^fields? (${NUM})`), (c, v) => (c.field = v)],
	[new RegExp(`^row (${NUM})(?:\\((\\d+)\\))?`), (c, v) => (c.row = v)],
	[new RegExp(`^ground (${NUM})`), (c, v) => (c.ground = v)],
	[new RegExp(`^(A\\d+(?:[–-]A\\d+)?)`), (c, v) => (c.regulation = v.replaceAll('A', ''))],
	[new RegExp(`^art\\.\\s?(${NUM})`), (c, v) => (c.article = v)],
	[new RegExp(`^pp?\\.\\s?(${NUM})(?:\\((\\d+)\\))?`), (c, v) => (c.points = v)],
	[new RegExp(`^P (${NUM})`), (c, v) => ((c.points = v), (c.pointStyle = 'P'))],
	[new RegExp(`^paras? (${NUM})`), (c, v) => (c.paragraphs = v)],
	[new RegExp(`^sub\\.\\s?(${NUM})`), (c, v) => (c.subpoints = v)],
	[new RegExp(`^condition (${NUM})`), (c, v) => (c.condition = v)],
	[new RegExp(`^process (${NUM})`), (c, v) => (c.process = v)]
];

/** One citation ("001 p.19 para 3"), or null when it is not in the canonical form. */
export function parseCitation(text: string): Citation | null {
	const head = /^(\d{3}|LC|CC)\s+/.exec(text.trim());
	if (!head) return null;
	const c: Citation = { act: head[1]! };
	let rest = text.trim().slice(head[0].length);
	while (rest.length) {
		const hit = PARTS.map(([re, set]) => [re.exec(rest), set] as const).find(([m]) => m);
		if (!hit) return null;
		const [m, set] = hit;
		const before = Object.keys(c).length;
		set(c, m![1]!);
		// A place named twice ("p.5.5, p.8.5") is two citations: written with ";", not read as one.
		if (Object.keys(c).length === before) return null;
		if (m![2]) c.bracketed = m![2];
		rest = rest.slice(m![0].length).replace(/^[\s,]+/, '');
	}
	return c;
}

const ACT: Record<Exclude<CitationLocale, 'en'>, Record<string, string>> = {
	kk: {
		'001': '001 ереже',
		'000': '000 ереже',
		'002': '002 бұйрық',
		'003': '003 регламенттер',
		'004': '004 бірлескен бұйрық',
		LC: 'ҚР Еңбек кодексі',
		CC: 'ҚР «Кедендік реттеу туралы» кодексі'
	},
	ru: {
		'001': 'Правила 001',
		'000': 'Правила 000',
		'002': 'Приказ 002',
		'003': 'Регламенты 003',
		'004': 'Совместный приказ 004',
		LC: 'Трудовой кодекс РК',
		CC: 'Кодекс РК «О таможенном регулировании»'
	}
};

const range = (v: Num) => v.includes('–') || v.includes('-');

function formatOne(c: Citation, locale: CitationLocale): string {
	const sub = c.bracketed ?? c.subpoints;
	if (locale === 'en') {
		const parts = [c.act];
		if (c.regulation) parts.push(`A${c.regulation.replace(/[–-]/, '$&A')}`);
		if (c.article) parts.push(`art. ${c.article}`);
		if (c.annex) parts.push(`Annex ${c.annex}`);
		if (c.form) parts.push(`${range(c.form) ? 'forms' : 'form'} ${c.form}`);
		if (c.item) parts.push(`item ${c.item}`);
		if (c.field) parts.push(`${range(c.field) ? 'fields' : 'field'} ${c.field}`);
		if (c.row) parts.push(`row ${c.row}${c.bracketed && !c.points ? `(${c.bracketed})` : ''}`);
		if (c.ground) parts.push(`ground ${c.ground}`);
		if (c.points)
			parts.push(
				c.pointStyle === 'P'
					? `P ${c.points}`
					: `${range(c.points) ? 'pp.' : 'p.'}${c.points}${c.bracketed ? `(${c.bracketed})` : ''}`
			);
		if (c.paragraphs) parts.push(`${range(c.paragraphs) ? 'paras' : 'para'} ${c.paragraphs}`);
		if (c.subpoints) parts.push(`sub.${c.subpoints}`);
		if (c.condition) parts.push(`condition ${c.condition}`);
		if (c.process) parts.push(`process ${c.process}`);
		return parts.join(' ');
	}
	const act = ACT[locale][c.act] ?? c.act;
	const kk = locale === 'kk';
	const parts: string[] = [];
	// A range of regulations is plural: kk "1–11-регламенттер", ru "регламенты 1–11".
	if (c.regulation)
		parts.push(
			kk
				? `${c.regulation}-${range(c.regulation) ? 'регламенттер' : 'регламент'}`
				: `${range(c.regulation) ? 'регламенты' : 'регламент'} ${c.regulation}`
		);
	if (c.article) parts.push(kk ? `${c.article}-бап` : `ст. ${c.article}`);
	if (c.annex) parts.push(kk ? `${c.annex}-қосымша` : `прил. ${c.annex}`);
	if (c.form) parts.push(kk ? `${c.form}-нысан` : `${range(c.form) ? 'формы' : 'форма'} ${c.form}`);
	if (c.item) parts.push(kk ? `${c.item}-т.` : `п. ${c.item}`);
	if (c.field) parts.push(kk ? `${c.field}-бағана` : `графа ${c.field}`);
	if (c.row) parts.push(kk ? `${c.row}-жол` : `стр. ${c.row}`);
	if (c.ground) parts.push(kk ? `${c.ground}-негіз` : `осн. ${c.ground}`);
	if (c.points) parts.push(kk ? `${c.points}-т.` : `${range(c.points) ? 'пп.' : 'п.'} ${c.points}`);
	if (c.paragraphs) parts.push(kk ? `${c.paragraphs}-абз.` : `абз. ${c.paragraphs}`);
	if (sub) parts.push(kk ? `${sub})-тт.` : `пп. ${sub})`);
	if (c.condition) parts.push(kk ? `${c.condition}-шарт` : `условие ${c.condition}`);
	if (c.process) parts.push(kk ? `${c.process}-процесс` : `процесс ${c.process}`);
	return parts.length ? `${act}, ${parts.join(' ')}` : act;
}

/**
 * A part without an act continuing `prev` ("form 2 item 9" after "000 Annex 4 form 1 item 12"): it
 * inherits the act, and the annex when it starts below it (a form, an item, a row). Returns the
 * part as written (to show) and as understood (to be continued in turn).
 */
function continuation(part: string, prev: Citation | null): { written: Citation; full: Citation } | null {
	if (!prev || /^(\d{3}|LC|CC)\s/.test(part.trim())) return null;
	const written = parseCitation(`${prev.act} ${part}`);
	if (!written) return null;
	const inherits = !written.annex && prev.annex && (written.form || written.item || written.field || written.row);
	// A point after a regulation's point is of that regulation ("003 A3 p.5.7; p.8.7").
	const sameRegulation = !written.regulation && !written.annex && prev.regulation && written.points;
	const full = {
		...written,
		...(inherits ? { annex: prev.annex } : {}),
		...(sameRegulation ? { regulation: prev.regulation } : {})
	};
	return { written, full };
}

/** The continuing part alone, without the act its citation already named. */
function formatContinuation(c: Citation, locale: CitationLocale): string {
	const text = formatOne(c, locale);
	const act = locale === 'en' ? c.act : (ACT[locale][c.act] ?? c.act);
	return text.replace(locale === 'en' ? `${act} ` : `${act}, `, '');
}

/**
 * The parts of a citation: joined by ";", or by "," before an annex ("001 p.14, Annex 1 row 7", as
 * older records write it: the point and the annex row are two places of the act).
 */
const partsOf = (text: string) => text.split(/;\s*|,\s*(?=Annex )/);

/**
 * Every citation of `text` (parts joined by ";") as structure, each whole: a part continuing the one
 * before carries the act (and the annex) it inherits. Null when a part is not in the canonical form,
 * so a caller never gets half a citation (ADR-106).
 */
export function parseCitations(text: string | null | undefined): Citation[] | null {
	if (!text?.trim()) return null;
	let prev: Citation | null = null;
	const out: Citation[] = [];
	for (const part of partsOf(text)) {
		const own = parseCitation(part);
		const full: Citation | null | undefined = own ?? continuation(part, prev)?.full;
		if (!full) return null;
		out.push(full);
		prev = full;
	}
	return out;
}

/**
 * Citations joined by ";" in `locale`. A part that is not in the canonical form is kept as written
 * (the check of every page in kk and ru finds it if it is English).
 */
export function formatCitations(text: string, locale: CitationLocale): string {
	let prev: Citation | null = null;
	return partsOf(text)
		.map((part) => {
			const own = parseCitation(part);
			if (own) {
				prev = own;
				return formatOne(own, locale);
			}
			const cont = continuation(part, prev);
			if (!cont) return part;
			prev = cont.full;
			return formatContinuation(cont.written, locale);
		})
		.join('; ');
}
