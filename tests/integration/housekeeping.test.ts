/** Housekeeping deletes bookkeeping rows past their use, and nothing else. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../helpers/test-db';
import type { DbHandle } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/server/clock';
import { loadConfig } from '../../src/lib/server/config';
import { createHousekeeping } from '../../src/lib/server/housekeeping/housekeeping';
import { idempotencyKeys, loginThrottle } from '../../src/lib/server/db/schema';

let handle: DbHandle;
const now = new Date('2026-03-10T06:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

beforeAll(async () => {
	handle = await createTestDb();
});
afterAll(() => handle?.close());

describe('housekeeping', () => {
	it('expires idempotency keys after the retention and throttle rows whose window and lock are over', async () => {
		const key = (k: string, at: Date) => ({
			caller: 'token:t1',
			key: k,
			requestHash: 'h',
			status: 201,
			body: {},
			createdAt: at
		});
		await handle.db.insert(idempotencyKeys).values([key('old', hoursAgo(25)), key('fresh', hoursAgo(23))]);
		await handle.db.insert(loginThrottle).values([
			{ key: 'ip:old', failures: 3, windowStartedAt: hoursAgo(30), lockedUntil: hoursAgo(29) },
			{ key: 'ip:locked', failures: 9, windowStartedAt: hoursAgo(30), lockedUntil: new Date(now.getTime() + 60_000) },
			{ key: 'ip:recent', failures: 1, windowStartedAt: hoursAgo(1), lockedUntil: null }
		]);
		const hk = createHousekeeping({ db: handle.db, clock: new ManualClock(now), config: loadConfig({}) });
		const r = await hk.run();
		expect(r).toMatchObject({ idempotencyKeys: 1, throttleRows: 1 });
		expect((await handle.db.select().from(idempotencyKeys)).map((k) => k.key)).toEqual(['fresh']);
		expect((await handle.db.select().from(loginThrottle)).map((k) => k.key).sort()).toEqual(['ip:locked', 'ip:recent']);
		expect(await hk.run()).toMatchObject({ idempotencyKeys: 0, throttleRows: 0 });
	});
});
