/**
 * The notice of a preliminary refusal and of its hearing (тыңдау туралы хабарлама): the hearing's
 * time and place or method (001 p.19 para 2; 000 p.13 para 1), sent by one of the act's channels no
 * later than 3 WD before the term ends, the hearing within 2 WD of the day of the notice (001 p.19
 * para 3; 000 p.13 para 2). The act names a registered letter with a delivery notice, a
 * telephonogram, a telegram, a text message to the mobile number or to the e-mail address given in
 * the application, or "other means that record the notice" — the portal's personal cabinet is one.
 */
export const NOTICE_CHANNELS = ['registered-letter', 'telephonogram', 'telegram', 'sms', 'email', 'portal'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** The channels as the notice letter names them, in Kazakh and Russian (001 p.19 para 3; 000 p.13 para 2). */
export const NOTICE_CHANNEL_NAMES: Readonly<Record<NoticeChannel, { kk: string; ru: string }>> = {
	'registered-letter': {
		kk: 'Тапсырылғаны туралы хабарламасы бар тапсырыс хат',
		ru: 'Заказное письмо с уведомлением о вручении'
	},
	telephonogram: { kk: 'Телефонограмма', ru: 'Телефонограмма' },
	telegram: { kk: 'Жеделхат', ru: 'Телеграмма' },
	sms: {
		kk: 'Ұялы байланыстың абоненттік нөміріне мәтіндік хабарлама',
		ru: 'Текстовое сообщение на абонентский номер сотовой связи'
	},
	email: {
		kk: 'Өтініште көрсетілген электрондық мекенжайға хабарлама',
		ru: 'Сообщение на электронный адрес, указанный в заявлении'
	},
	portal: { kk: 'Портал (жеке кабинет)', ru: 'Портал (личный кабинет)' }
};

/** The notice as recorded on the case: how it went, when it was sent, and what proves its delivery. */
export interface HearingNotice {
	readonly channel: NoticeChannel;
	/** When it was sent (ISO instant). */
	readonly sentAt: string;
	/** The delivery notice, the operator's report, the telegram or telephonogram record, the portal receipt. */
	readonly proof: string;
}

/** What the case page shows of the notice: the hearing's time and place or method, and how the notice went. */
export interface HearingNoticeSummary {
	readonly hearingAt: string;
	readonly hearingPlace: string | null;
	readonly notice: HearingNotice | null;
}

/** The notice recorded on a case (`cases.decision.preliminary`), or null when none was sent. */
export function hearingNoticeOf(record: unknown): HearingNoticeSummary | null {
	const p = (record as { preliminary?: Record<string, unknown> } | null)?.preliminary;
	if (!p || typeof p.hearingAt !== 'string') return null;
	const n = p.notice as Partial<HearingNotice> | undefined;
	const valid = !!n && NOTICE_CHANNELS.includes(n.channel as NoticeChannel) && typeof n.sentAt === 'string';
	return {
		hearingAt: p.hearingAt,
		hearingPlace: typeof p.hearingPlace === 'string' ? p.hearingPlace : null,
		notice: valid ? { channel: n.channel!, sentAt: n.sentAt!, proof: String(n.proof ?? '') } : null
	};
}
