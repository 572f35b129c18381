import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { buildRefusalLetter } from '../../domain/drafting/refusal-letter';
import { renderLetterPdf } from './letter-pdf';
import { sha256Hex } from '../signing/sha256';

const letter = buildRefusalLetter({
	caseNumber: 'EL-2026-00042',
	chain: 1,
	applicationDate: '2026-03-18',
	incomingNumber: 'EL-2026-00042',
	addressee: { name: 'ТОО «Әсем Ғарыш Құрылыс»', legalAddress: 'Астана қ., Мәңгілік Ел даңғ., 8', bin: '000740001307' },
	issuedOn: '2026-03-20',
	signerName: 'Yerlan Mukhametov',
	body: [
		'Лицензиялық алым енгізілмеген (Қағидаларға 1-қосымшаның 9-жолы, 2)-тармақша). ә ғ қ ң ө ұ ү һ і',
		'Не внесён лицензионный сбор.'.repeat(40)
	]
});
const at = new Date('2026-03-20T06:00:00Z');

/** The font subset's ToUnicode maps, decompressed: which characters the PDF can show. */
function unicodeMaps(pdf: Uint8Array): string {
	const text = Buffer.from(pdf).toString('latin1');
	let maps = '';
	for (const m of text.matchAll(/stream\r?\n/g)) {
		const start = m.index! + m[0].length;
		const end = text.indexOf('endstream', start);
		try {
			const inflated = inflateSync(Buffer.from(text.slice(start, end), 'latin1')).toString('latin1');
			if (inflated.includes('beginbfchar') || inflated.includes('beginbfrange')) maps += inflated;
		} catch {
			/* not deflated */
		}
	}
	return maps;
}

describe('renderLetterPdf', () => {
	it('renders a PDF with the Kazakh letters in its embedded font (ә ғ қ ң ө ұ ү һ і)', async () => {
		const pdf = await renderLetterPdf(letter, { createdAt: at });
		expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
		const maps = unicodeMaps(pdf).toUpperCase();
		for (const ch of 'әғқңөұүһі')
			expect(maps, ch).toContain(ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
	});

	it('is deterministic for the same letter and time, so its SHA-256 identifies it', async () => {
		const [a, b] = await Promise.all([
			renderLetterPdf(letter, { createdAt: at }),
			renderLetterPdf(letter, { createdAt: at })
		]);
		expect(sha256Hex(a)).toBe(sha256Hex(b));
		const other = await renderLetterPdf({ ...letter, body: ['Другое основание.'] }, { createdAt: at });
		expect(sha256Hex(other)).not.toBe(sha256Hex(a));
	});
});
