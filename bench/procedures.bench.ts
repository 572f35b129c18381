/**
 * Case-procedure benchmarks (ADR-019).
 * 1. Throughput of `POST /api/v1/applications` against the production build (`node dist/server.js`),
 *    on embedded PGlite and on PostgreSQL: the demo's portal token, realistic applications from
 *    the simulator's generator, C concurrent clients, each with its own Idempotency-Key.
 * 2. Scheduler lag: clocks whose deadlines fall within one simulated minute (spread working-hour
 *    step limits, plus a burst of working-day terms all due at 18:30), the scheduler sleeping until
 *    the next due and a simulated clock moved in step with the wall clock; lag = firing time − due,
 *    from the `clock:breached` events the scheduler wrote. Target: p99 < 1 s.
 * Run: npx tsx bench/procedures.bench.ts   (needs `npm run build`, and PostgreSQL for the PG legs)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { startBuiltServer } from '../tests/helpers/built-server';
import { generateCounterparty, generateGoodsLines, generateOrganisation } from '../src/lib/domain/reference/demo-names';
import { createRng } from '../src/lib/domain/reference/prng';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext } from '../src/lib/server/context';
import { createDb } from '../src/lib/server/db/client';
import { ManualClock } from '../src/lib/server/clock';
import { caseEvents, cases, clocks, organisations } from '../src/lib/server/db/schema';
import { clockTimers } from '../src/lib/domain/procedures';
import type { SlaClock } from '../src/lib/domain/sla';

const pgAdmin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function freshPg(name: string): Promise<string> {
	const admin = postgres(pgAdmin, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	return Object.assign(new URL(pgAdmin), { pathname: `/${name}` }).toString();
}

async function dropPg(name: string) {
	const admin = postgres(pgAdmin, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
}

async function throughput(label: string, env: Record<string, string>, seconds: number, concurrency: number) {
	const server = await startBuiltServer(env);
	try {
		const tokens = JSON.parse(readFileSync(join(server.dataDir, 'demo-tokens.json'), 'utf8'));
		// Realistic applications from the demo generators, made before the clock starts.
		const bodies: unknown[] = [];
		const rng = createRng(`bench-${label}`);
		for (let i = 0; i < 4000; i++) {
			const org = generateOrganisation(rng);
			const cp = generateCounterparty(rng);
			const goods = generateGoodsLines(rng, rng.int(1, 3));
			bodies.push({
				service: rng.pick(['export-licence', 'import-licence', 'end-user-certificate'] as const),
				externalId: `BENCH-${label}-${i}`,
				receivedAt: '',
				applicant: { bin: org.bin, name: org.nameRu, legalAddress: org.legalAddressRu },
				goodsLines: goods.map((g) => ({
					hsCode: g.hsCode,
					controlCode: g.controlCode,
					description: g.descriptionRu,
					quantity: g.quantity,
					unit: g.unit.en,
					value: Number(g.value),
					currency: g.currency
				})),
				counterparty: { name: cp.name, country: cp.country.iso2 },
				endUser: { name: cp.name, country: cp.country.iso2 },
				firstExportToCounterparty: rng.chance(0.4),
				// 001 Annex 1 forms 1–2 (a certificate takes them too): one contract per application (p.7).
				contract: { number: `BENCH-${label}-${i}`, date: '2026-01-15' },
				manufacturer: { name: org.nameRu, country: 'KZ', address: org.legalAddressRu, bin: org.bin },
				countryOfOrigin: 'DE',
				intendedUse: 'Для собственных нужд',
				stateRevenueBody: 'Департамент государственных доходов по г. Астане',
				settlement: { accounts: 'KZ86125KZT5004100100', bank: 'АО «Народный банк Казахстана»' },
				declaration: true,
				signatory: { name: 'Сейткали Арман Бекович', position: 'директор' }
			});
		}
		let next = 0;
		let ok = 0;
		let failed = 0;
		const latencies: number[] = [];
		const deadline = performance.now() + seconds * 1000;
		const t0 = performance.now();
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (performance.now() < deadline && next < bodies.length) {
					const body = { ...(bodies[next++] as { externalId: string }), receivedAt: new Date().toISOString() };
					const s = performance.now();
					const res = await fetch(`${server.url}/api/v1/applications`, {
						method: 'POST',
						headers: {
							authorization: `Bearer ${tokens.portal}`,
							'content-type': 'application/json',
							'idempotency-key': body.externalId
						},
						body: JSON.stringify(body)
					});
					await res.arrayBuffer();
					latencies.push(performance.now() - s);
					if (res.status === 201) ok++;
					else failed++;
				}
			})
		);
		const elapsed = (performance.now() - t0) / 1000;
		latencies.sort((a, b) => a - b);
		console.log(
			`POST /api/v1/applications, ${label}: ${(ok / elapsed).toFixed(1)} ` +
				`/s (${ok} created, ${failed} failed, ${concurrency} ` +
				`concurrent, ${elapsed.toFixed(1)} s); latency p50 ` +
				`${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms`
		);
	} finally {
		await server.stop();
	}
}

async function schedulerLag(spread: number, burst: number) {
	const name = 'merzim_bench_sched';
	const url = await freshPg(name);
	// Monday 1 June 2026, 18:29:00 Almaty: a minute before the working day's terms end.
	const start = new Date('2026-06-01T13:29:00Z');
	const clock = new ManualClock(start);
	const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
		clock,
		dbHandle: await createDb({ url, poolSize: 4 })
	});
	try {
		const calendar = await ctx.calendar.current();
		const [org] = await ctx.db
			.insert(organisations)
			.values({ bin: '000740001307', name: 'Bench', legalAddress: 'Astana', city: 'Astana' })
			.returning();
		const rows: { clock: SlaClock; subject: string }[] = [];
		for (let i = 0; i < spread; i++) {
			// 003 step limits of one office hour, due at spread seconds within the coming minute.
			const due = new Date(start.getTime() + 2_000 + Math.floor((i * 55_000) / spread));
			const startedAt = new Date(due.getTime() - 3_600_000);
			rows.push({
				clock: {
					kind: 'procedure-step',
					unit: 'working_hours',
					length: 1,
					citation: '003 step',
					events: [{ type: 'started', at: startedAt }]
				},
				subject: String(i)
			});
		}
		for (let i = 0; i < burst; i++) {
			// Working-day terms that all end at 18:30 today.
			rows.push({
				clock: {
					kind: 'completeness',
					unit: 'working_days',
					length: 2,
					citation: '001 p.15',
					events: [{ type: 'started', at: new Date('2026-05-28T05:00:00Z') }]
				},
				subject: `b${i}`
			});
		}
		for (const [i, r] of rows.entries()) {
			const [c] = await ctx.db
				.insert(cases)
				.values({
					number: `B-${i}`,
					service: 'customs-representative-register',
					stage: 'step:1',
					applicantId: org!.id,
					receivedAt: start,
					registeredOn: '2026-06-01',
					application: {},
					createdAt: start,
					updatedAt: start
				})
				.returning({ id: cases.id });
			const t = clockTimers(r.clock, calendar, start);
			await ctx.db.insert(clocks).values({
				caseId: c!.id,
				kind: r.clock.kind,
				subject: r.subject,
				unit: r.clock.unit,
				length: r.clock.length,
				citation: r.clock.citation,
				events: r.clock.events.map((e) => ({ ...e, at: e.at.toISOString() })),
				state: 'running',
				dueAt: t.dueAt,
				warnAt: t.warnAt,
				warnedFor: t.dueAt
			}); // warnings already given: deadlines only
		}
		const wall0 = performance.now();
		const stepper = setInterval(() => clock.set(new Date(start.getTime() + (performance.now() - wall0))), 5);
		ctx.scheduler.start();
		await new Promise((r) => setTimeout(r, 62_000));
		clearInterval(stepper);
		await ctx.scheduler.stop();
		const fired = await ctx.db
			.select({ after: caseEvents.after })
			.from(caseEvents)
			.where(eq(caseEvents.type, 'clock:breached'));
		const lags = (kind: string) =>
			fired
				.map((e) => e.after as { kind: string; lagMs: number })
				.filter((a) => a.kind === kind)
				.map((a) => a.lagMs)
				.sort((a, b) => a - b);
		const show = (label: string, xs: number[], expected: number) =>
			console.log(
				`${label}: ${xs.length}/${expected} fired once each; lag p50 ` +
					`${pct(xs, 50)} ms, p99 ${pct(xs, 99)} ms, max ${xs.at(-1)} ms`
			);
		console.log(
			`\n## Scheduler lag (PostgreSQL, sleeping until the next due, simulated clock in step with the wall clock)`
		);
		show(`${spread} step limits spread over 55 s`, lags('procedure-step'), spread);
		show(`${burst} working-day terms all due at 18:30`, lags('completeness'), burst);
	} finally {
		await ctx.scheduler.stop();
		await ctx.dbHandle.close();
		await dropPg(name);
	}
}

export async function runProceduresBench(o: { quick?: boolean } = {}) {
	console.log('\n## Integration API: POST /api/v1/applications (production build, demo data)');
	await throughput('PGlite', {}, o.quick ? 5 : 20, 8);
	const name = 'merzim_bench_api';
	try {
		await throughput('PostgreSQL', { DATABASE_URL: await freshPg(name) }, o.quick ? 5 : 20, 8);
	} finally {
		await dropPg(name);
	}
	await schedulerLag(o.quick ? 100 : 500, o.quick ? 50 : 200);
}

if (import.meta.url === `file://${process.argv[1]}`)
	await runProceduresBench({ quick: process.argv.includes('--quick') });
