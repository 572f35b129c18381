import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { describeConfig, withoutPassword } from './config-report';

describe('--check-config', () => {
	it('shows the effective values and hides every secret', () => {
		const config = loadConfig({
			DATABASE_URL: 'postgres://merzim:hunter2-very-secret@db.internal:5432/merzim',
			REDIS_URL: 'redis://:redis-pass-123@cache:6379',
			METRICS_TOKEN: 'metrics-token-abcdef-123456',
			SHUTDOWN_GRACE_SECONDS: '7',
			LOG_LEVEL: 'debug',
			OIDC_ISSUER: 'https://sso.example.kz/realms/committee',
			OIDC_CLIENT_ID: 'merzim',
			OIDC_CLIENT_SECRET: 'oidc-client-secret-xyz',
			OIDC_ROLE_MAP: 'ek-heads=head'
		});
		const text = JSON.stringify(describeConfig(config));
		for (const secret of [
			'hunter2-very-secret',
			'redis-pass-123',
			'metrics-token-abcdef-123456',
			'oidc-client-secret-xyz'
		])
			expect(text).not.toContain(secret);
		expect(text).toContain('db.internal:5432/merzim');
		expect(text).toContain('"shutdownGraceSeconds":7');
		expect(text).toContain('"logLevel":"debug"');
		expect(text).toContain('"roleMap":{"ek-heads":"head"}');
	});

	it('hides password-like query parameters too', () => {
		expect(withoutPassword('postgres://h/db?sslpassword=abc&sslmode=require')).not.toContain('abc');
		expect(withoutPassword('postgres://h/db?sslmode=require')).toContain('sslmode=require');
	});

	it('refuses a bad value naming the variable', () => {
		expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: 'soon' })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
		expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
	});
});
