/**
 * The production server routes `console.*` through the structured logger, so the few places that
 * write to the console (libraries, older modules) still produce one JSON line each, at a level.
 */
import { format } from 'node:util';
import type { Logger } from 'pino';

export function routeConsoleToLogger(logger: Logger): void {
	const child = logger.child({ component: 'console' });
	console.log = (...args: unknown[]) => child.info(format(...args));
	console.info = console.log;
	console.warn = (...args: unknown[]) => child.warn(format(...args));
	console.error = (...args: unknown[]) => child.error(format(...args));
	console.debug = (...args: unknown[]) => child.debug(format(...args));
}
