import { describe, expect, it } from 'vitest';
import { casesLink } from './cases-link';

const period = { kind: 'quarter', from: '2026-04-01', to: '2026-06-30' } as const;

describe('casesLink', () => {
	it.each([
		[{}, {}, '/cases?from=2026-04-01&to=2026-06-30'],
		[{}, { service: 'export-licence' }, '/cases?service=export-licence&from=2026-04-01&to=2026-06-30'],
		[
			{ service: 'export-licence' },
			{ officer: 7 },
			'/cases?service=export-licence&assignee=7&from=2026-04-01&to=2026-06-30'
		],
		[
			{ unit: 'Отдел 1' },
			{ agency: 'nsc' },
			'/cases?unit=%D0%9E%D1%82%D0%B4%D0%B5%D0%BB+1&agency=nsc&from=2026-04-01&to=2026-06-30'
		],
		[{ officer: 3 }, { officer: 9 }, '/cases?assignee=9&from=2026-04-01&to=2026-06-30']
	])('filters %j, row %j → %s', (filters, row, href) => {
		expect(casesLink(period, filters, row)).toBe(href);
	});
});
