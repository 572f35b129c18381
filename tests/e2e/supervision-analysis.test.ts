/**
 * The supervisor's period analysis in Chromium on the demo: choose a quarter (kept in the URL), drill
 * from a table row to its cases, and download the XLSX, opened here with exceljs to check its
 * dates and that its numbers are the page's.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const app = useE2eApp();

describe('supervision analysis', () => {
	it('quarter → rows → drill-down to /cases; XLSX with the same figures and the period as dates', async () => {
		const page = await app.browser.newPage({ viewport: { width: 1600, height: 1300 }, acceptDownloads: true });
		await signInWith(page, app.server.url, 'supervisor');
		await page.goto(`${app.server.url}/supervisor`);
		const filters = page.getByTestId('superv-filters');
		await filters.getByLabel('Period').selectOption('quarter');
		await filters.getByRole('button', { name: 'Show' }).click();
		await page.waitForURL(/period=quarter/);
		const shown = (await page.getByTestId('superv-period').textContent())!;
		const [, from, to] = /(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/.exec(shown)!;
		expect(Number(from!.slice(5, 7)) % 3).toBe(1);
		expect(from!.slice(8)).toBe('01');

		const rows = page.getByTestId('superv-compliance-service').locator('tbody tr');
		expect(await rows.count()).toBeGreaterThan(0);
		const firstDecided = Number(await rows.first().locator('td').first().textContent());

		const download = page.waitForEvent('download');
		await page.getByTestId('superv-export-xlsx').click();
		const file = await (await download).createReadStream();
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.read(file);
		const report = wb.worksheets[0]!;
		expect(report.getCell('B1').value).toEqual(new Date(`${from}T00:00:00Z`));
		expect(report.getCell('B2').value).toEqual(new Date(`${to}T00:00:00Z`));
		const services = wb.worksheets[1]!;
		expect(services.getRow(1).getCell(1).value).toBe('Service');
		expect(services.rowCount - 1).toBe(await rows.count());
		expect(services.getRow(2).getCell(2).value).toBe(firstDecided);

		const link = rows.first().locator('th a');
		const href = (await link.getAttribute('href'))!;
		expect(href).toMatch(new RegExp(`^/cases\\?service=[a-z-]+&from=${from}&to=${to}$`));
		await link.click();
		await page.waitForURL((u) => u.pathname === '/cases' && u.searchParams.get('from') === from);
		await page.close();
	});
});
