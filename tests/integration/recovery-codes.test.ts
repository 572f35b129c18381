/**
 * Enrolment on a real server shows a QR code (an SVG image, no script) and, once the factor is on,
 * ten recovery codes that are stored hashed, each signing in once, audited; a new enrolment or an
 * admin's reset voids them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { totpAt } from '../../src/lib/server/auth/totp';
import { auditEvents, recoveryCodes, users } from '../../src/lib/server/db/schema';

let app: TestApp;
let ip = 0;

function client() {
	return new HttpClient(app.url, `10.21.8.${++ip}`);
}

async function signedIn(username: string) {
	const c = client();
	expect((await c.signIn(username, TEST_PASSWORD)).status).toBe(201);
	return c;
}

/** Enrols through the page as a signed-in user; returns the recovery codes shown. */
async function enrol(c: HttpClient): Promise<string[]> {
	const html = await (await c.request('/login/two-factor/setup', { headers: { accept: 'text/html' } })).text();
	const keyText = /data-testid="totp-key"[^>]*>([A-Z2-7]+)</.exec(html)![1]!;
	const qr = /<img src="data:image\/svg\+xml;base64,([^"]+)"[^>]*data-testid="totp-qr"/.exec(html);
	expect(qr).not.toBeNull();
	expect(Buffer.from(qr![1]!, 'base64').toString()).toMatch(/^<svg[^>]*>.*<path/s);
	const key = decodeBase32IgnorePadding(keyText);
	const ok = await actionResult(
		await c.postForm('/login/two-factor/setup', {
			key: keyText,
			code: totpAt(key, app.clock.now()),
			current: TEST_PASSWORD
		})
	);
	expect(ok.type).toBe('success');
	return (ok.data as { recoveryCodes: string[] }).recoveryCodes;
}

beforeAll(async () => {
	app = await startTestApp();
});
afterAll(() => app?.close());

describe('recovery codes', () => {
	it('are shown once at enrolment, stored hashed, and each signs in once', async () => {
		const id = await app.createUser('ops-recovery', ['officer']);
		const codes = await enrol(await signedIn('ops-recovery'));
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
		const rows = await app.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id));
		expect(rows).toHaveLength(10);
		expect(JSON.stringify(rows)).not.toContain(codes[0]!);

		// A lost phone: the first code signs in (typed in capitals, without the dash).
		const lost = await signedIn('ops-recovery');
		expect((await lost.get('/api/v1/me')).status).toBe(401);
		const used = await actionResult(
			await lost.postForm('/login/two-factor', { code: codes[0]!.replace('-', '').toUpperCase() })
		);
		expect(used.location).toBe('/');
		expect((await lost.get('/api/v1/me')).status).toBe(200);

		// The same code again is refused; an unknown one too; the next one works.
		const again = await signedIn('ops-recovery');
		expect((await actionResult(await again.postForm('/login/two-factor', { code: codes[0]! }))).status).toBe(400);
		expect((await actionResult(await again.postForm('/login/two-factor', { code: 'aaaaa-bbbbb' }))).status).toBe(400);
		expect((await actionResult(await again.postForm('/login/two-factor', { code: codes[1]! }))).location).toBe('/');

		const left = await app.ctx.db
			.select()
			.from(recoveryCodes)
			.where(and(eq(recoveryCodes.userId, id), isNull(recoveryCodes.usedAt)));
		expect(left).toHaveLength(8);
		const audit = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${id}`), eq(auditEvents.type, 'recovery-code-used')));
		expect(audit.map((a) => a.after)).toEqual([{ remaining: 9 }, { remaining: 8 }]);
		const issued = await app.ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.stream, `user:${id}`), eq(auditEvents.type, 'recovery-codes-issued')));
		expect(issued).toHaveLength(1);
	});

	it("are voided by an admin's second-factor reset", async () => {
		const id = await app.createUser('ops-recovery-reset', ['officer']);
		const codes = await enrol(await signedIn('ops-recovery-reset'));
		await app.ctx.userAdmin.resetSecondFactor(id, 'Phone lost, identity checked in person', {
			userId: null,
			label: 'test'
		});
		expect(await app.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id))).toHaveLength(0);
		const [row] = await app.ctx.db.select().from(users).where(eq(users.id, id));
		expect(row!.totpKey).toBeNull();
		// No second factor any more: sign-in needs none, and a stale code is no key to anything.
		const c = client();
		const res = await c.signIn('ops-recovery-reset', TEST_PASSWORD);
		expect(((await res.json()) as { secondFactor: string }).secondFactor).toBe('none');
		expect(codes).toHaveLength(10);
	});
});
