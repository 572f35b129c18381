/**
 * One shared, skew-corrected "now" for every countdown on a page, advanced every 30 seconds: the
 * browser renders countdowns itself from the server's due instants (clock ticks are not events),
 * and a minute-level display needs no faster tick.
 */
export class Ticker {
	now = $state(new Date());
	#skewMs = 0;
	#timer: ReturnType<typeof setInterval> | undefined;

	/** `serverNow` as sent by the server at render time; the difference is this browser's skew. */
	constructor(serverNow: string, everyMs = 30_000) {
		this.#skewMs = new Date(serverNow).getTime() - Date.now();
		this.now = new Date(serverNow);
		if (typeof window !== 'undefined') this.#timer = setInterval(() => (this.now = new Date(Date.now() + this.#skewMs)), everyMs);
	}

	/** Correct the skew later (e.g. from the socket's server time on connect). */
	setServerTime(serverNow: string): void {
		this.#skewMs = new Date(serverNow).getTime() - Date.now();
		this.now = new Date(serverNow);
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}
