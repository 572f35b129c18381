/**
 * Text that PostgreSQL cannot store or that no person types: NUL (refused by a `text` column, so a
 * query fails with a 500) and the other C0 controls and DEL, except TAB, LF and CR. Every request
 * body is checked for them (json-body.ts, and forms in hooks.server.ts); the draft's plain text is
 * stripped of them before a version is kept (draft-versions.ts). JSON nesting is bounded before
 * the body is parsed, so nothing later recurses or stringifies a body 10,000 levels deep.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- likewise
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** No request body of this API nests deeper than a few levels; 32 leaves room. */
export const MAX_JSON_DEPTH = 32;

export const hasControlChar = (s: string) => CONTROL.test(s);
export const stripControlChars = (s: string) => s.replace(CONTROLS, '');

/** The path ('a.b.0') of the first string or key with a control character, or null. */
export function findControlChar(value: unknown, path: string[] = []): string | null {
	if (typeof value === 'string') return hasControlChar(value) ? path.join('.') || '(body)' : null;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const found = findControlChar(value[i], [...path, String(i)]);
			if (found !== null) return found;
		}
		return null;
	}
	if (value !== null && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (hasControlChar(k)) return [...path, k].join('.');
			const found = findControlChar(v, [...path, k]);
			if (found !== null) return found;
		}
	}
	return null;
}

/** Whether JSON text opens more than `max` arrays/objects inside each other (strings skipped). */
export function jsonDeeperThan(text: string, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > max) return true;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return false;
}
