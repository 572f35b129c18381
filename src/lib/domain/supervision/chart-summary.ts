/**
 * The text a screen reader hears for a supervision chart: the total of each series and the bar
 * where the first series peaks. The figures come from the same rows as the table below the chart.
 */
export interface ChartSummary {
	readonly totals: readonly { readonly label: string; readonly total: number }[];
	/** The category where the first series is highest (the first such), null when all are zero. */
	readonly peak: { readonly category: string; readonly value: number } | null;
}

export function chartSummary(
	categories: readonly string[],
	series: readonly { readonly label: string; readonly values: readonly number[] }[]
): ChartSummary {
	const totals = series.map((s) => ({ label: s.label, total: s.values.reduce((n, v) => n + v, 0) }));
	const first = series[0]?.values ?? [];
	let peak: ChartSummary['peak'] = null;
	first.forEach((v, i) => {
		if (v > 0 && (peak === null || v > peak.value)) peak = { category: categories[i] ?? '', value: v };
	});
	return { totals, peak };
}
