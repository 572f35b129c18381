/**
 * A real SMTP server for the notification tests (the smtp-server package), on 127.0.0.1 port 0:
 * it keeps every message it receives, decoded enough to read the recipient, subject and text.
 * `acceptDelayMs` makes it slow: the n-th message (0-based) is kept as soon as its data is in, and
 * answered only that much later — a sender killed meanwhile never learns it arrived, and sends it
 * again. Like a receiving MTA, it drops such a copy by its Message-ID (`delivered`, ADR-086).
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	to: string[];
	messageId: string;
	subject: string;
	text: string;
}

export interface SmtpPeer {
	url: string;
	/** Every transmission whose data arrived, in order: a resent copy appears twice. */
	mails: ReceivedMail[];
	/** What a deduplicating receiver delivers: the first of each Message-ID. */
	delivered(): ReceivedMail[];
	close: () => Promise<void>;
}

export async function startSmtpPeer(opts: { acceptDelayMs?: (n: number) => number } = {}): Promise<SmtpPeer> {
	const mails: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const n = mails.length;
				mails.push(
					parse(
						Buffer.concat(chunks).toString('utf8'),
						session.envelope.rcptTo.map((r) => r.address)
					)
				);
				const delay = opts.acceptDelayMs?.(n) ?? 0;
				if (delay > 0) setTimeout(() => done(), delay).unref();
				else done();
			});
		}
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		mails,
		delivered: () => mails.filter((m, i) => mails.findIndex((x) => x.messageId === m.messageId) === i),
		// A connection held open by a slow answer is not waited for.
		close: () =>
			new Promise<void>((ok) => {
				server.close(() => ok());
				setTimeout(ok, 1_000).unref();
			})
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
