import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { loggableError } from './loggable-error';

/** Shaped as postgres.js throws it. */
function pgError(message: string, extra: Record<string, string> = {}) {
	return Object.assign(new Error(message), { name: 'PostgresError', severity: 'ERROR', ...extra });
}

describe('loggableError', () => {
	it('keeps the statement and the error of a failed query, never its parameters', () => {
		const cause = pgError('invalid byte sequence for encoding "UTF8": 0x00', {
			code: '22021',
			detail: 'Failing row contains (Secret refusal text, 123456789012).'
		});
		const e = new DrizzleQueryError(
			'insert into "draft_versions" ("text", "bin") values ($1, $2)',
			['Secret refusal text', '123456789012'],
			cause
		);
		const text = loggableError(e);
		expect(text).toContain('insert into "draft_versions" ("text", "bin") values ($1, $2)');
		expect(text).toContain('22021');
		expect(text).toContain('2 parameter(s) not logged');
		expect(text).not.toContain('Secret refusal text');
		expect(text).not.toContain('123456789012');
	});

	it('drops values quoted in a PostgreSQL message', () => {
		const text = loggableError(
			pgError('invalid input syntax for type integer: "Kazakh Export LLP"', { code: '22P02', column_name: 'id' })
		);
		expect(text).toContain('22P02');
		expect(text).toContain('column_name=id');
		expect(text).not.toContain('Kazakh Export LLP');
	});

	it('keeps an ordinary error with its stack', () => {
		const text = loggableError(new TypeError('x is not a function'));
		expect(text).toMatch(/^TypeError: x is not a function\n\s+at /);
	});
});
