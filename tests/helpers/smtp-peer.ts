/**
 * A real SMTP server for the notification tests (the smtp-server package), on 127.0.0.1 port 0:
 * it keeps every message it accepts, decoded enough to read the recipient, subject and text.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	to: string[];
	messageId: string;
	subject: string;
	text: string;
}

export async function startSmtpPeer(): Promise<{ url: string; mails: ReceivedMail[]; close: () => Promise<void> }> {
	const mails: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				mails.push(
					parse(
						Buffer.concat(chunks).toString('utf8'),
						session.envelope.rcptTo.map((r) => r.address)
					)
				);
				done();
			});
		}
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		mails,
		close: () => new Promise<void>((ok) => server.close(() => ok()))
	};
}

function parse(raw: string, to: string[]): ReceivedMail {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '';
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	const text =
		encoding === 'base64'
			? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
			: encoding === 'quoted-printable'
				? qp(body.replace(/=\r\n/g, ''))
				: body;
	return { to, messageId: header('Message-ID'), subject: words(header('Subject')), text };
}

const qp = (s: string) =>
	Buffer.from(
		s.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
		'latin1'
	).toString('utf8');

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`). */
const words = (s: string) =>
	s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
		enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' '))
	);
