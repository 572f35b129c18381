/**
 * `vite dev`: socket.io on Vite's own HTTP server, with the same handshake and services as in
 * production (the context is shared with SvelteKit's hooks through the global published by
 * `getAppContext`, so PGlite is opened once).
 */
import type { Plugin } from 'vite';

export function merzimDevSockets(): Plugin {
	return {
		name: 'merzim-dev-sockets',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { loadConfig } = await import('../src/lib/server/config');
			const { createAppContext, getAppContext } = await import('../src/lib/server/context');
			const { createRealtime } = await import('./realtime');
			const ctx = await getAppContext(() => createAppContext(loadConfig(process.env)));
			await createRealtime(server.httpServer as import('node:http').Server, ctx);
		}
	};
}
