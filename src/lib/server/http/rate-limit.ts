/**
 * Rate limits for the expensive reads, per session and per integration token, so that one user
 * (200 parallel loads of the wall board held everyone's pages for seconds and grew the heap by a
 * third) cannot stall the others. A request over its key's rate is answered 429 with Retry-After
 * before any query. rate-limiter-flexible's memory store: behind sticky sessions (needed by
 * socket.io's long-polling anyway) a session's requests reach one process, so its counter is there.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Page loads (the HTML and its `__data.json`) of the pages that read many cases. */
const EXPENSIVE_PAGES = /^\/(board|queue|cases|supervisor|complaints|consultations)(\/|$)/;
/** The integration API's lists. */
const API_LISTS = /^\/api\/v1\/(consultations|mfa-checks)\/?$/;

/** Above what a live list asks on its own (a reload at most every 300 ms on case events) plus browsing. */
export const PAGE_LIMIT = { points: 40, duration: 10 } as const;
export const API_LIST_LIMIT = { points: 30, duration: 10 } as const;

/** The header's search as you type (debounced 150 ms in the browser): a fast typist stays well under. */
export const SEARCH_LIMIT = { points: 60, duration: 10 } as const;

const pages = new RateLimiterMemory({ keyPrefix: 'pages', ...PAGE_LIMIT });
const searches = new RateLimiterMemory({ keyPrefix: 'search', ...SEARCH_LIMIT });
const apiLists = new RateLimiterMemory({ keyPrefix: 'api-lists', ...API_LIST_LIMIT });

/** Which limiter a request falls under, if any (only reads: writes are limited by their own rules). */
function limiterFor(method: string, pathname: string): RateLimiterMemory | null {
	if (method !== 'GET' && method !== 'HEAD') return null;
	if (API_LISTS.test(pathname)) return apiLists;
	if (pathname === '/api/v1/search') return searches;
	if (EXPENSIVE_PAGES.test(pathname)) return pages;
	return null;
}

/**
 * Who is asking: the session, else the token's id (`mzt_<id>.<secret>`; the secret is never kept),
 * else the client's address (such a request is refused or redirected to sign in, but it still costs).
 */
export function rateKey(sessionId: string | null, authorization: string | null, address: () => string): string {
	if (sessionId) return `session:${sessionId}`;
	const token = /^Bearer mzt_([A-Za-z0-9_-]{1,64})\./.exec(authorization ?? '');
	if (token) return `token:${token[1]}`;
	try {
		return `ip:${address()}`;
	} catch {
		return 'ip:unknown'; // adapter-node throws when a configured address header is missing
	}
}

/** Null when the request may go on, else the 429 to answer. */
export async function rateLimited(
	method: string,
	pathname: string,
	key: string,
	wantsJson: boolean
): Promise<Response | null> {
	const limiter = limiterFor(method, pathname);
	if (!limiter) return null;
	try {
		await limiter.consume(key);
		return null;
	} catch (e) {
		if (!(e instanceof RateLimiterRes)) throw e;
		const retryAfter = String(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
		const message = `Too many requests; try again in ${retryAfter} s.`;
		return new Response(wantsJson ? JSON.stringify({ error: message }) : message, {
			status: 429,
			headers: {
				'retry-after': retryAfter,
				'content-type': wantsJson ? 'application/json' : 'text/plain; charset=utf-8'
			}
		});
	}
}
