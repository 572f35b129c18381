/**
 * Every route of the app, found from the file tree (so a new route is walked without anyone adding
 * it here): each `+page.server.ts` as its page and its `__data.json`, each `+server.ts` under
 * src/routes/api as a GET. Parameters are filled by name.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROUTES = join(process.cwd(), 'src', 'routes');

function filesNamed(dir: string, name: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return filesNamed(path, name);
		return entry === name ? [path] : [];
	});
}

/** `/cases/[id]/draft` from src/routes/cases/[id]/draft/+page.server.ts, route groups dropped. */
function routeOf(file: string): string {
	const parts = relative(ROUTES, file).split(sep).slice(0, -1);
	return '/' + parts.filter((p) => !/^\(.*\)$/.test(p)).join('/');
}

export function fillParams(route: string, values: Record<string, string>): string {
	return route.replace(/\[(?:\.\.\.)?([a-zA-Z]+)(?:=[a-zA-Z]+)?\]/g, (_m, name: string) => values[name] ?? 'x');
}

export interface WalkedUrl {
	route: string;
	url: string;
	kind: 'page' | 'page-data' | 'api';
}

export function walkRoutes(values: Record<string, string>): WalkedUrl[] {
	const pages = filesNamed(ROUTES, '+page.server.ts').map(routeOf);
	const apis = filesNamed(join(ROUTES, 'api'), '+server.ts').map(routeOf);
	return [
		...pages.flatMap((route) => {
			const url = fillParams(route, values);
			return [
				{ route, url, kind: 'page' as const },
				{ route, url: `${url === '/' ? '' : url}/__data.json`, kind: 'page-data' as const }
			];
		}),
		...apis.map((route) => ({ route, url: fillParams(route, values), kind: 'api' as const }))
	];
}
