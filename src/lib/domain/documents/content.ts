/**
 * What a document says, built from the case: one bilingual model (Kazakh, then Russian) for every
 * kind, which the PDF renderer lays out on the A4 form. Letters (refusals, notices, decisions)
 * follow 001 Annex 2's layout — header, city, number and date, addressee, title, body, signer;
 * licences and certificates their Annex 3 / Annex 4 numbered fields.
 */
import { buildRefusalLetter, formatLetterDate, SIGNER_POSITION } from '../drafting/refusal-letter';
import { incompletenessLetterBody } from '../drafting/incompleteness-letter';
import { findGround } from '../reference/refusal-grounds';
import { countryNameKkRu } from '../reference/country-names';
import { groundParagraphs } from '../drafting/ground-wording';
import { formatDate, formatDateTime } from '../format/display-format';
import { NOTICE_CHANNEL_NAMES, type NoticeChannel } from '../procedures/hearing-notice';
import { controlItemKkRu } from '../reference/control-list';
import { certificateForm, licenceForm, LICENCE_TAIL, type FormFacts } from './forms';
import { DOCUMENT_FORMS, DOCUMENT_TITLES, formActOf, type DocumentKind } from './kinds';

type Bi = { kk: string; ru: string };

export interface DocumentFacts {
	kind: DocumentKind;
	caseNumber: string;
	service: string;
	applicationDate: string;
	incomingNumber: string;
	addressee: { name: string; legalAddress: string; bin: string };
	application: Record<string, unknown>;
	record: Record<string, unknown> | null;
	complaintExtension: { workingDays: number; reason: string; dueAt: string | null } | null;
	/** Version of this kind for the case (a document re-made after a change is version 2 …). */
	version: number;
	/** Almaty date of issue (YYYY-MM-DD). */
	issuedOn: string;
	signerName: string | null;
}

export interface DocumentContent {
	kind: DocumentKind;
	number: string;
	citation: string;
	header: Bi;
	city: Bi;
	form: Bi | null;
	numberLine: Bi;
	dateLine: Bi;
	addressee: string[] | null;
	title: Bi;
	intro: Bi | null;
	paragraphs: string[];
	fields: { n: number; label: Bi; value: string }[];
	/** The "Келісілді" approval block of the licence forms (001 Annex 3). */
	approval: Bi | null;
	signer: { position: Bi; name: string };
}

const SUFFIX: Record<DocumentKind, string> = {
	licence: 'L',
	'end-user-certificate': 'EUC',
	'import-certificate': 'IIC',
	refusal: 'ДБ',
	'incompleteness-refusal': 'ТБ',
	'hearing-notice': 'ХБ',
	'complaint-extension-notice': 'ҰЗ',
	'complaint-decision': 'Ш'
};

export const documentNumber = (caseNumber: string, kind: DocumentKind, version: number) =>
	`${caseNumber}/${SUFFIX[kind]}-${version}`;

const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function formFacts(x: DocumentFacts, number: string): FormFacts {
	const a = x.application;
	const lines = (Array.isArray(a.goodsLines) ? a.goodsLines : []) as Record<string, unknown>[];
	// Countries and control-list items named in both state languages, not by code alone (ADR-077).
	const country = (code: unknown) => (s(code) ? countryNameKkRu(s(code)) : '');
	const party = (p: unknown) => {
		const o = (p ?? {}) as Record<string, unknown>;
		return [s(o.name), country(o.country), s(o.address)].filter(Boolean).join(', ') || '—';
	};
	const joinOf = (values: string[]) => [...new Set(values.filter(Boolean))].join('; ') || '—';
	const join = (k: string) => joinOf(lines.map((l) => s(l[k])));
	const bi = (kk: unknown, ru: unknown, other: unknown) =>
		s(kk) && s(ru) ? (s(kk) === s(ru) ? s(kk) : `${s(kk)} / ${s(ru)}`) : s(other);
	const unitOf = (u: unknown) => {
		const o = (u ?? {}) as Record<string, unknown>;
		return typeof u === 'object' ? bi(o.kk, o.ru, o.en) : s(u);
	};
	const total = lines.reduce((sum, l) => sum + (typeof l.value === 'number' ? l.value : 0), 0);
	const qty = lines.reduce((sum, l) => sum + (typeof l.quantity === 'number' ? l.quantity : 0), 0);
	const contract = (a.contract ?? {}) as Record<string, unknown>;
	return {
		number,
		applicant: `${x.addressee.name}, ${x.addressee.legalAddress}, БСН / БИН ${x.addressee.bin}`,
		counterparty: party(a.counterparty),
		endUser: party(a.endUser),
		validUntil: s(x.record?.validUntil) ? formatLetterDate(s(x.record?.validUntil)) : '—',
		basis: [s(contract.number), s(contract.date)].filter(Boolean).join(', ') || `${x.incomingNumber}`,
		goods: joinOf(lines.map((l) => bi(l.descriptionKk, l.descriptionRu, l.description))),
		purpose: s(a.purpose) || '—',
		hsCodes: join('hsCode'),
		controlCodes: joinOf(lines.map((l) => controlItemKkRu(s(l.controlCode)))),
		units: joinOf(lines.map((l) => unitOf(l.unit))),
		quantity: qty ? String(qty) : '—',
		currency: join('currency'),
		value: total ? total.toLocaleString('ru-RU') : '—',
		country: country((a.counterparty as Record<string, unknown> | undefined)?.country) || '—',
		licensor: SIGNER_POSITION.ru
	};
}

function bodyFor(x: DocumentFacts, act: '001' | '000'): { intro: boolean; paragraphs: string[] } {
	const r = x.record ?? {};
	switch (x.kind) {
		case 'refusal': {
			const grounds = (Array.isArray(r.grounds) ? r.grounds : []) as number[];
			// Each ground as the grounds picker words it: Kazakh, then Russian, each with its point.
			const cited = grounds.flatMap((n) => {
				const g = findGround(act, n);
				return g ? groundParagraphs(g) : [`— ${n}`];
			});
			return { intro: true, paragraphs: [...cited, ...(s(r.text) ? [s(r.text)] : [])] };
		}
		case 'incompleteness-refusal': {
			// Prepared (record.incompleteness.missing) or already issued (record.missing).
			const prepared = (r.incompleteness as { missing?: string[] } | undefined)?.missing;
			return {
				intro: true,
				paragraphs: incompletenessLetterBody(act, (r.missing as string[] | undefined) ?? prepared ?? [])
			};
		}
		case 'hearing-notice': {
			const p = (r.preliminary ?? {}) as Record<string, unknown>;
			const n = (p.notice ?? {}) as Record<string, unknown>;
			const when = s(p.hearingAt) ? formatDateTime(s(p.hearingAt), 'ru') : '—';
			const channel = NOTICE_CHANNEL_NAMES[s(n.channel) as NoticeChannel];
			const grounds = ((p.grounds as number[] | undefined) ?? []).join(', ');
			return {
				intro: true,
				paragraphs: [
					`Көрсетілетін қызметті алушыға алдын ала шешім туралы ` +
						`хабарлаймыз (бас тарту негіздері: ${grounds}). Алдын ала ` +
						`шешім бойынша позицияңызды білдіру үшін тыңдау өткізіледі.`,
					`Уведомляем о предварительном решении об отказе (основания: ${grounds}). ` +
						`Для выражения позиции по предварительному решению проводится заслушивание.`,
					`Тыңдау уақыты / Время заслушивания: ${when}`,
					`Өткізу орны немесе тәсілі / Место или способ проведения: ${s(p.hearingPlace) || '—'}`,
					`Хабарлама арнасы / Канал уведомления: ${channel ? `${channel.kk} / ${channel.ru}` : '—'}`
				]
			};
		}
		case 'complaint-extension-notice': {
			const e = x.complaintExtension;
			const due = e?.dueAt ? formatDate(e.dueAt, 'ru') : '—';
			return {
				intro: false,
				paragraphs: [
					`Шағымды қарау мерзімі ${e?.workingDays ?? '—'} жұмыс күніне ұзартылғаны ` +
						`туралы хабарлаймыз. Себебі: ${e?.reason ?? '—'}. Жаңа мерзім: ${due}.`,
					`Сообщаем, что срок рассмотрения жалобы продлён на ${e?.workingDays ?? '—'} ` +
						`рабочих дней. Причина: ${e?.reason ?? '—'}. Новый срок: ${due}.`
				]
			};
		}
		case 'complaint-decision': {
			const upheld = r.outcome === 'upheld';
			return {
				intro: true,
				paragraphs: [
					upheld ? 'Шағым қанағаттандырылды.' : 'Шағым қанағаттандырусыз қалдырылды.',
					upheld ? 'Жалоба удовлетворена.' : 'Жалоба оставлена без удовлетворения.',
					s(r.reason)
				].filter(Boolean)
			};
		}
		default:
			return { intro: false, paragraphs: [] };
	}
}

export function buildDocumentContent(x: DocumentFacts): DocumentContent {
	const act = formActOf(x.service);
	const number = documentNumber(x.caseNumber, x.kind, x.version);
	const letter = buildRefusalLetter({
		act,
		caseNumber: x.caseNumber,
		chain: x.version,
		applicationDate: x.applicationDate,
		incomingNumber: x.incomingNumber,
		addressee: x.addressee,
		issuedOn: x.issuedOn,
		signerName: x.signerName,
		body: []
	});
	const citation = DOCUMENT_FORMS[x.kind][act] ?? DOCUMENT_FORMS[x.kind]['001'] ?? '';
	const label = act === '000' ? { kk: 'Нөмір', ru: 'Номер' } : { kk: 'Нөмірі', ru: 'Номер' };
	const base: DocumentContent = {
		kind: x.kind,
		number,
		citation,
		header: letter.header,
		city: letter.city,
		form: null,
		numberLine: { kk: `${label.kk}: ${number}`, ru: `${label.ru}: ${number}` },
		dateLine: letter.date,
		addressee: letter.addressee,
		title: DOCUMENT_TITLES[x.kind],
		intro: null,
		paragraphs: [],
		fields: [],
		approval: null,
		signer: letter.signer
	};
	if (x.kind === 'licence') {
		const form = licenceForm(x.service);
		const facts = formFacts(x, number);
		return {
			...base,
			form: form.form,
			title: form.title,
			addressee: null,
			fields: [...form.fields, ...LICENCE_TAIL].map((fl, i) => ({ n: i + 2, label: fl.label, value: fl.value(facts) })),
			approval: { kk: 'Келісілді', ru: 'Согласовано' }
		};
	}
	if (x.kind === 'end-user-certificate' || x.kind === 'import-certificate') {
		const form = certificateForm(x.kind);
		const facts = formFacts(x, number);
		const fields = form.fields.map((fl, i) => ({ n: i + 1, label: fl.label, value: fl.value(facts) }));
		return {
			...base,
			form: {
				kk: `4-қосымша, ${x.kind === 'end-user-certificate' ? 1 : 2}-нысан`,
				ru: `Приложение 4, форма ${x.kind === 'end-user-certificate' ? 1 : 2}`
			},
			title: form.title,
			addressee: null,
			fields,
			paragraphs: [`${fields.length + 1}. ${form.certification.kk}`, form.certification.ru]
		};
	}
	const body = bodyFor(x, act);
	// The refusals are on the act's Annex 2 form, under its own title ("ДӘЛЕЛДІ БАС ТАРТУ").
	const title = x.kind === 'refusal' || x.kind === 'incompleteness-refusal' ? letter.title : base.title;
	return { ...base, title, intro: body.intro ? letter.intro : null, paragraphs: body.paragraphs };
}
