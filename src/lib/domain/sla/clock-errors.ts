/** Why a clock's event history was rejected; `eventIndex` points at the offending event. */
export type ClockErrorCode =
	| 'invalid-clock'
	| 'invalid-event'
	| 'missing-start'
	| 'duplicate-start'
	| 'out-of-order'
	| 'event-after-now'
	| 'event-after-close'
	| 'suspension-not-allowed'
	| 'suspend-while-suspended'
	| 'resume-without-suspend'
	| 'extension-not-allowed'
	| 'second-extension'
	| 'extension-too-long'
	| 'extension-after-due'
	| 'breached-while-suspended'
	| 'breached-before-due';

export class ClockSequenceError extends Error {
	override readonly name = 'ClockSequenceError';
	constructor(
		readonly code: ClockErrorCode,
		message: string,
		readonly eventIndex: number | null = null
	) {
		super(eventIndex === null ? message : `event #${eventIndex}: ${message}`);
	}
}
