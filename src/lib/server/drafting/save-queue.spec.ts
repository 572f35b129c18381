import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSerial, RejectedBatchError, SaveHaltedError, SaveQueue } from './save-queue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function queue(save: (items: number[]) => Promise<void>, serial = createSerial()) {
	return new SaveQueue<number>(save, serial, {
		debounceMs: 50,
		maxWaitMs: 200,
		retryMinMs: 100,
		retryMaxMs: 400,
		now: () => Date.now()
	});
}

describe('SaveQueue', () => {
	it('writes a burst once, after the debounce, and resolves each item only then', async () => {
		const writes: number[][] = [];
		const q = queue(async (items) => void writes.push(items));
		let stored = 0;
		for (let i = 0; i < 3; i++) void q.enqueue(i).then(() => stored++);
		await vi.advanceTimersByTimeAsync(49);
		expect(writes).toEqual([]);
		expect(stored).toBe(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(writes).toEqual([[0, 1, 2]]);
		expect(stored).toBe(3);
	});

	it('writes within the maximum wait even when items keep coming', async () => {
		const writes: number[][] = [];
		const q = queue(async (items) => void writes.push(items));
		for (let t = 0; t < 10; t++) {
			void q.enqueue(t);
			await vi.advanceTimersByTimeAsync(30); // always inside the debounce
		}
		expect(writes.length).toBeGreaterThanOrEqual(1);
		expect(writes[0]).toEqual([0, 1, 2, 3, 4, 5, 6]); // the one enqueued at t = 180 ms is the last before 200 ms
	});

	it('never runs two saves of a document at once; what arrives meanwhile is the next batch', async () => {
		let active = 0;
		let maxActive = 0;
		const writes: number[][] = [];
		const q = queue(async (items) => {
			active++;
			maxActive = Math.max(maxActive, active);
			await new Promise((r) => setTimeout(r, 120));
			writes.push(items);
			active--;
		});
		void q.enqueue(1);
		await vi.advanceTimersByTimeAsync(60);
		void q.enqueue(2);
		void q.enqueue(3);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(maxActive).toBe(1);
		expect(writes).toEqual([[1], [2, 3]]);
	});

	it('keeps a failed batch, reports it, retries with back-off and resolves when it finally succeeds', async () => {
		let fail = 2;
		const writes: number[][] = [];
		const q = queue(async (items) => {
			if (fail-- > 0) throw new Error('database down');
			writes.push(items);
		});
		let stored = false;
		void q.enqueue(7).then(() => (stored = true));
		await vi.advanceTimersByTimeAsync(50);
		expect(q.lastSaveFailed).toBe(true);
		expect(q.idle).toBe(false);
		await vi.advanceTimersByTimeAsync(100); // first retry fails too
		expect(stored).toBe(false);
		await vi.advanceTimersByTimeAsync(200); // second retry (back-off doubled) succeeds
		expect(writes).toEqual([[7]]);
		expect(stored).toBe(true);
		expect(q.lastSaveFailed).toBe(false);
	});

	it('flush writes at once and throws while the database fails', async () => {
		let down = true;
		const q = queue(async () => {
			if (down) throw new Error('database down');
		});
		void q.enqueue(1).catch(() => {});
		await expect(q.flush()).rejects.toThrow('database down');
		down = false;
		await q.flush();
		expect(q.idle).toBe(true);
	});

	it('rejects a batch refused for good without retrying it', async () => {
		const q = queue(async () => {
			throw new RejectedBatchError(new Error('signed'));
		});
		const result = q.enqueue(1).then(
			() => 'stored',
			(e: Error) => e.message
		);
		await vi.advanceTimersByTimeAsync(50);
		expect(await result).toBe('signed');
		expect(q.idle).toBe(true);
		expect(q.lastSaveFailed).toBe(false);
	});

	it('halt drops unsaved items (a crash), rejecting them', async () => {
		const saved: number[] = [];
		const q = queue(async (items) => void saved.push(...items));
		const p = q.enqueue(1);
		q.halt();
		await expect(p).rejects.toBeInstanceOf(SaveHaltedError);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(saved).toEqual([]);
	});

	it('serialises with other work of the same document (compaction)', async () => {
		const serial = createSerial();
		const order: string[] = [];
		const q = queue(async () => void order.push('save'), serial);
		void serial(async () => {
			await new Promise((r) => setTimeout(r, 100));
			order.push('compact');
		});
		void q.enqueue(1);
		await vi.advanceTimersByTimeAsync(500);
		expect(order).toEqual(['compact', 'save']);
	});
});
