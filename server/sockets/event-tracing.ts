/**
 * A span for each event a client sends (ADR-068): named by the event (`socket draft:sync`), ended
 * when the handler acknowledges it (or at once for events without an ack). The arguments are never
 * recorded: they carry drafts and case data. The database work the handler does becomes its child.
 */
import { context, trace, type Span } from '@opentelemetry/api';
import { SpanKind, tracer } from '../../src/lib/server/observability/tracing';
import type { AppSocket } from '../socket-types';

/** Names clients may choose freely: only a plain `area:verb` is kept as the span's name. */
const EVENT_NAME = /^[a-z]{1,20}:[a-z-]{1,30}$/;
/** A handler that never acknowledges still ends its span. */
const ACK_WAIT_MS = 30_000;

export function traceSocketEvents(socket: AppSocket): void {
	socket.use((packet, next) => {
		const event = typeof packet[0] === 'string' && EVENT_NAME.test(packet[0]) ? packet[0] : 'unknown';
		const span = tracer().startSpan(`socket ${event}`, {
			kind: SpanKind.SERVER,
			attributes: { 'messaging.system': 'socket.io', 'merzim.socket.event': event }
		});
		const last = packet.length > 1 ? packet[packet.length - 1] : undefined;
		if (typeof last === 'function') {
			const timer = setTimeout(() => end(span, 'no-ack'), ACK_WAIT_MS);
			timer.unref();
			packet[packet.length - 1] = (...args: unknown[]) => {
				clearTimeout(timer);
				end(span, 'acked');
				return (last as (...a: unknown[]) => unknown)(...args);
			};
		}
		context.with(trace.setSpan(context.active(), span), () => next());
		if (typeof last !== 'function') setImmediate(() => end(span, 'dispatched'));
	});
}

function end(span: Span, how: string) {
	if (!span.isRecording()) return;
	span.setAttribute('merzim.socket.outcome', how);
	span.end();
}
