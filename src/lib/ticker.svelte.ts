/**
 * One shared, skew-corrected "now" for every countdown on a page, advanced every 30 seconds: the
 * browser renders countdowns itself from the server's due instants (clock ticks are not events),
 * and a minute-level display needs no faster tick. Kept as epoch milliseconds (a plain number).
 */
export class Ticker {
	nowMs = $state(0);
	#skewMs = 0;
	#timer: ReturnType<typeof setInterval> | undefined;

	/** `serverNow` as sent by the server at render time; the difference is this browser's skew. */
	constructor(serverNow: string, everyMs = 30_000) {
		this.setServerTime(serverNow);
		if (typeof window !== 'undefined')
			this.#timer = setInterval(() => (this.nowMs = Date.now() + this.#skewMs), everyMs);
	}

	/** Correct the skew later (e.g. from the socket's server time on connect). */
	setServerTime(serverNow: string): void {
		const server = Date.parse(serverNow);
		this.#skewMs = server - Date.now();
		this.nowMs = server;
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}
