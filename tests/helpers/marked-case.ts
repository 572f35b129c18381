/**
 * A case that carries everything need-to-know protects, each as a unique marker string: the basis
 * of a confidential ground (001 p.19 para 5), an agency's objection reason (001 p.16), the MFA's
 * reference (001 p.17), a hearing note, the decision's internal note, the assignee's name and a
 * staff member's username in the event trail. Written straight into the tables, as the procedure
 * engine leaves them, so a test can look for each marker in whatever an audience receives.
 */
import { appendCaseEvents } from '../../src/lib/server/audit/audit.repository';
import { cases, consultations, mfaChecks, organisations } from '../../src/lib/server/db/schema';
import type { TestApp } from './test-app';
import { goodsAndParties } from './import-application';
import { thermalImagingModule } from './goods-lines';

/** The markers, and the least an audience must be to receive each. */
export const MARKERS = {
	basis: { text: 'ZQXBASISground9', needs: 'staff-full' },
	decisionBasis: { text: 'ZQXDECISIONBASIS', needs: 'staff-full' },
	objection: { text: 'ZQXNSCOBJECTIONREASON', needs: 'staff' },
	mfaReference: { text: 'ZQXMFAREF4411', needs: 'staff' },
	hearingNote: { text: 'ZQXHEARINGNOTE', needs: 'staff' },
	decisionNote: { text: 'ZQXDECISIONNOTE', needs: 'staff' },
	assignee: { text: 'ZQXASSIGNEENAME', needs: 'staff' },
	staffActor: { text: 'zqxstaffactor', needs: 'staff' }
} as const;
export type MarkerName = keyof typeof MARKERS;
export type Clearance = 'staff-full' | 'staff' | 'none';

/** The markers an audience of this clearance must never receive. */
export function forbiddenFor(clearance: Clearance): MarkerName[] {
	const order: Clearance[] = ['none', 'staff', 'staff-full'];
	return (Object.keys(MARKERS) as MarkerName[]).filter(
		(k) => order.indexOf(MARKERS[k].needs) > order.indexOf(clearance)
	);
}

export function markersIn(text: string, names: readonly MarkerName[]): MarkerName[] {
	return names.filter((k) => text.includes(MARKERS[k].text));
}

export interface MarkedCase {
	id: string;
	number: string;
	externalId: string;
	/** Consultations left for the matrix to answer: pending (by agency), and one deemed approved. */
	pending: Record<string, string>;
	deemed: Record<string, string>;
	mfaCheckId: string;
}

/**
 * A case of unit `unit` assigned to `assigneeId`, past its hearing on ground 9, with the markers.
 * `mfaPending` leaves the MFA check open (for the MFA to answer) instead of answered.
 */
export async function seedMarkedCase(
	app: TestApp,
	o: {
		number: string;
		unit: string;
		assigneeId: number;
		pendingAgencies?: string[];
		deemedAgencies?: string[];
		mfaPending?: boolean;
	}
): Promise<MarkedCase> {
	const db = app.ctx.db;
	const now = app.clock.now();
	const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
	const [org] = await db
		.insert(organisations)
		.values({ bin: '000740001307', name: 'ТОО «Маркер»', legalAddress: 'Astana', city: 'Astana' })
		.onConflictDoNothing({ target: organisations.bin })
		.returning();
	const orgId = org?.id ?? (await db.select().from(organisations)).find((x) => x.bin === '000740001307')!.id;
	const externalId = `EGOV-${o.number}`;
	const [c] = await db
		.insert(cases)
		.values({
			number: o.number,
			service: 'export-licence',
			stage: 'hearing-held',
			applicantId: orgId,
			assigneeId: o.assigneeId,
			unit: o.unit,
			externalId,
			receivedAt: ago(20),
			registeredOn: ago(20).toISOString().slice(0, 10),
			application: goodsAndParties({
				goodsLine: { ...thermalImagingModule, hsCode: '8526910000', controlCode: '1С350' },
				party: { name: 'Horizon Trading FZE', country: 'AE' },
				firstExportToCounterparty: true
			}),
			decision: {
				preliminary: {
					grounds: [4, 9],
					confidential: [9],
					hearingAt: ago(2).toISOString(),
					noticeAt: ago(4).toISOString()
				},
				hearing: { heldAt: ago(2).toISOString(), applicantAttended: true, notes: MARKERS.hearingNote.text },
				note: MARKERS.decisionNote.text,
				basis: MARKERS.decisionBasis.text
			},
			createdAt: ago(20),
			updatedAt: now
		})
		.returning();
	const caseId = c!.id;
	const consult = (agency: string, answered: 'object' | 'deemed_approved' | null, reason: string | null) => ({
		caseId,
		agencyCode: agency,
		requestedAt: ago(15),
		dueAt: answered === 'deemed_approved' ? ago(1) : new Date(now.getTime() + 5 * 86_400_000),
		decision: answered,
		answeredAt: answered ? ago(3) : null,
		reason
	});
	const rows = await db
		.insert(consultations)
		.values([
			consult('nsc', 'object', MARKERS.objection.text),
			...(o.pendingAgencies ?? []).map((a) => consult(a, null, null)),
			...(o.deemedAgencies ?? []).map((a) => consult(a, 'deemed_approved', null))
		])
		.returning();
	const [check] = await db
		.insert(mfaChecks)
		.values({
			caseId,
			requestedAt: ago(10),
			resultAt: o.mfaPending ? null : ago(5),
			authentic: o.mfaPending ? null : true,
			reference: o.mfaPending ? null : MARKERS.mfaReference.text,
			mandatory: true
		})
		.returning();
	const staff = { userId: null, label: MARKERS.staffActor.text };
	await appendCaseEvents(db, caseId, [
		{ type: 'case:assigned', actor: staff, at: ago(19), after: { assigneeId: o.assigneeId, assignee: 'olga' } },
		{ type: 'consultation:requested', actor: staff, at: ago(15), after: { agency: 'nsc', dueAt: null } },
		{
			type: 'consultation:answered',
			actor: { userId: null, label: 'agency:nsc' },
			at: ago(3),
			after: { agency: 'nsc', decision: 'object', reason: MARKERS.objection.text, ground: 4 }
		},
		{ type: 'mfa:requested', actor: staff, at: ago(10), after: { stage: 'mfa-check', mandatory: true } },
		...(o.mfaPending
			? []
			: [
					{
						type: 'mfa:result-received',
						actor: { userId: null, label: 'mfa:ministry' },
						at: ago(5),
						after: { authentic: true, reference: MARKERS.mfaReference.text, clock: 'resumed' }
					}
				]),
		{
			type: 'refusal:preliminary-issued',
			actor: staff,
			at: ago(4),
			citation: '001 p.19 para 3',
			after: {
				stage: 'hearing',
				grounds: [4, 9],
				confidential: [9],
				restricted: { basis: MARKERS.basis.text }
			}
		},
		{ type: 'hearing:held', actor: staff, at: ago(2), after: { stage: 'hearing-held', applicantAttended: true } }
	]);
	const byAgency = (decision: string | null) =>
		Object.fromEntries(
			rows.filter((r) => r.decision === decision && r.agencyCode !== 'nsc').map((r) => [r.agencyCode, r.id])
		);
	return {
		id: caseId,
		number: o.number,
		externalId,
		pending: byAgency(null),
		deemed: byAgency('deemed_approved'),
		mfaCheckId: check!.id
	};
}
