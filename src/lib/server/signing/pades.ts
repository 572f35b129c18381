/**
 * PAdES signing of a PDF made with pdf-lib: a signature field and /Sig dictionary
 * (SubFilter ETSI.CAdES.detached, the time in /M) are added with @signpdf/placeholder-pdf-lib, the
 * document is saved, and @signpdf/signpdf fills /Contents with the CMS the `Signer` makes over the
 * /ByteRange. Verification (verifyPades) reads the signature back the same way a validator does.
 * The validation data asked before signing (the chain, the OCSP response or CRL) go into the
 * document's DSS dictionary (ETSI EN 319 142-1, 5.4) in the signed revision itself, so the file is
 * LTV-ready and the signature still covers the whole file (ADR-081).
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Signer as SignpdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { checkDetachedCms, type CmsCheck } from './cms';
import type { Signer } from './signer';

/** Room for the CMS in /Contents: an RSA-4096 chain of three certificates fits with margin. */
const SIGNATURE_BYTES = 12_288;

class Adapter extends SignpdfSigner {
	constructor(
		private readonly signer: Signer,
		private readonly at: Date
	) {
		super();
	}
	async sign(content: Buffer): Promise<Buffer> {
		return Buffer.from(await this.signer.signDetached(new Uint8Array(content), this.at));
	}
}

export interface PadesMeta {
	reason: string;
	name: string;
	location: string;
	contactInfo: string;
	signingTime: Date;
}

/** Validation data for the DSS: certificates of the chain, OCSP responses and CRLs (DER). */
export interface ValidationData {
	certificates: Uint8Array[];
	ocsps: Uint8Array[];
	crls: Uint8Array[];
}

const DSS_KEYS = { certificates: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;

function addDss(doc: PDFDocument, data: ValidationData) {
	const ctx = doc.context;
	const entries: Record<string, PDFRef[]> = {};
	for (const [field, key] of Object.entries(DSS_KEYS)) {
		const items = data[field as keyof ValidationData];
		if (items.length) entries[key] = items.map((bytes) => ctx.register(ctx.flateStream(bytes)));
	}
	if (Object.keys(entries).length) doc.catalog.set(PDFName.of('DSS'), ctx.register(ctx.obj(entries)));
}

/** The DSS's certificates, OCSP responses and CRLs; empty lists when the document has none. */
export async function readDss(pdf: Uint8Array): Promise<ValidationData> {
	const out: ValidationData = { certificates: [], ocsps: [], crls: [] };
	let dss: PDFDict | undefined;
	try {
		const doc = await PDFDocument.load(pdf, { updateMetadata: false });
		dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
		if (!dss) return out;
		for (const [field, key] of Object.entries(DSS_KEYS)) {
			const list = dss.lookupMaybe(PDFName.of(key), PDFArray);
			for (let i = 0; list && i < list.size(); i++) {
				const stream = list.lookup(i);
				if (stream instanceof PDFRawStream)
					out[field as keyof ValidationData].push(new Uint8Array(decodePDFRawStream(stream).decode()));
			}
		}
	} catch {
		return out;
	}
	return out;
}

/**
 * A text string for the signature dictionary. @signpdf writes its entries through pdf-lib's
 * `PDFString.of`, which keeps only the low byte of each character, so a Cyrillic letter became
 * another byte ('Ш', U+0428, became '(') and broke the file's syntax. PDF carries such text as
 * UTF-16BE after a byte-order mark (ISO 32000-1, 7.9.2.2), escaped as a literal string requires.
 */
export function pdfTextLiteral(text: string): string {
	const escapes: Record<number, string> = { 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r' };
	let out = '\\376\\377';
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		for (const byte of [unit >> 8, unit & 0xff]) out += escapes[byte] ?? String.fromCharCode(byte);
	}
	return out;
}

/** Adds the DSS (when given) and the signature placeholder, saves and signs; returns the signed PDF. */
export async function signPdfDocument(
	doc: PDFDocument,
	signer: Signer,
	meta: PadesMeta,
	validation?: ValidationData
): Promise<Uint8Array> {
	if (validation) addDss(doc, validation);
	pdflibAddPlaceholder({
		pdfDoc: doc,
		reason: pdfTextLiteral(meta.reason),
		contactInfo: pdfTextLiteral(meta.contactInfo),
		name: pdfTextLiteral(meta.name),
		location: pdfTextLiteral(meta.location),
		signingTime: meta.signingTime,
		signatureLength: SIGNATURE_BYTES,
		subFilter: SUBFILTER_ETSI_CADES_DETACHED,
		appName: 'Merzim'
	});
	const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
	const signed = await new SignPdf().sign(unsigned, new Adapter(signer, meta.signingTime));
	return new Uint8Array(signed);
}

export interface PadesSignature {
	byteRange: [number, number, number, number];
	/** The /ByteRange covers the whole file but the /Contents hole. */
	coversWholeFile: boolean;
	cms: Uint8Array;
	signedBytes: Uint8Array;
}

/** Reads the (single) signature's /ByteRange and /Contents; null when the PDF carries none. */
export function readPadesSignature(pdf: Uint8Array): PadesSignature | null {
	const text = Buffer.from(pdf).toString('latin1');
	const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
	if (!m) return null;
	const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
	if (a !== 0 || b < 1 || c <= b || c + d > pdf.length || text[b] !== '<' || text[c - 1] !== '>') return null;
	const hex = text.slice(b + 1, c - 1);
	if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
	const signedBytes = new Uint8Array(b + d);
	signedBytes.set(pdf.subarray(0, b), 0);
	signedBytes.set(pdf.subarray(c, c + d), b);
	return {
		byteRange: [a, b, c, d],
		coversWholeFile: c + d === pdf.length,
		cms: new Uint8Array(Buffer.from(hex, 'hex')),
		signedBytes
	};
}

export type PadesCheck = CmsCheck & { coversWholeFile: boolean };

export async function verifyPades(pdf: Uint8Array): Promise<PadesCheck | null> {
	const sig = readPadesSignature(pdf);
	if (!sig) return null;
	try {
		return { ...(await checkDetachedCms(sig.cms, sig.signedBytes)), coversWholeFile: sig.coversWholeFile };
	} catch {
		return {
			signatureValid: false,
			digestMatches: false,
			hasSigningCertificateV2: false,
			certificates: [],
			coversWholeFile: sig.coversWholeFile
		};
	}
}
