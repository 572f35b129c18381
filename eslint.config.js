import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', 'dist/', '.svelte-kit/', 'data/', 'node_modules/', 'drizzle/meta/', 'src/lib/paraglide/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// The app is served at the root (no `paths.base`), so plain hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		// Type-aware rules. server/, scripts/ and bench/ have their own tsconfig.json (tsconfig.server.json).
		files: ['**/*.ts'],
		// drizzle.config.ts belongs to no tsconfig (drizzle-kit loads it on its own): the default project types it.
		languageOptions: {
			parserOptions: {
				projectService: { allowDefaultProject: ['drizzle.config.ts'] },
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			// A promise nobody awaits fails silently: await it, handle its failure, or mark it `void` on purpose.
			'@typescript-eslint/no-floating-promises': 'error'
		}
	},
	{
		// `npm run lint` lints the .svelte files in a process of their own (ADR-119): each component
		// parsed with type information changes the TypeScript program, and the .ts files linted after
		// it were type-checked again from nothing — 14 CPU minutes for the tree instead of under 3.
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		// Code that runs in the browser imports no server module, not even for its types: a shape the
		// page shares with the server is declared in src/lib/types or src/lib/domain.
		files: ['src/lib/components/**/*.{svelte,ts}', 'src/routes/**/*.svelte', 'src/**/*.svelte.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/*', '**/lib/server/*'],
							message: 'A client module imports no server module; move the shared type to src/lib/types.'
						}
					]
				}
			]
		}
	},
	{
		// Domain code is pure: no clock, no I/O, no framework (ADR-020).
		files: ['src/lib/domain/**/*.ts'],
		ignores: ['**/*.spec.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
					message: 'Domain code takes `now` as an argument.'
				},
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'Domain code takes `now` as an argument.'
				}
			],
			'no-restricted-imports': [
				'error',
				{ patterns: ['node:*', '@sveltejs/*', '$app/*', '$env/*', 'drizzle-orm*', 'socket.io*'] }
			]
		}
	}
);
