import { describe, expect, it } from 'vitest';
import { formatAmount, formatDate, formatDateTime, formatDay, formatNumber, formatTime } from './display-format';

describe('display formats per language', () => {
	// 2026-12-01 13:30 UTC is 18:30 in Almaty (UTC+5).
	const at = '2026-12-01T13:30:00Z';

	it('writes Almaty dates and times the same in kk and ru, without Intl', () => {
		expect(formatDateTime(at, 'kk')).toBe('01.12.2026, 18:30');
		expect(formatDateTime(at, 'ru')).toBe('01.12.2026, 18:30');
		expect(formatDateTime(at, 'en')).toBe('01/12/2026, 18:30');
	});

	it('turns the date in Almaty, not in UTC', () => {
		expect(formatDate('2026-12-31T19:00:00Z', 'kk')).toBe('01.01.2027');
		expect(formatTime('2026-12-31T19:00:00Z', 'ru')).toBe('00:00');
		expect(formatDate(Date.UTC(2026, 0, 1, 18, 59), 'ru')).toBe('01.01.2026');
	});

	it('writes a local date', () => {
		expect(formatDay('2026-03-09', 'kk')).toBe('09.03.2026');
		expect(formatDay('2026-03-09', 'en')).toBe('09/03/2026');
	});

	it('groups thousands and writes decimals per language', () => {
		expect(formatAmount(29870.7, 'EUR', 'kk')).toBe('29\u202f870,70\u00a0EUR');
		expect(formatAmount(29870.7, 'EUR', 'ru')).toBe('29\u202f870,70\u00a0EUR');
		expect(formatAmount(29870.7, 'EUR', 'en')).toBe('29,870.70 EUR');
		expect(formatNumber(1234567, 'ru')).toBe('1\u202f234\u202f567');
		expect(formatNumber(999, 'kk')).toBe('999');
		expect(formatNumber(-1500.5, 'en', 1)).toBe('−1,500.5');
	});
});
