import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const ORIGIN = 'https://merzim.example.kz';

describe('safeNext', () => {
	it('keeps a same-origin path with its query and fragment', () => {
		expect(safeNext('/cases?status=open#top', ORIGIN)).toBe('/cases?status=open#top');
		expect(safeNext('/cases/12/draft', ORIGIN)).toBe('/cases/12/draft');
	});

	it('sends home anything a browser would resolve to another host', () => {
		for (const raw of [
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r/evil.example',
			'//evil.example',
			'/\\evil.example',
			'\\/evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			' /cases'
		])
			expect(safeNext(raw, ORIGIN), JSON.stringify(raw)).toBe('/');
	});

	it('sends home when there is no `next`', () => {
		expect(safeNext(null, ORIGIN)).toBe('/');
		expect(safeNext('', ORIGIN)).toBe('/');
	});
});
