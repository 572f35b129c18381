/**
 * The supervision reports in Chromium on the demo: the complaint chart's bars open the
 * complaints behind them; the register of execution reports (001 pp.27–28) downloads as XLSX with
 * its two sheets; the PDF report downloads tagged; and an officer's import of a malformed monthly
 * device list (004 P 11) is refused with the row and column at fault.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';
import { pdfinfo } from '../helpers/pdf-tools';

// Its own PostgreSQL database: the demo seed on PGlite took over the start timeout under load.
const app = useE2eApp({ database: 'merzim_e2e_superv3' });

describe('supervision reports', () => {
	it('a complaint bar opens its complaints', { timeout: 180_000 }, async () => {
		const page = await app.browser.newPage({ viewport: { width: 1600, height: 1300 } });
		await signInWith(page, app.server.url, 'supervisor');
		await page.goto(`${app.server.url}/supervisor?period=year`);
		const chart = page.getByTestId('report-complaint-chart-body');
		const canvas = chart.locator('canvas');
		await canvas.scrollIntoViewIfNeeded();
		const box = (await canvas.boundingBox())!;
		// Click along the bars' foot until one is hit: the page then follows to the complaints.
		let followed = false;
		for (let f = 0.1; f < 0.95 && !followed; f += 0.05) {
			await page.mouse.click(box.x + box.width * f, box.y + box.height - 40);
			followed = await page
				.waitForURL(/\/cases\?service=complaint/, { timeout: 700 })
				.then(() => true)
				.catch(() => false);
		}
		expect(followed).toBe(true);
		expect(new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-01-01$/);
		await page.close();
	});

	it(
		'the register of execution reports downloads as XLSX; the PDF report is tagged',
		{ timeout: 180_000 },
		async () => {
			const page = await app.browser.newPage({ viewport: { width: 1600, height: 1300 }, acceptDownloads: true });
			await signInWith(page, app.server.url, 'supervisor');
			await page.goto(`${app.server.url}/supervisor/execution-reports?period=year`);
			await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('execution reports');
			const download = page.waitForEvent('download');
			await page.getByTestId('report-reg-xlsx').click();
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.read(await (await download).createReadStream());
			expect(wb.worksheets.map((s) => s.name).slice(0, 2)).toEqual(['By licence', 'By export']);
			expect(wb.getWorksheet('By export')!.getRow(1).getCell(4).value).toBe('Export date');

			await page.goto(`${app.server.url}/supervisor?period=quarter`);
			const pdf = page.waitForEvent('download');
			await page.getByTestId('report-pdf-link').click();
			const chunks: Buffer[] = [];
			for await (const c of await (await pdf).createReadStream()) chunks.push(c as Buffer);
			expect((await pdfinfo(new Uint8Array(Buffer.concat(chunks)))).tagged).toBe(true);
			await page.close();
		}
	);

	it(
		'an officer importing a malformed device list sees each row and column at fault',
		{ timeout: 180_000 },
		async () => {
			const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
			await signInWith(page, app.server.url, 'officer');
			await page.goto(`${app.server.url}/device-lists`);
			await expect.poll(() => page.getByTestId('report-dl-marking').textContent()).toContain('For official use');
			const wb = new ExcelJS.Workbook();
			const sheet = wb.addWorksheet('List');
			sheet.addRow(['Application ID', 'Customs procedure code', 'IMEI']);
			sheet.addRow(['APP-1', '40', '490154203237518']);
			sheet.addRow(['APP-2', '41', '356938035643809']);
			const form = page.getByTestId('report-dl-form');
			await form.getByLabel('Reporting month').fill('2026-01');
			await form.getByLabel('Received at').fill('2026-02-04T10:00');
			await form.getByLabel('Cover letter (number, date)').fill('№ 1, 04.02.2026');
			await form.getByLabel('File (Excel)').setInputFiles({
				name: 'list.xlsx',
				mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				buffer: Buffer.from(await wb.xlsx.writeBuffer())
			});
			await form.getByRole('button', { name: 'Import' }).click();
			const faults = page.getByTestId('report-dl-faults');
			await expect.poll(() => faults.textContent()).toContain('Row 3, column B');
			expect(await faults.textContent()).toContain('the procedure code is not 40, 53, 60 or 94');
			await page.close();
		}
	);
});
