/**
 * chart.js as a Svelte attachment: created when the canvas mounts and destroyed with it. Only the
 * bar chart parts are registered, to keep the bundle small. With `onPick` the bars are links:
 * clicking one calls it with the bar's index, so the page can follow to the cases behind it (the
 * table beside the chart stays the accessible source).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { Attachment } from 'svelte/attachments';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A series colour: the name of a design token in tokens.css (`--chart-1`), never a colour value. */
export type ChartColor = `--${string}`;

export interface BarData {
	labels: string[];
	series: { label: string; values: number[]; color: ChartColor }[];
}

export function barChart(
	data: BarData,
	opts: { stacked?: boolean; horizontal?: boolean; onPick?: (index: number) => void } = {}
): Attachment<HTMLCanvasElement> {
	const onPick = opts.onPick;
	return (canvas) => {
		// The canvas draws colour values, so the tokens are read from the styles the page applies.
		const styles = getComputedStyle(canvas);
		const chart = new Chart(canvas, {
			type: 'bar',
			data: {
				labels: data.labels,
				datasets: data.series.map((s) => ({
					label: s.label,
					data: s.values,
					backgroundColor: styles.getPropertyValue(s.color).trim()
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
				...(onPick && {
					onHover: (_e, elements) => {
						canvas.style.cursor = elements.length ? 'pointer' : 'default';
					},
					onClick: (_e, elements) => {
						const hit = elements[0];
						if (hit) onPick(hit.index);
					}
				})
			}
		});
		return () => chart.destroy();
	};
}
