/**
 * No database: the logger of src/lib/server/observability/logger.ts as a process gets it (a child
 * process each, as the level and the terminal are read once at start): `LOG_LEVEL` sets what is
 * written, the lines are JSON unless stdout is a terminal (`script` gives the child one) and pretty
 * output is not turned off, and the fields that would carry a secret are redacted.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LOGGER = resolve('src/lib/server/observability/logger.ts');
const dir = mkdtempSync(join(tmpdir(), 'merzim-logger-'));
const SCRIPT = join(dir, 'write.mts');
writeFileSync(
	SCRIPT,
	`import { log, flushLogs } from ${JSON.stringify(LOGGER)};
const l = log('spec');
l.debug('a debug line');
l.info({ password: 'pw-in-clear', token: 'tok-in-clear', headers: { authorization: 'Bearer in-clear', cookie: 's=in-clear' } }, 'an info line');
l.warn('a warn line');
await flushLogs();
`
);
const TSX = resolve('node_modules/.bin/tsx');

const outputs = new Map<string, string>();
/** The child's stdout (each set-up run once). */
function run(env: Record<string, string>, tty = false): string {
	const key = JSON.stringify([env, tty]);
	const done = outputs.get(key);
	if (done !== undefined) return done;
	const vars = { ...process.env, LOG_PRETTY: '', FORCE_COLOR: '0', ...env };
	const out = tty
		? spawnSync('script', ['-qec', `${TSX} ${SCRIPT}`, '/dev/null'], { env: vars, encoding: 'utf8', timeout: 60_000 })
		: spawnSync(TSX, [SCRIPT], { env: vars, encoding: 'utf8', timeout: 60_000 });
	expect(out.status, out.stderr).toBe(0);
	outputs.set(key, out.stdout);
	return out.stdout;
}

const json = (out: string) =>
	out
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as { level: number; msg: string; component: string });

describe('the logger', () => {
	it('writes JSON lines at LOG_LEVEL and above (info by default)', () => {
		expect(json(run({ LOG_LEVEL: 'warn' })).map((l) => l.msg)).toEqual(['a warn line']);
		expect(json(run({ LOG_LEVEL: 'debug' })).map((l) => l.msg)).toEqual([
			'a debug line',
			'an info line',
			'a warn line'
		]);
		const lines = json(run({ LOG_LEVEL: '' }));
		expect(lines.map((l) => l.msg)).toEqual(['an info line', 'a warn line']);
		expect(lines[0]).toMatchObject({ component: 'spec', level: 30 });
	}, 60_000);

	it('redacts passwords, tokens, cookies and authorization headers', () => {
		const out = run({ LOG_LEVEL: '' });
		expect(out).not.toContain('in-clear');
		expect(json(out)[0]).toMatchObject({
			password: '[redacted]',
			token: '[redacted]',
			headers: { authorization: '[redacted]', cookie: '[redacted]' }
		});
	}, 60_000);

	it('is pretty only on a terminal, and not there when LOG_PRETTY=0', () => {
		const pretty = run({ LOG_LEVEL: '' }, true);
		expect(pretty).toMatch(/INFO.*an info line/);
		expect(pretty).not.toMatch(/^\{/m);
		const plain = run({ LOG_LEVEL: '', LOG_PRETTY: '0' }, true);
		expect(json(plain.replace(/\r/g, '')).map((l) => l.msg)).toEqual(['an info line', 'a warn line']);
	}, 60_000);
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
