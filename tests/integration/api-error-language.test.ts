/**
 * An API error answers with a stable machine `code` and a `message` from the catalogue in
 * the caller's language (ADR-031). A sample of routes, each refusal of another kind, over real HTTP
 * against the built app in en, kk and ru: the code and status are the same in all three, the message
 * is the catalogue's own entry for that code (not the generic one for its kind) and in kk/ru has no
 * Latin word that is not data or an allowed term.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { HttpClient } from '../helpers/http-client';
import { untranslatedWords } from '../helpers/latin-words';
import { users } from '../../src/lib/server/db/schema';

const LANGS = ['en', 'kk', 'ru'] as const;
type Lang = (typeof LANGS)[number];
const catalogue = Object.fromEntries(
	LANGS.map((l) => [l, JSON.parse(readFileSync(`messages/${l}.json`, 'utf8')) as Record<string, string>])
) as Record<Lang, Record<string, string>>;
const keyOf = (code: string) => `err_${code.replaceAll('-', '_')}`;

let app: TestApp;
let officer: HttpClient;
let temporary: HttpClient;
let admin: HttpClient;
const NO_CASE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
	app = await startTestApp();
	await app.createUser('e27-officer', ['officer']);
	officer = new HttpClient(app.url, '10.27.0.1');
	expect((await officer.signIn('e27-officer', TEST_PASSWORD)).status).toBe(201);
	// A user whose password an admin reset: every other API call is refused until it is changed.
	const id = await app.createUser('e27-temporary', ['officer']);
	temporary = new HttpClient(app.url, '10.27.0.2');
	expect((await temporary.signIn('e27-temporary', TEST_PASSWORD)).status).toBe(201);
	await app.ctx.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, id));
	await app.createUser('e27-admin', ['admin']);
	admin = new HttpClient(app.url, '10.27.0.3');
	expect((await admin.signIn('e27-admin', TEST_PASSWORD)).status).toBe(201);
}, 120_000);

afterAll(async () => {
	await app?.close();
});

interface Refusal {
	name: string;
	status: number;
	code: string;
	send: (lang: Lang) => Promise<Response>;
}

const al = (lang: Lang) => ({ 'accept-language': lang });

const REFUSALS: Refusal[] = [
	{
		name: 'a call without a session',
		status: 401,
		code: 'sign-in-first',
		send: (lang) => new HttpClient(app.url, '10.27.1.1').request('/api/v1/me', { headers: al(lang) })
	},
	{
		name: 'a case that does not exist',
		status: 404,
		code: 'case-not-found',
		send: (lang) => officer.request(`/api/v1/cases/${NO_CASE}`, { headers: al(lang) })
	},
	{
		name: 'a note that does not exist',
		status: 404,
		code: 'note-not-found',
		send: (lang) =>
			officer.request(`/api/v1/cases/${NO_CASE}/notes/not-a-note`, {
				method: 'PATCH',
				body: JSON.stringify({ text: 'x' }),
				headers: { 'content-type': 'application/json', ...al(lang) }
			})
	},
	{
		name: 'the notes of a case that does not exist',
		status: 404,
		code: 'case-not-found',
		send: (lang) => officer.request(`/api/v1/cases/${NO_CASE}/notes`, { headers: al(lang) })
	},
	{
		name: 'a document id that is no document id',
		status: 404,
		code: 'document-not-found',
		send: (lang) => officer.request('/api/v1/documents/not-a-document/verification', { headers: al(lang) })
	},
	{
		name: 'a document that does not exist',
		status: 404,
		code: 'document-not-found',
		send: (lang) => officer.request(`/api/v1/documents/${NO_CASE}/verification`, { headers: al(lang) })
	},
	{
		name: 'a signer without an active keystore',
		status: 404,
		code: 'signer-not-found',
		send: (lang) =>
			admin.request('/api/v1/admin/signers/999999', {
				method: 'DELETE',
				body: JSON.stringify({ reason: 'left the committee' }),
				headers: { 'content-type': 'application/json', ...al(lang) }
			})
	},
	{
		name: 'an officer creating a user',
		status: 403,
		code: 'role-not-allowed',
		send: (lang) => officer.postJson('/api/v1/admin/users', { username: 'x' }, al(lang))
	},
	{
		name: 'an absence with invalid fields',
		status: 422,
		code: 'invalid-fields',
		send: (lang) => officer.postJson('/api/v1/me/absences', { from: 'tomorrow' }, al(lang))
	},
	{
		name: 'a write from another site',
		status: 403,
		code: 'cross-site-refused',
		send: (lang) =>
			officer.request('/api/v1/me/absences', {
				method: 'POST',
				body: '{}',
				headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...al(lang) }
			})
	},
	{
		name: 'any call before the temporary password is changed',
		status: 403,
		code: 'password_change_required',
		send: (lang) => temporary.request('/api/v1/me', { headers: al(lang) })
	}
];

describe('API errors speak the caller’s language beside a stable code', () => {
	it.each(REFUSALS.map((r) => [r.name, r] as const))('%s', async (_name, refusal) => {
		const answers = new Map<Lang, { status: number; code: string; message: string }>();
		for (const lang of LANGS) {
			const res = await refusal.send(lang);
			const body = (await res.json()) as { code: string; message: string };
			answers.set(lang, { status: res.status, code: body.code, message: body.message });
		}
		for (const lang of LANGS) {
			const a = answers.get(lang)!;
			expect([a.status, a.code], lang).toEqual([refusal.status, refusal.code]);
			// The code's own entry in the catalogue, not the generic message of its kind.
			const own = catalogue[lang][keyOf(refusal.code)];
			expect(own, `${keyOf(refusal.code)} in ${lang}`).toBeDefined();
			expect(a.message).toBe(own);
		}
		for (const lang of ['kk', 'ru'] as const) {
			expect(untranslatedWords(answers.get(lang)!.message), lang).toEqual([]);
			expect(answers.get(lang)!.message).not.toBe(answers.get('en')!.message);
		}
		expect(answers.get('kk')!.message).not.toBe(answers.get('ru')!.message);
	});
});
