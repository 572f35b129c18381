/**
 * The preliminary refusal's notice over real HTTP: the hearing's time and place or method, the
 * channel, the sending time and the proof of delivery are required, validated, kept on the case and
 * shown on the case page (001 p.19 paras 2–3; 000 p.13). And 000 is its own act: a certificate
 * application is not asked about a first export (001 p.18), its hearing limit cites 000 p.13, and
 * its letter is on 000's Annex 2 form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/lib/domain/calendar';
import { startProcedureHarness, type Json, type ProcedureHarness } from '../helpers/procedure-harness';

let h: ProcedureHarness;
const calendar = createCalendar({});

beforeAll(async () => {
	h = await startProcedureHarness('10.42.0');
}, 60_000);
afterAll(() => h?.close());

/** A case checked complete at the harness's start (Monday 2 March 2026, 09:00 Almaty). */
async function underReview(over: Json) {
	const { status, body } = await h.submit(over);
	expect(status).toBe(201);
	expect((await h.action('head', body.id, 'assign', { username: 'officer' })).status).toBe(200);
	expect((await h.action('officer', body.id, 'complete-check', { complete: true })).status).toBe(200);
	return body as Json;
}

/** The notice sent now by SMS, the hearing at 15:00 the next working day. */
function noticeBody(over: Json = {}) {
	const now = h.app.ctx.clock.now();
	const next = calendar.addWorkingDays(calendar.localDate(now), 1);
	return {
		grounds: [2],
		hearingAt: `${next}T15:00:00+05:00`,
		hearingPlace: 'Astana, Mangilik El 8, room 412',
		notice: { channel: 'sms', sentAt: now.toISOString(), proof: 'Operator delivery report 55-8812' },
		...over
	};
}

async function pageHtml(user: string, path: string) {
	const res = await h.staff[user]!.request(path, { headers: { accept: 'text/html', 'accept-language': 'en' } });
	expect(res.status).toBe(200);
	return res.text();
}

describe('the hearing notice (001 p.19 paras 2–3)', () => {
	it('is refused without its place, with an unknown channel or a sending time in the future', async () => {
		const c = await underReview({ service: 'import-licence', firstExportToCounterparty: undefined });
		const noPlace = await h.action('officer', c.id, 'issue-preliminary-refusal', noticeBody({ hearingPlace: '' }));
		expect(noPlace.status).toBe(422);
		expect(noPlace.body.fields).toHaveProperty('hearingPlace');
		const pigeon = noticeBody();
		const bad = await h.action('officer', c.id, 'issue-preliminary-refusal', {
			...pigeon,
			notice: { ...pigeon.notice, channel: 'pigeon' }
		});
		expect(bad.status).toBe(422);
		expect(bad.body.fields).toHaveProperty(['notice.channel']);
		const future = new Date(h.app.ctx.clock.now().getTime() + 3_600_000).toISOString();
		const ahead = await h.action('officer', c.id, 'issue-preliminary-refusal', {
			...pigeon,
			notice: { ...pigeon.notice, sentAt: future }
		});
		expect(ahead.status).toBe(422);
		expect(ahead.body.fields).toHaveProperty(['notice.sentAt']);
		expect(ahead.body.error).toContain('001 p.19 para 3');
	});

	it('is kept on the case with its channel, sending time and proof, and shown on the case page', async () => {
		const c = await underReview({ service: 'import-licence', firstExportToCounterparty: undefined });
		const body = noticeBody();
		const sent = await h.action('officer', c.id, 'issue-preliminary-refusal', body);
		expect(sent.status).toBe(200);
		expect(sent.body.stage).toBe('hearing');
		expect(sent.body.decision.preliminary).toMatchObject({
			hearingPlace: 'Astana, Mangilik El 8, room 412',
			notice: { channel: 'sms', sentAt: body.notice.sentAt, proof: 'Operator delivery report 55-8812' }
		});
		const html = await pageHtml('officer', `/cases/${c.id}`);
		expect(html).toContain('Hearing notice');
		expect(html).toContain('Text message to the mobile number');
		expect(html).toContain('Astana, Mangilik El 8, room 412');
		expect(html).toContain('Operator delivery report 55-8812');
	});
});

describe('000 is its own act', () => {
	it('registers an end-user certificate without the first-export answer, and cites 000 p.13 for its hearing limit', async () => {
		const cert = await underReview({ service: 'end-user-certificate', firstExportToCounterparty: undefined });
		// The hearing within 2 WD of the notice: Monday's notice allows Wednesday, not Thursday (000 p.13 para 2).
		const late = await h.action(
			'officer',
			cert.id,
			'issue-preliminary-refusal',
			noticeBody({
				hearingAt: `${calendar.addWorkingDays(calendar.localDate(h.app.ctx.clock.now()), 3)}T10:00:00+05:00`
			})
		);
		expect(late.status).toBe(422);
		expect(late.body.error).toContain('000 p.13');
		expect(late.body.error).not.toContain('001');
	});

	it('drafts the certificate’s letter on 000 Annex 2, not 001’s', async () => {
		const cert = await underReview({ service: 'import-certificate', firstExportToCounterparty: undefined });
		const html = await pageHtml('head', `/cases/${cert.id}/draft`);
		expect(html).toContain('Комитет промышленности Министерства промышленности и строительства Республики Казахстан');
		expect(html).toContain('Нөмір: ');
		expect(html).not.toContain('Нөмірі: ');
	});
});
