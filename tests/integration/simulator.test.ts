/**
 * The traffic simulator (`npm run simulate`) against a real server: every request it makes is
 * accepted (no 4xx/5xx but the 409 of late answers), retried submissions never duplicate a case,
 * and agencies and the MFA answer what is pending through their own tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, isNotNull } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { createSimulator, type SimulatorTokens } from '../../scripts/simulator/traffic';
import { cases, consultations, mfaChecks } from '../../src/lib/server/db/schema';
import { AGENCY_CODES } from '../../src/lib/domain/reference/agencies';

let app: TestApp;
let tokens: SimulatorTokens;

beforeAll(async () => {
	app = await startTestApp();
	app.clock.set(new Date('2026-03-03T05:00:00Z'));
	const issue = async (kind: 'portal' | 'mfa' | 'agency', agencyCode?: (typeof AGENCY_CODES)[number]) =>
		(
			await app.ctx.tokens.issue(
				{ name: `sim ${kind} ${agencyCode ?? ''}`, kind, ...(agencyCode ? { agencyCode } : {}) },
				{ userId: null, label: 'test' }
			)
		).token;
	tokens = { portal: await issue('portal'), mfa: await issue('mfa'), agencies: {} };
	for (const code of AGENCY_CODES) tokens.agencies[code] = await issue('agency', code);
}, 60_000);
afterAll(() => app?.close());

describe('traffic simulator', () => {
	it('submits valid applications of every kind, then agencies and the MFA answer what is pending', async () => {
		const errors: string[] = [];
		const sim = createSimulator({
			baseUrl: app.url,
			tokens,
			seed: 'test',
			ratePerMinute: 120,
			silence: 0,
			log: (l) => errors.push(l),
			now: () => app.ctx.clock.now()
		});
		await sim.round(30);
		expect(errors).toEqual([]);
		const [n] = await app.ctx.db.select({ n: count() }).from(cases);
		expect(sim.stats.applications).toBeGreaterThanOrEqual(50);
		expect(Number(n!.n)).toBe(sim.stats.applications);
		expect(
			new Set((await app.ctx.db.select({ s: cases.service }).from(cases)).map((r) => r.s)).size
		).toBeGreaterThanOrEqual(6);

		// Officers send some licences to the agencies and the MFA; the simulator's bodies answer.
		const head = await app.createUser('sim-head', ['head']);
		const actor = { kind: 'staff' as const, userId: head, username: 'sim-head', roles: ['head' as const] };
		const licences = await app.ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.service, 'export-licence'));
		for (const { id } of licences.slice(0, 6)) {
			await app.ctx.cases.staffAction(id, 'complete-check', { complete: true }, actor, null);
			await app.ctx.cases.staffAction(id, 'request-consultations', { agencies: ['nsc', 'mod'] }, actor, null);
			await app.ctx.cases.staffAction(id, 'request-mfa-check', {}, actor, null);
		}
		for (let i = 0; i < 8; i++) await sim.round(0);
		expect(errors).toEqual([]);
		expect(sim.stats.answers).toBeGreaterThan(0);
		expect(sim.stats.mfaResults).toBeGreaterThan(0);
		const answered = await app.ctx.db.select().from(consultations).where(isNotNull(consultations.decision));
		expect(answered.length).toBe(sim.stats.answers);
		expect((await app.ctx.db.select().from(mfaChecks).where(isNotNull(mfaChecks.resultAt))).length).toBe(
			sim.stats.mfaResults
		);
	});
});
