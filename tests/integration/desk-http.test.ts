/**
 * The desk over real HTTP against the built app (PGlite, or PostgreSQL with DATABASE_URL): the
 * search API with bad input, `/cases` filters in the URL, saved views, the CSV, a head's bulk
 * assignment with one case event per case, and the notes API (staff only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { actionResult, HttpClient } from '../helpers/http-client';
import { untranslatedWords } from '../helpers/latin-words';
import { MAX_VIEWS, saveView } from '../../src/lib/server/cases/saved-views';
import { VIEW_NAME_MAX } from '../../src/lib/domain/search/saved-view';
import { caseEvents, cases, organisations } from '../../src/lib/server/db/schema';

let app: TestApp;
const c: Record<string, HttpClient> = {};
const userIds: Record<string, number> = {};
const ids: string[] = [];
let portal = '';

beforeAll(async () => {
	app = await startTestApp();
	let n = 0;
	for (const [name, roles] of [
		['d-head', ['head']],
		['d-officer', ['officer']],
		['d-officer2', ['officer']],
		['d-reviewer', ['complaint_reviewer']]
	] as const) {
		userIds[name] = await app.createUser(name, [...roles]);
		c[name] = new HttpClient(app.url, `10.44.0.${++n}`);
		expect((await c[name].signIn(name, TEST_PASSWORD)).status).toBe(201);
	}
	portal = (await app.ctx.tokens.issue({ name: 'desk portal', kind: 'portal' }, { userId: null, label: 'test' })).token;
	const [o] = await app.ctx.db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ЖШС «Ақсу Құрылыс»', legalAddress: 'A', city: 'A' })
		.returning();
	const now = app.clock.now();
	for (let i = 0; i < 4; i++) {
		const [row] = await app.ctx.db
			.insert(cases)
			.values({
				number: `EL-2026-0990${i}`,
				service: 'export-licence',
				stage: 'under-review',
				applicantId: o!.id,
				receivedAt: now,
				registeredOn: '2026-03-02',
				application: { counterparty: { name: `Partner, "${i}" =cmd`, country: 'TR' } },
				createdAt: now,
				updatedAt: now
			})
			.returning();
		ids.push(row!.id);
	}
}, 120_000);

/** The page's own data node of a `__data.json` answer (devalue-encoded). */
async function pageData(res: Response): Promise<Record<string, unknown>> {
	const { unflatten } = await import('devalue');
	const body = (await res.json()) as { nodes: ({ type: string; data: unknown[] } | null)[] };
	return unflatten(body.nodes.at(-1)!.data) as Record<string, unknown>;
}

afterAll(async () => {
	await app?.close();
});

describe('GET /api/v1/search', () => {
	it('finds by a Kazakh name fragment typed without Kazakh letters', async () => {
		const res = await c['d-officer']!.get(`/api/v1/search?q=${encodeURIComponent('аксу курыл')}`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { groups: { group: string; hits: { number: string }[] }[] };
		expect(body.groups.map((g) => g.group)).toEqual(['name']);
		expect(body.groups[0]!.hits).toHaveLength(4);
	});

	it.each([
		['10 KB', 'a'.repeat(10_240)],
		['SQL', "x' or 1=1; drop table cases; --"],
		['LIKE and regex', '%_\\.*+?[](){}|^$'],
		['only spaces', '          '],
		['nothing', '']
	])('%s: 200, no error, fast', async (_n, q) => {
		const started = performance.now();
		const res = await c['d-officer']!.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
		expect(res.status).toBe(200);
		expect(((await res.json()) as { groups: unknown[] }).groups).toEqual([]);
		expect(performance.now() - started).toBeLessThan(1_000);
	});

	it('needs a staff session: a portal token gets 401', async () => {
		const res = await new HttpClient(app.url, '10.44.1.1').request('/api/v1/search?q=EL', {
			headers: { authorization: `Bearer ${portal}` }
		});
		expect(res.status).toBe(401);
	});
});

describe('/cases', () => {
	it('the filter is the URL; a filter it does not understand is named, not an error', async () => {
		const res = await c['d-head']!.request('/cases/__data.json?assignee=none&service=export-licence&stage=bogus!&x=1', {
			headers: { accept: '*/*' }
		});
		expect(res.status).toBe(200);
		const data = await pageData(res);
		expect((data.rows as { number: string }[]).map((r) => r.number).sort()).toEqual(
			ids.map((_, i) => `EL-2026-0990${i}`)
		);
		expect(data.dropped).toEqual(['stage']);
		expect(data.filter).toEqual({ assignee: 'none', service: 'export-licence' });
	});

	it('saves a view per user, keeping only the filter keys', async () => {
		const r = await actionResult(
			await c['d-officer']!.postForm('/cases?/saveView', {
				name: 'Mine',
				query: 'assignee=me&evil=<script>&sort=number'
			})
		);
		expect(r.type).toBe('success');
		const page = await (await c['d-officer']!.request('/cases/__data.json', { headers: { accept: '*/*' } })).text();
		expect(page).toContain('Mine');
		expect(page).toContain('assignee=me&sort=number');
		expect(page).not.toContain('evil');
		const other = await (await c['d-officer2']!.request('/cases/__data.json', { headers: { accept: '*/*' } })).text();
		expect(other).not.toContain('assignee=me&sort=number');
	});

	it("refuses a bad saved view with a stable code and a message in the user's language", async () => {
		const officer = c['d-officer2']!;
		const refusal = async (path: string, fields: Record<string, string>, lang: string) => {
			officer.cookies.set('PARAGLIDE_LOCALE', lang);
			const r = await actionResult(await officer.postForm(path, fields));
			expect(r.type).toBe('failure');
			expect(r.status).toBe(422);
			return r.data as { code: string; message: string };
		};
		try {
			const messages = new Map<string, string>();
			for (const lang of ['kk', 'ru', 'en']) {
				const blank = await refusal('/cases?/saveView', { name: '   ', query: '' }, lang);
				expect(blank.code).toBe('view-name-invalid');
				expect(blank.message).toContain(String(VIEW_NAME_MAX));
				const long = await refusal('/cases?/saveView', { name: 'x'.repeat(VIEW_NAME_MAX + 1), query: '' }, lang);
				expect([long.code, long.message]).toEqual(['view-name-invalid', blank.message]);
				const unknown = await refusal('/cases?/deleteView', { id: 'x' }, lang);
				expect(unknown.code).toBe('view-not-found');
				for (const m of [blank.message, unknown.message]) {
					if (lang !== 'en') expect(untranslatedWords(m), m).toEqual([]);
					expect(m).toMatch(lang === 'en' ? /^[A-Z]/ : /^\p{Script=Cyrillic}/u);
				}
				messages.set(lang, blank.message);
			}
			expect(new Set(messages.values()).size).toBe(3);
			// At the limit of saved views (ADR-041) a new name is refused, naming the limit.
			for (let i = 0; i < MAX_VIEWS; i++)
				await saveView(app.ctx.db, userIds['d-officer2']!, `v${i}`, '', app.clock.now());
			for (const lang of ['kk', 'ru']) {
				const full = await refusal('/cases?/saveView', { name: 'one more', query: '' }, lang);
				expect(full.code).toBe('view-limit');
				expect(full.message).toContain(String(MAX_VIEWS));
				expect(untranslatedWords(full.message)).toEqual([]);
			}
		} finally {
			officer.cookies.delete('PARAGLIDE_LOCALE');
		}
	});

	it('exports the view as CSV, streamed, formulas defused', async () => {
		const res = await c['d-head']!.get('/cases/export.csv?service=export-licence&sort=number&dir=asc');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const text = await res.text();
		const lines = text
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe('number,service,stage,applicant,bin,assignee,unit,received_at,decided_at,next_due_at');
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(ids.map((_, i) => `EL-2026-0990${i}`));
		expect(text).toContain(',ЖШС «Ақсу Құрылыс»,000740001307,');
	});

	it('a head assigns selected cases: one case event each; an officer may not', async () => {
		const refused = await c['d-officer']!.postForm('/cases?/assign', { username: 'd-officer', ids: ids.slice(0, 2) });
		expect(refused.status).toBe(403);
		const r = await actionResult(
			await c['d-head']!.postForm('/cases?/assign', { username: 'd-officer2', ids: [...ids.slice(0, 3), ids[0]!] })
		);
		expect(r.type).toBe('success');
		expect((r.data as { results: { ok: boolean }[] }).results.map((x) => x.ok)).toEqual([true, true, true]);
		const events = await app.ctx.db
			.select({
				caseId: caseEvents.caseId,
				type: caseEvents.type,
				actor: caseEvents.actorLabel,
				after: caseEvents.after
			})
			.from(caseEvents)
			.where(inArray(caseEvents.caseId, ids))
			.orderBy(asc(caseEvents.id));
		const assigned = events.filter((e) => e.type === 'case:assigned');
		expect(assigned.map((e) => e.caseId).sort()).toEqual(ids.slice(0, 3).sort());
		expect(assigned.every((e) => e.actor === 'd-head')).toBe(true);
		const [row] = await app.ctx.db.select().from(cases).where(eq(cases.id, ids[1]!));
		expect(row!.assigneeId).not.toBeNull();
		// The bad input: no cases, or ids that are not ids.
		expect(
			(await actionResult(await c['d-head']!.postForm('/cases?/assign', { username: 'd-officer2', ids: [] }))).status
		).toBe(422);
		expect(
			(await actionResult(await c['d-head']!.postForm('/cases?/assign', { username: 'x', ids: ['1; drop'] }))).status
		).toBe(422);
		// The refusal has its code and speaks the head's language.
		const head = c['d-head']!;
		try {
			head.cookies.set('PARAGLIDE_LOCALE', 'kk');
			const kk = await actionResult(await head.postForm('/cases?/assign', { username: 'd-officer2', ids: [] }));
			const data = kk.data as { code: string; message: string };
			expect(data.code).toBe('bulk-assign-invalid');
			expect(data.message).toContain('200');
			expect(untranslatedWords(data.message), data.message).toEqual([]);
		} finally {
			head.cookies.delete('PARAGLIDE_LOCALE');
		}
	});
});

describe('notes API', () => {
	it('staff post a note with a mention; GET /api/v1/cases/{id} lists it for staff only', async () => {
		const res = await c['d-officer']!.postJson(`/api/v1/cases/${ids[3]}/notes`, {
			text: 'Call the applicant, @d-head'
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ author: 'd-officer', mentions: ['d-head'] });
		const staff = await (await c['d-reviewer']!.get(`/api/v1/cases/${ids[3]}`)).json();
		expect(JSON.stringify(staff)).toContain('Call the applicant');
		const portalView = await new HttpClient(app.url, '10.44.1.2').request(`/api/v1/cases/${ids[3]}`, {
			headers: { authorization: `Bearer ${portal}` }
		});
		expect(portalView.status).toBe(200);
		expect(await portalView.text()).not.toContain('Call the applicant');
	});

	it('a mention of someone who cannot see the case is refused with the reason; bad bodies are 4xx', async () => {
		const bad = await c['d-officer']!.postJson(`/api/v1/cases/${ids[3]}/notes`, { text: 'see @no-such-user' });
		expect(bad.status).toBe(422);
		expect(((await bad.json()) as { error: string }).error).toContain('@no-such-user: no such colleague');
		expect((await c['d-officer']!.postJson(`/api/v1/cases/${ids[3]}/notes`, { text: 1 })).status).toBe(422);
		expect((await c['d-officer']!.postJson(`/api/v1/cases/${ids[3]}/notes`, { text: 'x', extra: 1 })).status).toBe(422);
		const token = await new HttpClient(app.url, '10.44.1.3').request(`/api/v1/cases/${ids[3]}/notes`, {
			method: 'POST',
			body: JSON.stringify({ text: 'x' }),
			headers: { authorization: `Bearer ${portal}`, 'content-type': 'application/json' }
		});
		expect(token.status).toBe(401);
	});

	it('edits within 5 minutes, then 409', async () => {
		const created = (await (
			await c['d-officer']!.postJson(`/api/v1/cases/${ids[2]}/notes`, { text: 'draft' })
		).json()) as { id: string };
		const ok = await c['d-officer']!.request(`/api/v1/cases/${ids[2]}/notes/${created.id}`, {
			method: 'PATCH',
			body: JSON.stringify({ text: 'fixed' }),
			headers: { 'content-type': 'application/json' }
		});
		expect(ok.status).toBe(200);
		app.clock.advance(5 * 60_000 + 1);
		const late = await c['d-officer']!.request(`/api/v1/cases/${ids[2]}/notes/${created.id}`, {
			method: 'PATCH',
			body: JSON.stringify({ text: 'again' }),
			headers: { 'content-type': 'application/json' }
		});
		expect(late.status).toBe(409);
	});
});
