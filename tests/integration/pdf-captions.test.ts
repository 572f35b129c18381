/**
 * Every PDF Merzim makes — the licence and certificates, the refusals, notices and the complaint
 * decision (drafts and signed), the reasoned-refusal letter and its preview — read back with
 * pdftotext: no caption, citation, code or mark in English or any other Latin-script word that is
 * not data (the applicant's or counterparty's own name, a case number, a currency code) or an allowed
 * term. The documents are bilingual as their acts require (001 Annex 2, 001 Annex 3, 000 Annex 4):
 * each says what it says in Kazakh and in Russian.
 */
import { describe, expect, it } from 'vitest';
import { buildDocumentContent, type DocumentFacts } from '../../src/lib/domain/documents/content';
import { DOCUMENT_KINDS, DRAFT_MARK, type DocumentKind } from '../../src/lib/domain/documents/kinds';
import { buildRefusalLetter } from '../../src/lib/domain/drafting/refusal-letter';
import { groundParagraphs } from '../../src/lib/domain/drafting/ground-wording';
import { findGround } from '../../src/lib/domain/reference/refusal-grounds';
import { GOODS_CATALOGUE } from '../../src/lib/domain/reference/demo-goods-catalogue';
import { buildDocumentPdf } from '../../src/lib/server/documents/document-pdf';
import { renderLetterPdf } from '../../src/lib/server/drafting/letter-pdf';
import { pdftotext } from '../helpers/pdf-tools';
import { untranslatedWords } from '../helpers/latin-words';

const at = new Date('2026-03-10T06:00:00Z');
const goods = GOODS_CATALOGUE.slice(0, 2).map((g, i) => ({
	hsCode: g.hsCode,
	controlCode: g.controlCode,
	descriptionKk: g.kk,
	descriptionRu: g.ru,
	descriptionEn: g.en,
	quantity: 10 + i,
	unit: g.unit,
	value: 12_500.5,
	currency: 'EUR'
}));
const RECORDS: Record<DocumentKind, Record<string, unknown>> = {
	licence: { outcome: 'granted', validUntil: '2027-03-02' },
	'end-user-certificate': { outcome: 'granted' },
	'import-certificate': { outcome: 'granted' },
	refusal: { outcome: 'refused', grounds: [1, 3] },
	'incompleteness-refusal': { incompleteness: { missing: ['Тауарлардың тізбесі / Перечень товаров'] } },
	'hearing-notice': {
		preliminary: {
			hearingAt: '2026-03-13T05:00:00.000Z',
			hearingPlace: 'Астана, Мәңгілік Ел 8, 301',
			grounds: [1],
			notice: { channel: 'registered-letter', sentAt: '2026-03-10T06:00:00.000Z', proof: '№ 4471' }
		}
	},
	'complaint-extension-notice': {},
	'complaint-decision': { outcome: 'upheld', reason: 'Өтініш қайта қаралады / Заявление будет рассмотрено повторно' }
};
const SERVICES: Partial<Record<DocumentKind, string>> = {
	'end-user-certificate': 'end-user-certificate',
	'import-certificate': 'import-certificate'
};

function facts(kind: DocumentKind): DocumentFacts {
	return {
		kind,
		caseNumber: 'EL-2026-00042',
		service: SERVICES[kind] ?? 'export-licence',
		applicationDate: '2026-03-02',
		incomingNumber: 'KZ-77',
		addressee: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, Мәңгілік Ел 55', bin: '000740001307' },
		// The counterparty's own name is data: the check allows the demo catalogue's Latin names.
		application: {
			goodsLines: goods,
			counterparty: { name: 'Huaxin Electronics', country: 'CN', address: 'Shenzhen' },
			endUser: { name: 'Zhongke Technology', country: 'CN' },
			purpose: 'Өндіріс / Производство'
		},
		record: RECORDS[kind],
		complaintExtension:
			kind === 'complaint-extension-notice'
				? { workingDays: 10, reason: 'Қосымша тексеру / Дополнительная проверка', dueAt: '2026-03-24T13:00:00.000Z' }
				: null,
		version: 1,
		issuedOn: '2026-03-10',
		signerName: 'Ерлан Мұхаметов'
	};
}

/** The Latin words of the PDF's text that are neither data nor an allowed term, with their lines. */
async function untranslated(pdf: Uint8Array): Promise<string[]> {
	const text = await pdftotext(pdf);
	expect(text).toMatch(/[әғқңөұүһі]/u); // extractable, with the Kazakh letters
	return text.split('\n').flatMap((line) => untranslatedWords(line).map((w) => `${w} ← ${line.trim()}`));
}

describe('PDF captions in Kazakh and Russian only', () => {
	it.each(DOCUMENT_KINDS.flatMap((k) => [[k, 'draft'] as const, [k, 'signed'] as const]))(
		'the %s (%s)',
		async (kind, state) => {
			const content = buildDocumentContent(facts(kind));
			const pdf = await buildDocumentPdf(content, { createdAt: at, mark: state === 'draft' ? DRAFT_MARK : null });
			expect(await untranslated(await pdf.save({ useObjectStreams: false }))).toEqual([]);
		}
	);

	it('shows countries and control-list items by name in both languages on the licence', async () => {
		const pdf = await buildDocumentPdf(buildDocumentContent(facts('licence')), { createdAt: at });
		const text = (await pdftotext(await pdf.save())).replace(/\s+/g, ' ');
		expect(text).toContain('Қытай / Китай');
		expect(text).toContain('Улы химиялық заттардың прекурсорлары');
		expect(text).toContain('Химические вещества, которые могут использоваться');
	});

	it.each(['draft', 'signed'] as const)('the reasoned-refusal letter (%s)', async (state) => {
		const ground = findGround('001', 2)!;
		const letter = buildRefusalLetter({
			caseNumber: 'EL-2026-00042',
			chain: 1,
			applicationDate: '2026-03-02',
			incomingNumber: 'KZ-77',
			addressee: { name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, Мәңгілік Ел 55', bin: '000740001307' },
			issuedOn: state === 'signed' ? '2026-03-10' : null,
			signerName: state === 'signed' ? 'Ерлан Мұхаметов' : null,
			body: groundParagraphs(ground, { markConfidential: true })
		});
		const pdf = await renderLetterPdf(letter, { createdAt: at, draftMark: state === 'draft' ? DRAFT_MARK : undefined });
		expect(await untranslated(pdf)).toEqual([]);
	});
});
