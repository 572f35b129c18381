/**
 * The one place that reads the wall clock. Everything else receives a `Clock` so deadlines can be
 * tested to the minute, and so a training/demo deployment can run on simulated time (ADR-019).
 */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; used by tests and by `MERZIM_CLOCK=simulated`. */
export class ManualClock implements Clock {
	#now: Date;
	constructor(start: Date) {
		this.#now = new Date(start);
	}
	now(): Date {
		return new Date(this.#now);
	}
	set(to: Date): void {
		if (to < this.#now) throw new RangeError('a simulated clock only moves forward');
		this.#now = new Date(to);
	}
	advance(ms: number): void {
		this.set(new Date(this.#now.getTime() + ms));
	}
}
