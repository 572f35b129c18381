/**
 * The reasoned-refusal letter (001 Annex 2) as a PDF: A4, DejaVu Serif (embedded, subset) so that
 * Kazakh letters (ә ғ қ ң ө ұ ү һ і) render. Deterministic for the same letter and time (fixed
 * metadata, dates from the caller), so the SHA-256 recorded at signing identifies the letter.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { RefusalLetter } from '../../domain/drafting/refusal-letter';
import { PdfTags, type StructRole } from '../documents/pdf-tags';

const require = createRequire(import.meta.url);
let fonts: { regular: Uint8Array; bold: Uint8Array } | null = null;

export function fontBytes() {
	fonts ??= {
		regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')),
		bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'))
	};
	return fonts;
}

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 56;
const SIZE = 10.5;
const LEADING = 1.35;

export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/u).filter(Boolean)) {
			const candidate = line ? `${line} ${word}` : word;
			if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
			else {
				lines.push(line);
				line = word;
			}
		}
		lines.push(line);
	}
	return lines;
}

/** Lays text out down A4 pages (new page when full); shared with the documents' renderer. */
export class Writer {
	page: PDFPage;
	y: number;
	constructor(
		private readonly pdf: PDFDocument,
		readonly regular: PDFFont,
		readonly bold: PDFFont,
		/** The structure every block is tagged into (ADR-064). */
		readonly tags: PdfTags = new PdfTags(pdf, 'kk-KZ')
	) {
		this.page = pdf.addPage([A4.width, A4.height]);
		this.y = A4.height - MARGIN;
	}

	ensure(height: number) {
		if (this.y - height >= MARGIN) return;
		this.page = this.pdf.addPage([A4.width, A4.height]);
		this.y = A4.height - MARGIN;
	}

	/** A block of text at x within width; returns its height. Moves down unless `keepY`. */
	block(
		text: string,
		opts: {
			x?: number;
			width?: number;
			font?: PDFFont;
			size?: number;
			align?: 'left' | 'center' | 'right';
			keepY?: boolean;
			/** The block's structure role (a paragraph unless said) and its language when not the document's. */
			role?: StructRole;
			lang?: string;
		} = {}
	): number {
		const role = opts.role ?? 'P';
		const el = this.tags.element(role, opts.lang);
		const font = opts.font ?? this.regular;
		const size = opts.size ?? SIZE;
		const x = opts.x ?? MARGIN;
		const width = opts.width ?? A4.width - 2 * MARGIN;
		const lines = wrapText(text, font, size, width);
		const step = size * LEADING;
		if (!opts.keepY) this.ensure(step * Math.min(lines.length, 3));
		let y = this.y;
		for (const line of lines) {
			if (!opts.keepY && y - step < MARGIN) {
				this.ensure(Number.POSITIVE_INFINITY);
				y = this.y;
			}
			const w = font.widthOfTextAtSize(line, size);
			const dx = opts.align === 'center' ? (width - w) / 2 : opts.align === 'right' ? width - w : 0;
			const lineY = y - size;
			this.tags.mark(this.page, el, role, () =>
				this.page.drawText(line, { x: x + dx, y: lineY, size, font, color: rgb(0, 0, 0) })
			);
			y -= step;
		}
		const height = this.y - y;
		if (!opts.keepY) this.y = y;
		return height;
	}

	/** A horizontal rule at `y`: decoration, not content (an artifact). */
	rule(y: number, thickness: number, color = rgb(0, 0, 0)) {
		this.tags.artifact(this.page, () =>
			this.page.drawLine({ start: { x: MARGIN, y }, end: { x: A4.width - MARGIN, y }, thickness, color })
		);
	}

	gap(points: number) {
		this.y -= points;
	}
}

export async function renderLetterPdf(
	letter: RefusalLetter,
	opts: { createdAt: Date; draftMark?: string }
): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	const { regular: regularBytes, bold: boldBytes } = fontBytes();
	const regular = await pdf.embedFont(regularBytes, { subset: true });
	const bold = await pdf.embedFont(boldBytes, { subset: true });
	const title = `${letter.title.kk} / ${letter.title.ru} — ${letter.number.ru}`;
	pdf.setAuthor(letter.signer.name);
	pdf.setCreator('Merzim');
	pdf.setProducer('Merzim (pdf-lib)');
	pdf.setCreationDate(opts.createdAt);
	pdf.setModificationDate(opts.createdAt);

	const w = new Writer(pdf, regular, bold);
	const column = (A4.width - 2 * MARGIN - 24) / 2;
	const right = MARGIN + column + 24;
	if (opts.draftMark) {
		w.block(opts.draftMark, { font: bold, size: 9, align: 'right' });
		w.gap(4);
	}
	// 001 Annex 2 item 2: the bilingual header in two columns; item 3: the city.
	const left = w.block(`${letter.header.kk}\n${letter.city.kk}`, {
		lang: 'kk-KZ',
		width: column,
		font: bold,
		size: 9.5,
		align: 'center',
		keepY: true
	});
	const rightH = w.block(`${letter.header.ru}\n${letter.city.ru}`, {
		lang: 'ru-RU',
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
	// Item 4: number and date of issue.
	const meta = Math.max(
		w.block(`${letter.number.kk}\n${letter.date.kk}`, { width: column, keepY: true, lang: 'kk-KZ' }),
		w.block(`${letter.number.ru}\n${letter.date.ru}`, { x: right, width: column, keepY: true, lang: 'ru-RU' })
	);
	w.y -= meta + 12;
	// Item 5: the addressee, on the right.
	w.block(letter.addressee.join('\n'), { x: right, width: column, font: bold });
	w.gap(16);
	// Item 6: the title.
	w.block(`${letter.title.kk} / ${letter.title.ru}`, { font: bold, size: 12, align: 'center', role: 'H1' });
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
	w.gap(24);
	w.ensure(40);
	const sig = Math.max(
		w.block(`${letter.signer.position.kk}\n${letter.signer.position.ru}`, { width: column, font: bold, keepY: true }),
		w.block(letter.signer.name, { x: right, width: column, font: bold, align: 'right', keepY: true })
	);
	w.y -= sig;
	w.tags.finish(title);
	return pdf.save({ useObjectStreams: false });
}
