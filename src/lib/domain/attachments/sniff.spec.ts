import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitiseFilename, sniffKind } from './sniff';
import { applicantMayAttach } from './attach-rules';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

/** A zip's local file header for one stored entry named `name` holding `data`. */
function zipEntry(name: string, data: string): number[] {
	const n = [...new TextEncoder().encode(name)];
	const d = [...new TextEncoder().encode(data)];
	const le16 = (x: number) => [x & 0xff, (x >> 8) & 0xff];
	const le32 = (x: number) => [...le16(x & 0xffff), ...le16(x >>> 16)];
	return [
		0x50,
		0x4b,
		0x03,
		0x04,
		...le16(20),
		...le16(0),
		...le16(0),
		...le32(0),
		...le32(0),
		...le32(d.length),
		...le32(d.length),
		...le16(n.length),
		...le16(0),
		...n,
		...d
	];
}

describe('sniffKind: by the bytes, never the name', () => {
	it.each([
		['PDF', bytes('%PDF-1.7\n%âãÏÓ\n'), 'pdf'],
		['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
		['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'jpeg'],
		['DOCX', bytes(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml', '<w/>')), 'docx'],
		['XLSX', bytes(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('xl/workbook.xml', '<w/>')), 'xlsx'],
		['ODT', bytes(zipEntry('mimetype', 'application/vnd.oasis.opendocument.text')), 'odt'],
		['ODS', bytes(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')), 'ods'],
		['Kazakh text', bytes('Келісімшарт № 17, 2026 ж.\r\n\tқосымша'), 'txt'],
		['another zip', bytes(zipEntry('evil.exe', 'MZ')), null],
		[
			'an ODF that is not a text or sheet',
			bytes(zipEntry('mimetype', 'application/vnd.oasis.opendocument.graphics')),
			null
		],
		['a Windows program', bytes('MZ', [0x90, 0, 3, 0]), null],
		['HTML pretending nothing', bytes('<html><script>alert(1)</script>', [0]), null],
		['binary noise', bytes([0, 1, 2, 3, 0xfe]), null],
		['invalid UTF-8', bytes('abc', [0xc3, 0x28], 'more text here'), null],
		['empty', bytes(), null]
	])('%s', (_name, head, kind) => {
		expect(sniffKind(head)).toBe(kind);
	});
});

describe('sanitiseFilename', () => {
	it.each([
		['contract.pdf', 'pdf', 'contract.pdf'],
		['../../etc/passwd', 'txt', 'passwd.txt'],
		['C:\\scans\\Шарт №5.PDF', 'pdf', 'Шарт №5.pdf'],
		['scan.exe', 'pdf', 'scan.exe.pdf'],
		['.hidden', 'png', 'hidden.png'],
		['a<b>c:"d|e?f*.jpg', 'jpeg', 'a_b_c__d_e_f_.jpg'],
		['evil\u202Efdp.exe', 'pdf', 'evil_fdp.exe.pdf'],
		['', 'pdf', 'file.pdf'],
		['x'.repeat(300) + '.docx', 'docx', 'x'.repeat(115) + '.docx']
	] as const)('%j as %s → %j', (name, kind, out) => {
		expect(sanitiseFilename(name, kind)).toBe(out);
	});
});

describe('contentDisposition', () => {
	it('gives an ASCII fallback and the UTF-8 name', () => {
		expect(contentDisposition('Шарт "5".pdf', false)).toBe(
			`attachment; filename="____ _5_.pdf"; filename*=UTF-8''%D0%A8%D0%B0%D1%80%D1%82%20%225%22.pdf`
		);
		expect(contentDisposition('a.pdf', true)).toMatch(/^inline; /);
	});
});

describe('applicantMayAttach', () => {
	it.each([
		['completeness-check', null, '001 p.15'],
		['hearing', null, '001 p.19'],
		['under-review', null, null],
		['mfa-check', null, null],
		['hearing', '2026-03-02T05:00:00Z', null],
		['granted', '2026-03-02T05:00:00Z', null]
	])('%s, decided %s → %s', (stage, decidedAt, point) => {
		expect(applicantMayAttach({ stage, decidedAt })).toBe(point);
	});
});
