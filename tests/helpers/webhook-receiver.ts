/**
 * A real HTTP webhook receiver on 127.0.0.1 port 0 for the delivery tests: it records every request
 * (delivery id, body, signature, what it answered) and answers as the test tells it — 200, another
 * status, never (hang), or by closing the connection. It also counts requests of one delivery open
 * at the same time (two senders of one delivery would show here).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/lib/server/webhooks/signature';

export type Answer = number | 'hang' | 'close';

export interface Received {
	id: string;
	body: string;
	signature: string;
	at: number;
	answer: Answer;
	/** The signature checked against the test's secret, when one is set. */
	signed: boolean | null;
	/** The W3C trace context sent with it, when tracing is on. */
	traceparent?: string;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** Requests of one delivery that overlapped in time (should stay 0). */
	overlaps: number;
	answer: (r: { id: string; body: string; nth: number }) => Answer | Promise<Answer>;
	secret: string | null;
	/** Deliveries answered 2xx, by id, in the order they were accepted. */
	accepted(): Received[];
	waitFor(pred: () => boolean, ms?: number): Promise<void>;
	close(): Promise<void>;
}

export async function startReceiver(answer: Receiver['answer'] = () => 200): Promise<Receiver> {
	const open = new Map<string, number>();
	const hanging = new Set<ServerResponse>();
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void (async () => {
				const body = Buffer.concat(chunks).toString('utf8');
				const id = String(req.headers['merzim-delivery'] ?? '');
				const signature = String(req.headers['merzim-signature'] ?? '');
				const nth = receiver.received.filter((r) => r.id === id).length + 1;
				open.set(id, (open.get(id) ?? 0) + 1);
				if (open.get(id)! > 1) receiver.overlaps++;
				const a = await receiver.answer({ id, body, nth });
				receiver.received.push({
					id,
					body,
					signature,
					at: Date.now(),
					answer: a,
					traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined,
					signed: receiver.secret
						? verifySignature(receiver.secret, body, signature, Math.floor(Date.now() / 1000))
						: null
				});
				const done = () => open.set(id, open.get(id)! - 1);
				if (a === 'hang') {
					hanging.add(res);
					res.on('close', () => {
						hanging.delete(res);
						done();
					});
					return;
				}
				if (a === 'close') {
					done();
					req.socket.destroy();
					return;
				}
				res.statusCode = a;
				res.end('ok');
				done();
			})();
		});
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
	const { port } = server.address() as AddressInfo;
	const receiver: Receiver = {
		url: `http://127.0.0.1:${port}/hooks`,
		received: [],
		overlaps: 0,
		answer,
		secret: null,
		accepted: () => receiver.received.filter((r) => typeof r.answer === 'number' && r.answer < 300),
		waitFor: (pred, ms = 20_000) =>
			new Promise((resolve, reject) => {
				const started = Date.now();
				const check = () => {
					if (pred()) return resolve();
					if (Date.now() - started > ms) return reject(new Error(`receiver: condition not met within ${ms} ms`));
					setTimeout(check, 20);
				};
				check();
			}),
		close: async () => {
			for (const res of hanging) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((ok) => server.close(() => ok()));
		}
	};
	return receiver;
}
