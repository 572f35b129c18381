/**
 * The HTTP layer around SvelteKit's handler: a request id for every request (taken from a plain
 * `X-Request-Id` of a proxy, else fresh; sent back, and seen by the audit rows the request writes),
 * one log line and one histogram sample per request, `/healthz`, `/readyz` and `/metrics`, and the
 * count of requests in flight that a graceful shutdown waits for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { context as otelContext, trace, SpanStatusCode, type Span } from '@opentelemetry/api';
import { contextFromHeaders, SpanKind, tracer, tracingEnabled } from '../src/lib/server/observability/tracing';
import { runInRequest, requestIdFrom, type RequestContext } from '../src/lib/server/observability/request-context';
import type { ServerMetrics } from './metrics';
import type { Readiness } from './readiness';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ObservedHttp {
	handle: Handler;
	/** Requests being answered now. */
	readonly inFlight: number;
	/** Resolves when no request is in flight (at once if none is). */
	idle(): Promise<void>;
	/** From now on a request on a kept-alive connection is answered 503 and its connection closed. */
	drain(): void;
	readonly draining: boolean;
}

export function observeHttp(
	inner: Handler,
	deps: {
		logger: Logger;
		metrics: ServerMetrics;
		readiness: () => Promise<Readiness>;
		metricsToken: string | undefined;
	}
): ObservedHttp {
	let inFlight = 0;
	let draining = false;
	const waiters: (() => void)[] = [];
	// The caller's logger already names the component (`log('http')`); a child here repeated the key.
	const log = deps.logger;

	const handle: Handler = (req, res) => {
		const started = performance.now();
		const context: RequestContext = { id: requestIdFrom(req.headers['x-request-id'], randomUUID) };
		res.setHeader('x-request-id', context.id);
		const path = (req.url ?? '/').split('?')[0]!;
		inFlight++;
		let done = false;
		// Set once tracing starts the server span below; read when the response finishes.
		const traced: { span?: Span } = {};
		const finish = () => {
			if (done) return;
			done = true;
			inFlight--;
			const seconds = (performance.now() - started) / 1000;
			const route = context.route ?? (OWN_PATHS.has(path) ? path : 'unmatched');
			deps.metrics.observeRequest(route, req.method ?? 'GET', res.statusCode, seconds);
			const span = traced.span;
			const ids = span?.spanContext();
			if (span) endRequestSpan(span, req.method ?? 'GET', route, res.statusCode, !res.writableFinished);
			const line = {
				reqId: context.id,
				method: req.method,
				route,
				// The path only: query strings may carry search terms about applicants.
				path: route === 'unmatched' ? undefined : path,
				status: res.statusCode,
				ms: Math.round(seconds * 1000),
				userId: context.userId,
				aborted: res.writableFinished ? undefined : true,
				traceId: ids?.traceId,
				spanId: ids?.spanId
			};
			if (res.statusCode >= 500) log.error(line, 'request');
			else if (OWN_PATHS.has(path)) log.debug(line, 'request');
			else log.info(line, 'request');
			if (inFlight === 0) for (const w of waiters.splice(0)) w();
		};
		res.once('finish', finish);
		res.once('close', finish);

		if (draining) {
			res.setHeader('connection', 'close');
			res.setHeader('retry-after', '1');
			return void json(res, 503, { code: 'shutting_down', error: 'This server is shutting down; retry.' });
		}
		if (req.method === 'GET' || req.method === 'HEAD') {
			if (path === '/healthz') return void json(res, 200, { status: 'alive' });
			if (path === '/readyz') return void ready(res);
			if (path === '/metrics') return void metricsOnMainPort(req, res);
		}
		if (!tracingEnabled()) return void runInRequest(context, () => inner(req, res));
		// The server span: a child of the caller's `traceparent` when one came (ADR-068).
		const parent = contextFromHeaders(req.headers);
		const span = (traced.span = tracer().startSpan(
			req.method ?? 'GET',
			{ kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET' } },
			parent
		));
		otelContext.with(trace.setSpan(parent, span), () => runInRequest(context, () => inner(req, res)));
	};

	async function ready(res: ServerResponse) {
		const r = await deps.readiness();
		json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', checks: r.checks });
	}

	async function metricsOnMainPort(req: IncomingMessage, res: ServerResponse) {
		if (!deps.metricsToken)
			return json(res, 404, {
				code: 'metrics_not_here',
				error: 'Metrics are served on METRICS_PORT, or here with METRICS_TOKEN set.'
			});
		const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
		if (!given || !sameSecret(given, deps.metricsToken)) {
			res.setHeader('www-authenticate', 'Bearer');
			return json(res, 401, {
				code: 'metrics_token_required',
				error: 'A valid METRICS_TOKEN bearer token is required.'
			});
		}
		await serveMetrics(deps.metrics, res);
	}

	return {
		handle,
		get inFlight() {
			return inFlight;
		},
		idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((ok) => waiters.push(ok))),
		drain() {
			draining = true;
		},
		get draining() {
			return draining;
		}
	};
}

/**
 * Names the span by the route pattern (never the path: it holds ids) once SvelteKit matched it;
 * the status and whether the client went away are all it records of the answer.
 */
function endRequestSpan(span: Span, method: string, route: string, status: number, aborted: boolean) {
	span.updateName(`${method} ${route}`);
	span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
	if (aborted) span.setAttribute('merzim.aborted', true);
	if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
	span.end();
}

const OWN_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export async function serveMetrics(metrics: ServerMetrics, res: ServerResponse): Promise<void> {
	try {
		const body = await metrics.registry.metrics();
		res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
		res.end(body);
	} catch (e) {
		json(res, 500, { code: 'metrics_failed', error: (e as Error).message });
	}
}

function json(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}

/** Constant time whatever the lengths: both sides hashed first. */
function sameSecret(a: string, b: string): boolean {
	const h = (s: string) => createHash('sha256').update(s).digest();
	return timingSafeEqual(h(a), h(b));
}
