/**
 * Saves of one document, as Hocuspocus does them: debounced (a burst of keystrokes is one write),
 * with a maximum wait (a never-ending burst is still written), serialised (never two saves of a
 * document at once; compaction runs in the same line), retried with back-off after a failure. Each
 * `enqueue` resolves only when its item is durably stored — the socket layer acknowledges a
 * client's update then, so a restart loses nothing a client saw acknowledged.
 */

export interface SaveQueueOptions {
	/** Wait this long after the last item before writing… */
	debounceMs: number;
	/** …but never longer than this after the first unsaved item. */
	maxWaitMs: number;
	retryMinMs?: number;
	retryMaxMs?: number;
	now?: () => number;
}

/** Runs tasks of one document one after another. */
export type Serial = <R>(task: () => Promise<R>) => Promise<R>;

export function createSerial(): Serial {
	let tail: Promise<unknown> = Promise.resolve();
	return (task) => {
		const run = tail.then(task, task);
		tail = run.catch(() => {});
		return run;
	};
}

export class SaveHaltedError extends Error {
	constructor() {
		super('the document was dropped before this update was stored');
	}
}

interface Waiting<T> {
	item: T;
	resolve: () => void;
	reject: (e: unknown) => void;
}

export class SaveQueue<T> {
	#pending: Waiting<T>[] = [];
	#running: Promise<void> | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#firstPendingAt = 0;
	#lastEnqueuedAt = 0;
	#failures = 0;
	#retryAt = 0;
	#halted = false;
	#now: () => number;
	lastError: unknown = null;

	constructor(
		private readonly save: (items: T[]) => Promise<void>,
		private readonly serial: Serial,
		private readonly opts: SaveQueueOptions
	) {
		this.#now = opts.now ?? (() => performance.now());
	}

	/** True while the last attempt failed: such a document must stay in memory. */
	get lastSaveFailed(): boolean {
		return this.#failures > 0;
	}

	/** Nothing waiting and nothing being written. */
	get idle(): boolean {
		return this.#pending.length === 0 && this.#running === null;
	}

	get pendingCount(): number {
		return this.#pending.length;
	}

	enqueue(item: T): Promise<void> {
		if (this.#halted) return Promise.reject(new SaveHaltedError());
		const now = this.#now();
		if (this.#pending.length === 0) this.#firstPendingAt = now;
		this.#lastEnqueuedAt = now;
		const stored = new Promise<void>((resolve, reject) => this.#pending.push({ item, resolve, reject }));
		this.#schedule();
		return stored;
	}

	/** Writes everything enqueued so far now; rejects if a write fails. */
	async flush(): Promise<void> {
		while (!this.#halted && (this.#pending.length > 0 || this.#running)) {
			await (this.#running ?? this.#run());
			if (this.lastSaveFailed) throw this.lastError;
		}
	}

	/** Drops unsaved items without writing them (their promises reject) and stops the timers. */
	halt(): void {
		this.#halted = true;
		this.#clearTimer();
		for (const w of this.#pending.splice(0)) w.reject(new SaveHaltedError());
	}

	#clearTimer() {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#schedule() {
		if (this.#halted || this.#running || this.#pending.length === 0) return;
		const due =
			this.#failures > 0
				? this.#retryAt
				: Math.min(this.#lastEnqueuedAt + this.opts.debounceMs, this.#firstPendingAt + this.opts.maxWaitMs);
		this.#clearTimer();
		this.#timer = setTimeout(() => void this.#run(), Math.max(0, due - this.#now()));
		this.#timer.unref?.();
	}

	#run(): Promise<void> {
		if (this.#running) return this.#running;
		this.#clearTimer();
		const batch = this.#pending.splice(0);
		if (batch.length === 0) return Promise.resolve();
		this.#running = this.serial(() => this.save(batch.map((w) => w.item)))
			.then(
				() => {
					this.#failures = 0;
					this.lastError = null;
					for (const w of batch) w.resolve();
				},
				(e: unknown) => {
					this.#failures++;
					this.lastError = e;
					if (e instanceof RejectedBatchError) {
						this.#failures = 0;
						for (const w of batch) w.reject(e.reason);
						return;
					}
					// Back in front, in order; written again after a back-off.
					this.#pending.unshift(...batch);
					this.#firstPendingAt = this.#now();
					const min = this.opts.retryMinMs ?? 200;
					this.#retryAt = this.#now() + Math.min(this.opts.retryMaxMs ?? 10_000, min * 2 ** (this.#failures - 1));
				}
			)
			.finally(() => {
				this.#running = null;
				this.#schedule();
			});
		return this.#running;
	}
}

/** Thrown by a save that refuses its batch for good (e.g. the letter was signed): no retry. */
export class RejectedBatchError extends Error {
	constructor(readonly reason: Error) {
		super(reason.message);
	}
}
