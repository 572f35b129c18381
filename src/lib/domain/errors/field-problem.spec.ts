import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodFieldProblems } from './field-problem';

const Schema = z
	.object({
		name: z.string().trim().min(1).max(5),
		password: z.string().min(12),
		count: z.number().positive().max(10),
		lines: z.array(z.string()).min(2).max(3),
		day: z.iso.date(),
		channel: z.enum(['email', 'post']),
		declared: z.literal(true),
		bin: z.string().refine(() => false, { message: 'a BIN', params: { code: 'invalid-bin', citation: '001 p.7' } })
	})
	.strict();

const problemsOf = (value: unknown, by?: 'path' | 'form-field') => {
	const r = Schema.safeParse(value, { reportInput: true });
	return r.success ? {} : zodFieldProblems(r.error, by);
};

describe('zod issues as coded field problems (ADR-107)', () => {
	it('maps each kind of issue to one stable code, whatever the schema', () => {
		const p = problemsOf({
			name: 'abcdefg',
			password: 'short',
			count: 0,
			lines: ['a'],
			day: '1.2.2026',
			channel: 'fax',
			declared: false,
			bin: '1',
			extra: 1
		});
		expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.code]))).toEqual({
			name: 'too-long',
			password: 'too-short',
			count: 'too-small',
			lines: 'too-few',
			day: 'invalid-format',
			channel: 'not-in-list',
			declared: 'must-be-true',
			bin: 'invalid-bin',
			extra: 'unknown-field'
		});
		expect(p.name!.params).toEqual({ max: '5' });
		expect(p.count).toMatchObject({ params: { min: '0' }, variant: 'exclusive' });
		expect(p.day).toMatchObject({ params: { format: 'date' }, variant: 'date' });
		expect(p.channel!.params).toEqual({ values: 'email, post' });
		expect(p.bin!.params).toEqual({ citation: '001 p.7' });
	});

	it('calls an absent or empty field required: undefined in JSON, null from a form, an empty text', () => {
		expect(problemsOf({}).name!.code).toBe('required');
		expect(problemsOf({ name: null }).name!.code).toBe('required');
		expect(problemsOf({ name: '  ' }).name!.code).toBe('required');
		expect(problemsOf({ name: 3 }).name).toMatchObject({ code: 'wrong-type', params: { expected: 'string' } });
	});

	it('keys a form’s problems by the form field, an API body’s by the path', () => {
		expect(Object.keys(problemsOf({ lines: [1, 2] }))).toContain('lines.0');
		expect(Object.keys(problemsOf({ lines: [1, 2] }, 'form-field'))).toContain('lines');
	});
});
