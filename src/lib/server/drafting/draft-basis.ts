/**
 * The restricted information of a case that a letter on a confidential ground must not disclose
 * (001 p.19 para 5, ADR-009): which bodies objected and what they answered, the
 * `restricted` part of case events, MFA references. Only for roles that may read it
 * ('cases:read-restricted'); the editor checks the letter against it as the officers type.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { caseEvents, consultations, mfaChecks } from '../db/schema';
import { AGENCIES } from '../../domain/reference/agencies';
import type { BasisFragment } from '../../domain/drafting/confidential-basis';

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

export async function loadBasisFragments(db: Executor, caseId: string): Promise<BasisFragment[]> {
	const [objections, events, checks] = await Promise.all([
		db
			.select()
			.from(consultations)
			.where(and(eq(consultations.caseId, caseId), eq(consultations.decision, 'object'))),
		db.select({ after: caseEvents.after }).from(caseEvents).where(eq(caseEvents.caseId, caseId)),
		db.select({ reference: mfaChecks.reference }).from(mfaChecks).where(eq(mfaChecks.caseId, caseId))
	]);
	const fragments: BasisFragment[] = [];
	for (const o of objections) {
		const agency = AGENCIES.find((a) => a.code === o.agencyCode);
		const source = `consultation:${o.agencyCode}`;
		if (agency)
			for (const name of [agency.nameKk, agency.nameRu, agency.nameEn, agency.shortKk, agency.shortRu])
				fragments.push({ text: name, source });
		if (o.reason) fragments.push({ text: o.reason, source });
	}
	for (const e of events) {
		const restricted = (e.after as { restricted?: unknown } | null)?.restricted;
		for (const text of strings(restricted)) if (text.trim().length >= 3) fragments.push({ text, source: 'restricted' });
	}
	for (const c of checks) if (c.reference) fragments.push({ text: c.reference, source: 'mfa' });
	return fragments;
}
