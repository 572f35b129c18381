import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { merzimDevSockets } from './server/dev-plugin';
import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';

// An integration file spends most of its time waiting on processes it started (the built server,
// PostgreSQL, Redis, pg_dump), not on the CPU, so it runs three at a time even on two cores
// (ADR-119). The unit specs are CPU-bound: vitest's default (cores - 1) already fills the machine.
const integrationWorkers = Math.max(3, availableParallelism() - 1);

export default defineConfig({
	plugins: [
		sveltekit(),
		merzimDevSockets(),
		// kk / ru / en. The locale comes from the user's choice (cookie), else the browser's
		// Accept-Language, else English.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		})
	],
	server: { port: 3000 },
	test: {
		// A test that asserts nothing fails: it could not have caught anything.
		expect: { requireAssertions: true },
		// In-process servers log only warnings and errors, so pino's request lines stay out of the
		// test output; a run that wants more sets LOG_LEVEL itself.
		env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					// The migrations run once per run, and each test database starts from their result.
					globalSetup: ['tests/helpers/migrated-template.ts'],
					environment: 'node',
					// The built app is loaded by Node itself, as in production, not re-compiled by Vite.
					server: { deps: { external: [/\/build\//] } },
					maxWorkers: integrationWorkers,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					// The demo is seeded once per run; each file's server starts on a copy of it.
					globalSetup: ['tests/helpers/e2e-template.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
