import { describe, expect, it } from 'vitest';
import { isForgottenRedisFailure, isWriteOnClosedConnection } from './driver-guards';

const thrown = (message: string, stack: string) => Object.assign(new TypeError(message), { stack });

describe('the guard against postgres.js writes on a closed connection', () => {
	it("recognises the driver's deferred write on a closed socket", () => {
		const e = thrown(
			"Cannot read properties of null (reading 'write')",
			"TypeError: Cannot read properties of null (reading 'write')\n" +
				'    at Immediate.nextWrite (file:///srv/merzim/node_modules/postgres/src/connection.js:255:22)\n' +
				'    at process.processImmediate (node:internal/timers:483:21)'
		);
		expect(isWriteOnClosedConnection(e)).toBe(true);
	});

	it('lets every other exception end the process', () => {
		const ours = thrown(
			"Cannot read properties of null (reading 'write')",
			'TypeError: …\n    at nextWrite (file:///srv/merzim/dist/server.js:10:1)'
		);
		expect(isWriteOnClosedConnection(ours)).toBe(false);
		expect(isWriteOnClosedConnection(new RangeError("reading 'write'"))).toBe(false);
		expect(isWriteOnClosedConnection(new Error('boom'))).toBe(false);
		expect(isWriteOnClosedConnection(null)).toBe(false);
	});
});

describe('the guard against node-redis commands that failed unawaited', () => {
	class TimeoutError extends Error {}
	it('recognises a command timeout of the Redis client', () => {
		const e = Object.assign(new TimeoutError('Timeout'), {
			stack:
				'TimeoutError\n    at EventTarget.<anonymous> (/srv/merzim/node_modules/@redis/client/lib/client/commands-queue.ts:299:13)'
		});
		expect(isForgottenRedisFailure(e)).toBe(true);
	});

	it('does not take errors of the same name from elsewhere', () => {
		const e = Object.assign(new TimeoutError('Timeout'), {
			stack: 'TimeoutError\n    at fetchThing (/srv/merzim/dist/server.js:1:1)'
		});
		expect(isForgottenRedisFailure(e)).toBe(false);
		expect(isForgottenRedisFailure(new Error('Timeout'))).toBe(false);
	});
});
