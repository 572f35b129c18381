/** Loads what a document is filled from: the case, its applicant and, for complaints, the extension. */
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { caseEvents, cases, organisations } from '../db/schema';
import type { DocumentCaseState } from '../../domain/documents/kinds';

export interface LoadedCase {
	id: string;
	number: string;
	service: string;
	stage: string;
	registeredOn: string;
	application: Record<string, unknown>;
	record: Record<string, unknown> | null;
	addressee: { name: string; legalAddress: string; bin: string };
	complaintExtension: { workingDays: number; reason: string; dueAt: string | null } | null;
}

export async function loadDocumentCase(ex: Executor, caseId: string, lock = false): Promise<LoadedCase | null> {
	const q = ex
		.select({ c: cases, org: organisations })
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.where(eq(cases.id, caseId));
	const [row] = lock ? await q.for('update', { of: cases }) : await q;
	if (!row) return null;
	const [ext] = await ex
		.select({ after: caseEvents.after })
		.from(caseEvents)
		.where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'complaint:extended')))
		.orderBy(desc(caseEvents.id))
		.limit(1);
	const e = ext?.after as { workingDays?: number; reason?: string; dueAt?: string | null } | undefined;
	return {
		id: row.c.id,
		number: row.c.number,
		service: row.c.service,
		stage: row.c.stage,
		registeredOn: row.c.registeredOn,
		application: row.c.application ?? {},
		record: row.c.decision ?? null,
		addressee: { name: row.org.name, legalAddress: row.org.legalAddress, bin: row.org.bin },
		complaintExtension: e
			? { workingDays: Number(e.workingDays ?? 0), reason: String(e.reason ?? ''), dueAt: e.dueAt ?? null }
			: null
	};
}

export const caseState = (c: LoadedCase): DocumentCaseState => ({
	service: c.service,
	stage: c.stage,
	record: c.record,
	complaintExtended: c.complaintExtension !== null
});
