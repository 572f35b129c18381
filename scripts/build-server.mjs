/**
 * Bundles the production entry (server/) and the shared server code it imports into one ESM file.
 * npm packages stay external; the SvelteKit handler is loaded at run time from build/.
 */
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'dist/server.js',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
console.log('server bundled to dist/server.js');
