/**
 * Bundles the production entry (server/) and the shared server code it imports into one ESM file.
 * npm packages stay external; the SvelteKit handler is loaded at run time from build/.
 * The embedded database's worker thread is copied beside it.
 */
import { copyFileSync } from 'node:fs';
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
// The embedded database's thread is its own module (a worker loads a file): plain JavaScript, copied.
copyFileSync('src/lib/server/db/embedded-postgres.worker.mjs', 'dist/embedded-postgres.worker.mjs');
console.log('server bundled to dist/server.js (with dist/embedded-postgres.worker.mjs)');
