/**
 * The A4 layout every Merzim PDF shares (the refusal letter of 001 Annex 2 and the documents of
 * 001 Annex 3 / 000 Annex 4): DejaVu Serif embedded (subset) so Cyrillic and the Kazakh letters
 * ә ғ қ ң ө ұ ү һ і render and the text can be extracted; fixed metadata and dates from the caller,
 * so the same content and time give the same bytes; the bilingual letterhead in two columns.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { PdfTags, type StructRole } from '../documents/pdf-tags';

const require = createRequire(import.meta.url);
let fonts: { regular: Uint8Array; bold: Uint8Array } | null = null;

function fontBytes() {
	fonts ??= {
		regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')),
		bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'))
	};
	return fonts;
}

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 56;
/** The two columns of the bilingual parts (Kazakh left, Russian right) and the gutter between. */
export const COLUMN = (A4.width - 2 * MARGIN - 24) / 2;
export const RIGHT = MARGIN + COLUMN + 24;
/** The languages the bilingual columns are tagged with (ADR-064). */
export const KK = 'kk-KZ';
export const RU = 'ru-RU';
const SIZE = 10.5;
const LEADING = 1.35;

/** Text in both state languages. */
export interface Bilingual {
	kk: string;
	ru: string;
}

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

interface BlockOptions {
	x?: number;
	width?: number;
	font?: PDFFont;
	size?: number;
	align?: 'left' | 'center' | 'right';
	keepY?: boolean;
	/** The block's structure role (a paragraph unless said) and its language when not the document's. */
	role?: StructRole;
	lang?: string;
}

/** Lays text out down A4 pages (new page when full). */
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
	block(text: string, opts: BlockOptions = {}): number {
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

	/** Two blocks side by side (left and right column), the line kept; returns the taller height. */
	columns(left: string, right: string, opts: BlockOptions = {}, rightOpts: BlockOptions = opts): number {
		return Math.max(
			this.block(left, { ...opts, width: COLUMN, keepY: true }),
			this.block(right, { ...rightOpts, x: RIGHT, width: COLUMN, keepY: true })
		);
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

	/** The bilingual header with the city under it, each language in its column, and a rule below. */
	letterhead(header: Bilingual, city: Bilingual) {
		const bold = { font: this.bold, size: 9.5, align: 'center' } as const;
		this.y -=
			this.columns(
				`${header.kk}\n${city.kk}`,
				`${header.ru}\n${city.ru}`,
				{ ...bold, lang: KK },
				{ ...bold, lang: RU }
			) + 6;
		this.rule(this.y, 0.8);
		this.gap(10);
	}

	/** The outgoing number and the date, in both languages. */
	numberAndDate(number: Bilingual, date: Bilingual) {
		this.y -= this.columns(`${number.kk}\n${date.kk}`, `${number.ru}\n${date.ru}`, { lang: KK }, { lang: RU }) + 12;
	}

	/** The signer's position (both languages, left) and name (right), kept together on one page. */
	signature(position: Bilingual, name: string) {
		this.gap(24);
		this.ensure(40);
		const bold = { font: this.bold };
		this.y -= this.columns(`${position.kk}\n${position.ru}`, name, bold, { ...bold, align: 'right' });
	}
}

/** A new PDF with the fonts embedded, the fixed metadata set and a first page to write on. */
export async function startPdf(meta: {
	title: string;
	author: string;
	subject?: string;
	language?: string;
	createdAt: Date;
}): Promise<{ pdf: PDFDocument; w: Writer }> {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	const bytes = fontBytes();
	const regular = await pdf.embedFont(bytes.regular, { subset: true });
	const bold = await pdf.embedFont(bytes.bold, { subset: true });
	pdf.setTitle(meta.title);
	if (meta.subject !== undefined) pdf.setSubject(meta.subject);
	pdf.setAuthor(meta.author);
	pdf.setCreator('Merzim');
	pdf.setProducer('Merzim (pdf-lib)');
	if (meta.language !== undefined) pdf.setLanguage(meta.language);
	pdf.setCreationDate(meta.createdAt);
	pdf.setModificationDate(meta.createdAt);
	return { pdf, w: new Writer(pdf, regular, bold, new PdfTags(pdf, meta.language ?? KK)) };
}
