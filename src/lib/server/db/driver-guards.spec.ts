import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable, isForgottenRedisFailure, isWriteOnClosedConnection } from './driver-guards';

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

	it('reads the error as a test runner reports it: a plain object, not a TypeError instance', () => {
		const reported = {
			name: 'TypeError',
			message: "Cannot read properties of null (reading 'write')",
			stack: '    at Immediate.nextWrite node_modules/postgres/src/connection.js:255:22'
		};
		expect(isWriteOnClosedConnection(reported)).toBe(true);
		expect(isWriteOnClosedConnection({ ...reported, name: 'Error' })).toBe(false);
		expect(isWriteOnClosedConnection({ ...reported, stack: undefined })).toBe(false);
	});
});

describe('the guard against node-redis commands that failed unawaited', () => {
	class TimeoutError extends Error {}
	it('recognises a command timeout of the Redis client', () => {
		const e = Object.assign(new TimeoutError('Timeout'), {
			stack:
				'TimeoutError\n    at EventTarget.<anonymous> ' +
				'(/srv/merzim/node_modules/@redis/client/lib/client/commands-queue.ts:299:13)'
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

describe('a database out of reach, told from a query that failed on its merits', () => {
	/** A socket error as postgres.js hands it to a query (it adds the query's text). */
	const onQuery = (code: string, syscall = 'connect') =>
		Object.defineProperty(Object.assign(new Error(`${syscall} ${code}`), { code, syscall }), 'query', {
			value: 'select 1'
		});

	it.each([
		[
			'postgres.js lost the connection',
			Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })
		],
		['postgres.js could not connect in time', Object.assign(new Error('connect'), { code: 'CONNECT_TIMEOUT' })],
		[
			'PostgreSQL shut down by the administrator (fast shutdown)',
			Object.assign(new Error('terminating'), { code: '57P01' })
		],
		['PostgreSQL starting up', Object.assign(new Error('starting up'), { code: '57P03' })],
		['a connection exception', Object.assign(new Error('x'), { code: '08006' })],
		['the server refused the connection', onQuery('ECONNREFUSED')],
		["the embedded database's socket is gone", onQuery('ENOENT')],
		['wrapped by drizzle', Object.assign(new Error('Failed query: select 1'), { cause: onQuery('ECONNREFUSED') })],
		[
			'every address refused',
			Object.assign(new AggregateError([onQuery('ECONNREFUSED'), onQuery('ECONNREFUSED')]), { query: '' })
		]
	])('recognises %s', (_, e) => {
		expect(isDatabaseUnreachable(e)).toBe(true);
	});

	it.each([
		['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
		['a serialization failure (retried elsewhere, not an outage)', Object.assign(new Error('x'), { code: '40001' })],
		['an outgoing HTTP call refused (a webhook)', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })],
		['a file not found', Object.assign(new Error('no file'), { code: 'ENOENT', syscall: 'open' })],
		['a plain error', new Error('boom')],
		['nothing', null]
	])('does not take %s for one', (_, e) => {
		expect(isDatabaseUnreachable(e)).toBe(false);
	});
});
