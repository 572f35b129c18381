/**
 * A chart.js bar chart whose bars are links: clicking a bar (or pressing Enter on the focused
 * canvas for the tallest) calls `onPick` with its index, so the page can follow to the cases behind
 * it. Series colours are read from the CSS tokens (`--chart-1` …, tokens.css) at mount, so a theme
 * changes them in one place. The table beside the chart stays the accessible source.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { Attachment } from 'svelte/attachments';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface LinkedBarData {
	labels: string[];
	/** `token` is a custom property name, e.g. '--chart-1'. */
	series: { label: string; values: number[]; token: string }[];
}

export function linkedBarChart(
	data: LinkedBarData,
	onPick: (index: number) => void,
	opts: { stacked?: boolean; horizontal?: boolean } = {}
): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		const style = getComputedStyle(canvas);
		const chart = new Chart(canvas, {
			type: 'bar',
			data: {
				labels: data.labels,
				datasets: data.series.map((s) => ({
					label: s.label,
					data: s.values,
					backgroundColor: style.getPropertyValue(s.token).trim()
				}))
			},
			options: {
				responsive: true,
				maintainAspectRatio: false,
				animation: false,
				indexAxis: opts.horizontal ? 'y' : 'x',
				scales: {
					x: { stacked: opts.stacked },
					y: { stacked: opts.stacked, beginAtZero: true, ticks: { precision: 0 } }
				},
				plugins: { legend: { display: data.series.length > 1 } },
				onHover: (_e, elements) => {
					canvas.style.cursor = elements.length ? 'pointer' : 'default';
				},
				onClick: (_e, elements) => {
					const hit = elements[0];
					if (hit) onPick(hit.index);
				}
			}
		});
		return () => chart.destroy();
	};
}
