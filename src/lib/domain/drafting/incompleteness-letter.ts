/**
 * The body of the reasoned refusal of further consideration (өтінішті одан әрі қараудан дәлелді бас
 * тарту) for an incomplete or expired dossier, on the Annex 2 form of the act in question (001 p.15
 * para 2; 000 p.11): the act's condition with its point, then the missing or expired documents the
 * officer listed. Kazakh first, then Russian, as the bilingual form; the header comes from
 * refusal-letter.ts for the same act.
 */
import type { LetterAct } from './refusal-letter';

const CONDITION: Record<LetterAct, { kk: string; ru: string }> = {
	// 001 p.15 para 2, the act's wording, with p.15's number as the letter cites the Rules.
	'001': {
		kk:
			'Көрсетілетін қызметті алушы құжаттардың толық топтамасын ұсынбаған және (немесе) қолданылу ' +
			'мерзімі өткен құжаттарды ұсынған (Қағидалардың 15-тармағы).',
		ru:
			'Услугополучателем не представлен полный пакет документов и (или) представлены документы с ' +
			'истёкшим сроком действия (пункт 15 Правил).'
	},
	// 000 p.11; the act's garbled "толық установстігі" read as "толық еместігі" (incompleteness).
	'000': {
		kk: 'Ұсынылған құжаттардың толық еместігі анықталды (Қағидалардың 11-тармағы).',
		ru: 'Установлена неполнота представленных документов (пункт 11 Правил).'
	}
};

const MISSING = {
	kk: 'Ұсынылмаған немесе мерзімі өткен құжаттар:',
	ru: 'Не представленные или просроченные документы:'
};

export function incompletenessLetterBody(act: LetterAct, missing: readonly string[]): string[] {
	const items = missing.map((m) => m.trim()).filter(Boolean);
	return [CONDITION[act].kk, CONDITION[act].ru, `${MISSING.kk} / ${MISSING.ru}`, ...items.map((m) => `— ${m}`)];
}
