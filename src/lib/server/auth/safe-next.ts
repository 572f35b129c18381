/**
 * The page to go to after sign-in, from the untrusted `next` parameter. It is parsed as a browser
 * would parse it (WHATWG URL, which drops TAB and newlines and treats `\` as `/`) against our own
 * origin, and followed only when it stays on that origin; anything else goes home.
 */
export function safeNext(raw: string | null, origin: string): string {
	if (!raw || !raw.startsWith('/')) return '/';
	let url: URL;
	try {
		url = new URL(raw, origin);
	} catch {
		return '/';
	}
	if (url.origin !== new URL(origin).origin) return '/';
	return url.pathname + url.search + url.hash;
}
