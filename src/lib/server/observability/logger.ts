/**
 * The process's structured logger (pino): one JSON object per line on stdout, pretty-printed only
 * when stdout is a terminal (and pino-pretty is installed). `LOG_LEVEL` sets the level.
 * Nothing secret is meant to reach it; as a second line of defence the fields that would carry a
 * secret if someone logged a request or an error object are redacted
 * (tests/integration/logger-config.test.ts; the whole run's log: tests/integration/lifecycle.test.ts).
 */
import pino, { type Logger } from 'pino';
import { traceIds } from './tracing';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Paths pino blanks out whatever object is logged. */
const REDACT = [
	'password',
	'*.password',
	'token',
	'*.token',
	'secret',
	'*.secret',
	'cookie',
	'*.cookie',
	'authorization',
	'*.authorization',
	'headers.cookie',
	'headers.authorization',
	'req.headers.cookie',
	'req.headers.authorization',
	'res.headers["set-cookie"]'
];

const KEY = Symbol.for('merzim.logger');
type Holder = { [KEY]?: Logger };

function readLevel(): LogLevel {
	const level = process.env.LOG_LEVEL?.toLowerCase();
	return (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as LogLevel) : 'info';
}

function build(): Logger {
	const options = {
		level: readLevel(),
		base: { pid: process.pid },
		redact: { paths: REDACT, censor: '[redacted]' },
		timestamp: pino.stdTimeFunctions.isoTime,
		// Lines written inside a trace name it, so a log search finds the trace and back (ADR-068).
		mixin: () => traceIds() ?? {}
	};
	if (process.stdout.isTTY && process.env.LOG_PRETTY !== '0') {
		try {
			return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
		} catch {
			// pino-pretty absent (production install without dev tools): JSON it is.
		}
	}
	return pino(options);
}

/** The one logger of this process (shared by the server bundle and the SvelteKit build). */
export function getLogger(): Logger {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= build());
}

/** A child logger naming the part of the server that writes, e.g. `log('scheduler')`. */
export function log(component: string): Logger {
	return getLogger().child({ component });
}

/** Writes what is buffered (the pretty transport runs on a thread) before the process exits. */
export function flushLogs(): Promise<void> {
	return new Promise((ok) => getLogger().flush(() => ok()));
}
