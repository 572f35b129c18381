import { describe, expect, it } from 'vitest';
import {
	diffBoard,
	queueChanges,
	QUIET,
	summariseChanges,
	takeAnnouncement,
	type AnnouncerState,
	type BoardSnapshot
} from './announce';

const board = (rows: [string, string][], recent: [number, string][] = []): BoardSnapshot => ({
	rows: rows.map(([number, band]) => ({ number, band })),
	recent: recent.map(([id, number]) => ({ id, number }))
});

describe('what changed on the board', () => {
	it('finds cases whose band moved, that came or left, and new answers', () => {
		const before = board(
			[
				['12-26-000123', 'amber'],
				['12-26-000124', 'ok'],
				['12-26-000125', 'red']
			],
			[[1, '12-26-000124']]
		);
		const after = board(
			[
				['12-26-000123', 'red'],
				['12-26-000124', 'ok'],
				['12-26-000126', 'breached']
			],
			[
				[2, '12-26-000124'],
				[1, '12-26-000124']
			]
		);
		const changes = diffBoard(before, after);
		expect(changes.map((c) => [c.number, c.band, c.worse, c.answered])).toEqual([
			['12-26-000123', 'red', true, false],
			['12-26-000124', 'ok', false, true],
			['12-26-000126', 'breached', true, false],
			['12-26-000125', null, false, false]
		]);
	});

	it('finds nothing when nothing changed', () => {
		const same = board([['12-26-000123', 'red']], [[1, '12-26-000123']]);
		expect(diffBoard(same, same)).toEqual([]);
	});
});

describe('announcing politely: at most once per interval, in summary', () => {
	const N = 30_000;
	const change = (number: string, band: string, worse = true) => ({ number, band, worse, answered: false });

	it('says the first change at once, then holds the next ones until the interval has passed', () => {
		let s: AnnouncerState = queueChanges(QUIET, [change('12-26-000001', 'red')]);
		let t = takeAnnouncement(s, 1_000, N);
		expect(t.say?.map((c) => c.number)).toEqual(['12-26-000001']);
		s = t.state;

		// Three bursts within the interval: nothing said, a retry is asked for when the interval ends.
		for (const [at, n] of [
			[2_000, '12-26-000002'],
			[9_000, '12-26-000003'],
			[20_000, '12-26-000002']
		] as const) {
			s = queueChanges(s, [change(n, 'amber', false)]);
			t = takeAnnouncement(s, at, N);
			expect(t.say).toBeNull();
			expect(t.retryInMs).toBe(1_000 + N - at);
			s = t.state;
		}
		// At the end of the interval: one announcement, each case once.
		t = takeAnnouncement(s, 1_000 + N, N);
		expect(t.say?.map((c) => c.number)).toEqual(['12-26-000002', '12-26-000003']);
		expect(takeAnnouncement(t.state, 1_000 + N + 1, N)).toMatchObject({ say: null, retryInMs: null });
	});

	it('never speaks twice within an interval, whatever the rate of changes', () => {
		let s: AnnouncerState = QUIET;
		const spoken: number[] = [];
		for (let at = 0; at < 10 * N; at += 700) {
			s = queueChanges(s, [change(`12-26-${String(at).padStart(6, '0')}`, 'red')]);
			const t = takeAnnouncement(s, at, N);
			if (t.say) spoken.push(at);
			s = t.state;
		}
		for (let i = 1; i < spoken.length; i++) expect(spoken[i]! - spoken[i - 1]!).toBeGreaterThanOrEqual(N);
		expect(spoken.length).toBeGreaterThanOrEqual(9);
	});

	it('keeps a case that got worse as worse when it changes again within the interval', () => {
		const s = queueChanges(queueChanges(QUIET, [change('12-26-000007', 'red')]), [change('12-26-000007', 'breached')]);
		expect(s.pending).toEqual([change('12-26-000007', 'breached')]);
	});
});

describe('the summary, in Kazakh, Russian and English', () => {
	const changes = [
		{ number: '12-26-000123', band: 'red', worse: true, answered: false },
		{ number: '12-26-000124', band: 'ok', worse: false, answered: true },
		{ number: '12-26-000125', band: null, worse: false, answered: false }
	];
	it.each([
		['en', '3 cases changed; 12-26-000123 is now red; new answers: 1'],
		['ru', 'Изменилось дел: 3; дело 12-26-000123 теперь: красный; новых ответов: 1'],
		['kk', 'Өзгерген істер: 3; 12-26-000123 ісі енді: қызыл; жаңа жауаптар: 1']
	] as const)('%s', (locale, text) => {
		expect(summariseChanges(changes, locale)).toBe(text);
	});

	it('names the most urgent case and counts the others as bad', () => {
		const text = summariseChanges(
			[
				{ number: '12-26-000200', band: 'red', worse: true, answered: false },
				{ number: '12-26-000201', band: 'breached', worse: true, answered: false },
				{ number: '12-26-000202', band: 'breached', worse: true, answered: false }
			],
			'en'
		);
		expect(text).toBe('3 cases changed; 12-26-000201 is now breached (+1 more)');
	});
});
