/**
 * A reissue links to the licence it reissues (001 p.10) and keeps that licence's validity: 001 p.6
 * gives a licence one year from its issue, and nothing in 001 or the Law "On permits and
 * notifications" restarts it on a reissue. Dates are chosen by hand.
 */
import { describe, expect, it } from 'vitest';
import type { ReissuedLicence } from './index';
import { act, at, head, officer, refused, register } from './spec-fixtures';

// Monday 12 April 2027, 10:00; granted on Wednesday 14 April.
const received = at('2027-04-12T10:00:00+05:00');
const wed = at('2027-04-14T11:00:00+05:00');

const original: ReissuedLicence = {
	caseId: 'orig-1',
	caseNumber: 'EL-2026-00042',
	licenceNumber: 'EL-2026-00042/L',
	service: 'export-licence',
	issuedOn: '2026-09-30',
	validUntil: '2027-09-30',
	reason: 'name-changed'
};

function granted(service: string, reissueOf: ReissuedLicence | undefined, application = {}) {
	let snap = register(service, received, application, { record: reissueOf ? { reissueOf } : {} });
	snap = act(snap, officer, 'complete-check', { complete: true }, wed).next;
	return act(snap, head, 'decide', { outcome: 'grant' }, wed);
}

describe.each(['licence-reissue', 'licence-reissue-separation'])('granting a %s', (service) => {
	it('keeps the validity of the licence it reissues, not a new year from today (001 p.6, p.10)', () => {
		const { plan, next } = granted(service, original);
		expect(next.record.validUntil).toBe('2027-09-30');
		expect(next.record.reissues).toBe('EL-2026-00042/L');
		expect(plan.events[0]).toMatchObject({
			type: 'case:decided',
			citation: expect.stringContaining('001 p.6, p.10'),
			after: { validUntil: '2027-09-30', reissues: 'EL-2026-00042/L' }
		});
	});

	it('is still capped by the documents it rests on (001 p.6 para 2)', () => {
		expect(granted(service, original, { documentsValidUntil: '2027-06-01' }).next.record.validUntil).toBe('2027-06-01');
	});

	it('is refused when the licence expired before the grant, or when no licence is linked', () => {
		const expired = refused(() => granted(service, { ...original, validUntil: '2027-04-13' }));
		expect(expired.kind).toBe('conflict');
		expect(expired.message).toContain('expired on 2027-04-13');
		expect(refused(() => granted(service, undefined)).kind).toBe('conflict');
	});
});

it('a new licence still runs one year from its grant (001 p.6)', () => {
	// Without a reissue link the grant is a new licence: one year from Wednesday 14 April 2027.
	const snap = register('import-licence', received);
	const reviewed = act(snap, officer, 'complete-check', { complete: true }, wed).next;
	expect(act(reviewed, head, 'decide', { outcome: 'grant' }, wed).next.record.validUntil).toBe('2028-04-14');
});
