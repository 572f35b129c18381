import { describe, expect, it } from 'vitest';
import { complaintTargetRefusal } from './complaint-target';

describe('what a complaint may be filed against (001 p.23 para 1; 000 p.15 para 1)', () => {
	it.each([
		'export-licence',
		'import-licence',
		'general-export-licence',
		'licence-reissue',
		'licence-reissue-separation',
		'end-user-certificate',
		'import-certificate'
	])('accepts a %s case whatever its stage: decision, action or inaction', (service) => {
		expect(complaintTargetRefusal(service)).toBeNull();
	});

	it.each([
		['device-verification', '004'],
		['customs-representative-register', '003']
	])('refuses a %s case: not a service of 001 or 000 (act %s)', (service, act) => {
		expect(complaintTargetRefusal(service)).toMatchObject({ code: 'complaint-act-not-covered', params: { act } });
	});

	it('refuses a complaint against a complaint', () => {
		expect(complaintTargetRefusal('complaint')).toMatchObject({
			code: 'complaint-against-complaint',
			params: { citation: expect.stringContaining('001 p.23 para 1') }
		});
	});
});
