/**
 * The one mapping from a domain error to what a client receives (ADR-031): an HTTP answer
 * `{ code, message, fields? }` (plus `error`, the same message, for clients written before `code`),
 * or a socket acknowledgement `{ error, code }`. The message comes from the catalogue in the
 * caller's language (`err_<code>`); an error the catalogue does not name yet says what kind of
 * refusal it is in that language, and in English keeps its own precise text.
 */
import { json } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';
import { DomainError, isDomainError, type DomainErrorKind } from '../../domain/errors/domain-error';
import { formatCitations } from '../../domain/legal/citation';
import { isDatabaseUnreachable } from '../db/driver-guards';

export type Locale = 'kk' | 'ru' | 'en';

const STATUS: Record<DomainErrorKind, number> = {
	invalid: 422,
	'not-found': 404,
	forbidden: 403,
	conflict: 409,
	unauthenticated: 401,
	'rate-limited': 429,
	unavailable: 503
};

type Message = (inputs: Record<string, string>, options: { locale: Locale }) => string;
const catalogue = m as unknown as Record<string, Message | undefined>;

const keyOf = (code: string) => `err_${code.replaceAll('-', '_')}`;

/** The error's message in `locale`, from the catalogue. */
export function errorMessage(e: DomainError, locale: Locale): string {
	const own = catalogue[keyOf(e.code)];
	const params = { ...e.params };
	if (params.citation) params.citation = formatCitations(params.citation, locale);
	if (own) return own(params, { locale });
	if (locale === 'en') return e.message;
	return catalogue[keyOf(`kind-${e.kind}`)]!({}, { locale });
}

/** The HTTP status a domain error is answered with (an HTTP-layer error may name its own). */
export function statusOf(e: DomainError): number {
	const own = (e as { status?: unknown }).status;
	return typeof own === 'number' ? own : STATUS[e.kind];
}

export function errorBody(e: DomainError, locale: Locale) {
	const message = errorMessage(e, locale);
	return { code: e.code, message, error: message, ...(e.fields ? { fields: e.fields } : {}) };
}

/** An unavailable error that says when to come back is answered with that in Retry-After (seconds). */
export function errorResponse(e: DomainError, locale: Locale, headers?: Record<string, string>): Response {
	const retryAfter = e.kind === 'unavailable' ? e.params.retryAfter : undefined;
	return json(errorBody(e, locale), {
		status: statusOf(e),
		headers: retryAfter ? { 'retry-after': retryAfter, ...headers } : headers
	});
}

/** Seconds a client waits before trying again while the database is unreachable (a restart takes a few). */
export const DATABASE_RETRY_AFTER_S = 5;

export function databaseUnavailable(): DomainError {
	return new DomainError(
		'unavailable',
		'database-unavailable',
		`The database cannot be reached right now; nothing was changed. Try again in ${DATABASE_RETRY_AFTER_S} seconds.`,
		{ retryAfter: String(DATABASE_RETRY_AFTER_S) }
	);
}

/**
 * What a thrown value is answered as: a domain error as itself, the database out of reach as
 * `database-unavailable` (503, Retry-After), anything else null — a bug, answered 500 by SvelteKit.
 */
export function answerableError(e: unknown): DomainError | null {
	if (isDomainError(e)) return e;
	return isDatabaseUnreachable(e) ? databaseUnavailable() : null;
}

/** A socket acknowledgement refusing the event. */
export function errorAck(e: DomainError, locale: Locale): { error: string; code: string } {
	return { error: errorMessage(e, locale), code: e.code };
}
