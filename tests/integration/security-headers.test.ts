/**
 * The production server (node dist/server.js) behind a TLS-terminating proxy that names the
 * protocol in `X-Forwarded-Proto` (`PROTOCOL_HEADER`, as the README's operations section says):
 * HSTS only on what came over TLS, the Content-Security-Policy with `frame-ancestors 'none'` and no
 * inline script allowed, and the other headers on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, recreateDatabase, usingPostgres } from '../helpers/test-db';
import { opsEnv, startOpsServer, type OpsServer } from '../helpers/ops-server';

const dataDir = mkdtempSync(join(tmpdir(), 'merzim-headers-'));
const dbName = `merzim_ops_headers_${process.pid}`;
let server: OpsServer;

beforeAll(async () => {
	const databaseUrl = usingPostgres ? await recreateDatabase(process.env.DATABASE_URL!, dbName) : undefined;
	server = await startOpsServer({ ...opsEnv({ dataDir, databaseUrl }), PROTOCOL_HEADER: 'x-forwarded-proto' });
}, 120_000);

afterAll(async () => {
	server?.signal('SIGKILL');
	await server?.exited;
	if (usingPostgres) await dropDatabase(process.env.DATABASE_URL!, dbName);
	rmSync(dataDir, { recursive: true, force: true });
});

const page = (proto: 'http' | 'https') => fetch(`${server.url}/login`, { headers: { 'x-forwarded-proto': proto } });

describe('security headers', () => {
	it('sends HSTS for a page that came over TLS, and not over plain HTTP', async () => {
		const tls = await page('https');
		expect(tls.status).toBe(200);
		expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
		const plain = await page('http');
		expect(plain.status).toBe(200);
		expect(plain.headers.get('strict-transport-security')).toBeNull();
	});

	it('sends a CSP that forbids framing and inline scripts, with the rest of the headers', async () => {
		const res = await page('https');
		const csp = res.headers.get('content-security-policy') ?? '';
		const directives = new Map(
			csp
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.map(([name, ...values]) => [name!, values])
		);
		expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
		const scripts = directives.get('script-src') ?? directives.get('default-src')!;
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts.some((v) => /^'(nonce|sha256)-/.test(v))).toBe(true);
		// The page's own inline scripts carry the nonce the header names.
		const html = await res.text();
		const nonce = scripts.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
		const inline = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !/\bsrc=/.test(tag));
		expect(inline.length).toBeGreaterThan(0);
		for (const tag of inline) expect(tag).toContain(nonce ? `nonce="${nonce}"` : '<script');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
	});
});
