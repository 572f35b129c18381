import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { buildRefusalLetter } from '../../domain/drafting/refusal-letter';
import { renderLetterPdf } from '../drafting/letter-pdf';

const letter = buildRefusalLetter({
	caseNumber: 'EL-2026-00042',
	chain: 1,
	applicationDate: '2026-03-18',
	incomingNumber: 'EL-2026-00042',
	addressee: { name: 'ТОО «Әсем Ғарыш Құрылыс»', legalAddress: 'Астана қ., Мәңгілік Ел даңғ., 8', bin: '000740001307' },
	issuedOn: '2026-03-20',
	signerName: 'Ерлан Мұхаметов',
	// Long enough to run onto a second page: the tags must follow it there.
	body: ['Лицензиялық алым енгізілмеген. '.repeat(30), 'Не внесён лицензионный сбор. '.repeat(120)]
});

/** poppler's own view of the file (`Tagged: yes` when /MarkInfo /Marked is true). */
function pdfinfo(pdf: Uint8Array): string {
	const dir = mkdtempSync(join(tmpdir(), 'i18n2-tags-'));
	try {
		writeFileSync(join(dir, 'l.pdf'), pdf);
		return execFileSync('pdfinfo', [join(dir, 'l.pdf')], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const name = (d: PDFDict, key: string) => d.lookup(PDFName.of(key), PDFName)?.asString();

describe('the refusal letter is a tagged PDF (PDF/UA basics)', { timeout: 60_000 }, async () => {
	const bytes = await renderLetterPdf(letter, { createdAt: new Date('2026-03-20T06:00:00Z') });
	const pdf = await PDFDocument.load(bytes);
	const catalog = pdf.catalog;

	it('says so to poppler, with its title and language', () => {
		const info = pdfinfo(bytes);
		expect(info).toMatch(/^Tagged:\s+yes$/m);
		expect(info).toMatch(/^Title:\s+.*EL-2026-00042/m);
		expect(catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('kk-KZ');
		const prefs = catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
		expect(prefs.get(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
	});

	it('has a structure tree: a Document with one H1 and paragraphs, the Russian ones marked ru-RU', () => {
		const root = catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
		expect(name(root, 'Type')).toBe('/StructTreeRoot');
		const doc = root.lookup(PDFName.of('K'), PDFDict);
		expect(name(doc, 'S')).toBe('/Document');
		const kids = doc
			.lookup(PDFName.of('K'), PDFArray)
			.asArray()
			.map((r) => pdf.context.lookup(r, PDFDict));
		const roles = kids.map((k) => name(k, 'S'));
		expect(roles.filter((r) => r === '/H1')).toHaveLength(1);
		expect(roles.filter((r) => r === '/P').length).toBeGreaterThan(8);
		const langs = kids.map((k) => k.lookupMaybe(PDFName.of('Lang'), PDFString)?.decodeText());
		expect(langs).toContain('ru-RU');
		// Every element owns marked content on a page (nothing tagged is empty).
		for (const k of kids) expect(k.lookup(PDFName.of('K'), PDFArray).size()).toBeGreaterThan(0);
	});

	it('maps every marked content of every page back to its element (the ParentTree), rules as artifacts', () => {
		const root = catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
		const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
		const pages = pdf.getPages();
		expect(pages.length).toBeGreaterThan(1);
		expect(nums.size()).toBe(2 * pages.length);
		for (const [i, page] of pages.entries()) {
			const key = page.node.lookup(PDFName.of('StructParents'), PDFNumber).asNumber();
			expect(nums.lookup(2 * key, PDFNumber).asNumber()).toBe(key);
			const owners = nums.lookup(2 * key + 1, PDFArray);
			const contents = page.node.Contents();
			const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
			const ops = streams
				.map((s) => pdf.context.lookup(s as PDFRef))
				.map((s) => {
					if (!(s instanceof PDFRawStream)) throw new Error('a page content that is not a stream');
					return inflateSync(Buffer.from(s.getContents())).toString('latin1');
				})
				.join('\n');
			const mcids = [...ops.matchAll(/\/MCID (\d+)/g)].map((m) => Number(m[1]));
			expect(mcids, `page ${i + 1}`).toEqual(owners.asArray().map((_, n) => n));
			// The rule under the header is decoration.
			if (i === 0) expect(ops).toContain('/Artifact BMC');
			// Text is only ever drawn inside a marked content.
			const outside = ops.replace(/BDC[\s\S]*?EMC/g, '');
			expect(outside).not.toMatch(/\bTj\b/);
		}
	});
});
