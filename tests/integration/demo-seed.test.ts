/**
 * The demo seed: realistic, deterministic, every service at every stage, and it never touches a
 * database that already has data, nor a production one unless asked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { createTestDb } from '../helpers/test-db';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { ManualClock } from '../../src/lib/server/clock';
import { seedDemoIfWanted } from '../../src/lib/server/demo/seed';
import {
	cases,
	clocks,
	consultations,
	organisations,
	signerKeystores,
	trustAnchors,
	users
} from '../../src/lib/server/db/schema';
import { DEMO_SIGNING_PIN } from '../../src/lib/server/demo/demo-signers';
import { Pkcs12Signer } from '../../src/lib/server/signing/pkcs12-signer';
import { verifyAuditTrail } from '../../src/lib/server/audit/audit.repository';
import { isValidBin } from '../../src/lib/domain/reference/bin';
import { SERVICE_CODES } from '../../src/lib/domain/reference/services';
import { AGENCY_CODES } from '../../src/lib/domain/reference/agencies';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NOW = new Date('2026-11-23T06:00:00Z');
const opened: AppContext[] = [];

async function context(env: Record<string, string> = {}) {
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent', ...env }), {
		clock: new ManualClock(NOW),
		dbHandle: await createTestDb()
	});
	opened.push(ctx);
	return ctx;
}
afterAll(async () => {
	for (const ctx of opened) await ctx.dbHandle.close();
});

const summary = (ctx: AppContext) =>
	ctx.db.select({ number: cases.number, service: cases.service, stage: cases.stage }).from(cases).orderBy(cases.number);

describe('demo seed', () => {
	it('seeds 300 cases of every service at every stage, with valid BINs and an intact audit trail', async () => {
		const ctx = await context();
		const tokensFile = join(mkdtempSync(join(tmpdir(), 'merzim-demo-')), 'demo-tokens.json');
		expect(await seedDemoIfWanted(ctx, { requested: false, tokensFile })).toEqual({ status: 'seeded', cases: 300 });
		// Integration tokens for the portal, the MFA and each agency, each valid for its own scope.
		const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as {
			portal: string;
			mfa: string;
			agencies: Record<string, string>;
		};
		// The head's demo signing key, from a demo CA that is the demo's trust anchor, opens with the demo PIN.
		const [anchor] = await ctx.db.select().from(trustAnchors);
		expect(anchor).toMatchObject({ demo: true, label: expect.stringContaining('not legally valid') });
		const [key] = await ctx.db
			.select({ k: signerKeystores })
			.from(signerKeystores)
			.innerJoin(users, eq(users.id, signerKeystores.userId))
			.where(eq(users.username, 'head'));
		expect(key?.k).toMatchObject({ demo: true, revokedAt: null });
		expect(Pkcs12Signer.open(key!.k.p12, DEMO_SIGNING_PIN, NOW).certificates).toHaveLength(2);
		expect(Object.keys(tokens.agencies).sort()).toEqual([...AGENCY_CODES].sort());
		expect(await ctx.tokens.authenticate(`Bearer ${tokens.portal}`)).toMatchObject({ kind: 'portal' });
		expect(await ctx.tokens.authenticate(`Bearer ${tokens.mfa}`)).toMatchObject({ kind: 'mfa' });
		expect(await ctx.tokens.authenticate(`Bearer ${tokens.agencies.nsc}`)).toMatchObject({
			kind: 'agency',
			agencyCode: 'nsc'
		});
		expect(
			await ctx.tokens.authenticate(`Bearer ${tokens.portal.slice(0, -1)}${tokens.portal.endsWith('x') ? 'y' : 'x'}`)
		).toBeNull();
		const rows = await summary(ctx);
		expect(rows).toHaveLength(300);
		expect(new Set(rows.map((r) => r.service))).toEqual(new Set(SERVICE_CODES));
		const stages = new Set(rows.map((r) => r.stage));
		for (const s of [
			'completeness-check',
			'consultation',
			'mfa-check',
			'hearing',
			'under-review',
			'granted',
			'refused',
			'returned-incomplete'
		])
			expect(stages).toContain(s);
		const orgs = await ctx.db.select().from(organisations);
		expect(orgs.every((o) => isValidBin(o.bin))).toBe(true);
		expect(orgs.some((o) => /^(ТОО|АО) «/.test(o.name))).toBe(true);
		const decisions = (await ctx.db.select({ d: consultations.decision }).from(consultations)).map((r) => r.d);
		for (const d of [null, 'approve', 'deemed_approved']) expect(decisions).toContain(d);
		const states = new Set((await ctx.db.select({ s: clocks.state }).from(clocks)).map((r) => r.s));
		for (const s of ['running', 'suspended', 'met']) expect(states).toContain(s);
		expect([...states].some((s) => s === 'overdue' || s === 'breached')).toBe(true);
		// Complaints run their own clocks (001 pp.23–25): forwarding, review by the provider (5 WD) or
		// the quality-control body (15 WD), one extension with its notice; each is about a decided case.
		const complaintClocks = await ctx.db
			.select({ kind: clocks.kind, length: clocks.length, events: clocks.events, of: cases.complaintOf })
			.from(clocks)
			.innerJoin(cases, eq(cases.id, clocks.caseId))
			.where(eq(cases.service, 'complaint'));
		expect(complaintClocks.filter((k) => k.kind === 'service-term')).toEqual([]);
		expect(new Set(complaintClocks.filter((k) => k.kind === 'complaint-review').map((k) => k.length))).toEqual(
			new Set([5, 15])
		);
		expect(complaintClocks.some((k) => k.kind === 'complaint-forwarding')).toBe(true);
		expect(complaintClocks.some((k) => k.kind === 'complaint-extension-notice')).toBe(true);
		expect(complaintClocks.some((k) => (k.events as { type: string }[]).some((e) => e.type === 'extended'))).toBe(true);
		const targets = await ctx.db.execute(
			sql`select c.stage as complaint, t.stage as target, c.applicant_id = t.applicant_id as same_applicant, t.decided_at < c.received_at as before from cases c left join cases t on t.id = c.complaint_of where c.service = 'complaint'`
		);
		const targetRows = (Array.isArray(targets) ? targets : (targets as { rows: unknown[] }).rows) as {
			complaint: string;
			target: string | null;
			same_applicant: boolean;
			before: boolean;
		}[];
		expect(targetRows.length).toBeGreaterThan(5);
		for (const t of targetRows)
			expect(t).toMatchObject({
				same_applicant: true,
				before: true,
				target: expect.stringMatching(/^(granted|refused|returned-incomplete)$/)
			});
		for (const s of ['complaint-forwarding', 'complaint-review', 'complaint-decided'])
			expect(targetRows.map((t) => t.complaint)).toContain(s);
		const usernames = (await ctx.db.select({ u: users.username }).from(users)).map((r) => r.u).sort();
		expect(usernames).toEqual([
			'admin',
			'board',
			'head',
			'liaison-nsc',
			'officer',
			'officer2',
			'registrar',
			'reviewer',
			'supervisor'
		]);
		expect((await verifyAuditTrail(ctx.db)).breaks).toEqual([]);

		// Never twice, never over existing data.
		expect(await seedDemoIfWanted(ctx, { requested: true })).toEqual({ status: 'skipped-nonempty' });
		const [n] = await ctx.db.select({ n: count() }).from(cases);
		expect(Number(n!.n)).toBe(300);
	});

	it('is deterministic for the same day', async () => {
		const a = await context();
		const b = await context();
		await seedDemoIfWanted(a, { requested: false });
		await seedDemoIfWanted(b, { requested: false });
		expect(await summary(b)).toEqual(await summary(a));
		const dues = (ctx: AppContext) =>
			ctx.db.execute(sql`select string_agg(coalesce(due_at::text, '-'), ',' order by kind, due_at) as s from clocks`);
		expect(JSON.stringify(await dues(b))).toBe(JSON.stringify(await dues(a)));
	});

	it('does not run in production unless asked with --demo', async () => {
		const ctx = await context({ NODE_ENV: 'production' });
		expect(await seedDemoIfWanted(ctx, { requested: false })).toEqual({ status: 'skipped-production' });
		const [n] = await ctx.db.select({ n: count() }).from(users);
		expect(Number(n!.n)).toBe(0);
		expect(await seedDemoIfWanted(ctx, { requested: true })).toEqual({ status: 'seeded', cases: 300 });
	});
});
