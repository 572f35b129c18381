/**
 * The case search (ADR-040) on a real database, PGlite and PostgreSQL: what each key finds, the
 * visibility rules (device-verification cases only to heads and the officer who works them, 004 P 14–15; a
 * liaison only its agency's consultations and never by the applicant), and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { rowsOf } from '../../src/lib/server/db/client';
import { cases, consultations, organisations, users } from '../../src/lib/server/db/schema';
import { searchCases } from '../../src/lib/server/search/search.service';
import { searchScope, type SearchViewer } from '../../src/lib/domain/access/search-scope';
import { FOLD_FROM, foldName } from '../../src/lib/domain/search/fold';
import { ensureReferenceData } from '../../src/lib/server/db/reference-data';
import type { Role } from '../../src/lib/domain/access/roles';

let handle: DbHandle;
const ids: Record<string, string> = {};
const user: Record<string, number> = {};

async function org(bin: string, name: string) {
	const [o] = await handle.db
		.insert(organisations)
		.values({ bin, name, legalAddress: 'Астана', city: 'Астана' })
		.returning();
	return o!.id;
}

async function addCase(
	key: string,
	o: {
		number: string;
		service?: string;
		applicantId: number;
		application?: Record<string, unknown>;
		assigneeId?: number;
		unit?: string;
		externalId?: string;
	}
) {
	const now = new Date('2026-03-02T04:00:00Z');
	const [c] = await handle.db
		.insert(cases)
		.values({
			number: o.number,
			service: o.service ?? 'export-licence',
			stage: 'under-review',
			applicantId: o.applicantId,
			assigneeId: o.assigneeId ?? null,
			unit: o.unit ?? null,
			externalId: o.externalId ?? null,
			receivedAt: now,
			registeredOn: '2026-03-02',
			application: o.application ?? {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	ids[key] = c!.id;
}

const viewer = (name: string, roles: Role[], extra: Partial<SearchViewer> = {}): SearchViewer => ({
	userId: user[name] ?? 0,
	roles,
	unit: null,
	agencyCode: null,
	...extra
});

async function find(v: SearchViewer, q: string) {
	const r = await searchCases(handle.db, searchScope(v), q);
	return Object.fromEntries(r.groups.map((g) => [g.group, g.hits.map((h) => h.number)]));
}
const numbers = (groups: Record<string, string[]>) => Object.values(groups).flat().sort();

beforeAll(async () => {
	handle = await createTestDb();
	await ensureReferenceData(handle.db);
	const now = new Date();
	for (const [name, unit] of [
		['off1', 'U1'],
		['off2', 'U2']
	] as const) {
		const [u] = await handle.db
			.insert(users)
			.values({ username: name, displayName: name, passwordHash: 'x', unit, createdAt: now, updatedAt: now })
			.returning();
		user[name] = u!.id;
	}
	const kaz = await org('000740001307', 'ТОО «Қазақ Өнеркәсіп»');
	const latin = await org('123456789021', 'Steppe Trading LLP');
	await addCase('kaz', {
		number: 'EL-2026-00001',
		applicantId: kaz,
		externalId: 'portal-77/a',
		application: {
			goodsLines: [{ hsCode: '8526910000', controlCode: '1С350', description: 'x', quantity: 2, unit: 'pcs' }],
			counterparty: { name: 'Ürümqi Electronics Ltd', country: 'CN' },
			endUser: { name: 'Бишкек Сервис', country: 'KG' }
		}
	});
	await addCase('latin', {
		number: 'EL-2026-00002',
		applicantId: latin,
		application: {
			goodsLines: [{ hsCode: '8471300000', controlCode: '5А002', description: 'x', quantity: 1, unit: 'pcs' }],
			counterparty: { name: 'Orient 100% _Test_ Co', country: 'TR' }
		}
	});
	// A device-verification case of unit U1, unassigned then assigned to off1.
	await addCase('device', {
		number: 'DV-2026-00001',
		service: 'device-verification',
		applicantId: latin,
		unit: 'U1',
		assigneeId: user.off1,
		application: { devices: ['356938035643809', '490154203237518'] }
	});
	await handle.db.insert(consultations).values({
		caseId: ids.latin!,
		agencyCode: 'nsc',
		requestedAt: now,
		dueAt: now
	});
}, 120_000);

afterAll(async () => {
	await handle?.close();
});

describe('what a key finds', () => {
	const head = () => viewer('head', ['head']);
	it('BIN and IIN exactly, not a part of them', async () => {
		expect(await find(head(), '000740001307')).toEqual({ bin: ['EL-2026-00001'] });
		expect(numbers(await find(head(), '00074000130'))).toEqual([]);
	});
	it('a name fragment in Kazakh, and the same typed without Kazakh letters', async () => {
		expect(await find(head(), 'өнеркә')).toEqual({ name: ['EL-2026-00001'] });
		expect(await find(head(), 'ОНЕРКА')).toEqual({ name: ['EL-2026-00001'] });
		expect(await find(head(), 'казак онер')).toEqual({ name: ['EL-2026-00001'] });
	});
	it('counterparty and end-user names, Latin and Cyrillic, any case', async () => {
		expect(await find(head(), 'ürümqi')).toEqual({ name: ['EL-2026-00001'] });
		expect(await find(head(), 'бишкек')).toEqual({ name: ['EL-2026-00001'] });
		expect(numbers(await find(head(), 'STEPPE trad'))).toEqual(['DV-2026-00001', 'EL-2026-00002']);
	});
	it('codes by prefix, the control code in Latin or Cyrillic letters', async () => {
		expect(await find(head(), '8526')).toEqual({ code: ['EL-2026-00001'] });
		expect(await find(head(), '8526 91')).toEqual({ code: ['EL-2026-00001'] });
		expect(await find(head(), '1C35')).toEqual({ code: ['EL-2026-00001'] });
		expect(await find(head(), '5a002')).toEqual({ code: ['EL-2026-00002'] });
	});
	it('IMEI, external id, case number and its sequence', async () => {
		expect(await find(head(), '490154203237518')).toEqual({ imei: ['DV-2026-00001'] });
		expect(await find(head(), 'portal-77/a')).toEqual({ ext: ['EL-2026-00001'] });
		expect(await find(head(), 'el-2026-0000')).toEqual({ number: ['EL-2026-00001', 'EL-2026-00002'] });
		expect(numbers(await find(head(), '2'))).toEqual(['EL-2026-00002']);
	});
	it('LIKE and SQL metacharacters are literal; only spaces, or 10 KB, find nothing and fail nothing', async () => {
		expect(await find(head(), '100% _test_')).toEqual({ name: ['EL-2026-00002'] });
		expect(await find(head(), '%%%')).toEqual({});
		expect(await find(head(), '___')).toEqual({});
		expect(await find(head(), "'; drop table cases; --")).toEqual({});
		expect(await find(head(), '.*(a|b)+$\\')).toEqual({});
		expect(await find(head(), '     \t ')).toEqual({});
		const started = performance.now();
		expect(await find(head(), 'қ'.repeat(10_000))).toEqual({});
		expect(await find(head(), 'a%'.repeat(5_000))).toEqual({});
		expect(performance.now() - started).toBeLessThan(2_000);
	});
});

describe('who finds what', () => {
	it('a device-verification case: heads and its assignee; not its unit, a reviewer or an admin (004 P 14–15)', async () => {
		const imei = '356938035643809';
		expect(numbers(await find(viewer('head', ['head']), imei))).toEqual(['DV-2026-00001']);
		expect(numbers(await find(viewer('off1', ['officer'], { unit: 'U9' }), imei))).toEqual(['DV-2026-00001']);
		// Its unit's other officers do not: the case is assigned (confidential-cases.ts).
		expect(numbers(await find(viewer('x', ['officer'], { unit: 'U1' }), imei))).toEqual([]);
		expect(numbers(await find(viewer('s', ['supervisor']), imei))).toEqual([]);
		expect(numbers(await find(viewer('off2', ['officer'], { unit: 'U2' }), imei))).toEqual([]);
		expect(numbers(await find(viewer('r', ['complaint_reviewer']), imei))).toEqual([]);
		expect(numbers(await find(viewer('a', ['admin']), 'DV-2026'))).toEqual([]);
		// Its applicant's other cases are still found by name by the other unit.
		expect(numbers(await find(viewer('off2', ['officer'], { unit: 'U2' }), 'steppe'))).toEqual(['EL-2026-00002']);
	});
	it("a liaison: only its agency's consultations, by number and codes, never by the applicant", async () => {
		const nsc = viewer('l', ['agency_liaison'], { agencyCode: 'nsc' });
		const mod = viewer('l', ['agency_liaison'], { agencyCode: 'mod' });
		expect(numbers(await find(nsc, '8471'))).toEqual(['EL-2026-00002']);
		expect(numbers(await find(nsc, 'EL-2026'))).toEqual(['EL-2026-00002']);
		const r = await searchCases(handle.db, searchScope(nsc), 'EL-2026-00002');
		expect(r.groups[0]!.hits[0]!.applicant).toBeNull();
		expect(numbers(await find(nsc, 'steppe'))).toEqual([]);
		expect(numbers(await find(nsc, '123456789021'))).toEqual([]);
		expect(numbers(await find(mod, '8471'))).toEqual([]);
		expect(numbers(await find(viewer('k', ['head'], { kiosk: true }), '8471'))).toEqual([]);
	});
});

describe('the search document', () => {
	it('follows an organisation renamed and a case changed', async () => {
		await handle.db.execute(sql`update organisations set name = 'Жаңа Атау' where bin = '000740001307'`);
		expect(numbers(await find(viewer('h', ['head']), 'жана атау'))).toEqual(['EL-2026-00001']);
		await handle.db.execute(
			sql`update cases set application = jsonb_set(application, '{endUser,name}', '"Ош Трейд"') where id = ${ids.kaz}`
		);
		expect(numbers(await find(viewer('h', ['head']), 'ош трейд'))).toEqual(['EL-2026-00001']);
	});
	it("folds as the database's merzim_fold does", async () => {
		const sample = `${FOLD_FROM}${FOLD_FROM.toUpperCase()} АБВ abc ÜRÜMQİ`;
		const [row] = rowsOf<{ f: string }>(await handle.db.execute(sql`select merzim_fold(${sample}) as f`));
		expect(row!.f).toBe(foldName(sample));
	});
});
