/**
 * Complaints over real HTTP (001 pp.23–25; 000 pp.15–17): filed against a decision, an action or
 * inaction — an open, overdue case too — of a licence or certificate case; and whoever decided the
 * case complained about takes no part in the review (extension, notice, decision).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/lib/domain/calendar';
import { clockOf, startProcedureHarness, type Json, type ProcedureHarness } from '../helpers/procedure-harness';

let h: ProcedureHarness;
const calendar = createCalendar({});
const complaint = (against: string, over: Json = {}) => ({
	service: 'complaint',
	complaintAgainst: against,
	reviewBy: 'provider',
	complaintText: 'The application has not been answered.',
	goodsLines: undefined,
	counterparty: undefined,
	endUser: undefined,
	...over
});

beforeAll(async () => {
	h = await startProcedureHarness('10.41.0');
}, 60_000);
afterAll(() => h?.close());

describe('a complaint against inaction (001 p.23 para 1; 000 p.15 para 1)', () => {
	it('is registered against an undecided, overdue licence case with the review clock of 001 p.24', async () => {
		const { body: licence } = await h.submit();
		expect(licence.stage).toBe('completeness-check');
		// The completeness check (2 WD from registration on Monday 2 March, 001 p.15) is overdue by Thursday.
		const res = await h.staff.admin!.postJson('/api/v1/admin/clock', { now: '2026-03-05T05:00:00.000Z' });
		expect(res.status).toBe(200);
		for (const [name, c] of Object.entries(h.staff)) {
			c.cookies.clear();
			await h.signedIn(name, []);
		}
		expect(clockOf((await h.view('officer', licence.id)).body, 'completeness').state).toBe('overdue');
		const filed = await h.submit(complaint(licence.number));
		expect(filed.status).toBe(201);
		expect(filed.body.stage).toBe('complaint-review');
		// Reviewed by the provider within 5 WD of its registration on Thursday 5 March (001 p.24(1)).
		expect(clockOf(filed.body, 'complaint-review').dueDate).toBe(calendar.addWorkingDays('2026-03-05', 5));
	});

	it('is registered against an undecided certificate case (000 p.15 para 1)', async () => {
		const { body: cert } = await h.submit({ service: 'end-user-certificate' });
		expect((await h.submit(complaint(cert.number))).status).toBe(201);
	});

	it('is refused, field by field, against a case outside 001 and 000, or against a complaint', async () => {
		const { body: device } = await h.submit({
			service: 'device-verification',
			devices: ['356938035643809'],
			goodsLines: undefined,
			counterparty: undefined,
			endUser: undefined,
			firstExportToCounterparty: undefined
		});
		const againstDevice = await h.submit(complaint(device.number));
		expect(againstDevice.status).toBe(422);
		expect(againstDevice.body.fields.complaintAgainst.message).toContain('act 004');
		const { body: lic } = await h.submit();
		const { body: first } = await h.submit(complaint(lic.number));
		const againstComplaint = await h.submit(complaint(first.number));
		expect(againstComplaint.status).toBe(422);
		expect(againstComplaint.body.fields.complaintAgainst.message).toContain('001 p.23 para 1');
	});
});

describe('recusal from the review (001 pp.23–25; 000 pp.15–17)', () => {
	it('keeps the head who decided the certificate from extending, notifying and deciding the complaint', async () => {
		const { body: cert } = await h.submit({ service: 'import-certificate', firstExportToCounterparty: undefined });
		expect((await h.action('head', cert.id, 'assign', { username: 'officer' })).status).toBe(200);
		expect((await h.action('officer', cert.id, 'complete-check', { complete: true })).status).toBe(200);
		expect((await h.action('head', cert.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
		const { body: c } = await h.submit(complaint(cert.number, { complaintText: 'The certificate is wrong.' }));
		// The decider is made a complaint reviewer too.
		await h.app.ctx.db.execute(
			`insert into user_roles (user_id, role) select id, 'complaint_reviewer' from users where username = 'head'` as never
		);
		await h.signedIn('head', []);
		const asDecider = await h.view('head', c.id);
		expect(asDecider.body.availableActions).not.toContain('extend-complaint');
		expect(asDecider.body.availableActions).not.toContain('decide-complaint');
		const extend = await h.action('head', c.id, 'extend-complaint', { workingDays: 3, reason: 'Further study' });
		expect(extend.status).toBe(403);
		expect(extend.body.error).toContain('000 p.17 para 1');
		expect(
			(await h.action('reviewer', c.id, 'extend-complaint', { workingDays: 3, reason: 'Further study' })).status
		).toBe(200);
		const notice = await h.action('head', c.id, 'record-extension-notice', {});
		expect(notice.status).toBe(403);
		expect(notice.body.error).toContain('000 p.17 para 2');
		expect((await h.action('reviewer', c.id, 'record-extension-notice', {})).status).toBe(200);
		const decide = await h.action('head', c.id, 'decide-complaint', { outcome: 'rejected', reason: 'x' });
		expect(decide.status).toBe(403);
		expect(decide.body.error).toContain('000 p.16');
		const done = await h.action('reviewer', c.id, 'decide-complaint', { outcome: 'rejected', reason: 'Lawful.' });
		expect(done.body.stage).toBe('complaint-decided');
	});
});
