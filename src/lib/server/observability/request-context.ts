/**
 * What the current HTTP request is, for the code it runs: its id (sent back as `X-Request-Id` and
 * written into the audit rows it makes), and, once known, its route and user (for its log line).
 * The production server's HTTP layer (server/http-observe.ts) opens the context; SvelteKit's hook
 * fills in route and user. The store lives on a global symbol because the SvelteKit build and the
 * server bundle each carry their own copy of this module.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
	id: string;
	route?: string;
	userId?: number;
}

const KEY = Symbol.for('merzim.request-context');
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

export function runInRequest<T>(ctx: RequestContext, fn: () => T): T {
	return storage().run(ctx, fn);
}

export function currentRequest(): RequestContext | undefined {
	return storage().getStore();
}

/** A client may pass its own id (a proxy's); taken only when short and plain, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined, fresh: () => string): string {
	const v = Array.isArray(header) ? header[0] : header;
	return v && /^[A-Za-z0-9._:-]{1,64}$/.test(v) ? v : fresh();
}
