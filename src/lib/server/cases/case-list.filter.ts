/**
 * The `/cases` filter is the URL (ADR-041): parsed here with zod, field by field; a value that does
 * not parse is dropped with a message, never an error page, so an old bookmark still opens.
 */
import { z } from 'zod';
import { SERVICE_CODES } from '../../domain/reference/services';
import { AGENCY_CODES } from '../../domain/reference/agencies';

export const SORTS = ['received', 'decided', 'number', 'service', 'stage'] as const;
export type CaseSort = (typeof SORTS)[number];
/**
 * Risk bands as the queue names them (queue.service.ts RISK_BANDS): red and amber apart (ADR-088).
 * `warning` (red or amber) is still read from old links and saved views, never offered.
 */
export const BANDS = ['breached', 'red', 'amber', 'ok'] as const;
const LEGACY_BANDS = ['warning'] as const;
export const MFA_STATES = ['pending', 'authentic', 'not-authentic', 'none'] as const;

const date = z.iso.date();
const FIELDS = {
	service: z.enum(SERVICE_CODES),
	stage: z.string().regex(/^[a-z-]{1,40}$/),
	assignee: z.union([
		z.literal('none'),
		z.literal('me'),
		z.coerce
			.number()
			.int()
			.positive()
			.max(2 ** 31 - 1)
	]),
	unit: z.string().trim().min(1).max(80),
	band: z.enum([...BANDS, ...LEGACY_BANDS]),
	receivedFrom: date,
	receivedTo: date,
	decidedFrom: date,
	decidedTo: date,
	agency: z.enum(AGENCY_CODES),
	mfa: z.enum(MFA_STATES),
	sort: z.enum(SORTS),
	dir: z.enum(['asc', 'desc']),
	after: z.string().max(300),
	before: z.string().max(300)
} as const;

type Fields = typeof FIELDS;
export type CaseListFilter = { [K in keyof Fields]?: z.infer<Fields[K]> };
export const FILTER_KEYS = Object.keys(FIELDS) as (keyof Fields)[];
/** The keys that select cases (not the order or the page). */
export const SELECT_KEYS = FILTER_KEYS.filter((k) => !['sort', 'dir', 'after', 'before'].includes(k));

export function parseCaseListFilter(params: URLSearchParams): { filter: CaseListFilter; dropped: string[] } {
	const filter: Record<string, unknown> = {};
	const dropped: string[] = [];
	for (const key of FILTER_KEYS) {
		const raw = params.get(key);
		if (raw === null || raw === '') continue;
		const parsed = FIELDS[key].safeParse(raw);
		if (parsed.success) filter[key] = parsed.data;
		else dropped.push(key);
	}
	return { filter: filter as CaseListFilter, dropped };
}

/** The query string of a filter (for links: sort, pages, saved views, CSV). */
export function filterQuery(f: CaseListFilter, over: Partial<Record<keyof Fields, string | number | null>> = {}) {
	const p = new URLSearchParams();
	for (const key of FILTER_KEYS) {
		const v = key in over ? over[key] : f[key];
		if (v !== undefined && v !== null && v !== '') p.set(key, String(v));
	}
	return p.toString();
}

/** A keyset cursor: the sort value and the id of the row it follows (base64url JSON). */
export function encodeCursor(value: string | null, id: string): string {
	return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(s: string): { value: string | null; id: string } | null {
	try {
		const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
		if (!Array.isArray(v) || v.length !== 2) return null;
		const [value, id] = v as unknown[];
		if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
		if (value !== null && (typeof value !== 'string' || value.length > 200)) return null;
		return { value: value as string | null, id };
	} catch {
		return null;
	}
}
