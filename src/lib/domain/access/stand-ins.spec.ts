import { describe, expect, it } from 'vitest';
import { standInsAt } from './stand-ins';

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => at(iso).getTime();
// Olga (7) away on the 2nd and 3rd of March (Almaty days as stored, ADR-087); Boris (9) from the 5th.
const windows = [
	{ userId: 7, startsAt: at('2026-03-01T19:00:00Z'), endsAt: at('2026-03-03T19:00:00Z') },
	{ userId: 9, startsAt: at('2026-03-04T19:00:00Z'), endsAt: at('2026-03-06T19:00:00Z') }
];

describe('standInsAt (ADR-100)', () => {
	it.each([
		['before any absence', '2026-03-01T18:59:59Z', [], '2026-03-01T19:00:00Z'],
		['at the first start (inclusive)', '2026-03-01T19:00:00Z', [7], '2026-03-03T19:00:00Z'],
		['at the first end (exclusive)', '2026-03-03T19:00:00Z', [], '2026-03-04T19:00:00Z'],
		['during the second', '2026-03-05T10:00:00Z', [9], '2026-03-06T19:00:00Z']
	])('%s', (_label, now, ids, changesAt) => {
		expect(standInsAt(windows, ms(now))).toEqual({ ids, changesAt: ms(changesAt) });
	});

	it('never changes again once every absence is over', () => {
		expect(standInsAt(windows, ms('2026-03-07T00:00:00Z'))).toEqual({ ids: [], changesAt: Infinity });
		expect(standInsAt([], 0)).toEqual({ ids: [], changesAt: Infinity });
	});
});
