import { describe, expect, it } from 'vitest';
import { deliveryBody, portalEventData, webhookTypeOf, webhookTypesFor } from './webhook-events';

const c = { id: 'c1', number: 'EL-2026-00001', service: 'export-licence', stage: 'hearing', externalId: 'EGOV-1' };

describe('webhook events', () => {
	it('maps case events by their type name, the documents area included', () => {
		expect(webhookTypeOf('case:created')).toBe('case.registered');
		expect(webhookTypeOf('refusal:preliminary-issued')).toBe('case.hearing-notice');
		expect(webhookTypeOf('document:signed')).toBe('document.signed');
		expect(webhookTypeOf('mfa:requested')).toBe('mfa-check.requested');
		expect(webhookTypeOf('clock:warning')).toBeNull();
	});

	it('offers each kind of token its own events only', () => {
		expect(webhookTypesFor('agency')).toEqual(['consultation.requested']);
		expect(webhookTypesFor('mfa')).toEqual(['mfa-check.requested']);
		expect(webhookTypesFor('portal')).not.toContain('consultation.requested');
		expect(webhookTypesFor('portal')).toContain('complaint.decided');
	});

	it('tells the portal the notice of the hearing without its basis, proof or who acted', () => {
		const data = portalEventData(
			{
				type: 'refusal:preliminary-issued',
				at: new Date('2026-03-10T05:00:00Z'),
				citation: '001 p.19 para 3',
				after: {
					stage: 'hearing',
					grounds: [4, 9],
					confidential: [9],
					hearingAt: '2026-03-12T05:00:00.000Z',
					hearingPlace: 'Astana, room 4',
					notice: { channel: 'e-cabinet', sentAt: '2026-03-10T05:00:00.000Z', proof: 'internal ref 77' },
					restricted: { basis: 'secret source' }
				}
			},
			c
		);
		expect(data).toEqual({
			caseId: 'c1',
			caseNumber: 'EL-2026-00001',
			externalId: 'EGOV-1',
			service: 'export-licence',
			status: 'hearing',
			at: '2026-03-10T05:00:00.000Z',
			citation: '001 p.19 para 3',
			details: {
				grounds: [4, 9],
				confidential: [9],
				hearingAt: '2026-03-12T05:00:00.000Z',
				hearingPlace: 'Astana, room 4',
				notice: { channel: 'e-cabinet', sentAt: '2026-03-10T05:00:00.000Z' }
			}
		});
	});

	it('keeps the extension reason (internal) out of complaint.extended', () => {
		const data = portalEventData(
			{
				type: 'complaint:extended',
				at: new Date(0),
				citation: null,
				after: { workingDays: 5, reason: 'x', dueAt: 'd' }
			},
			c
		);
		expect(data.details).toEqual({ workingDays: 5, dueAt: 'd' });
	});

	it('writes the body with its four fields, in order', () => {
		expect(deliveryBody('d1', 'case.decided', new Date(0), { a: 1 })).toBe(
			'{"id":"d1","type":"case.decided","createdAt":"1970-01-01T00:00:00.000Z","data":{"a":1}}'
		);
	});
});
