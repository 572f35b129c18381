import { describe, expect, it } from 'vitest';
import { citation, formatAlmaty } from './format';

describe('formatAlmaty', () => {
	it('shows Almaty wall time (UTC+5) per language, from a string, a Date or milliseconds', () => {
		const at = '2026-03-20T13:30:00Z';
		expect(formatAlmaty(at, 'en')).toBe('20/03/2026, 18:30');
		expect(formatAlmaty(new Date(at), 'ru')).toBe('20.03.2026, 18:30');
		expect(formatAlmaty(Date.parse(at), 'kk')).toBe('20.03.2026, 18:30');
	});

	it('renders citations in the given language', () => {
		expect(citation('001 p.16', 'kk')).toBe('001 ереже, 16-т.');
	});
});
