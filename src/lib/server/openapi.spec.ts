import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openApiDocument } from './openapi';

const API_ROOT = 'src/routes/api/v1';

interface Operation {
	responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string; oneOf?: { $ref?: string }[] } }> }>;
}

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

	it('answers every error with the one Error schema, whose fields are coded problems (ADR-107)', () => {
		const own: string[] = [];
		for (const [path, methods] of Object.entries(openApiDocument.paths as Record<string, Record<string, Operation>>))
			for (const [method, op] of Object.entries(methods))
				for (const [status, answer] of Object.entries(op.responses ?? {})) {
					const schema = answer.content?.['application/json']?.schema;
					const shared = [schema, ...(schema?.oneOf ?? [])].some((s) => s?.$ref === '#/components/schemas/Error');
					if (Number(status) >= 400 && schema && !shared) own.push(`${method.toUpperCase()} ${path} ${status}`);
				}
		expect(own).toEqual([]);
		const fields = (openApiDocument.components.schemas.Error.properties as Record<string, unknown>).fields;
		expect(fields).toMatchObject({ additionalProperties: { required: ['code', 'message'] } });
	});

	it('documents no endpoint that does not exist', () => {
		const real = new Set(endpoints(API_ROOT).map((e) => e.path));
		expect(Object.keys(openApiDocument.paths).filter((p) => !real.has(p))).toEqual([]);
	});
});
