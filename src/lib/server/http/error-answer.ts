/**
 * The one mapping from a domain error to what a client receives (ADR-031): an HTTP answer
 * `{ code, message, fields? }` (each field `{ code, message }`, ADR-107) (plus `error`, the same
 * message, for clients written before `code`), or a socket acknowledgement `{ error, code }`. The
 * message comes from the catalogue in the caller's language (`err_<code>`); an error the catalogue
 * does not name yet says what kind of refusal it is in that language, and in English keeps its own
 * precise text.
 */
import { json } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';
import { DomainError, isDomainError, type DomainErrorKind } from '../../domain/errors/domain-error';
import { formatCitations, parseCitations, type Citation } from '../../domain/legal/citation';
import type { FieldProblem } from '../../domain/errors/field-problem';
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
	const params = localParams(e.params, locale);
	if (own) return own(params, { locale });
	if (locale === 'en') return e.message;
	return catalogue[keyOf(`kind-${e.kind}`)]!({}, { locale });
}

/** The HTTP status a domain error is answered with (an HTTP-layer error may name its own). */
export function statusOf(e: DomainError): number {
	const own = (e as { status?: unknown }).status;
	return typeof own === 'number' ? own : STATUS[e.kind];
}

/** Catalogue inputs in `locale`: a canonical citation rendered as that language writes it (ADR-032). */
function localParams(params: Readonly<Record<string, string>> | undefined, locale: Locale): Record<string, string> {
	const out = { ...params };
	if (out.citation) out.citation = formatCitations(out.citation, locale);
	return out;
}

const fieldKey = (code: string) => `cite_field_${code.replaceAll('-', '_')}`;

/**
 * A field problem's message in `locale`, from the catalogue (`cite_field_<code>`, or its variant
 * `cite_field_<code>_<variant>`; `_cited` when it names a citation). A problem that is the error
 * itself, told of the field at fault (`wrong-current-password`), reads the error's own `err_<code>`
 * (ADR-120). A code the catalogue does not name, or the generic `invalid`, says "invalid value" in
 * that language, and in English keeps its own text (ADR-107).
 */
export function fieldMessage(p: FieldProblem, locale: Locale): string {
	// An uncoded problem (`invalid`) is answered in English with its own, more precise text.
	if (p.code === 'invalid' && locale === 'en' && p.message) return p.message;
	const key = fieldKey(p.code);
	const variant = p.variant ? catalogue[`${key}_${p.variant.replaceAll('-', '_')}`] : undefined;
	const own =
		variant ??
		(p.params?.citation ? catalogue[`${key}_cited`] : undefined) ??
		catalogue[key] ??
		catalogue[keyOf(p.code)];
	if (own) return own(localParams(p.params, locale), { locale });
	if (locale === 'en') return p.message;
	return catalogue[fieldKey('invalid')]!({}, { locale });
}

/** The act's points a refusal rests on, as structure beside its message (ADR-106), when it names any. */
function citationsOf(params: Readonly<Record<string, string>> | undefined): { citations?: Citation[] } {
	const citations = parseCitations(params?.citation);
	return citations ? { citations } : {};
}

export interface FieldAnswer {
	code: string;
	message: string;
	citations?: Citation[];
}

/** Each field's problem as `{ code, message, citations? }`, the message in `locale`. */
export function fieldAnswers(
	fields: Readonly<Record<string, FieldProblem>>,
	locale: Locale
): Record<string, FieldAnswer> {
	return Object.fromEntries(
		Object.entries(fields).map(([name, p]) => [
			name,
			{ code: p.code, message: fieldMessage(p, locale), ...citationsOf(p.params) }
		])
	);
}

export function errorBody(e: DomainError, locale: Locale) {
	const message = errorMessage(e, locale);
	return {
		code: e.code,
		message,
		error: message,
		...citationsOf(e.params),
		...(e.fields ? { fields: fieldAnswers(e.fields, locale) } : {})
	};
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
