import { describe, expect, it } from 'vitest';
import { goodsDescription } from './labels';

describe('goodsDescription', () => {
	const flat = { description: 'Жылу модулі', descriptionKk: 'Жылу модулі', descriptionRu: 'Тепловой модуль' };
	const nested = { description: { kk: 'Крипто модуль', ru: 'Криптомодуль', en: 'Crypto module' } };
	it.each([
		['flat fields, the page language present', flat, 'ru', 'Тепловой модуль'],
		['flat fields, no English: the plain description', flat, 'en', 'Жылу модулі'],
		['only the English field', { descriptionEn: 'Thermal module' }, 'kk', 'Thermal module'],
		['a { kk, ru, en } description', nested, 'kk', 'Крипто модуль'],
		[
			'a { kk, ru, en } description without the page language',
			{ description: { ru: 'Криптомодуль' } },
			'en',
			'Криптомодуль'
		],
		['a plain string', { description: 'Crypto module' }, 'ru', 'Crypto module'],
		['nothing', {}, 'kk', undefined]
	])('%s', (_, line, locale, expected) => {
		expect(goodsDescription(line, locale)).toBe(expected);
	});
});
