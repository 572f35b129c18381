/**
 * What the grounds picker inserts into a refusal letter: the ground's faithful wording (the act's
 * Kazakh text and our Russian rendering, refusal-grounds.ts) with its legal point. For a
 * confidential ground (ADR-009) the letter states the ground and that the information
 * behind it is not disclosed — never the information itself (001 p.19 para 5).
 */
import type { GroundAct, RefusalGround } from '../reference/refusal-grounds';

/** "Rules" as the letter names them: 001 and 000 are each "the Rules" of their service. */
const RULES_NAME: Record<GroundAct, { kk: string; ru: string }> = {
	'001': { kk: 'Қағидалар', ru: 'Правилам' },
	'000': { kk: 'Қағидалар', ru: 'Правилам' }
};

/** The legal point in the letter's languages: Annex 1 ("List of main requirements") row 9, sub-item N. */
export function groundPoint(ground: Pick<RefusalGround, 'act' | 'number'>): { kk: string; ru: string } {
	const rules = RULES_NAME[ground.act];
	return {
		kk: `${rules.kk}ға 1-қосымшаның 9-жолы, ${ground.number})-тармақша`,
		ru: `подпункт ${ground.number}) строки 9 приложения 1 к ${rules.ru}`
	};
}

/** 001 p.19 para 5: the information that served as the basis of the refusal is not disclosed. */
export const NON_DISCLOSURE = {
	kk: 'Бас тартуға негіз болған ақпарат жария етілуге және (немесе) таратылуға жатпайды (Қағидалардың 19-тармағы).',
	ru: 'Информация, послужившая основанием для отказа, не подлежит разглашению и (или) распространению (пункт 19 Правил).'
} as const;

/** Is the ground treated as confidential in this letter: always, or optional and marked by the officer. */
export function isConfidentialInLetter(ground: Pick<RefusalGround, 'confidential'>, markedByOfficer: boolean): boolean {
	return ground.confidential === 'always' || (ground.confidential === 'optional' && markedByOfficer);
}

const sentence = (text: string) => {
	const trimmed = text.trim().replace(/[.;]+$/u, '');
	return trimmed.charAt(0).toLocaleUpperCase('kk') + trimmed.slice(1);
};

/**
 * The paragraphs inserted for a ground, Kazakh first then Russian (the letter is bilingual like its
 * header, 001 Annex 2), each ending with the legal point; plus the non-disclosure statement for a
 * confidential ground.
 */
export function groundParagraphs(ground: RefusalGround, opts: { markConfidential?: boolean } = {}): string[] {
	const point = groundPoint(ground);
	const paragraphs = [`${sentence(ground.textKk)} (${point.kk}).`, `${sentence(ground.textRu)} (${point.ru}).`];
	// Only 001 has the non-disclosure rule (001 p.19 para 5); 000 ends at p.18 and has none to cite.
	if (ground.act === '001' && isConfidentialInLetter(ground, opts.markConfidential ?? false))
		paragraphs.push(NON_DISCLOSURE.kk, NON_DISCLOSURE.ru);
	return paragraphs;
}
