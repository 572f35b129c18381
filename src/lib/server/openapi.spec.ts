import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openApiDocument } from './openapi';

const API_ROOT = 'src/routes/api/v1';

function endpoints(dir: string): { path: string; methods: string[] }[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = join(dir, entry);
		if (statSync(full).isDirectory()) return endpoints(full);
		if (entry !== '+server.ts') return [];
		const route = '/' + relative(API_ROOT, dir).replace(/\[(\w+)(=\w+)?\]/g, '{$1}');
		const methods = [...readFileSync(full, 'utf8').matchAll(/export const (GET|POST|PUT|DELETE|PATCH)\b/g)].map((m) =>
			m[1]!.toLowerCase()
		);
		return [{ path: route, methods }];
	});
}

describe('OpenAPI document', () => {
	it('describes every endpoint and method under /api/v1', () => {
		const paths = openApiDocument.paths as Record<string, Record<string, unknown>>;
		for (const e of endpoints(API_ROOT)) {
			expect(paths, `${e.path} is not in openapi.ts`).toHaveProperty([e.path]);
			for (const m of e.methods)
				expect(paths[e.path], `${m.toUpperCase()} ${e.path} is not in openapi.ts`).toHaveProperty([m]);
		}
	});

	it('documents no endpoint that does not exist', () => {
		const real = new Set(endpoints(API_ROOT).map((e) => e.path));
		expect(Object.keys(openApiDocument.paths).filter((p) => !real.has(p))).toEqual([]);
	});
});
