import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_TOKENS, tokenColor } from './chart-palette';

describe('the PDF chart colours are the design tokens', () => {
	const css = readFileSync('src/lib/styles/tokens.css', 'utf8');
	it.each(Object.entries(CHART_TOKENS))('%s is %s in tokens.css', (token, hex) => {
		const m = new RegExp(`${token}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
		expect(m?.[1]?.toLowerCase()).toBe(hex);
	});
	it('converts to pdf-lib colours', () => {
		expect(tokenColor('--chart-1')).toMatchObject({ red: 0, green: 0x72 / 255, blue: 0xb2 / 255 });
	});
});
