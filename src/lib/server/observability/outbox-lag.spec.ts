import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createOutboxLag } from './outbox-lag';

/** A database whose outbox ends at `max` (the one query the tracker makes). */
function outboxEndingAt(max: { value: number | null }): Db {
	return { execute: async () => [{ max: max.value }] } as unknown as Db;
}

describe('outbox lag', () => {
	it('counts unpublished events and times from the first look that found the publisher behind', async () => {
		const max = { value: null as number | null };
		let published = 0;
		let t = 1_000;
		const lag = createOutboxLag({ db: outboxEndingAt(max), published: () => published, now: () => t });
		expect(await lag.read()).toEqual({ lagEvents: 0, lagMs: 0 }); // an empty outbox
		max.value = 5;
		published = 5;
		expect(await lag.read()).toEqual({ lagEvents: 0, lagMs: 0 });
		max.value = 9;
		expect(await lag.read()).toEqual({ lagEvents: 4, lagMs: 0 });
		t += 60_000;
		published = 7;
		max.value = 12;
		expect(await lag.read()).toEqual({ lagEvents: 5, lagMs: 60_000 }); // still behind: from the first look
		t += 1_500.4;
		published = 12;
		expect(await lag.read()).toEqual({ lagEvents: 0, lagMs: 0 }); // caught up: the count restarts
		max.value = 13;
		t += 10;
		expect(await lag.read()).toEqual({ lagEvents: 1, lagMs: 0 });
		t += 20.6;
		expect(await lag.read()).toEqual({ lagEvents: 1, lagMs: 21 });
	});

	it('reads how far the publisher got after the outbox’s end, so an event sent meanwhile is not behind', async () => {
		let published = 4;
		// The publisher sends event 5 while the query for the outbox's end (5) is under way.
		const db = { execute: async () => ((published = 5), [{ max: 5 }]) } as unknown as Db;
		const lag = createOutboxLag({ db, published: () => published, now: () => 0 });
		expect(await lag.read()).toEqual({ lagEvents: 0, lagMs: 0 });
	});
});
