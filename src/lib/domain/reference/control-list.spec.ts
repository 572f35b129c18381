import { describe, expect, it } from 'vitest';
import { CONTROL_LIST_ITEMS, controlItemDescription, controlItemLabel, findControlItem } from './control-list';
import { GOODS_CATALOGUE } from './demo-goods-catalogue';
import { normalizeControlCode } from './codes';

describe('control-list items in three languages (ADR-077)', () => {
	it('describes every control code of the demo goods', () => {
		for (const g of GOODS_CATALOGUE) expect(findControlItem(g.controlCode), g.controlCode).not.toBeNull();
	});

	it('keeps codes in the acts’ Cyrillic form and no Latin letter in kk/ru headings', () => {
		for (const i of CONTROL_LIST_ITEMS) {
			expect(normalizeControlCode(i.code)).toBe(i.code);
			expect(`${i.kk} ${i.ru}`, i.code).not.toMatch(/[A-Za-z]/);
			expect(new Set([i.kk, i.ru, i.en]).size, i.code).toBeGreaterThan(1);
		}
	});

	it('finds a code typed in Latin look-alikes and a sub-item', () => {
		expect(controlItemDescription('1c350', 'ru')).toMatch(/^Химические вещества/);
		expect(controlItemDescription('1С350.а', 'kk')).toMatch(/прекурсорлары/);
		expect(controlItemLabel('9A012', 'en')).toBe(
			'9A012 — Unmanned aerial vehicles, associated systems, equipment and components'
		);
	});

	it('falls back to the category’s name, then to the code alone', () => {
		expect(controlItemDescription('4А001', 'ru')).toBe('Вычислительная техника');
		expect(controlItemDescription('ML8', 'kk')).toBeNull();
		expect(controlItemLabel('ML8', 'kk')).toBe('ML8');
	});
});
