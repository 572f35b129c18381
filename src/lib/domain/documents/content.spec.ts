/**
 * Each kind's content from a case: the act's form (001 Annex 3 forms 1–3, 000 Annex 4 forms 1–2,
 * Annex 2 letters), bilingual, with the case's facts in it; and the stage each kind follows.
 */
import { describe, expect, it } from 'vitest';
import { buildDocumentContent, type DocumentFacts } from './content';
import { DOCUMENT_KINDS, documentAllowed, type DocumentKind } from './kinds';
import { documentVisibleTo, mayPrepareDocument, maySignDocuments } from './document-access';

const facts = (kind: DocumentKind, over: Partial<DocumentFacts> = {}): DocumentFacts => ({
	kind,
	caseNumber: 'EL-2026-00042',
	service: 'export-licence',
	applicationDate: '2026-03-02',
	incomingNumber: 'EGOV-77',
	addressee: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, Мәңгілік Ел 55', bin: '000740001307' },
	application: {
		goodsLines: [
			{
				hsCode: '8526 91 000 0',
				controlCode: '1C350',
				description: 'Thermal module',
				quantity: 4,
				unit: 'pcs',
				value: 120000,
				currency: 'USD'
			}
		],
		counterparty: { name: 'Horizon Trading FZE', country: 'AE' },
		endUser: { name: 'Horizon Trading FZE', country: 'AE' }
	},
	record: { outcome: 'granted', validUntil: '2027-03-02' },
	complaintExtension: null,
	version: 1,
	issuedOn: '2026-03-10',
	signerName: 'Yerlan Mukhametov',
	...over
});

describe('document content', () => {
	it.each([
		['export-licence', '1-нысан', 'Әкету мақсаты', 22],
		['import-licence', '2-нысан', 'Әкелу мақсаты', 21],
		['general-export-licence', '3-нысан', 'Соңғы пайдаланушы', 20]
	])('lays out the %s on 001 Annex 3 %s with the "Келісілді" block', (service, form, field, lastNumber) => {
		const c = buildDocumentContent(facts('licence', { service }));
		expect(c.form?.kk).toContain(form);
		expect(c.fields.map((f) => f.label.kk).join('|')).toContain(field);
		expect(c.approval?.kk).toBe('Келісілді');
		expect(c.number).toBe('EL-2026-00042/L-1');
		expect(c.fields.find((f) => f.label.ru === 'Срок действия лицензии')?.value).toBe('02.03.2027');
		// The fields through the accounts (the approval, the parties' lines and special conditions follow).
		expect(c.fields.at(-1)!.n).toBe(lastNumber - 4);
	});

	it('puts the six-month presentation sentence on both certificates (000 Annex 4)', () => {
		for (const kind of ['end-user-certificate', 'import-certificate'] as const) {
			const c = buildDocumentContent(facts(kind, { service: kind }));
			expect(c.paragraphs.join(' ')).toContain('алты ай ішінде');
			expect(c.paragraphs.join(' ')).toContain('в течение шести месяцев');
			expect(c.citation).toContain('000 Annex 4');
		}
	});

	it('writes the hearing notice with its time, place or method and channel (001 p.19 para 2)', () => {
		const c = buildDocumentContent(
			facts('hearing-notice', {
				record: {
					preliminary: {
						grounds: [2, 7],
						hearingAt: '2026-03-03T10:00:00.000Z',
						hearingPlace: 'Video call, link in the cabinet',
						notice: { channel: 'portal' }
					}
				}
			})
		);
		const text = c.paragraphs.join('\n');
		// Almaty time (UTC+5) and the channel in both languages, not the ISO instant or the code.
		expect(text).toContain('03.03.2026, 15:00');
		expect(text).toContain('Video call, link in the cabinet');
		expect(text).toContain('Портал (жеке кабинет) / Портал (личный кабинет)');
		expect(c.intro?.kk).toContain('EGOV-77');
	});

	it('cites each refusal ground in both languages and keeps 000’s form for certificates', () => {
		const c = buildDocumentContent(
			facts('refusal', {
				service: 'end-user-certificate',
				record: { outcome: 'refused', grounds: [1], text: 'Extra.' }
			})
		);
		expect(c.header.ru).toContain('Комитет промышленности Министерства');
		expect(c.paragraphs[0]).toContain('Қағидаларға 1-қосымшаның 9-жолы, 1)-тармақша');
		expect(c.paragraphs[1]).toContain('подпункт 1) строки 9 приложения 1 к Правилам');
		expect(c.paragraphs.at(-1)).toBe('Extra.');
	});
});

describe('when each document may be made', () => {
	const state = (stage: string, over = {}) => ({
		service: 'import-licence',
		stage,
		record: null,
		complaintExtended: false,
		...over
	});
	it('follows its decision or step, and says why not', () => {
		expect(documentAllowed('licence', state('granted')).ok).toBe(true);
		const early = documentAllowed('licence', state('under-review'));
		expect(early.ok).toBe(false);
		expect(!early.ok && early.reason).toContain('001 p.20');
		expect(documentAllowed('end-user-certificate', state('granted')).ok).toBe(false);
		expect(documentAllowed('refusal', state('refused', { record: { outcome: 'refused' } })).ok).toBe(true);
		expect(documentAllowed('hearing-notice', state('hearing', { record: { preliminary: {} } })).ok).toBe(true);
		expect(documentAllowed('complaint-extension-notice', state('complaint-review', { service: 'complaint' })).ok).toBe(
			false
		);
		expect(
			documentAllowed(
				'complaint-extension-notice',
				state('complaint-review', { service: 'complaint', complaintExtended: true })
			).ok
		).toBe(true);
		for (const k of DOCUMENT_KINDS) expect(documentAllowed(k, state('completeness-check')).ok).toBe(false);
	});

	it('has the officer prepare and the head (or an appointed substitute) sign; the applicant sees only signed', () => {
		expect(mayPrepareDocument(['officer'], 'licence')).toBe(true);
		expect(mayPrepareDocument(['complaint_reviewer'], 'licence')).toBe(false);
		expect(mayPrepareDocument(['complaint_reviewer'], 'complaint-decision')).toBe(true);
		expect(maySignDocuments(['officer'], false)).toBe(false);
		expect(maySignDocuments(['officer'], true)).toBe(true);
		expect(maySignDocuments(['head'], false)).toBe(true);
		expect(documentVisibleTo('applicant', { signedAt: null })).toBe(false);
		expect(documentVisibleTo('applicant', { signedAt: new Date() })).toBe(true);
	});
});
