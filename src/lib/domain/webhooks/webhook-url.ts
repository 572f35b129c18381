/**
 * Which URLs a webhook may point at: http or https, with a host, no credentials in it, and not this
 * server itself (it would deliver to its own API). Private and loopback addresses are allowed: the
 * portal and the agencies usually live in the government's own network.
 */

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$/i;

export type WebhookUrlProblem = 'not-a-url' | 'not-http' | 'credentials' | 'own-origin';

function portOf(u: URL): string {
	return u.port || (u.protocol === 'https:' ? '443' : '80');
}

/**
 * `ownOrigins`: the origins this server answers on (its configured ORIGIN, the one the request came
 * in on). A loopback name on the port of a loopback own origin is the same server under another name.
 */
export function webhookUrlProblem(raw: string, ownOrigins: readonly string[]): WebhookUrlProblem | null {
	let u: URL;
	try {
		u = new URL(raw);
	} catch {
		return 'not-a-url';
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'not-http';
	if (!u.hostname) return 'not-a-url';
	if (u.username || u.password) return 'credentials';
	for (const o of ownOrigins) {
		let own: URL;
		try {
			own = new URL(o);
		} catch {
			continue;
		}
		if (own.origin === u.origin) return 'own-origin';
		if (LOOPBACK.test(own.hostname) && LOOPBACK.test(u.hostname) && portOf(own) === portOf(u)) return 'own-origin';
	}
	return null;
}

export const WEBHOOK_URL_MESSAGES: Record<WebhookUrlProblem, string> = {
	'not-a-url': 'is not an absolute URL',
	'not-http': 'must be an http:// or https:// URL',
	credentials: 'must not carry a user name or password',
	'own-origin': "must not be this server's own address"
};
