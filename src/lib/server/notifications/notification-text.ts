/**
 * A notification's one line, in the recipient's language (ADR-060): the same text for the bell, the
 * browser notification and the e-mail's subject. Only the case number appears: never goods, devices
 * or restricted data (004 P 14–15).
 */
import { m } from '../../paraglide/messages';
import type { NotificationKind } from '../../domain/notifications/kinds';

export type Language = 'kk' | 'ru' | 'en';

export function notificationText(kind: string, data: Record<string, unknown>, locale: Language): string {
	const number = String(data.caseNumber ?? '');
	const o = { locale };
	switch (kind as NotificationKind) {
		case 'assigned':
			return m.notify_kind_assigned({ number }, o);
		case 'deadline-amber':
			return m.notify_kind_deadline_amber({ number }, o);
		case 'deadline-red':
			return m.notify_kind_deadline_red({ number }, o);
		case 'mentioned':
			return m.notify_kind_mentioned({ number }, o);
		case 'agency-answered':
			return data.deemed ? m.notify_kind_agency_deemed({ number }, o) : m.notify_kind_agency_answered({ number }, o);
		case 'complaint-filed':
			return m.notify_kind_complaint_filed({ number }, o);
		case 'signature-awaited':
			return m.notify_kind_signature_awaited({ number }, o);
		default:
			return number;
	}
}

/** The e-mail: the line, whom it stands in for, the link; nothing else of the case. */
export function notificationEmail(
	input: { kind: string; data: Record<string, unknown>; caseId: string | null; onBehalfOfName: string | null },
	locale: Language,
	origin: string
): { subject: string; text: string } {
	const line = notificationText(input.kind, input.data, locale);
	const o = { locale };
	const lines = [line];
	if (input.onBehalfOfName) lines.push(m.notify_on_behalf({ name: input.onBehalfOfName }, o));
	if (input.caseId) lines.push('', `${m.notify_email_open({}, o)} ${origin}/cases/${input.caseId}`);
	lines.push('', '--', m.notify_email_footer({}, o));
	return { subject: `${m.app_name({}, o)}: ${line}`, text: lines.join('\n') };
}
