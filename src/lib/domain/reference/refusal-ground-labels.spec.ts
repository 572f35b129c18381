import { describe, expect, it } from 'vitest';
import { GROUNDS_000, GROUNDS_001 } from './refusal-grounds';
import { groundLabel, hasTranslations } from './refusal-ground-labels';

describe('refusal ground labels', () => {
	it('has a Kazakh and a Russian label for every ground of 001 and 000', () => {
		const missing = [...GROUNDS_001, ...GROUNDS_000].filter((g) => !hasTranslations(g.labelEn)).map((g) => g.labelEn);
		expect(missing).toEqual([]);
	});

	it('gives the label in the asked language', () => {
		const g = GROUNDS_001.find((x) => x.number === 15)!;
		expect(groundLabel(g, 'kk')).toBe('Тәуекелді бағалау теріс');
		expect(groundLabel(g, 'ru')).toBe('Отрицательная оценка риска');
		expect(groundLabel(g, 'en')).toBe('Negative risk assessment');
	});
});
