/**
 * The complaint reviewer's list (ADR-011): each complaint with its three clocks — forwarding to
 * the quality-control body (3 WD, 001 p.23 para 2), review (5 WD by the provider or 15 WD by that
 * body, 001 p.24) and, after an extension (≤ 10 WD, once), the 3-WD notice to the complainant
 * (001 p.25) — recomputed now from their histories, and the case it is about (decided or not).
 */
import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { cases, clocks, organisations } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import { computeClock, type ClockBand, type ClockState } from '../../domain/sla';
import { reviveClock } from '../calendar/recompute-clocks';
import { parseCitations, type Citation } from '../../domain/legal/citation';

export const COMPLAINT_FILTERS = ['open', 'decided'] as const;
export type ComplaintFilter = (typeof COMPLAINT_FILTERS)[number];

/** At most this many rows per list; decided complaints beyond it are in /cases. */
const LIMIT = 500;

export interface ComplaintClockView {
	state: ClockState;
	due: string | null;
	closedAt: string | null;
	length: number;
	citation: string;
	/** The citation as structure (ADR-106); null if it is not in the canonical form. */
	citations: Citation[] | null;
	band: ClockBand;
	extension: { at: string; by: number; citation: string; citations: Citation[] | null } | null;
}

export interface ComplaintRow {
	id: string;
	number: string;
	stage: string;
	applicant: string;
	receivedAt: string;
	reviewBy: 'provider' | 'quality-body';
	outcome: string | null;
	decidedAt: string | null;
	original: { id: string; number: string; service: string; stage: string; decidedByViewer: boolean } | null;
	forwarding: ComplaintClockView | null;
	review: ComplaintClockView | null;
	notice: ComplaintClockView | null;
	/** The earliest due of a clock still running, for ordering open complaints. */
	nextDue: string | null;
	/** The worst band of its clocks (a late decision stays 'breached'). */
	band: ClockBand;
}

const BAND_ORDER: readonly ClockBand[] = ['ok', 'amber', 'red', 'breached'];

const original = alias(cases, 'original');

export async function loadComplaints(
	db: Db,
	calendar: WorkingCalendar,
	now: Date,
	viewerId: number,
	filter: ComplaintFilter
): Promise<ComplaintRow[]> {
	const rows = await db
		.select({
			id: cases.id,
			number: cases.number,
			stage: cases.stage,
			applicant: organisations.name,
			receivedAt: cases.receivedAt,
			application: cases.application,
			decision: cases.decision,
			decidedAt: cases.decidedAt,
			original: {
				id: original.id,
				number: original.number,
				service: original.service,
				stage: original.stage,
				decidedBy: original.decidedBy
			}
		})
		.from(cases)
		.innerJoin(organisations, eq(organisations.id, cases.applicantId))
		.leftJoin(original, eq(original.id, cases.complaintOf))
		.where(
			and(eq(cases.service, 'complaint'), filter === 'open' ? isNull(cases.decidedAt) : isNotNull(cases.decidedAt))
		)
		.orderBy(desc(cases.decidedAt), desc(cases.receivedAt))
		.limit(LIMIT);
	const ids = rows.map((r) => r.id);
	const clockRows = ids.length ? await db.select().from(clocks).where(inArray(clocks.caseId, ids)) : [];

	const view = (caseId: string, kind: string): ComplaintClockView | null => {
		const row = clockRows.find((k) => k.caseId === caseId && k.kind === kind);
		if (!row) return null;
		const c = computeClock(reviveClock(row), calendar, now);
		return {
			state: c.state,
			due: c.due?.toISOString() ?? null,
			closedAt: c.closedAt?.toISOString() ?? null,
			length: row.length,
			citation: row.citation,
			citations: parseCitations(row.citation),
			band: c.band,
			extension: c.extension
				? {
						at: c.extension.at.toISOString(),
						by: c.extension.by,
						citation: c.extension.citation,
						citations: parseCitations(c.extension.citation)
					}
				: null
		};
	};

	const list = rows.map((r): ComplaintRow => {
		const forwarding = view(r.id, 'complaint-forwarding');
		const review = view(r.id, 'complaint-review');
		const notice = view(r.id, 'complaint-extension-notice');
		const all = [forwarding, review, notice].filter((c) => c !== null);
		const running = all.filter((c) => (c.state === 'running' || c.state === 'overdue') && c.due).map((c) => c.due!);
		const band = all
			.map((c) => c.band)
			.reduce<ClockBand>((a, b) => (BAND_ORDER.indexOf(b) > BAND_ORDER.indexOf(a) ? b : a), 'ok');
		return {
			id: r.id,
			number: r.number,
			stage: r.stage,
			applicant: r.applicant,
			receivedAt: r.receivedAt.toISOString(),
			reviewBy: reviewBy(r.application, review),
			outcome: typeof r.decision?.outcome === 'string' ? r.decision.outcome : null,
			decidedAt: r.decidedAt?.toISOString() ?? null,
			original: r.original
				? {
						id: r.original.id,
						number: r.original.number,
						service: r.original.service,
						stage: r.original.stage,
						decidedByViewer: r.original.decidedBy === viewerId
					}
				: null,
			forwarding,
			review,
			notice,
			nextDue: running.sort()[0] ?? null,
			band
		};
	});
	// Open complaints by legal urgency (the earliest running due first), decided ones newest first.
	if (filter === 'open')
		list.sort((a, b) => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') || a.number.localeCompare(b.number));
	return list;
}

/** Who reviews it, as registered (001 p.24); older rows without it: by the review term's length. */
function reviewBy(application: Record<string, unknown>, review: ComplaintClockView | null): ComplaintRow['reviewBy'] {
	if (application.reviewBy === 'provider' || application.reviewBy === 'quality-body') return application.reviewBy;
	return review?.length === 15 ? 'quality-body' : 'provider';
}
