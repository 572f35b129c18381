/**
 * The delivery confirmation of 001 p.22 is owed after the export of military goods (p.4 sub.1)
 * only: an export licence for dual-use goods starts no such clock. The 15 WD are counted by hand
 * on the 2026 calendar: from Monday 13 April, with Friday 1 May a holiday, the 15th working day
 * is Tuesday 5 May.
 */
import { describe, expect, it } from 'vitest';
import { availableActions, procedureFor } from './index';
import { act, at, calendar, clockOf, head, line, officer, readyForGrant, refused, register } from './spec-fixtures';

const received = at('2026-04-06T10:00:00+05:00');
const t = at('2026-04-08T10:00:00+05:00');
const shipped = '2026-04-13T10:00:00+05:00';
const later = at('2026-04-14T10:00:00+05:00');

function grantedExport(military: boolean) {
	let snap = register('export-licence', received, {
		goodsLines: [line('1А005', { military })],
		firstExportToCounterparty: false
	});
	snap = act(snap, officer, 'complete-check', { complete: true }, t).next;
	snap = readyForGrant(snap, t);
	snap = act(snap, officer, 'record-original-guarantee', {}, t).next;
	return act(snap, head, 'decide', { outcome: 'grant' }, t).next;
}

const offered = (snap: ReturnType<typeof grantedExport>) =>
	availableActions({ def: procedureFor(snap.service), snap, actor: officer, now: later, calendar });

describe('the delivery confirmation of military goods (001 p.22)', () => {
	it('is started by the export of military goods: 15 WD from the arrival, due Tuesday 5 May', () => {
		const snap = grantedExport(true);
		expect(offered(snap)).toContain('record-shipment');
		const { plan, next } = act(snap, officer, 'record-shipment', { kind: 'military-export', at: shipped }, later);
		expect(plan.events[0]).toMatchObject({ citation: '001 p.22', after: { kind: 'delivery-confirmation' } });
		expect(clockOf(next, 'delivery-confirmation', later)).toMatchObject({ state: 'running', dueDate: '2026-05-05' });
	});

	it('is not owed for an export licence of dual-use goods: not offered, refused with 409', () => {
		const snap = grantedExport(false);
		expect(offered(snap)).not.toContain('record-shipment');
		const err = refused(() => act(snap, officer, 'record-shipment', { kind: 'military-export', at: shipped }, later));
		expect(err.kind).toBe('conflict');
		expect(err.message).toContain('001 p.22');
	});
});
