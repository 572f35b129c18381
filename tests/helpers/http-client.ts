/**
 * A minimal browser stand-in over real HTTP: keeps cookies, sends our Origin on writes (as a
 * browser does), and a client IP for the throttle tests.
 */
import { CLIENT_IP_HEADER } from './test-app';

export class HttpClient {
	readonly cookies = new Map<string, string>();
	constructor(
		readonly base: string,
		public ip = '10.0.0.1',
		public origin: string | null = base
	) {}

	cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	async request(
		path: string,
		init: { method?: string; body?: string | FormData; headers?: Record<string, string> } = {}
	): Promise<Response> {
		const method = init.method ?? 'GET';
		const headers: Record<string, string> = {
			[CLIENT_IP_HEADER]: this.ip,
			accept: 'application/json',
			...init.headers
		};
		if (this.cookies.size) headers.cookie = this.cookieHeader();
		if (method !== 'GET' && this.origin && !('origin' in headers)) headers.origin = this.origin;
		const res = await fetch(this.base + path, { method, body: init.body, headers, redirect: 'manual' });
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const [name, ...rest] = pair!.split('=');
			const value = rest.join('=');
			const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
			if (expired || value === '') this.cookies.delete(name!.trim());
			else this.cookies.set(name!.trim(), value);
		}
		return res;
	}

	get(path: string) {
		return this.request(path);
	}

	postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
		return this.request(path, {
			method: 'POST',
			body: JSON.stringify(body),
			headers: { 'content-type': 'application/json', ...headers }
		});
	}

	/** A form post as a browser makes it; SvelteKit answers form actions with JSON when asked for it. */
	postForm(path: string, fields: Record<string, string | string[]>) {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
		return this.request(path, {
			method: 'POST',
			body: body.toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' }
		});
	}

	async signIn(username: string, password: string): Promise<Response> {
		return this.postJson('/api/v1/session', { username, password });
	}
}

/** SvelteKit's form-action JSON envelope: `{type, status, data|location}`; data is devalue-encoded. */
export async function actionResult(
	res: Response
): Promise<{ type: string; status: number; location?: string; data?: unknown }> {
	const body = (await res.json()) as { type: string; status: number; location?: string; data?: string };
	const { parse } = await import('devalue');
	return { ...body, data: body.data ? parse(body.data) : undefined };
}
