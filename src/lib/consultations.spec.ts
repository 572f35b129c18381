import { describe, expect, it } from 'vitest';
import { answerBody, isNearDeadline } from './consultations';

describe('answering a consultation (001 p.16)', () => {
	it('an objection needs its reason; an approval may go without one', () => {
		expect(answerBody('object', '  ')).toBeNull();
		expect(answerBody('object', ' end user unknown ')).toEqual({ decision: 'object', reason: 'end user unknown' });
		expect(answerBody('approve', '')).toEqual({ decision: 'approve' });
	});

	it('is near its deadline with 2 working days or less left', () => {
		expect([3 * 480, 2 * 480 + 1, 2 * 480, 10, -5].map(isNearDeadline)).toEqual([false, false, true, true, true]);
	});
});
