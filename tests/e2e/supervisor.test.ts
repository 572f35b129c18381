/** The supervisor's dashboard in Chromium: every chart renders with data and has a table view. */
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

describe('supervisor dashboard', () => {
	it('renders five charts with data, each with a table of the same figures', async () => {
		const page = await app.browser.newPage({ viewport: { width: 1600, height: 1300 } });
		await signInWith(page, app.server.url, 'supervisor');
		await page.getByRole('link', { name: 'Supervision' }).click();
		await page.waitForURL('**/supervisor');
		const canvases = page.locator('section.chart canvas');
		expect(await canvases.count()).toBe(5);
		// A drawn chart has non-blank pixels; chart.js draws synchronously with animation off.
		const drawn = await canvases.evaluateAll((els) =>
			(els as HTMLCanvasElement[]).map((c) => {
				const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
				let ink = 0;
				for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) ink++;
				return ink;
			})
		);
		expect(drawn.every((ink) => ink > 500)).toBe(true);
		const stageTable = page.getByRole('region', { name: 'Open cases by stage' }).locator('table tbody tr');
		expect(await stageTable.count()).toBeGreaterThan(3);
		const firstCount = Number(await stageTable.first().locator('td').textContent());
		expect(firstCount).toBeGreaterThan(0);
		await page.screenshot({ path: 'tests/e2e/screenshots/supervisor.png', fullPage: true });
		await page.close();
	});

	it('is forbidden to an officer', async () => {
		const page = await app.browser.newPage();
		await signInWith(page, app.server.url, 'officer');
		expect(await page.getByRole('link', { name: 'Supervision' }).count()).toBe(0);
		const res = await page.goto(`${app.server.url}/supervisor`);
		expect(res?.status()).toBe(403);
		await page.close();
	});
});
