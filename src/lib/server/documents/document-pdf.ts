/**
 * A document's content as an archive-friendly A4 PDF on the shared layout (../pdf/pdf-layout).
 * Returns the pdf-lib document unsaved, so the PAdES signature placeholder can be added before the
 * one save.
 */
import { rgb, type PDFDocument } from 'pdf-lib';
import type { DocumentContent } from '../../domain/documents/content';
import { A4, COLUMN, KK, MARGIN, RIGHT, RU, startPdf } from '../pdf/pdf-layout';
import { formatCitations } from '../../domain/legal/citation';

export async function buildDocumentPdf(
	c: DocumentContent,
	opts: { createdAt: Date; mark?: string | null }
): Promise<PDFDocument> {
	// The legal basis as each state language writes it, never the digests' English short form (ADR-032).
	const citation = `${formatCitations(c.citation, 'kk')} / ${formatCitations(c.citation, 'ru')}`;
	const { pdf, w } = await startPdf({
		title: `${c.title.kk} / ${c.title.ru} — ${c.number}`,
		subject: citation,
		author: c.signer.name,
		language: 'kk-KZ',
		createdAt: opts.createdAt
	});
	const kk = { lang: KK };
	const ru = { lang: RU };
	if (opts.mark) {
		w.block(opts.mark, { font: w.bold, size: 8.5, align: 'right' });
		w.gap(4);
	}
	if (c.form) {
		w.block(`${c.form.kk} / ${c.form.ru}`, { size: 8.5, align: 'right' });
		w.gap(4);
	}
	w.letterhead(c.header, c.city);
	w.numberAndDate(c.numberLine, c.dateLine);
	if (c.addressee) {
		w.block(c.addressee.join('\n'), { x: RIGHT, width: COLUMN, font: w.bold });
		w.gap(14);
	}
	w.block(`${c.title.kk} / ${c.title.ru}`, { font: w.bold, size: 12, align: 'center', role: 'H1' });
	w.gap(10);
	if (c.intro) {
		w.block(c.intro.kk, kk);
		w.gap(4);
		w.block(c.intro.ru, ru);
		w.gap(8);
	}
	for (const field of c.fields) {
		w.block(`${field.n}. ${field.label.kk} / ${field.label.ru}`, { size: 8.5, font: w.bold });
		w.block(field.value || '—', { x: MARGIN + 14, width: A4.width - 2 * MARGIN - 14 });
		w.gap(3);
	}
	for (const p of c.paragraphs) {
		w.block(p);
		w.gap(5);
	}
	if (c.approval) {
		w.gap(8);
		w.block(`${c.approval.kk} / ${c.approval.ru}: ${c.signer.position.kk} / ${c.signer.position.ru}`, {
			font: w.bold
		});
	}
	w.signature(c.signer.position, c.signer.name);
	w.gap(10);
	w.block(citation, { size: 7.5 });
	// A thin rule under the last line keeps pdf-lib's page content stream non-empty on short pages.
	w.rule(MARGIN - 8, 0.2, rgb(0.6, 0.6, 0.6));
	w.tags.finish(`${c.title.kk} / ${c.title.ru} — ${c.number}`);
	return pdf;
}
