/**
 * The documents that leave the Committee, one kind per form of the acts, and in which stage of its
 * case each may be made. Pure: the caller passes the case's service, stage and record.
 */
export const DOCUMENT_KINDS = [
	'licence',
	'end-user-certificate',
	'import-certificate',
	'refusal',
	'incompleteness-refusal',
	'hearing-notice',
	'complaint-extension-notice',
	'complaint-decision'
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (k: string): k is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(k);

/** The form and point each kind is made on. */
export const DOCUMENT_FORMS: Record<DocumentKind, { '001'?: string; '000'?: string }> = {
	licence: { '001': '001 Annex 3 forms 1–3; 001 p.20' },
	'end-user-certificate': { '000': '000 Annex 4 form 1' },
	'import-certificate': { '000': '000 Annex 4 form 2' },
	refusal: { '001': '001 p.20; 001 Annex 2', '000': '000 p.13 para 4; 000 Annex 2' },
	'incompleteness-refusal': { '001': '001 p.15 para 2; 001 Annex 2', '000': '000 p.11; 000 Annex 2' },
	'hearing-notice': { '001': '001 p.19 paras 2–3', '000': '000 p.13 paras 1–2' },
	'complaint-extension-notice': { '001': '001 p.25 para 2', '000': '000 p.17 para 2' },
	'complaint-decision': { '001': '001 p.24', '000': '000 p.16' }
};

/** Services whose grant is a licence (001 Annex 3), which may later be reissued (001 p.10). */
export const LICENCE_SERVICES: readonly string[] = [
	'export-licence',
	'import-licence',
	'general-export-licence',
	'licence-reissue',
	'licence-reissue-separation'
];

export interface DocumentCaseState {
	service: string;
	stage: string;
	record: Record<string, unknown> | null;
	/** Whether the complaint's review term was extended (a `complaint:extended` event). */
	complaintExtended: boolean;
}

/**
 * Whether a document of this kind may be made for the case now; otherwise why not (409). A
 * document follows the decision or step it carries: a licence only for a granted licence case, a
 * hearing notice only once the preliminary refusal is on the case, and so on.
 */
export function documentAllowed(
	kind: DocumentKind,
	c: DocumentCaseState
): { ok: true } | { ok: false; reason: string } {
	const no = (reason: string) => ({ ok: false as const, reason });
	const outcome = (c.record?.outcome as string | undefined) ?? null;
	switch (kind) {
		case 'licence':
			if (!LICENCE_SERVICES.includes(c.service)) return no('Only a licence case gets a licence (001 Annex 3).');
			return c.stage === 'granted' ? { ok: true } : no('The licence is made once the head has granted it (001 p.20).');
		case 'end-user-certificate':
		case 'import-certificate':
			if (c.service !== kind) return no(`Only a case of that service gets this certificate (000 Annex 4).`);
			return c.stage === 'granted' ? { ok: true } : no('The certificate is made once it is granted (000 p.13).');
		case 'refusal':
			return c.stage === 'refused' && outcome === 'refused'
				? { ok: true }
				: no('The reasoned refusal is made once the case is refused (001 p.20; 000 p.13 para 4).');
		case 'incompleteness-refusal':
			return ['incompleteness-signature', 'returned-incomplete'].includes(c.stage)
				? { ok: true }
				: no('The incompleteness refusal follows the completeness check (001 p.15 para 2; 000 p.11).');
		case 'hearing-notice':
			return c.record?.preliminary && ['hearing', 'hearing-held', 'refused', 'granted'].includes(c.stage)
				? { ok: true }
				: no('The hearing notice follows the preliminary refusal (001 p.19 paras 2–3).');
		case 'complaint-extension-notice':
			return c.service === 'complaint' && c.complaintExtended
				? { ok: true }
				: no('The extension notice follows the extension of the review term (001 p.25 para 2).');
		case 'complaint-decision':
			return c.service === 'complaint' && c.stage === 'complaint-decided'
				? { ok: true }
				: no('The complaint decision is made once the complaint is decided (001 p.24; 000 p.16).');
	}
}

/** Which act's form a case's documents take: 000 for the certificates, 001 otherwise. */
export const formActOf = (service: string): '001' | '000' =>
	service === 'end-user-certificate' || service === 'import-certificate' ? '000' : '001';

/** Short bilingual titles (the document's own title is in its content). */
/** The mark on an unsigned draft or preview, in both state languages: it is not the document. */
export const DRAFT_MARK = 'ЖОБА — ҚОЛ ҚОЙЫЛМАҒАН / ПРОЕКТ — НЕ ПОДПИСАН';

export const DOCUMENT_TITLES: Record<DocumentKind, { kk: string; ru: string }> = {
	licence: { kk: 'Лицензия', ru: 'Лицензия' },
	'end-user-certificate': { kk: 'Түпкілікті пайдаланушының сертификаты', ru: 'Сертификат конечного пользователя' },
	'import-certificate': { kk: 'Халықаралық импорттық сертификат', ru: 'Международный импортный сертификат' },
	refusal: { kk: 'Дәлелді бас тарту', ru: 'Мотивированный отказ' },
	'incompleteness-refusal': {
		kk: 'Өтінішті одан әрі қараудан дәлелді бас тарту',
		ru: 'Мотивированный отказ в дальнейшем рассмотрении заявления'
	},
	'hearing-notice': { kk: 'Тыңдау туралы хабарлама', ru: 'Уведомление о заслушивании' },
	'complaint-extension-notice': {
		kk: 'Шағымды қарау мерзімін ұзарту туралы хабарлама',
		ru: 'Уведомление о продлении срока рассмотрения жалобы'
	},
	'complaint-decision': { kk: 'Шағым бойынша шешім', ru: 'Решение по жалобе' }
};
