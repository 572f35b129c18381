/**
 * `npm run check-config` as an operator runs it (the production entry, dist/server.js, with
 * `--check-config`): the effective configuration as JSON without any secret, nothing opened or
 * served; a bad value stops it naming the variable. No database is touched.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

const SECRETS = {
	DATABASE_URL: 'postgres://merzim:db-pass-never-shown@db.internal:5432/merzim',
	REDIS_URL: 'redis://:redis-pass-never-shown@cache:6379',
	METRICS_TOKEN: 'metrics-token-never-shown-0123',
	OIDC_ISSUER: 'https://sso.example.kz/realms/committee',
	OIDC_CLIENT_ID: 'merzim',
	OIDC_CLIENT_SECRET: 'oidc-secret-never-shown',
	OIDC_ROLE_MAP: 'ek-heads=head'
};

function checkConfig(env: Record<string, string>) {
	const r = spawnSync(process.execPath, ['dist/server.js', '--check-config'], {
		env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

describe('--check-config', () => {
	it('prints the effective configuration without a secret, and exits', () => {
		const r = checkConfig({ ...SECRETS, SHUTDOWN_GRACE_SECONDS: '7' });
		expect(r.code, r.out).toBe(0);
		for (const secret of [
			'db-pass-never-shown',
			'redis-pass-never-shown',
			SECRETS.METRICS_TOKEN,
			SECRETS.OIDC_CLIENT_SECRET
		])
			expect(r.out).not.toContain(secret);
		const shown = JSON.stringify(JSON.parse(r.stdout));
		expect(shown).toContain('db.internal:5432/merzim');
		expect(shown).toContain('"shutdownGraceSeconds":7');
		expect(shown).not.toMatch(/serving on/);
	});

	it('refuses a bad value naming the variable', () => {
		const r = checkConfig({ SHUTDOWN_GRACE_SECONDS: 'soon' });
		expect(r.code).not.toBe(0);
		expect(r.out).toMatch(/SHUTDOWN_GRACE_SECONDS/);
	});
});
