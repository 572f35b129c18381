/**
 * A 422 answer names each invalid field with a stable `code` and a `message` from the catalogue in
 * the caller's language (ADR-107), any citation in it written as that language writes it (ADR-032):
 * an application body from the portal, a staff action's body, an absence, and the admin's new-user
 * form, each in kk, ru and en. The codes are the same in all three; a kk or ru message has no Latin
 * word that is not data (a code the field takes, an allowed term).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { untranslatedWords } from '../helpers/latin-words';
import { annex1Application } from '../helpers/import-application';
import { thermalImagingModule } from '../helpers/goods-lines';

const LANGS = ['kk', 'ru', 'en'] as const;
type Lang = (typeof LANGS)[number];
type Fields = Record<string, { code: string; message: string }>;
type Json = Record<string, unknown>;

let app: TestApp;
let admin: HttpClient;
let officer: HttpClient;
let portal: string;
let seq = 0;

beforeAll(async () => {
	app = await startTestApp();
	await app.createUser('fp-admin', ['admin']);
	await app.createUser('fp-officer', ['officer']);
	admin = new HttpClient(app.url, '10.107.0.1');
	officer = new HttpClient(app.url, '10.107.0.2');
	expect((await admin.signIn('fp-admin', TEST_PASSWORD)).status).toBe(201);
	expect((await officer.signIn('fp-officer', TEST_PASSWORD)).status).toBe(201);
	const res = await admin.postJson('/api/v1/admin/tokens', { name: 'fp portal', kind: 'portal' });
	expect(res.status).toBe(201);
	portal = ((await res.json()) as { token: string }).token;
}, 120_000);

afterAll(async () => {
	await app?.close();
});

const al = (lang: Lang) => ({ 'accept-language': lang });

/** A valid export licence application (001 Annex 1 form 1), each with a new external id. */
const goodApplication = (): Json =>
	annex1Application({
		service: 'export-licence',
		externalId: `FP-${++seq}`,
		receivedAt: app.ctx.clock.now(),
		applicant: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, пр. Мангилик Ел, 55', city: 'Astana' },
		goodsLine: thermalImagingModule,
		party: { name: 'Horizon Trading FZE', country: 'AE' },
		firstExportToCounterparty: true
	}) as Json;

/** An export licence application with a field of every kind wrong. */
function badApplication(): Json {
	const good = goodApplication();
	const applicant = good.applicant as Json;
	const line = (good.goodsLines as Json[])[0]!;
	return {
		...good,
		applicant: { ...applicant, bin: '123', name: '' },
		goodsLines: [{ ...line, hsCode: '7712345678', quantity: 0, currency: 'usd', extra: 1 }],
		receivedAt: 'yesterday',
		reissue: undefined,
		contract: undefined,
		declaration: false
	};
}

async function postApplication(lang: Lang) {
	const res = await fetch(`${app.url}/api/v1/applications`, {
		method: 'POST',
		body: JSON.stringify(badApplication()),
		headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, ...al(lang) }
	});
	return { status: res.status, body: (await res.json()) as { code: string; fields: Fields } };
}

/**
 * The words of a kk/ru message that are not the language's own, less data: the values the field
 * takes ("Одно из значений: email, post."), the JSON `true`, an example instant.
 */
function foreignWords(message: string): string[] {
	const values = /: ([\w\s,.-]+)\.$/.exec(message)?.[1]?.split(/[\s,]+/) ?? [];
	return untranslatedWords(message).filter(
		(w) => !values.includes(w) && w !== 'true' && !/^\d{4}-\d{2}-\d{2}T[\d:+]+$/.test(w)
	);
}

function expectLocalised(byLang: Map<Lang, Fields>) {
	const en = byLang.get('en')!;
	for (const lang of LANGS) {
		const fields = byLang.get(lang)!;
		expect(Object.keys(fields).sort(), lang).toEqual(Object.keys(en).sort());
		for (const [name, p] of Object.entries(fields)) {
			expect(p.code, `${lang} ${name}`).toBe(en[name]!.code);
			expect(p.code, name).toMatch(/^[a-z][a-z0-9-]*$/);
			expect(p.message, `${lang} ${name}`).not.toBe('');
			if (lang === 'en') continue;
			expect(foreignWords(p.message), `${lang} ${name}: ${p.message}`).toEqual([]);
			expect(p.message, `${lang} ${name}`).toMatch(/\p{Script=Cyrillic}/u);
		}
	}
	for (const name of Object.keys(en)) expect(byLang.get('kk')![name]!.message).not.toBe(en[name]!.message);
}

describe('422 field problems speak the caller’s language beside a stable code', () => {
	it('an application body: generic zod kinds and the domain’s own codes, citations per language', async () => {
		const byLang = new Map<Lang, Fields>();
		for (const lang of LANGS) {
			const { status, body } = await postApplication(lang);
			expect(status, lang).toBe(422);
			expect(body.code).toBe('invalid-fields');
			byLang.set(lang, body.fields);
		}
		expectLocalised(byLang);
		const en = byLang.get('en')!;
		expect(en['applicant.bin']!.code).toBe('invalid-bin');
		expect(en['applicant.name']!.code).toBe('required');
		expect(en['goodsLines.0.hsCode']!.code).toBe('invalid-hs-code');
		expect(en['goodsLines.0.quantity']!.code).toBe('too-small');
		expect(en['goodsLines.0.currency']!.code).toBe('invalid-currency');
		expect(en['goodsLines.0.extra']!.code).toBe('unknown-field');
		expect(en['receivedAt']!.code).toBe('invalid-format');
		expect(en['declaration']!.code).toBe('must-be-true');
		// The act is cited in each language's own notation: 001 p.7 (ADR-032).
		expect(en['goodsLines.0.hsCode']!.message).toContain('001 p.7');
		expect(byLang.get('kk')!['goodsLines.0.hsCode']!.message).toContain('001 ереже, 7-т.');
		expect(byLang.get('ru')!['goodsLines.0.hsCode']!.message).toContain('Правила 001, п. 7');
	});

	it('an application missing the form’s fields: required, citing the act’s form field', async () => {
		const byLang = new Map<Lang, Fields>();
		for (const lang of LANGS) {
			const good = goodApplication();
			delete good.contract;
			delete good.stateRevenueBody;
			const res = await fetch(`${app.url}/api/v1/applications`, {
				method: 'POST',
				body: JSON.stringify(good),
				headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, ...al(lang) }
			});
			expect(res.status, lang).toBe(422);
			byLang.set(lang, ((await res.json()) as { fields: Fields }).fields);
		}
		expectLocalised(byLang);
		expect(byLang.get('en')!.contract!.code).toBe('required');
		expect(byLang.get('en')!.contract!.message).toContain('001 p.7');
		expect(byLang.get('ru')!.stateRevenueBody!.message).toMatch(/Правила 001, прил\. 1 форма 1 графа 6/);
		expect(byLang.get('kk')!.stateRevenueBody!.message).toMatch(/001 ереже, 1-қосымша 1-нысан 6-бағана/);
	});

	it('an absence body of the API', async () => {
		const byLang = new Map<Lang, Fields>();
		for (const lang of LANGS) {
			const res = await officer.postJson('/api/v1/me/absences', { from: 'tomorrow', note: 'x'.repeat(1000) }, al(lang));
			expect(res.status, lang).toBe(422);
			byLang.set(lang, ((await res.json()) as { fields: Fields }).fields);
		}
		expectLocalised(byLang);
	});

	it('a staff form action: the admin’s new-user form', async () => {
		const byLang = new Map<Lang, Fields>();
		try {
			for (const lang of LANGS) {
				admin.cookies.set('PARAGLIDE_LOCALE', lang);
				const r = await actionResult(
					await admin.postForm('/admin?/createUser', { username: 'a b', displayName: '', password: 'short' })
				);
				expect([r.type, r.status], lang).toEqual(['failure', 422]);
				byLang.set(lang, (r.data as { fields: Fields }).fields);
			}
		} finally {
			admin.cookies.delete('PARAGLIDE_LOCALE');
		}
		expectLocalised(byLang);
		const en = byLang.get('en')!;
		expect(en.password!.code).toBe('too-short');
		expect(en.roles!.code).toBe('required');
		expect(en.displayName!.code).toBe('required');
		// The admin is told what the field accepts, in her language, not only that it is wrong.
		expect(en.username!.message).toMatch(/2–40 letters/);
		expect(byLang.get('ru')!.password!.message).toMatch(/^Не менее \d+ знаков\.$/);
		expect(byLang.get('kk')!.roles!.message).toBe('Кемінде бір рөл таңдаңыз.');
	});
});

describe('citations leave the server as structure beside the canonical notation (ADR-106)', () => {
	it('a field problem citing the act carries the parsed citation', async () => {
		const { body } = await postApplication('kk');
		expect(body.fields['goodsLines.0.hsCode']).toMatchObject({ citations: [{ act: '001', points: '7' }] });
	});

	it('a case’s clocks and events carry `citations` beside `citation`', async () => {
		const good = goodApplication();
		const res = await fetch(`${app.url}/api/v1/applications`, {
			method: 'POST',
			body: JSON.stringify(good),
			headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}` }
		});
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		const head = new HttpClient(app.url, '10.107.0.3');
		await app.createUser('fp-head', ['head']);
		expect((await head.signIn('fp-head', TEST_PASSWORD)).status).toBe(201);
		const view = (await (await head.get(`/api/v1/cases/${id}`)).json()) as {
			clocks: { citation: string; citations: unknown }[];
			events: { citation: string | null; citations: unknown }[];
		};
		expect(view.clocks.length).toBeGreaterThan(0);
		for (const c of view.clocks) {
			expect(c.citations, c.citation).not.toBeNull();
			expect((c.citations as { act: string }[])[0]!.act).toBe(c.citation.slice(0, 3));
		}
		const created = view.events.find((e) => e.citation)!;
		expect(created.citations).toEqual(expect.arrayContaining([expect.objectContaining({ act: '001' })]));
	});
});
