/**
 * The chart colours of the design tokens (src/lib/styles/tokens.css, `--chart-*`: Okabe–Ito,
 * readable without red/green vision) for drawings made on the server, where no stylesheet is
 * applied — the PDF report's bars. chart-palette.spec.ts checks each value against tokens.css, so
 * the tokens stay the one source.
 */
import { rgb, type RGB } from 'pdf-lib';

export const CHART_TOKENS = {
	'--chart-1': '#0072b2',
	'--chart-2': '#d55e00',
	'--chart-3': '#e69f00',
	'--chart-4': '#56b4e9',
	'--chart-6': '#009e73',
	'--chart-other': '#777777'
} as const;

export type ChartToken = keyof typeof CHART_TOKENS;

export function tokenColor(token: ChartToken): RGB {
	const hex = CHART_TOKENS[token];
	const n = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
	return rgb(n(1), n(3), n(5));
}
