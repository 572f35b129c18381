/** Notification e-mails through nodemailer's SMTP transport (SMTP_URL, ADR-060). */
import nodemailer from 'nodemailer';
import type { MailTransport } from './mail-worker';

export function createSmtpTransport(url: string): MailTransport {
	// Short timeouts: a hanging mail server delays the queue, it is retried with back-off instead.
	const t = nodemailer.createTransport(url, {});
	const opts = t.options as Record<string, unknown>;
	opts.connectionTimeout ??= 10_000;
	opts.greetingTimeout ??= 10_000;
	opts.socketTimeout ??= 20_000;
	return {
		async send(m) {
			await t.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
		},
		close: () => t.close()
	};
}
