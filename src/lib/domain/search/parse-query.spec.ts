import { describe, expect, it } from 'vitest';
import { escapeLike, MAX_QUERY_CHARS, parseSearchQuery } from './parse-query';

describe('parseSearchQuery', () => {
	it.each([
		['000740001307', ['bin:000740001307', 'ext:000740001307']],
		['356938035643809', ['imei:356938035643809', 'ext:356938035643809']],
		['8526 91', ['hs:852691']],
		['1c350', ['cc:1С350', 'ext:1c350']],
		['12', ['seq:12', 'ext:12']]
	])('%s gives its keys', (q, keys) => {
		expect(parseSearchQuery(q).keys.sort()).toEqual([...keys].sort());
	});

	it('reads a case number prefix, upper case and LIKE-escaped', () => {
		expect(parseSearchQuery('el-2026-000').numberPrefix).toBe('EL-2026-000');
		expect(parseSearchQuery('el_2026').numberPrefix).toBeNull();
	});

	it('folds name fragments, drops legal forms and words under 3 letters', () => {
		expect(parseSearchQuery('ТОО «Қазақ» ӨН ltd').namePatterns).toEqual(['%казак%']);
	});

	it('escapes LIKE metacharacters', () => {
		expect(escapeLike('100%_a\\')).toBe('100\\%\\_a\\\\');
		expect(parseSearchQuery('100% off').namePatterns).toEqual(['%100\\%%', '%off%']);
	});

	it('is bounded and empty for blanks', () => {
		expect(parseSearchQuery('   \t\n ').empty).toBe(true);
		const big = parseSearchQuery('қазақ '.repeat(2000));
		expect(big.namePatterns.length).toBeLessThanOrEqual(5);
		expect(big.namePatterns.join('').length).toBeLessThan(MAX_QUERY_CHARS * 2);
	});
});
