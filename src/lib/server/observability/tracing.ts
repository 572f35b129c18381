/**
 * OpenTelemetry traces (ADR-068): off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; then spans go by OTLP/HTTP to that collector, batched,
 * configured by the standard `OTEL_*` variables (`OTEL_SERVICE_NAME`, `OTEL_EXPORTER_OTLP_HEADERS`,
 * `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_BSP_SCHEDULE_DELAY`, `OTEL_TRACES_SAMPLER_ARG` as a ratio).
 * The spans carry names and shapes only — route patterns, statement names, event names, outcomes —
 * never a URL's ids or query, a parameter value, a body, a header or a user's input.
 *
 * The API's globals are shared by the server bundle and the SvelteKit build (the API keeps them on
 * a global symbol), so `startTracing` in the entry serves both.
 */
import {
	context,
	propagation,
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
		{ TracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler },
		{ OTLPTraceExporter },
		{ AsyncLocalStorageContextManager },
		core,
		res
	] = await Promise.all([
		import('@opentelemetry/sdk-trace'),
		import('@opentelemetry/exporter-trace-otlp-http'),
		import('@opentelemetry/context-async-hooks'),
		import('@opentelemetry/core'),
		import('@opentelemetry/resources')
	]);
	const resource = res
		.defaultResource()
		.merge(res.resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'merzim' }))
		.merge(res.detectResources({ detectors: [res.envDetector] }));
	// This SDK generation reads no OTEL_BSP_* or sampler variables itself: the two that matter here.
	const delay = Number(env.OTEL_BSP_SCHEDULE_DELAY);
	const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG);
	const provider = new TracerProvider({
		resource,
		sampler:
			env.OTEL_TRACES_SAMPLER_ARG && ratio >= 0 && ratio <= 1
				? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) })
				: undefined,
		spanProcessors: [
			new BatchSpanProcessor({
				exporter: new OTLPTraceExporter(),
				...(delay > 0 ? { scheduledDelayMillis: delay } : {})
			})
		]
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

/** The context an inbound request's `traceparent` names (a proxy's or a caller's trace). */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
	return propagation.extract(context.active(), headers, {
		keys: (h) => Object.keys(h),
		get: (h, k) => h[k]
	});
}
