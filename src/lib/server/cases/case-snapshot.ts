/**
 * Loads a case as the procedure engine sees it (domain/procedures CaseSnapshot), optionally with the
 * case row locked `FOR UPDATE` so actions on one case are serialised (two officers, an agency and
 * the scheduler may act on it at once).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { cases, clocks, consultations, controlRequests, deviceChecks, mfaChecks } from '../db/schema';
import { reviveClock } from '../calendar/recompute-clocks';
import type { CaseSnapshot } from '../../domain/procedures';
import type { ServiceCode } from '../../domain/reference/services';

export type CaseRow = typeof cases.$inferSelect;
export type ClockRow = typeof clocks.$inferSelect;

export interface LoadedCase {
	row: CaseRow;
	clockRows: ClockRow[];
	snap: CaseSnapshot;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export async function loadCase(
	ex: Executor,
	caseId: string,
	opts: { lock?: 'wait' | 'skip' } = {}
): Promise<LoadedCase | null> {
	if (!isUuid(caseId)) return null;
	if (opts.lock) {
		const locked = await ex.execute(
			sql`select id from cases where id = ${caseId} for update ${opts.lock === 'skip' ? sql`skip locked` : sql``}`
		);
		const rows = Array.isArray(locked) ? locked : (locked as { rows: unknown[] }).rows;
		if (rows.length === 0) return null;
	}
	const [row] = await ex.select().from(cases).where(eq(cases.id, caseId));
	if (!row) return null;
	const [clockRows, consultationRows, mfaRows, deviceRows, complaintOf, controlRows] = await Promise.all([
		ex.select().from(clocks).where(eq(clocks.caseId, caseId)).orderBy(asc(clocks.id)),
		ex
			.select()
			.from(consultations)
			.where(eq(consultations.caseId, caseId))
			.orderBy(asc(consultations.requestedAt), asc(consultations.agencyCode)),
		ex.select().from(mfaChecks).where(eq(mfaChecks.caseId, caseId)),
		ex.select().from(deviceChecks).where(eq(deviceChecks.caseId, caseId)).orderBy(asc(deviceChecks.imei)),
		row.complaintOf
			? ex.select({ decidedBy: cases.decidedBy }).from(cases).where(eq(cases.id, row.complaintOf))
			: Promise.resolve([]),
		ex
			.select()
			.from(controlRequests)
			.where(eq(controlRequests.caseId, caseId))
			.orderBy(asc(controlRequests.requestedAt), asc(controlRequests.agencyCode))
	]);
	// Clocks in creation order: a uuid id is random, so order by their first event.
	const ordered = [...clockRows].sort((a, b) => firstAt(a) - firstAt(b) || a.id.localeCompare(b.id));
	const mfa = mfaRows[0];
	const snap: CaseSnapshot = {
		id: row.id,
		service: row.service as ServiceCode,
		stage: row.stage,
		assigneeId: row.assigneeId,
		receivedAt: row.receivedAt,
		application: row.application as CaseSnapshot['application'],
		clocks: ordered.map((c) => ({ id: c.id, kind: c.kind as never, subject: c.subject, clock: reviveClock(c) })),
		consultations: consultationRows.map((c) => ({ id: c.id, agency: c.agencyCode, decision: c.decision })),
		mfa: mfa ? { id: mfa.id, mandatory: mfa.mandatory, resultAt: mfa.resultAt, authentic: mfa.authentic } : null,
		devices: deviceRows.map((d) => ({ imei: d.imei, result: d.result })),
		controlRequests: controlRows.map((c) => ({
			id: c.id,
			agency: c.agencyCode,
			answeredAt: c.answeredAt,
			risks: c.risks
		})),
		record: (row.decision as CaseSnapshot['record'] | null) ?? {},
		decidedBy: row.decidedBy,
		complaintOfDecidedBy: complaintOf[0]?.decidedBy ?? null
	};
	return { row, clockRows: ordered, snap };
}

function firstAt(c: ClockRow): number {
	const first = (c.events as { at: string }[])[0];
	return first ? Date.parse(first.at) : 0;
}
