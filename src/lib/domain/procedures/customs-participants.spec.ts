/**
 * 003 A3 p.7: seven participants, each a permission of its own, each step of p.8 taken by one of
 * them; the expert's refusal at step 5 names its ground (p.8.5).
 */
import { describe, expect, it } from 'vitest';
import { A3_PARTICIPANT_NAMES, procedureFor } from './index';
import { act, at, head, officer, refused, register, registrar } from './spec-fixtures';

const def = procedureFor('customs-representative-register');
const t0 = at('2026-04-13T10:00:00+05:00');

describe('the participants of 003 A3 p.7', () => {
	it('are seven (their permissions: domain/access/permissions-a3.spec.ts)', () => {
		expect(A3_PARTICIPANT_NAMES).toEqual([
			'office',
			'provider-head',
			'unit-head',
			'chief-expert',
			'expert',
			'legal-head',
			'legal-expert'
		]);
	});

	it('take the nine steps of p.8 in the order the act gives', () => {
		expect(def.steps.map((s) => s.participant?.key)).toEqual([
			'office',
			'provider-head',
			'unit-head',
			'chief-expert',
			'expert',
			'legal-head',
			'legal-expert',
			'provider-head',
			'office'
		]);
	});

	it('keep the examining expert and the agreeing legal expert apart (p.7 sub.5, sub.7)', () => {
		const expert = def.steps.find((s) => s.participant?.key === 'expert')!;
		const legal = def.steps.find((s) => s.participant?.key === 'legal-expert')!;
		expect([expert.performer, legal.performer]).toEqual(['assignee', 'not-assignee']);
	});

	it('answer a role outside the step with the participant who takes it', () => {
		const err = refused(() => act(register(def.service, t0), officer, 'complete-step', {}, t0));
		expect(err.kind).toBe('forbidden');
		expect(err.message).toContain("provider's office employee (003 A3 p.7 sub.1");
	});
});

describe('the refusal at step 5 (003 A3 p.8.5)', () => {
	const atExamination = () => {
		let snap = register(def.service, t0);
		for (const who of [registrar, head, head, officer]) snap = act(snap, who, 'complete-step', {}, t0).next;
		expect(snap.stage).toBe('step:5');
		return snap;
	};

	it('needs a ground: 422 naming the grounds', () => {
		const err = refused(() => act(atExamination(), officer, 'complete-step', { refuse: true }, t0));
		expect(err.kind).toBe('invalid');
		expect(err.fields?.ground).toMatchObject({ code: 'not-in-list', params: { citation: '003 A3 p.5.5; p.8.5' } });
		expect(err.fields?.ground?.params?.values).toContain('documents-incomplete');
	});

	it('keeps the ground on the case and cites it', () => {
		const { plan, next } = act(
			atExamination(),
			officer,
			'complete-step',
			{ refuse: true, ground: 'customs-code-art-26', note: 'No financial security of art. 26' },
			t0
		);
		expect(next.stage).toBe('step:8');
		expect(next.record.refusal).toMatchObject({ ground: 'customs-code-art-26' });
		expect(plan.events[0]).toMatchObject({
			citation: expect.stringContaining('003 A3 p.8.5; CC art. 26'),
			after: { refusing: true, ground: 'customs-code-art-26' }
		});
	});

	it('is not given at another step, nor a ground without a refusal', () => {
		let snap = atExamination();
		snap = act(snap, officer, 'complete-step', {}, t0).next; // the draft order goes to the legal unit
		expect(
			refused(() => act(snap, head, 'complete-step', { refuse: true, ground: 'data-not-confirmed' }, t0)).kind
		).toBe('invalid');
		expect(
			refused(() => act(atExamination(), officer, 'complete-step', { ground: 'data-not-confirmed' }, t0)).kind
		).toBe('invalid');
		expect(act(snap, head, 'complete-step', {}, t0).next.stage).toBe('step:7');
	});
});
