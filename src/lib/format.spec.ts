import { describe, expect, it } from 'vitest';
import { formatAlmaty } from './format';

describe('formatAlmaty', () => {
	it('shows Almaty wall time (UTC+5) in the given locale, from a string, a Date or milliseconds', () => {
		const at = '2026-03-20T13:30:00Z';
		expect(formatAlmaty(at, 'en-GB')).toBe('20/03/2026, 18:30');
		expect(formatAlmaty(new Date(at), 'ru-RU')).toBe('20.03.2026, 18:30');
		expect(formatAlmaty(Date.parse(at), 'en-GB')).toBe(formatAlmaty(at, 'en-GB'));
	});

	it('formats exactly as toLocaleString did', () => {
		const at = new Date('2026-12-31T19:05:00Z');
		const options = {
			timeZone: 'Asia/Almaty',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit'
		} as const;
		for (const locale of ['en-GB', 'ru-RU', 'kk-KZ'])
			expect(formatAlmaty(at, locale)).toBe(at.toLocaleString(locale, options));
	});
});
