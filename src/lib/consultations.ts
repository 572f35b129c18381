/**
 * The liaison's answers from the browser: posts to `POST /api/v1/consultations/{id}/response` (the
 * same endpoint, checks and validation as the agency's token), with the session cookie.
 */
import { WORKING_DAY_MINUTES } from '$lib/domain/calendar/office-hours';
import type { WorkingCalendar } from '$lib/domain/calendar/calendar-types';
import { callApi } from '$lib/api-fetch';

export type ConsultationDecision = 'approve' | 'object';

export interface AnswerResult {
	ok: boolean;
	status: number;
	error?: string;
	fields?: Record<string, string>;
	/** 409 after the deemed approval (001 p.16): the answer was still kept on the case. */
	keptLate?: boolean;
}

/** Near its deadline: at most 2 working days left of the 10 (001 p.16), or already past. */
export const NEAR_DEADLINE_WORKING_MINUTES = 2 * WORKING_DAY_MINUTES;

export const isNearDeadline = (remainingWorkingMinutes: number): boolean =>
	remainingWorkingMinutes <= NEAR_DEADLINE_WORKING_MINUTES;

/** Ids of the requests near their deadline at `nowMs`, counted in working time on `calendar`. */
export function nearDeadlineIds(
	pending: readonly { id: string; dueAt: string }[],
	calendar: WorkingCalendar,
	nowMs: number
): ReadonlySet<string> {
	const now = new Date(nowMs);
	return new Set(
		pending.filter((p) => isNearDeadline(calendar.workingMinutesBetween(now, new Date(p.dueAt)))).map((p) => p.id)
	);
}

/** The body to send, or null when an objection comes without its reason (the officer needs it). */
export function answerBody(
	decision: ConsultationDecision,
	reason: string
): { decision: ConsultationDecision; reason?: string } | null {
	const text = reason.trim();
	if (decision === 'object' && !text) return null;
	return text ? { decision, reason: text } : { decision };
}

export async function postConsultationAnswer(
	id: string,
	body: { decision: ConsultationDecision; reason?: string }
): Promise<AnswerResult> {
	const r = await callApi(`/api/v1/consultations/${encodeURIComponent(id)}/response`, { body, idempotent: true });
	if (r.ok) return { ok: true, status: r.status };
	return {
		ok: false,
		status: r.status,
		error: r.error,
		fields: r.fields,
		keptLate: r.status === 409 && r.body.case !== undefined
	};
}
