/**
 * OpenTelemetry traces (ADR-068): off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; then spans go by OTLP/HTTP to that collector, batched,
 * configured by the standard `OTEL_*` variables (`OTEL_SERVICE_NAME`, `OTEL_EXPORTER_OTLP_HEADERS`,
 * `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_BSP_*`, `OTEL_TRACES_SAMPLER` and its `_ARG`), read by the 2.x SDK.
 * The spans carry names and shapes only — route patterns, statement names, event names, outcomes —
 * never a URL's ids or query, a parameter value, a body, a header or a user's input.
 *
 * The API's globals are shared by the server bundle and the SvelteKit build (the API keeps them on
 * a global symbol), so `startTracing` in the entry serves both.
 */
import {
	context,
	propagation,
	ROOT_CONTEXT,
	SpanKind,
	SpanStatusCode,
	trace,
	type Attributes,
	type Context,
	type Span
} from '@opentelemetry/api';

export { SpanKind };

const TRACER = 'merzim';

export interface Tracing {
	/** Sends what is buffered and stops (the graceful shutdown's last step before the logs). */
	shutdown(): Promise<void>;
}

export function tracingWanted(env: NodeJS.ProcessEnv): boolean {
	if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
	return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

const ENABLED = Symbol.for('merzim.tracing');
type Holder = { [ENABLED]?: boolean };

/** Whether this process exports traces (instrumentation that costs something asks first). */
export const tracingEnabled = () => (globalThis as Holder)[ENABLED] === true;

/**
 * Registers the SDK globally when tracing is wanted; null otherwise (nothing loaded, the API stays a
 * no-op). The SDK packages are imported only then.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing | null> {
	if (!tracingWanted(env)) return null;
	const [
		{ BasicTracerProvider, BatchSpanProcessor },
		{ OTLPTraceExporter },
		{ AsyncLocalStorageContextManager },
		core,
		res
	] = await Promise.all([
		import('@opentelemetry/sdk-trace-base'),
		import('@opentelemetry/exporter-trace-otlp-http'),
		import('@opentelemetry/context-async-hooks'),
		import('@opentelemetry/core'),
		import('@opentelemetry/resources')
	]);
	const resource = res
		.defaultResource()
		.merge(res.resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'merzim' }))
		.merge(res.detectResources({ detectors: [res.envDetector] }));
	// The 2.x SDK reads the sampler (`OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG`, parent-based by
	// default), the batching (`OTEL_BSP_*`) and the limits from the process environment itself.
	const provider = new BasicTracerProvider({
		resource,
		spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())]
	});
	context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
	propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
	trace.setGlobalTracerProvider(provider);
	(globalThis as Holder)[ENABLED] = true;
	return {
		async shutdown() {
			(globalThis as Holder)[ENABLED] = false;
			await provider.shutdown();
		}
	};
}

export const tracer = () => trace.getTracer(TRACER);

/**
 * Runs `fn` in a new span, child of the active one, ending it when `fn` settles (an exception marks
 * it as an error with the exception's class name only: messages may quote input).
 */
export function inSpan<T>(
	name: string,
	options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
	fn: (span: Span) => Promise<T>
): Promise<T> {
	const parent = options.parent ?? context.active();
	return tracer().startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, parent, (span) =>
		fn(span).then(
			(v) => {
				span.end();
				return v;
			},
			(e: unknown) => {
				failed(span, e);
				span.end();
				throw e;
			}
		)
	);
}

/** Marks a span as failed, naming the error's class (never its message). */
export function failed(span: Span, e: unknown) {
	span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.name : 'error' });
}

/** The active span's ids for a log line, or nothing outside a (sampled) trace. */
export function traceIds(): { traceId: string; spanId: string } | undefined {
	const span = trace.getActiveSpan();
	if (!span) return undefined;
	const c = span.spanContext();
	return trace.isSpanContextValid(c) ? { traceId: c.traceId, spanId: c.spanId } : undefined;
}

/** W3C `traceparent` (and `tracestate`) of the active span, for an outbound request's headers. */
export function traceHeaders(): Record<string, string> {
	const headers: Record<string, string> = {};
	propagation.inject(context.active(), headers);
	return headers;
}

/**
 * The active span's W3C context to keep with work done later (a webhook delivery), or nothing when
 * tracing is off or no span is active (ADR-073).
 */
export function traceContext(): { traceparent?: string; tracestate?: string } {
	if (!tracingEnabled()) return {};
	const { traceparent, tracestate } = traceHeaders();
	return traceparent ? { traceparent, ...(tracestate ? { tracestate } : {}) } : {};
}

/** The context a kept `traceparent` names, below no active span; the root context without one. */
export function contextFromTraceparent(traceparent: string | null, tracestate: string | null): Context {
	if (!traceparent) return ROOT_CONTEXT;
	const carrier: Record<string, string> = { traceparent, ...(tracestate ? { tracestate } : {}) };
	return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The context an inbound request's `traceparent` names (a proxy's or a caller's trace). */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
	return propagation.extract(context.active(), headers, {
		keys: (h) => Object.keys(h),
		get: (h, k) => h[k]
	});
}
