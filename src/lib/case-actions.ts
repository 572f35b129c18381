/**
 * The browser side of the staff actions: posts to `POST /api/v1/cases/{id}/actions/{action}` (the
 * same endpoint, checks and validation as the API) and returns the server's verdict.
 */
export interface ActionResult {
	ok: boolean;
	status: number;
	error?: string;
	fields?: Record<string, string>;
}

export async function postAction(caseId: string, action: string, body: unknown): Promise<ActionResult> {
	const res = await fetch(`/api/v1/cases/${caseId}/actions/${action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': crypto.randomUUID() },
		body: JSON.stringify(body)
	});
	if (res.ok) return { ok: true, status: res.status };
	const json = (await res.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> };
	return { ok: false, status: res.status, error: json.error ?? res.statusText, fields: json.fields };
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
