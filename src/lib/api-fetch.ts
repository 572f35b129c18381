/**
 * The browser's one way to call the app's JSON API (same origin, the session cookie): JSON in and
 * out, an `Idempotency-Key` on the writes that take one, and a refusal returned as data — the
 * server's `error` (else the status text), its per-field messages and the whole body — never thrown.
 */
export type ApiResult<T> =
	| { ok: true; status: number; data: T }
	| { ok: false; status: number; error: string; fields?: Record<string, string>; body: Record<string, unknown> };

/** Each field's message: the server answers `{ code, message }` per field (ADR-107). */
function fieldMessages(fields: unknown): Record<string, string> | undefined {
	if (typeof fields !== 'object' || fields === null) return undefined;
	return Object.fromEntries(
		Object.entries(fields).map(([name, p]) => [
			name,
			typeof p === 'string' ? p : String((p as { message?: unknown } | null)?.message ?? '')
		])
	);
}

export interface ApiCall {
	method?: 'GET' | 'POST';
	/** Sent as JSON. */
	body?: unknown;
	/** A write the API deduplicates by `Idempotency-Key` (a new key per call). */
	idempotent?: boolean;
}

export async function callApi<T = unknown>(path: string, call: ApiCall = {}): Promise<ApiResult<T>> {
	const res = await fetch(path, {
		method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
		headers: {
			accept: 'application/json',
			...(call.body !== undefined && { 'content-type': 'application/json' }),
			...(call.idempotent && { 'idempotency-key': crypto.randomUUID() })
		},
		body: call.body === undefined ? undefined : JSON.stringify(call.body)
	});
	const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
	if (res.ok) return { ok: true, status: res.status, data: body as T };
	return {
		ok: false,
		status: res.status,
		error: typeof body.error === 'string' ? body.error : res.statusText,
		fields: fieldMessages(body.fields),
		body
	};
}
