/**
 * The wall board survives a server restart: while the server is down it says so ("connection
 * lost — data as of HH:MM"), and when the server is back it reconnects by itself and clears the
 * banner, without anyone touching the screen. The kiosk session outlives the restart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltServer } from '../helpers/built-server';
import { useE2eApp } from '../helpers/e2e-app';
import { signInWith } from '../helpers/browser';

const dataDir = mkdtempSync(join(tmpdir(), 'merzim-board-'));
const app = useE2eApp({ env: { MERZIM_KEEP_DATA: '1' }, dataDir });

afterAll(async () => {
	rmSync(dataDir, { recursive: true, force: true });
});

describe('wall board and server restarts', () => {
	it('shows the connection-lost banner while the server is down and recovers on its own', async () => {
		const page = await app.browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await signInWith(page, app.server.url, 'board');
		expect(new URL(page.url()).pathname).toBe('/board');
		const banner = page.getByRole('alert').filter({ hasText: 'Connection lost' });
		// Live first: the socket connected with the kiosk's session cookie.
		await page.locator('.board[data-connection="live"]').waitFor({ timeout: 15_000 });
		expect(await banner.count()).toBe(0);

		const port = new URL(app.server.url).port;
		await app.server.stop();
		await banner.waitFor({ timeout: 15_000 });
		expect(await banner.textContent()).toMatch(/data as of \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
		await page.screenshot({ path: 'tests/e2e/screenshots/board-connection-lost.png' });

		app.server = await startBuiltServer({ MERZIM_KEEP_DATA: '1', PORT: port }, dataDir);
		await banner.waitFor({ state: 'detached', timeout: 30_000 });
		await page.locator('.board[data-connection="live"]').waitFor();
		await expect(page.getByRole('heading', { name: /case board/ }).isVisible()).resolves.toBe(true);
		expect(await page.locator('tbody tr').count()).toBe(12);
		await page.close();
	});
});
