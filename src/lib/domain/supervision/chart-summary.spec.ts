import { describe, expect, it } from 'vitest';
import { chartSummary } from './chart-summary';

describe('chartSummary', () => {
	it.each([
		[
			['Jan', 'Feb', 'Mar'],
			[
				{ label: 'in time', values: [2, 5, 5] },
				{ label: 'late', values: [1, 0, 3] }
			],
			{
				totals: [
					{ label: 'in time', total: 12 },
					{ label: 'late', total: 4 }
				],
				peak: { category: 'Feb', value: 5 }
			}
		],
		[['Jan'], [{ label: 'open', values: [0] }], { totals: [{ label: 'open', total: 0 }], peak: null }],
		[[], [], { totals: [], peak: null }]
	])('%j', (categories, series, summary) => {
		expect(chartSummary(categories, series)).toEqual(summary);
	});
});
