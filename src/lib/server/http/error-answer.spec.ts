import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors/domain-error';
import { ProcedureError } from '../../domain/procedures/types';
import { ApiError } from './api-error';
import { fieldProblem } from '../../domain/errors/field-problem';
import { answerableError, errorAck, errorBody, errorResponse, statusOf } from './error-answer';

describe('the one mapping of domain errors', () => {
	const mayNot = new ProcedureError('forbidden', 'Your role may not decide (001 p.20).', undefined, 'role-may-not', {
		action: 'decide',
		citation: '001 p.20'
	});

	it('answers by kind, with the stable code and the message in the caller’s language', () => {
		expect(statusOf(mayNot)).toBe(403);
		expect(errorBody(mayNot, 'kk')).toMatchObject({
			code: 'role-may-not',
			message: 'Сіздің рөліңіз бұл әрекетті орындай алмайды (001 ереже, 20-т.).'
		});
		expect(errorBody(mayNot, 'ru').message).toBe('Ваша роль не может выполнить это действие (Правила 001, п. 20).');
		expect(errorBody(mayNot, 'en').message).toBe('Your role may not decide (001 p.20).');
	});

	it('says what kind of refusal it is when the catalogue has no message for the code yet', () => {
		const e = new ProcedureError('conflict', 'No original guarantee is awaited on this case.');
		expect([statusOf(e), e.code]).toEqual([409, 'not-possible-now']);
		expect(errorBody(e, 'ru').message).toBe('В текущем состоянии дела это действие невозможно.');
		expect(errorBody(e, 'en').message).toBe('No original guarantee is awaited on this case.');
	});

	it('keeps the fields and lets an HTTP-layer error name its own status', () => {
		const e = new ApiError(415, 'Send the body as application/json.');
		expect([statusOf(e), e.code]).toEqual([415, 'not-json']);
		const invalid = new DomainError(
			'invalid',
			'invalid-fields',
			'Some fields are invalid.',
			{},
			{ at: fieldProblem('required', 'required') }
		);
		expect(errorBody(invalid, 'kk')).toEqual({
			code: 'invalid-fields',
			message: 'Кейбір өрістер дұрыс толтырылмаған.',
			error: 'Кейбір өрістер дұрыс толтырылмаған.',
			fields: { at: { code: 'required', message: 'Толтыру міндетті.' } }
		});
	});

	it('builds a coded not-found and any other coded HTTP-layer error by name', () => {
		const missing = ApiError.notFound('case-not-found', 'No such case.');
		expect([statusOf(missing), missing.kind, missing.code, missing.fields]).toEqual([
			404,
			'not-found',
			'case-not-found',
			undefined
		]);
		const gone = ApiError.coded(410, 'desk3-attachment-destroyed', 'Destroyed.', { date: '2026-12-01', citation: 'x' });
		expect([gone.status, gone.code, gone.params]).toEqual([
			410,
			'desk3-attachment-destroyed',
			{ date: '2026-12-01', citation: 'x' }
		]);
		expect(errorBody(gone, 'en').message).toBe(
			"This file was destroyed on 2026-12-01 with the case's device data (x); only its record is kept."
		);
	});

	it('refuses a socket event with the same code and message', () => {
		expect(errorAck(mayNot, 'ru')).toEqual({
			code: 'role-may-not',
			error: 'Ваша роль не может выполнить это действие (Правила 001, п. 20).'
		});
	});

	it('recognises a domain error thrown by another copy of the class (the other bundle)', async () => {
		const copyPath = '../../domain/errors/domain-error?copy';
		const copy = (await import(/* @vite-ignore */ copyPath)) as typeof import('../../domain/errors/domain-error');
		const { DomainError: Original, isDomainError } = await import('../../domain/errors/domain-error');
		const foreign = new copy.DomainError('invalid', 'x', 'x');
		expect(foreign instanceof Original).toBe(false);
		expect(isDomainError(foreign)).toBe(true);
		expect(isDomainError(new Error('plain'))).toBe(false);
	});
});

describe('a database out of reach', () => {
	it('is answered 503 with Retry-After and a message in each language, not as a bug', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' });
		Object.defineProperty(refused, 'query', { value: 'select 1' });
		const e = answerableError(Object.assign(new Error('Failed query'), { cause: refused }));
		expect(e?.code).toBe('database-unavailable');
		const r = errorResponse(e!, 'ru');
		expect([r.status, r.headers.get('retry-after')]).toEqual([503, '5']);
		expect(await r.json()).toMatchObject({
			code: 'database-unavailable',
			message: expect.stringMatching(/^База данных/)
		});
		expect(errorBody(e!, 'kk').message).toMatch(/^Дерекқор/);
		expect(answerableError(new Error('boom'))).toBeNull();
	});
});
