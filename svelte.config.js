import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Origin checks for every state-changing request are done in hooks.server.ts
		// (they cover JSON as well as forms); SvelteKit's own form check stays on too.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
