import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { createAppContext, getAppContext } from '$lib/server/context';
import { loadConfig } from '$lib/server/config';
import { deleteSessionCookie, sessionCookieName, setSessionCookie } from '$lib/server/auth/cookie';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { DomainError } from '$lib/domain/errors/domain-error';
import { ApiError } from '$lib/server/http/api-error';
import { databaseUnavailable, errorMessage, errorResponse } from '$lib/server/http/error-answer';
import { isDatabaseUnreachable } from '$lib/server/db/driver-guards';
import { rateKey, rateLimited } from '$lib/server/http/rate-limit';
import { loggableError } from '$lib/server/loggable-error';
import { hasControlChar } from '$lib/server/http/text-safety';
import { currentRequest } from '$lib/server/observability/request-context';
import { log } from '$lib/server/observability/logger';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The database out of reach (PostgreSQL restarting, the network to it cut) is no bug: the request
 * is answered 503 with Retry-After in the one error model (ADR-031), whether it failed in a hook
 * below (a session read) or in a route, load or action (flagged by handleError). Every write is
 * one transaction, so nothing was half-written; the client tries again.
 */
const handleDatabaseDown: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		if (!isDatabaseUnreachable(e)) throw e;
		noteDatabaseDown(event.url.pathname);
		return databaseDownAnswer(event.request, event.url.pathname);
	}
	if (!event.locals.databaseDown || response.status < 500) return response;
	if (event.url.pathname.startsWith('/api/')) return databaseDownAnswer(event.request, event.url.pathname);
	// A page or its data: SvelteKit's own error answer (it carries handleError's message), as 503.
	const headers = new Headers(response.headers);
	headers.set('retry-after', databaseUnavailable().params.retryAfter!);
	return new Response(response.body, { status: 503, headers });
};

function databaseDownAnswer(request: Request, path: string): Response {
	const locale = extractLocaleFromRequest(request);
	const e = databaseUnavailable();
	const wantsJson =
		path.startsWith('/api/') ||
		path.endsWith('/__data.json') ||
		!/text\/html/.test(request.headers.get('accept') ?? '');
	if (wantsJson) return errorResponse(e, locale);
	const message = errorMessage(e, locale);
	return new Response(
		`<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${message}</title><p>${message}</p></html>`,
		{
			status: 503,
			headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': e.params.retryAfter! }
		}
	);
}

/** One log line per outage (a second apart at most), not one per request. */
let lastDownLog = 0;
function noteDatabaseDown(path: string) {
	const now = Date.now();
	if (now - lastDownLog < 1000) return;
	lastDownLog = now;
	log('http').warn({ path }, 'database unreachable: answering 503 with Retry-After');
}

/** The services of this process (built by server/index.ts; lazily under `vite dev`). */
const handleContext: Handle = async ({ event, resolve }) => {
	event.locals.ctx = await getAppContext(() => createAppContext(loadConfig(env)));
	event.locals.user = null;
	event.locals.session = null;
	return resolve(event);
};

/**
 * CSRF: a state-changing request that carries the session cookie must come from our own origin.
 * SvelteKit checks this for form posts only; this covers JSON and every other content type. The
 * credential is decided first: only a request authenticated by a valid bearer token and carrying
 * no session cookie is exempt (a token is no ambient credential). A request with no credential at
 * all is checked on pages and on sign-in (login CSRF), and left to the API routes elsewhere, which
 * answer it with 401.
 */
const handleOrigin: Handle = async ({ event, resolve }) => {
	if (SAFE_METHODS.has(event.request.method)) return resolve(event);
	const hasCookie = event.cookies.get(sessionCookieName(event.url.protocol === 'https:')) !== undefined;
	if (!hasCookie && (await event.locals.ctx.tokens.authenticate(event.request.headers.get('authorization'))))
		return resolve(event);
	const path = event.url.pathname;
	const signsIn = !path.startsWith('/api/') || path === '/api/v1/session';
	if ((hasCookie || signsIn) && event.request.headers.get('origin') !== event.url.origin) {
		const e = new DomainError(
			'forbidden',
			'cross-site-refused',
			'Cross-site request refused: the Origin header does not match.'
		);
		return errorResponse(e, extractLocaleFromRequest(event.request));
	}
	return resolve(event);
};

/**
 * Form posts carry no control characters (NUL and the other C0 controls but tab and line breaks):
 * PostgreSQL refuses NUL in text and nobody types the others. JSON bodies are checked in readJson.
 */
const ATTACHMENT_UPLOAD = /^\/api\/v1\/cases\/[^/]+\/attachments\/?$/;

const handleFormText: Handle = async ({ event, resolve }) => {
	const type = event.request.headers.get('content-type') ?? '';
	if (
		SAFE_METHODS.has(event.request.method) ||
		!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type) ||
		// An attachment upload is streamed to disk by its own parser (ADR-090): parsing a clone here
		// would hold the whole file in memory. Its one text field is checked there (a UUID).
		ATTACHMENT_UPLOAD.test(event.url.pathname)
	)
		return resolve(event);
	let form: FormData;
	try {
		form = await event.request.clone().formData();
	} catch {
		return resolve(event); // malformed: the route answers it
	}
	for (const [name, value] of form) {
		if (hasControlChar(name) || (typeof value === 'string' && hasControlChar(value)))
			return errorResponse(
				ApiError.coded(
					400,
					'control-character',
					'A field contains a control character (only tab and line breaks are allowed).'
				),
				extractLocaleFromRequest(event.request)
			);
	}
	return resolve(event);
};

/** Reads the session cookie; a valid session slides its cookie's expiry, an invalid one is cleared. */
const handleAuth: Handle = async ({ event, resolve }) => {
	const secure = event.url.protocol === 'https:';
	const token = event.cookies.get(sessionCookieName(secure));
	if (token) {
		const result = await event.locals.ctx.sessions.validate(token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			setSessionCookie(event.cookies, token, result.session.expiresAt, secure);
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

/** The request's log line names its route (not the path with ids) and who made it (server/http-observe.ts). */
const handleRequestLog: Handle = async ({ event, resolve }) => {
	const request = currentRequest();
	if (request) {
		request.route = event.route.id ?? 'unmatched';
		request.userId = event.locals.user?.id;
	}
	return resolve(event);
};

/** The expensive pages and API lists, per session or token: 429 with Retry-After past the rate. */
const handleRateLimit: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	const key = rateKey(event.locals.session?.id ?? null, event.request.headers.get('authorization'), () =>
		event.getClientAddress()
	);
	const wantsJson =
		pathname.startsWith('/api/') ||
		pathname.endsWith('/__data.json') ||
		(event.request.headers.get('accept') ?? '').includes('application/json');
	return (await rateLimited(event.request.method, pathname, key, wantsJson)) ?? resolve(event);
};

/** A session still owing its second factor may only finish it or sign out. */
const handleSecondFactor: Handle = async ({ event, resolve }) => {
	const session = event.locals.session;
	if (session && !session.twoFactorVerified) {
		const path = event.url.pathname;
		const allowed = path.startsWith('/login/two-factor') || path === '/logout';
		if (!allowed) {
			if (path.startsWith('/api/')) {
				const e = new DomainError(
					'unauthenticated',
					'second-factor-owed',
					'Finish signing in with your second factor.'
				);
				return errorResponse(e, extractLocaleFromRequest(event.request));
			}
			const target = event.locals.user?.hasTotp ? '/login/two-factor' : '/login/two-factor/setup';
			return new Response(null, { status: 303, headers: { location: target } });
		}
	}
	return resolve(event);
};

/**
 * After an admin's password reset the user picks their own before anything else: the account page
 * (its password form and sign-out), the password API and sign-out answer; every other page redirects
 * to the form and every other API call is a 403 with a stable code.
 */
const handleMustChangePassword: Handle = async ({ event, resolve }) => {
	if (!event.locals.user?.mustChangePassword) return resolve(event);
	const path = event.url.pathname;
	const method = event.request.method;
	const action = [...event.url.searchParams.keys()].find((k) => k.startsWith('/'));
	const allowed =
		path === '/logout' ||
		(path === '/api/v1/me/password' && method === 'PUT') ||
		(path === '/account' && (method === 'GET' || action === '/changePassword' || action === '/signOutEverywhere'));
	if (allowed) return resolve(event);
	if (path.startsWith('/api/') || !SAFE_METHODS.has(method))
		return errorResponse(
			new DomainError(
				'forbidden',
				'password_change_required',
				'Change the temporary password an admin set before doing anything else.'
			),
			extractLocaleFromRequest(event.request)
		);
	return new Response(null, { status: 303, headers: { location: '/account' } });
};

/**
 * kk / ru / en for this request (cookie, else Accept-Language, else English); sets <html lang>.
 * The middleware is shown the request without its body: it hands on `new Request(request.clone())`,
 * and a clone tees the body, so the branch left unread would buffer all of it — a whole upload in
 * memory however it is streamed (ADR-090). Our strategies (cookie, Accept-Language) never change
 * the URL, so the route keeps the original request and its one body stream.
 */
const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(
		new Request(event.request.url, { method: event.request.method, headers: event.request.headers }),
		({ locale }) => resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
	);

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	// Under TLS (directly or as ORIGIN says behind a proxy) browsers keep to https for a year.
	if (event.url.protocol === 'https:')
		response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	// Answers for a signed-in user or a bearer-token caller are never stored by a cache on the way.
	if (event.locals.user || event.request.headers.has('authorization'))
		response.headers.set('cache-control', 'private, no-store');
	return response;
};

export const handle = sequence(
	handleDatabaseDown,
	handleContext,
	handleOrigin,
	handleFormText,
	handleAuth,
	handleRequestLog,
	handleRateLimit,
	handleSecondFactor,
	handleMustChangePassword,
	handleSecurityHeaders,
	handleLocale
);

/** Unexpected errors: logged on the server (without query values), a plain message and an id for the user. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	// The request's own id when it came through the production server: the user's reference finds its log lines.
	const id = currentRequest()?.id ?? crypto.randomUUID().slice(0, 8);
	const locale = extractLocaleFromRequest(event.request);
	if (isDatabaseUnreachable(error)) {
		event.locals.databaseDown = true; // answered 503 by handleDatabaseDown
		noteDatabaseDown(event.url.pathname);
		return { message: errorMessage(databaseUnavailable(), locale) };
	}
	if (status !== 404)
		log('http').error(
			{ reqId: id, method: event.request.method, route: event.route.id, err: loggableError(error) },
			'unexpected error'
		);
	return {
		message: status === 404 ? m.err_kind_not_found({}, { locale }) : m.err_unexpected({ id }, { locale })
	};
};
