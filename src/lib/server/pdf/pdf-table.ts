/**
 * Tables and bar charts on the shared A4 layout (pdf-layout.ts), tagged for PDF/UA (ADR-064,
 * ADR-091): a table is `Table › TR › TH|TD`, every cell's lines its marked content, header cells
 * scoped to their column; a header repeated on a new page and the rules are artifacts. A chart is
 * one `Figure` whose `Alt` says in words what the bars show; its bars are drawn from the same rows
 * as the table after it, in the chart colours of the design tokens (chart-palette.ts).
 */
import { rgb, type RGB } from 'pdf-lib';
import { A4, MARGIN, wrapText, type Writer } from './pdf-layout';
import type { TaggedElement } from '../documents/pdf-tags';

const SIZE = 8;
const STEP = SIZE * 1.3;
const PAD = 3;
const GREY = rgb(0.75, 0.75, 0.75);
const WIDTH = A4.width - 2 * MARGIN;

export interface PdfTable {
	readonly headers: readonly string[];
	readonly rows: readonly (readonly string[])[];
	/** Relative column widths (the first, the label, usually widest). */
	readonly widths: readonly number[];
}

/** Draws a table down the pages; rows never split across pages. */
export function drawTable(w: Writer, t: PdfTable) {
	const total = t.widths.reduce((a, b) => a + b, 0);
	const cols = t.widths.map((x) => (x / total) * WIDTH);
	const xs = cols.map((_, i) => MARGIN + cols.slice(0, i).reduce((a, b) => a + b, 0));
	const table = w.tags.element('Table');
	const linesOf = (cells: readonly string[], bold: boolean) =>
		cells.map((c, i) => wrapText(c, bold ? w.bold : w.regular, SIZE, cols[i]! - 2 * PAD));
	const height = (lines: string[][]) => Math.max(...lines.map((l) => l.length)) * STEP + 2 * PAD;
	const header = linesOf(t.headers, true);

	const drawRow = (lines: string[][], kind: 'TH' | 'TD' | null, bold: boolean, numericFrom = 1) => {
		const tr = kind ? w.tags.element('TR', undefined, { parent: table }) : null;
		lines.forEach((cell, i) => {
			const font = bold ? w.bold : w.regular;
			const role = kind === 'TH' || (kind === 'TD' && i === 0) ? 'TH' : 'TD';
			const el: TaggedElement | null = tr
				? w.tags.element(role, undefined, {
						parent: tr,
						...(role === 'TH' ? { scope: i === 0 && kind === 'TD' ? 'Row' : 'Column' } : {})
					})
				: null;
			cell.forEach((line, k) => {
				const lw = font.widthOfTextAtSize(line, SIZE);
				const x = i >= numericFrom && kind !== 'TH' ? xs[i]! + cols[i]! - PAD - lw : xs[i]! + PAD;
				const draw = () =>
					w.page.drawText(line, { x, y: w.y - PAD - SIZE - k * STEP, size: SIZE, font, color: rgb(0, 0, 0) });
				if (el) w.tags.mark(w.page, el, role, draw);
				else w.tags.artifact(w.page, draw);
			});
		});
		w.y -= height(lines);
		const y = w.y;
		w.tags.artifact(w.page, () =>
			w.page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + WIDTH, y }, thickness: 0.4, color: GREY })
		);
	};

	w.ensure(height(header) + STEP * 3);
	drawRow(header, 'TH', true);
	for (const row of t.rows) {
		const lines = linesOf(row, false);
		if (w.y - height(lines) < MARGIN) {
			w.ensure(Number.POSITIVE_INFINITY);
			drawRow(header, null, true); // the header again, as decoration: the structure has it once
		}
		drawRow(lines, 'TD', false);
	}
	w.gap(8);
}

export interface PdfBars {
	readonly labels: readonly string[];
	readonly series: readonly { label: string; values: readonly number[]; color: RGB }[];
	/** What the chart shows, in words: the figure's text alternative. */
	readonly alt: string;
}

/** Horizontal stacked bars, one per label, with the legend under them: one tagged Figure. */
export function drawBars(w: Writer, c: PdfBars) {
	if (c.labels.length === 0) return;
	const bar = 9;
	const gap = 4;
	const labelWidth = WIDTH * 0.3;
	const plot = WIDTH - labelWidth - 30;
	const totals = c.labels.map((_, i) => c.series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
	const max = Math.max(1, ...totals);
	const height = c.labels.length * (bar + gap) + 2 * STEP + 6;
	w.ensure(Math.min(height, A4.height - 2 * MARGIN));
	const figure = w.tags.element('Figure', undefined, { alt: c.alt });
	w.tags.mark(w.page, figure, 'Figure', () => {
		let y = w.y - bar;
		c.labels.forEach((label, i) => {
			const text = wrapText(label, w.regular, SIZE - 1, labelWidth - 6)[0] ?? '';
			w.page.drawText(text, { x: MARGIN, y: y + 1.5, size: SIZE - 1, font: w.regular, color: rgb(0, 0, 0) });
			let x = MARGIN + labelWidth;
			for (const s of c.series) {
				const len = ((s.values[i] ?? 0) / max) * plot;
				if (len > 0) w.page.drawRectangle({ x, y, width: len, height: bar, color: s.color });
				x += len;
			}
			w.page.drawText(String(totals[i]), { x: x + 3, y: y + 1.5, size: SIZE - 1, font: w.regular });
			y -= bar + gap;
		});
		let x = MARGIN + labelWidth;
		y -= 4;
		for (const s of c.series) {
			w.page.drawRectangle({ x, y, width: 8, height: 8, color: s.color });
			w.page.drawText(s.label, { x: x + 11, y: y + 1, size: SIZE - 1, font: w.regular });
			x += 11 + w.regular.widthOfTextAtSize(s.label, SIZE - 1) + 12;
		}
		w.y = y - 8;
	});
	w.gap(4);
}
