/**
 * A tagged PDF's logical structure for pdf-lib (PDF/UA basics, ISO 14289-1 §7.1, 7.2, 7.4): every
 * line drawn is marked content (`BDC … EMC` with an MCID) owned by one structure element (H1, P)
 * that may carry its own language; rules are artifacts; the catalog gets /MarkInfo, /StructTreeRoot
 * with its /ParentTree, /Lang and a displayed title. Screen readers then read the letter in its
 * reading order and in the right voice for each language (ADR-064).
 */
import {
	PDFArray,
	PDFDict,
	PDFHexString,
	PDFName,
	PDFNumber,
	PDFOperator,
	PDFOperatorNames,
	PDFString,
	type PDFDocument,
	type PDFPage,
	type PDFRef
} from 'pdf-lib';

export type StructRole = 'H1' | 'H2' | 'P' | 'Figure' | 'Table' | 'TR' | 'TH' | 'TD';
type OperatorArg = Parameters<typeof PDFOperator.of>[1] extends (infer A)[] | undefined ? A : never;

/** One structure element being written: its object, and the marked contents it owns. */
export interface TaggedElement {
	readonly ref: PDFRef;
	readonly kids: PDFArray;
}

export class PdfTags {
	private readonly doc: PDFDict;
	private readonly docRef: PDFRef;
	private readonly docKids: PDFArray;
	/** Per page: its /StructParents key and, by MCID, the element owning each marked content. */
	private readonly pages = new Map<PDFPage, { key: number; owners: PDFRef[] }>();

	constructor(
		private readonly pdf: PDFDocument,
		readonly lang: string
	) {
		const ctx = pdf.context;
		this.docKids = ctx.obj([]);
		this.doc = ctx.obj({ Type: 'StructElem', S: 'Document', K: this.docKids });
		this.docRef = ctx.register(this.doc);
	}

	/**
	 * A new element under the document (or under `opts.parent`: a table's rows, a row's cells), in
	 * `lang` when it differs; a figure carries its text alternative (`alt`), a header cell its scope.
	 */
	element(
		role: StructRole,
		lang?: string,
		opts: { parent?: TaggedElement; alt?: string; scope?: 'Column' | 'Row' } = {}
	): TaggedElement {
		const ctx = this.pdf.context;
		const kids = ctx.obj([]);
		const dict = ctx.obj({ Type: 'StructElem', S: role, P: opts.parent?.ref ?? this.docRef, K: kids });
		if (lang && lang !== this.lang) dict.set(PDFName.of('Lang'), PDFString.of(lang));
		if (opts.alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(opts.alt));
		if (opts.scope) dict.set(PDFName.of('A'), ctx.obj({ O: 'Table', Scope: opts.scope }));
		const ref = ctx.register(dict);
		(opts.parent?.kids ?? this.docKids).push(ref);
		return { ref, kids };
	}

	/** Runs `draw` on `page` as one marked content of `el`. */
	mark(page: PDFPage, el: TaggedElement, role: StructRole, draw: () => void) {
		const info = this.pageInfo(page);
		const mcid = info.owners.length;
		info.owners.push(el.ref);
		const ctx = this.pdf.context;
		el.kids.push(ctx.obj({ Type: 'MCR', Pg: page.ref, MCID: mcid }));
		// pdf-lib's operator type omits dictionaries, but it writes one inline as the content stream expects.
		const props = ctx.obj({ MCID: mcid }) as unknown as OperatorArg;
		page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(role), props]));
		draw();
		page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
	}

	/** Runs `draw` as an artifact: decoration a reader skips (rules, lines). */
	artifact(page: PDFPage, draw: () => void) {
		page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
		draw();
		page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
	}

	/** Writes the structure tree and the catalog's entries; call once, after the last drawing. */
	finish(title: string) {
		const ctx = this.pdf.context;
		const nums = ctx.obj([]);
		for (const [page, info] of this.pages) {
			page.node.set(PDFName.of('StructParents'), PDFNumber.of(info.key));
			// Tab order follows the structure (PDF/UA §7.18.3).
			page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
			nums.push(PDFNumber.of(info.key));
			nums.push(ctx.register(ctx.obj(info.owners)));
		}
		const root = ctx.obj({
			Type: 'StructTreeRoot',
			K: this.docRef,
			ParentTree: ctx.register(ctx.obj({ Nums: nums })),
			ParentTreeNextKey: this.pages.size
		});
		const rootRef = ctx.register(root);
		this.doc.set(PDFName.of('P'), rootRef);
		const catalog = this.pdf.catalog;
		catalog.set(PDFName.of('StructTreeRoot'), rootRef);
		catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
		catalog.set(PDFName.of('Lang'), PDFString.of(this.lang));
		this.pdf.setTitle(title, { showInWindowTitleBar: true });
	}

	private pageInfo(page: PDFPage) {
		let info = this.pages.get(page);
		if (!info) {
			info = { key: this.pages.size, owners: [] };
			this.pages.set(page, info);
		}
		return info;
	}
}
