/**
 * Poppler's command-line tools as the independent judges of our PDFs: `pdfsig` (Debian's
 * poppler-utils) checks the PAdES signature, `pdftotext` that the text is extractable.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(cmd: string, args: string[]): Promise<string> {
	return new Promise((resolve) => {
		execFile(cmd, args, { encoding: 'utf8' }, (_err, stdout, stderr) => resolve(`${stdout}${stderr}`));
	});
}

async function withFile<T>(pdf: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'merzim-docs-pdf-'));
	const path = join(dir, 'doc.pdf');
	writeFileSync(path, pdf);
	try {
		return await use(path);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** pdfsig's report: `valid` when it says "Signature is Valid." and the whole document is signed. */
export async function pdfsig(pdf: Uint8Array) {
	const out = await withFile(pdf, (p) => run('pdfsig', ['-nocert', p]));
	return {
		out,
		valid: out.includes('Signature Validation: Signature is Valid.'),
		whole: out.includes('Total document signed'),
		digestMismatch: /Digest Mismatch|Signature is Invalid/.test(out),
		signer: /Signer Certificate Common Name: (.*)/.exec(out)?.[1]?.trim() ?? null,
		etsi: out.includes('ETSI.CAdES.detached'),
		sha256: out.includes('Signing Hash Algorithm: SHA-256')
	};
}

/** pdfinfo's report: `tagged` when poppler sees a tagged PDF (/MarkInfo /Marked true, ADR-064). */
export async function pdfinfo(pdf: Uint8Array) {
	const out = await withFile(pdf, (p) => run('pdfinfo', [p]));
	return { out, tagged: /^Tagged:\s+yes$/m.test(out) };
}

/** `layout`: keep the physical layout, so a table's row stays on one line. */
export async function pdftotext(pdf: Uint8Array, layout = false): Promise<string> {
	return withFile(pdf, (p) => run('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), p, '-']));
}

/** The PDF with one byte of the first signed range changed (in the middle of the page content). */
export function tamper(pdf: Uint8Array): Uint8Array {
	const copy = new Uint8Array(pdf);
	const at = Math.floor(Buffer.from(pdf).indexOf('/ByteRange') / 2);
	copy[at] = copy[at]! ^ 0x01;
	return copy;
}
