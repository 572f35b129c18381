/**
 * The reasoned-refusal letter (001 Annex 2) as a PDF on the shared A4 layout (../pdf/pdf-layout).
 * Deterministic for the same letter and time, so the SHA-256 recorded at signing identifies it.
 */
import type { RefusalLetter } from '../../domain/drafting/refusal-letter';
import { RIGHT, COLUMN, startPdf } from '../pdf/pdf-layout';

export async function renderLetterPdf(
	letter: RefusalLetter,
	opts: { createdAt: Date; draftMark?: string }
): Promise<Uint8Array> {
	const title = `${letter.title.kk} / ${letter.title.ru} — ${letter.number.ru}`;
	const { pdf, w } = await startPdf({
		title,
		author: letter.signer.name,
		createdAt: opts.createdAt
	});
	if (opts.draftMark) {
		w.block(opts.draftMark, { font: w.bold, size: 9, align: 'right' });
		w.gap(4);
	}
	// 001 Annex 2 item 2: the bilingual header in two columns; item 3: the city.
	w.letterhead(letter.header, letter.city);
	// Item 4: number and date of issue.
	w.numberAndDate(letter.number, letter.date);
	// Item 5: the addressee, on the right.
	w.block(letter.addressee.join('\n'), { x: RIGHT, width: COLUMN, font: w.bold });
	w.gap(16);
	// Item 6: the title.
	w.block(`${letter.title.kk} / ${letter.title.ru}`, { font: w.bold, size: 12, align: 'center', role: 'H1' });
	w.gap(10);
	// Item 7: the body — the opening sentence in both languages, then the grounds.
	w.block(letter.intro.kk, { lang: 'kk-KZ' });
	w.gap(4);
	w.block(letter.intro.ru, { lang: 'ru-RU' });
	w.gap(8);
	for (const paragraph of letter.body) {
		w.block(paragraph);
		w.gap(5);
	}
	// Item 8: the signer's position and name.
	w.signature(letter.signer.position, letter.signer.name);
	w.tags.finish(title);
	return pdf.save({ useObjectStreams: false });
}
