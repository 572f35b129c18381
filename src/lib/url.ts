/** A query string equal to `params` with `key` set to `value` (for links that keep filters). */
export function withParam(params: URLSearchParams, key: string, value: string): string {
	const q = new URLSearchParams(params);
	q.set(key, value);
	return `?${q}`;
}

/** A query string from a form's non-empty fields, plus fixed ones. */
export function queryFromForm(form: FormData, fixed: Record<string, string>): string {
	const q = new URLSearchParams(fixed);
	for (const [k, v] of form) if (typeof v === 'string' && v) q.set(k, v);
	return `?${q}`;
}
