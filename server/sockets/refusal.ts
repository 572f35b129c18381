/**
 * How a socket event is refused: the one mapping of domain errors (ADR-031, error-answer.ts) into
 * an ack `{ error, code }`, the message in the language the socket's handshake asked for (the same
 * strategy as pages: the locale cookie, then Accept-Language, then the base locale).
 */
import type { IncomingMessage } from 'node:http';
import type { DomainError } from '../../src/lib/domain/errors/domain-error';
import { errorAck, type Locale } from '../../src/lib/server/http/error-answer';
import { extractLocaleFromRequest } from '../../src/lib/paraglide/runtime';
import type { AppSocket } from '../socket-types';

export function localeOfHandshake(request: IncomingMessage): Locale {
	const headers = new Headers();
	for (const name of ['cookie', 'accept-language'] as const) {
		const value = request.headers[name];
		if (typeof value === 'string') headers.set(name, value);
	}
	return extractLocaleFromRequest(new Request('http://socket.invalid/', { headers })) as Locale;
}

export function refusal(socket: AppSocket, e: DomainError): { error: string; code: string } {
	return errorAck(e, socket.data.locale);
}
