/**
 * The incompleteness refusal is a letter (001 p.15 para 2; 000 p.11): the officer prepares it with
 * the missing documents, the case waits for the head's (or substitute's) signature, and only the
 * signature closes the case. No hearing is needed for it.
 */
import { describe, expect, it } from 'vitest';
import { availableActions, procedureFor, ProcedureError, type ActingUser, type CaseSnapshot } from './index';
import { incompletenessLetterBody } from '../drafting/incompleteness-letter';
import { act, calendar, head, officer, register } from './spec-fixtures';

// Monday 13 April 2026, 10:00; the check on Tuesday, the signature on Wednesday.
const received = new Date('2026-04-13T10:00:00+05:00');
const tue = new Date('2026-04-14T11:00:00+05:00');
const wed = new Date('2026-04-15T11:00:00+05:00');
const missing = ['Copy of the foreign trade contract', 'End-user statement (expired 01.03.2026)'];

const registered = (service: string): CaseSnapshot => register(service, received);

const lastEvent = (snap: CaseSnapshot, kind: string) =>
	snap.clocks.find((c) => c.kind === kind)!.clock.events.at(-1)!.type;

describe.each([
	['import-licence', '001 p.15 para 2'],
	['end-user-certificate', '000 p.11']
])('the incompleteness refusal of a %s case (%s)', (service, point) => {
	it('is prepared by the officer and waits for the head: the case is not decided, the check still runs', () => {
		const { plan, next } = act(registered(service), officer, 'complete-check', { complete: false, missing }, tue);
		expect(next.stage).toBe('incompleteness-signature');
		expect(plan.decides ?? false).toBe(false);
		expect(next.record.incompleteness).toEqual({ missing, preparedAt: tue.toISOString() });
		expect(lastEvent(next, 'completeness')).not.toBe('met');
		expect(plan.events[0]).toMatchObject({ type: 'completeness:refusal-prepared', citation: point });
	});

	it('cannot be ended by the officer alone; the head signs and the case closes', () => {
		const waiting = act(registered(service), officer, 'complete-check', { complete: false, missing }, tue).next;
		const offered = (actor: ActingUser) =>
			availableActions({ def: procedureFor(service), snap: waiting, actor, now: wed, calendar });
		expect(offered(officer)).not.toContain('sign-incompleteness-refusal');
		expect(offered(head)).toContain('sign-incompleteness-refusal');
		let refused: unknown;
		try {
			act(waiting, officer, 'sign-incompleteness-refusal', {}, wed);
		} catch (e) {
			refused = e;
		}
		expect(refused).toBeInstanceOf(ProcedureError);
		expect((refused as ProcedureError).kind).toBe('forbidden');
		const { plan, next } = act(waiting, head, 'sign-incompleteness-refusal', {}, wed);
		expect(next.stage).toBe('returned-incomplete');
		expect(plan.decides).toBe(true);
		expect(plan.record).toMatchObject({ outcome: 'returned-incomplete', missing, citation: point });
		expect(lastEvent(next, 'completeness')).toBe('met');
		expect(lastEvent(next, 'service-term')).toBe('cancelled');
		expect(plan.events[0]).toMatchObject({ type: 'completeness:refused', citation: point });
	});
});

describe('the incompleteness letter’s body', () => {
	it('states the act’s condition with its own point, then the documents listed', () => {
		const licence = incompletenessLetterBody('001', missing);
		expect(licence[0]).toContain('15-тармағы');
		expect(licence[1]).toContain('пункт 15 Правил');
		expect(licence.slice(3)).toEqual(missing.map((m) => `— ${m}`));
		const certificate = incompletenessLetterBody('000', missing);
		expect(certificate[0]).toContain('11-тармағы');
		expect(certificate.join(' ')).not.toContain('15');
	});
});
