/**
 * Canonical JSON for hashing: keys sorted at every level, no whitespace, Dates as ISO strings.
 * jsonb does not keep key order, so a hash over plain `JSON.stringify` would not survive a round trip.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(normalizeJson(value)));
}

/** What a value becomes after a trip through jsonb: Dates to strings, undefined keys dropped. */
export function normalizeJson(value: unknown): unknown {
	return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
		return out;
	}
	return value;
}
