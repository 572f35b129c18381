import { describe, expect, it } from 'vitest';
import { documentsToDraft } from './tied-documents';
import type { DocumentCaseState } from './kinds';

const state = (over: Partial<DocumentCaseState>): DocumentCaseState => ({
	service: 'import-licence',
	stage: 'granted',
	record: { outcome: 'granted' },
	complaintExtended: false,
	...over
});

describe('the documents a case action brings about (ADR-066)', () => {
	it.each([
		['a granted licence', ['case:decided'], state({}), ['licence']],
		['a granted export licence', ['case:decided'], state({ service: 'export-licence' }), ['licence']],
		[
			'a granted end-user certificate',
			['case:decided'],
			state({ service: 'end-user-certificate' }),
			['end-user-certificate']
		],
		[
			'a granted import certificate',
			['case:decided'],
			state({ service: 'import-certificate' }),
			['import-certificate']
		],
		['a refusal', ['case:decided'], state({ stage: 'refused', record: { outcome: 'refused' } }), ['refusal']],
		['a device verification decided', ['case:decided'], state({ service: 'device-verification' }), []],
		[
			'the prepared incompleteness refusal',
			['completeness:refusal-prepared'],
			state({ stage: 'incompleteness-signature', record: null }),
			['incompleteness-refusal']
		],
		[
			'the preliminary refusal',
			['refusal:preliminary-issued', 'clock:started'],
			state({ stage: 'hearing', record: { preliminary: { grounds: [2] } } }),
			['hearing-notice']
		],
		[
			'the complaint’s extension',
			['complaint:extended'],
			state({ service: 'complaint', stage: 'complaint-review', record: null, complaintExtended: true }),
			['complaint-extension-notice']
		],
		[
			'the complaint’s decision',
			['complaint:decided'],
			state({ service: 'complaint', stage: 'complaint-decided', record: null }),
			['complaint-decision']
		],
		['an assignment', ['case:assigned'], state({}), []],
		['a completeness confirmed', ['completeness:confirmed'], state({ stage: 'review' }), []]
	] as const)('%s → %j', (_, events, after, kinds) => {
		expect(documentsToDraft(events, after, new Set())).toEqual(kinds);
	});

	it('drafts nothing the case already has, draft or signed (idempotent)', () => {
		expect(documentsToDraft(['case:decided'], state({}), new Set(['licence']))).toEqual([]);
		expect(documentsToDraft(['case:decided', 'case:decided'], state({}), new Set())).toEqual(['licence']);
	});
});
