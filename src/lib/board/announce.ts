/**
 * What the wall board says to a screen reader when its data changes (WCAG 4.1.3): politely
 * and in summary — at most one announcement per interval, gathering every change since the last
 * ("3 cases changed; 12-26-000123 is now red"), never one per event. Pure: the caller passes the
 * time and keeps the state; the board page only diffs its data, feeds this and shows the text in an
 * `aria-live="polite"` region.
 */
import { m } from '$lib/paraglide/messages';
import type { DisplayLocale } from '$lib/domain/format/display-format';

/** Bands from least to most urgent (domain/sla/warning-bands.ts); a row's rank in this list. */
const SEVERITY = ['none', 'ok', 'amber', 'red', 'breached'] as const;
const rank = (band: string | null) => Math.max(0, SEVERITY.indexOf((band ?? 'none') as (typeof SEVERITY)[number]));

/** What the board shows that is worth saying: its rows by case number and its recent answers. */
export interface BoardSnapshot {
	rows: readonly { number: string; band: string }[];
	recent: readonly { id: number | string; number: string }[];
}

/** One case that changed: its band now (null when it left the list) and whether an answer came. */
export interface BoardChange {
	number: string;
	band: string | null;
	/** The band got more urgent since the last snapshot (or the case came onto the list at red or worse). */
	worse: boolean;
	answered: boolean;
}

/** The cases that changed between two snapshots of the board. */
export function diffBoard(before: BoardSnapshot, after: BoardSnapshot): BoardChange[] {
	const was = new Map(before.rows.map((r) => [r.number, r.band]));
	const now = new Map(after.rows.map((r) => [r.number, r.band]));
	const seen = new Set(before.recent.map((r) => String(r.id)));
	const answered = new Set(after.recent.filter((r) => !seen.has(String(r.id))).map((r) => r.number));
	const changes = new Map<string, BoardChange>();
	for (const [number, band] of now) {
		const old = was.get(number) ?? null;
		if (old === band && !answered.has(number)) continue;
		const worse = old === null ? rank(band) >= rank('red') : rank(band) > rank(old);
		changes.set(number, { number, band, worse, answered: answered.has(number) });
	}
	for (const number of was.keys())
		if (!now.has(number)) changes.set(number, { number, band: null, worse: false, answered: answered.has(number) });
	for (const number of answered)
		if (!changes.has(number))
			changes.set(number, { number, band: now.get(number) ?? null, worse: false, answered: true });
	return [...changes.values()];
}

/** The announcer's memory: when it last spoke, and what has changed since and is not yet said. */
export interface AnnouncerState {
	lastAt: number | null;
	pending: readonly BoardChange[];
}

export const QUIET: AnnouncerState = { lastAt: null, pending: [] };

/** Adds changes to what is waiting; a case changed twice is said once, as it is now. */
export function queueChanges(state: AnnouncerState, changes: readonly BoardChange[]): AnnouncerState {
	if (changes.length === 0) return state;
	const byCase = new Map(state.pending.map((c) => [c.number, c]));
	for (const c of changes) {
		const prev = byCase.get(c.number);
		byCase.set(
			c.number,
			prev
				? {
						...c,
						worse: c.worse || (prev.worse && rank(c.band) >= rank(prev.band)),
						answered: c.answered || prev.answered
					}
				: c
		);
	}
	return { ...state, pending: [...byCase.values()] };
}

/**
 * What to say at `nowMs`: the waiting changes when the last announcement is at least `intervalMs`
 * old, else nothing and how long to wait before asking again (null when nothing waits).
 */
export function takeAnnouncement(
	state: AnnouncerState,
	nowMs: number,
	intervalMs: number
): { state: AnnouncerState; say: readonly BoardChange[] | null; retryInMs: number | null } {
	if (state.pending.length === 0) return { state, say: null, retryInMs: null };
	const wait = state.lastAt === null ? 0 : state.lastAt + intervalMs - nowMs;
	if (wait > 0) return { state, say: null, retryInMs: wait };
	return { state: { lastAt: nowMs, pending: [] }, say: state.pending, retryInMs: null };
}

const BAND_LABEL: Record<string, typeof m.band_red> = {
	breached: m.band_breached,
	red: m.band_red,
	amber: m.band_amber,
	ok: m.band_ok
};

/**
 * The changes as one sentence in `locale`: how many cases changed; the most urgent case that got
 * worse, by number and band, with how many others got as bad; how many answers came.
 */
export function summariseChanges(changes: readonly BoardChange[], locale: DisplayLocale): string {
	const opts = { locale };
	const parts: string[] = [m.kkru_board_cases_changed({ count: changes.length }, opts)];
	const worse = changes.filter((c) => c.worse && c.band && BAND_LABEL[c.band]);
	if (worse.length) {
		const top = [...worse].sort((a, b) => rank(b.band) - rank(a.band) || a.number.localeCompare(b.number))[0]!;
		const band = BAND_LABEL[top.band!]!({}, opts);
		const alike = worse.filter((c) => c.band === top.band).length - 1;
		parts.push(
			m.kkru_board_case_now({ number: top.number, band }, opts) +
				(alike > 0 ? ` (${m.house_board_more({ count: alike }, opts)})` : '')
		);
	}
	const answers = changes.filter((c) => c.answered).length;
	if (answers) parts.push(m.kkru_board_answers({ count: answers }, opts));
	return parts.join('; ');
}
