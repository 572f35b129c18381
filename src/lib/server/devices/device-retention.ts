/**
 * 004 P 16: the device information is destroyed once its purpose is reached and no practical need
 * is left (the retention period of ADR-022, deviceDataDestroyedAfter). A sweep finds decided
 * device-verification cases past it and, per case in one transaction, replaces each IMEI by a
 * placeholder wherever it is kept for work (device checks, the per-device clocks, the application)
 * and records the destruction as a case event citing 004 P 16, with the count and not the data.
 * The case's attachments go with them (ADR-089): their rows become tombstones in the same
 * transaction, and after it the files no attachment still standing names are removed.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, clocks, deviceChecks } from '../db/schema';
import type { Clock } from '../clock';
import type { CalendarService } from '../calendar/calendar.service';
import { appendCaseEvent, systemActor } from '../audit/audit.repository';
import { deviceDataDestroyedAfter } from '../../domain/access/confidential-cases';
import type { AttachmentsService } from '../attachments/attachments.service';

const CITATION = '004 P 16';

export function createDeviceRetention(deps: {
	db: Db;
	clock: Clock;
	calendar: CalendarService;
	attachments: Pick<AttachmentsService, 'destroyForCase' | 'removeUnreferenced'>;
}) {
	const { db, clock } = deps;

	/** Destroys the device data whose retention has ended; returns the cases it touched. */
	async function sweep(): Promise<string[]> {
		const now = clock.now();
		const calendar = await deps.calendar.current();
		const candidates = await db
			.select({ id: cases.id, decidedAt: cases.decidedAt })
			.from(cases)
			.where(
				and(
					eq(cases.service, 'device-verification'),
					isNotNull(cases.decidedAt),
					sql`(${cases.application} -> 'devices') is not null`
				)
			);
		const due = candidates.filter(
			(c) => c.decidedAt && now > deviceDataDestroyedAfter(calendar.localDate(c.decidedAt), calendar)
		);
		for (const c of due) {
			const until = deviceDataDestroyedAfter(calendar.localDate(c.decidedAt!), calendar);
			const files = await db.transaction(async (tx) => {
				await tx.execute(sql`select id from cases where id = ${c.id} for update`);
				const checks = await tx
					.select({ imei: deviceChecks.imei })
					.from(deviceChecks)
					.where(eq(deviceChecks.caseId, c.id))
					.orderBy(asc(deviceChecks.imei));
				for (const [i, d] of checks.entries()) {
					const placeholder = `destroyed-${i + 1}`;
					await tx
						.update(deviceChecks)
						.set({ imei: placeholder })
						.where(and(eq(deviceChecks.caseId, c.id), eq(deviceChecks.imei, d.imei)));
					await tx
						.update(clocks)
						.set({ subject: placeholder })
						.where(and(eq(clocks.caseId, c.id), eq(clocks.subject, d.imei)));
				}
				await tx
					.update(cases)
					.set({
						application: sql`(${cases.application} - 'devices') || ${JSON.stringify({ devicesDestroyed: checks.length })}::jsonb`,
						updatedAt: now
					})
					.where(eq(cases.id, c.id));
				const files = await deps.attachments.destroyForCase(
					tx,
					c.id,
					now,
					'device data destroyed after their retention',
					CITATION
				);
				await appendCaseEvent(tx, c.id, {
					type: 'device:data-destroyed',
					actor: systemActor,
					at: now,
					citation: CITATION,
					before: null,
					after: { devices: checks.length, attachments: files.count, retainedUntil: until.toISOString() }
				});
				return files;
			});
			await deps.attachments.removeUnreferenced(files.hashes);
		}
		return due.map((c) => c.id);
	}

	let timer: ReturnType<typeof setInterval> | null = null;
	return {
		sweep,
		/** Sweeps at start and every hour (the server's lifetime); errors are logged, never thrown. */
		start(onError: (e: unknown) => void) {
			const run = () => void sweep().catch(onError);
			run();
			timer = setInterval(run, 3_600_000);
			timer.unref();
		},
		stop() {
			if (timer) clearInterval(timer);
			timer = null;
		}
	};
}
