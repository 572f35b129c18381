/**
 * A TCP proxy the test owns between the app and its database: `cut()` ends every connection through
 * it and refuses new ones (as a PostgreSQL that shuts down and is not back yet), `restore()` accepts
 * again on the same port. Targets a TCP address or a Unix socket (the embedded database's).
 */
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyTarget = { host: string; port: number } | { path: string };

export interface CuttableProxy {
	port: number;
	cut(): Promise<void>;
	restore(): Promise<void>;
	close(): Promise<void>;
}

export async function startCuttableProxy(target: ProxyTarget): Promise<CuttableProxy> {
	const open = new Set<Socket>();
	const server = createServer((client) => {
		const upstream = createConnection(target);
		open.add(client).add(upstream);
		const end = () => {
			client.destroy();
			upstream.destroy();
			open.delete(client);
			open.delete(upstream);
		};
		client.on('error', end).on('close', end);
		upstream.on('error', end).on('close', end);
		client.pipe(upstream).pipe(client);
	});
	const listen = (port: number) =>
		new Promise<void>((ok, fail) => {
			server.once('error', fail);
			server.listen(port, '127.0.0.1', () => (server.off('error', fail), ok()));
		});
	await listen(0);
	const port = (server.address() as AddressInfo).port;
	const stop = async () => {
		const closed = new Promise<void>((ok) => server.close(() => ok()));
		for (const s of open) s.destroy();
		open.clear();
		await closed;
	};
	return {
		port,
		cut: stop,
		restore: () => listen(port),
		close: async () => {
			if (server.listening) await stop();
		}
	};
}
