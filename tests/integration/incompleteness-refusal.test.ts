/**
 * The incompleteness refusal over real HTTP (001 p.15 para 2; 000 p.11): the officer prepares it
 * with the missing documents, the case waits for the head's signature (shown on the case page), and
 * the head's signature issues the letter on the act's Annex 2 form and closes the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcedureHarness, type Json, type ProcedureHarness } from '../helpers/procedure-harness';

let h: ProcedureHarness;
const missing = ['Copy of the foreign trade contract', 'End-user statement (expired 01.03.2026)'];

beforeAll(async () => {
	h = await startProcedureHarness('10.43.0');
}, 120_000);
afterAll(() => h?.close());

describe.each([
	['import-licence', '001 p.15 para 2', '001 Annex 2'],
	['end-user-certificate', '000 p.11', '000 Annex 2']
])('the incompleteness refusal of a %s case', (service, point, form) => {
	it('is prepared by the officer, awaits the head, and closes only with the head’s signed letter', async () => {
		const { body: c } = await h.submit({ service, firstExportToCounterparty: undefined });
		expect((await h.action('head', c.id, 'assign', { username: 'officer' })).status).toBe(200);
		const prepared = await h.action('officer', c.id, 'complete-check', { complete: false, missing });
		expect(prepared.status).toBe(200);
		expect(prepared.body.stage).toBe('incompleteness-signature');
		expect(prepared.body.decidedAt).toBeNull();
		expect(prepared.body.availableActions).not.toContain('sign-incompleteness-refusal');

		const page = await h.staff.officer!.request(`/cases/${c.id}`, {
			headers: { accept: 'text/html', 'accept-language': 'en' }
		});
		const html = await page.text();
		expect(html).toContain('Incompleteness refusal awaiting the head’s signature');
		expect(html).toContain('Copy of the foreign trade contract');

		const byOfficer = await h.action('officer', c.id, 'sign-incompleteness-refusal', {});
		expect(byOfficer.status).toBe(403);
		expect(byOfficer.body.error).toContain(point);

		expect((await h.view('head', c.id)).body.availableActions).toContain('sign-incompleteness-refusal');
		const signed = await h.action('head', c.id, 'sign-incompleteness-refusal', {});
		expect(signed.status).toBe(200);
		expect(signed.body.stage).toBe('returned-incomplete');
		expect(signed.body.decidedAt).not.toBeNull();
		expect(signed.body.decision).toMatchObject({ outcome: 'returned-incomplete', missing, citation: point });
		expect(signed.body.decision.letter.sha256).toMatch(/^[0-9a-f]{64}$/);
		const events = signed.body.events as Json[];
		const letter = events.find((e) => e.type === 'refusal:letter-signed')!;
		expect(letter.citation).toContain(form);
		expect(letter.after).toMatchObject({ kind: 'incompleteness', form, sha256: signed.body.decision.letter.sha256 });
		expect((letter.after.body as string[]).slice(-2)).toEqual(missing.map((m) => `— ${m}`));
		expect(events.find((e) => e.type === 'completeness:refused')!.citation).toBe(point);
	});
});
