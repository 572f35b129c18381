/**
 * The browser side of the staff actions: posts to `POST /api/v1/cases/{id}/actions/{action}` (the
 * same endpoint, checks and validation as the API) and returns the server's verdict.
 */
import { callApi } from './api-fetch';

export interface ActionResult {
	ok: boolean;
	status: number;
	error?: string;
	fields?: Record<string, string>;
}

export async function postAction(caseId: string, action: string, body: unknown): Promise<ActionResult> {
	const r = await callApi(`/api/v1/cases/${caseId}/actions/${action}`, { body, idempotent: true });
	return r.ok ? { ok: true, status: r.status } : { ok: false, status: r.status, error: r.error, fields: r.fields };
}

/** A `datetime-local` value (Almaty wall time) as an ISO instant with the +05:00 offset. */
export function almatyInputToIso(value: string): string {
	return `${value}:00+05:00`;
}

/** Lines of a textarea, trimmed, empty ones dropped. */
export const lines = (text: string): string[] =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
