import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Origin checks for every state-changing request are done in hooks.server.ts
		// (they cover JSON as well as forms); SvelteKit's own form check stays on too.
		csrf: { trustedOrigins: [] },
		// Content-Security-Policy: SvelteKit adds a nonce (or a hash on prerendered pages) to its own
		// inline start-up script, so no inline script runs without one. Styles may be inline: Svelte's
		// transitions, Tiptap's carets and chart.js set style attributes. Sockets are same-origin.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
