/**
 * A document's content as an archive-friendly A4 PDF: DejaVu Serif embedded (subset) so Cyrillic
 * and the Kazakh letters ә ғ қ ң ө ұ ү һ і render and the text can be extracted; fixed metadata and
 * dates from the caller, so the same content and time give the same bytes. Returns the pdf-lib
 * document unsaved, so the PAdES signature placeholder can be added before the one save.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { DocumentContent } from '../../domain/documents/content';
import { A4, MARGIN, Writer, fontBytes } from '../drafting/letter-pdf';

export async function buildDocumentPdf(
	c: DocumentContent,
	opts: { createdAt: Date; mark?: string | null }
): Promise<PDFDocument> {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	const fonts = fontBytes();
	const regular = await pdf.embedFont(fonts.regular, { subset: true });
	const bold = await pdf.embedFont(fonts.bold, { subset: true });
	pdf.setSubject(c.citation);
	pdf.setAuthor(c.signer.name);
	pdf.setCreator('Merzim');
	pdf.setProducer('Merzim (pdf-lib)');
	pdf.setCreationDate(opts.createdAt);
	pdf.setModificationDate(opts.createdAt);

	const w = new Writer(pdf, regular, bold);
	const kk = { lang: 'kk-KZ' };
	const ru = { lang: 'ru-RU' };
	const column = (A4.width - 2 * MARGIN - 24) / 2;
	const right = MARGIN + column + 24;
	if (opts.mark) {
		w.block(opts.mark, { font: bold, size: 8.5, align: 'right' });
		w.gap(4);
	}
	if (c.form) {
		w.block(`${c.form.kk} / ${c.form.ru}`, { size: 8.5, align: 'right' });
		w.gap(4);
	}
	const left = w.block(`${c.header.kk}\n${c.city.kk}`, {
		...kk,
		width: column,
		font: bold,
		size: 9.5,
		align: 'center',
		keepY: true
	});
	const rightH = w.block(`${c.header.ru}\n${c.city.ru}`, {
		...ru,
		x: right,
		width: column,
		font: bold,
		size: 9.5,
		align: 'center',
		keepY: true
	});
	w.y -= Math.max(left, rightH) + 6;
	w.rule(w.y, 0.8);
	w.gap(10);
	const meta = Math.max(
		w.block(`${c.numberLine.kk}\n${c.dateLine.kk}`, { ...kk, width: column, keepY: true }),
		w.block(`${c.numberLine.ru}\n${c.dateLine.ru}`, { ...ru, x: right, width: column, keepY: true })
	);
	w.y -= meta + 12;
	if (c.addressee) {
		w.block(c.addressee.join('\n'), { x: right, width: column, font: bold });
		w.gap(14);
	}
	w.block(`${c.title.kk} / ${c.title.ru}`, { font: bold, size: 12, align: 'center', role: 'H1' });
	w.gap(10);
	if (c.intro) {
		w.block(c.intro.kk, kk);
		w.gap(4);
		w.block(c.intro.ru, ru);
		w.gap(8);
	}
	for (const field of c.fields) {
		w.block(`${field.n}. ${field.label.kk} / ${field.label.ru}`, { size: 8.5, font: bold });
		w.block(field.value || '—', { x: MARGIN + 14, width: A4.width - 2 * MARGIN - 14 });
		w.gap(3);
	}
	for (const p of c.paragraphs) {
		w.block(p);
		w.gap(5);
	}
	if (c.approval) {
		w.gap(8);
		w.block(`${c.approval.kk} / ${c.approval.ru}: ${c.signer.position.kk} / ${c.signer.position.ru}`, { font: bold });
	}
	w.gap(24);
	w.ensure(40);
	const sig = Math.max(
		w.block(`${c.signer.position.kk}\n${c.signer.position.ru}`, { width: column, font: bold, keepY: true }),
		w.block(c.signer.name, { x: right, width: column, font: bold, align: 'right', keepY: true })
	);
	w.y -= sig + 10;
	w.block(c.citation, { size: 7.5 });
	// A thin rule under the last line keeps pdf-lib's page content stream non-empty on short pages.
	w.rule(MARGIN - 8, 0.2, rgb(0.6, 0.6, 0.6));
	w.tags.finish(`${c.title.kk} / ${c.title.ru} — ${c.number}`);
	return pdf;
}
