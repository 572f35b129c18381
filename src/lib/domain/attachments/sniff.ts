/**
 * What a file is, by its first bytes, never by its name or the type the sender claims (ADR-056).
 * Office documents are zip containers: DOCX and XLSX name their main part in the first entries
 * (`word/`, `xl/`), ODF files start with an uncompressed `mimetype` entry naming the type. Plain
 * text is UTF-8 without control characters other than tab and line breaks.
 */
export const ATTACHMENT_TYPES = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpeg: 'image/jpeg',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	txt: 'text/plain; charset=utf-8'
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

/** How many leading bytes `sniffKind` needs to decide (a zip's first entries fit in this). */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The kind of a zip container: DOCX, XLSX, ODT or ODS, else null (another zip is not accepted). */
function zipKind(b: Uint8Array): AttachmentKind | null {
	// ODF: the first entry is `mimetype`, stored, holding the media type (ODF 1.2 part 3, 3.3).
	if (ascii(b, 30, 38) === 'mimetype') {
		const type = ascii(b, 38, 38 + 60);
		if (type.startsWith(ATTACHMENT_TYPES.odt)) return 'odt';
		if (type.startsWith(ATTACHMENT_TYPES.ods)) return 'ods';
		return null;
	}
	// OOXML: walk the local file headers in the sniffed bytes and look at the entry names.
	let at = 0;
	while (at + 30 <= b.length && startsWith(b, [0x50, 0x4b, 0x03, 0x04], at)) {
		const nameLength = b[at + 26]! | (b[at + 27]! << 8);
		const extraLength = b[at + 28]! | (b[at + 29]! << 8);
		const compressed = b[at + 18]! | (b[at + 19]! << 8) | (b[at + 20]! << 16) | (b[at + 21]! << 24);
		const name = ascii(b, at + 30, Math.min(b.length, at + 30 + nameLength));
		if (name.startsWith('word/')) return 'docx';
		if (name.startsWith('xl/')) return 'xlsx';
		const flags = b[at + 6]! | (b[at + 7]! << 8);
		// Sizes written after the data (flag bit 3): the next header cannot be found from here.
		if (flags & 0x08) break;
		at += 30 + nameLength + extraLength + (compressed >>> 0);
	}
	return null;
}

function isPlainText(b: Uint8Array): boolean {
	if (b.length === 0) return false;
	for (const x of b) if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d) return false;
	try {
		// The sniffed prefix may end inside a character: `stream` keeps an incomplete last sequence.
		new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
		return true;
	} catch {
		return false;
	}
}

/** The kind of a file from its first bytes (up to SNIFF_BYTES), or null when it is none we accept. */
export function sniffKind(head: Uint8Array): AttachmentKind | null {
	if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(head);
	return isPlainText(head) ? 'txt' : null;
}

const EXTENSIONS: Record<AttachmentKind, string> = {
	pdf: 'pdf',
	png: 'png',
	jpeg: 'jpg',
	docx: 'docx',
	xlsx: 'xlsx',
	odt: 'odt',
	ods: 'ods',
	txt: 'txt'
};

/**
 * A file name safe to store and to send back in Content-Disposition: no path, no control or
 * reserved characters, no leading dots, at most 120 characters, and the extension of what the file
 * really is (a PDF sent as `scan.exe` is kept as `scan.exe.pdf`).
 */
export function sanitiseFilename(name: string, kind: AttachmentKind): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '_')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	const ext = EXTENSIONS[kind];
	const stem = (base.toLowerCase().endsWith(`.${ext}`) ? base.slice(0, -(ext.length + 1)) : base) || 'file';
	const room = 120 - ext.length - 1;
	return `${[...stem].slice(0, room).join('')}.${ext}`;
}

/** `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987). */
export function contentDisposition(filename: string, inline: boolean): string {
	const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(filename).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
