/**
 * Database spans (ADR-068): each query drizzle runs, and each transaction, as a client span named by
 * its statement — the operation and the first table (`SELECT users`, `INSERT audit_events`) — never
 * its text or parameter values. Only inside a trace (a request, socket event, firing or delivery):
 * the workers' idle polling would otherwise be most of the traffic. Installed on drizzle's postgres.js
 * session classes, which both databases use (client.ts), and only when tracing is on.
 */
import { trace } from '@opentelemetry/api';
import { PostgresJsPreparedQuery, PostgresJsSession } from 'drizzle-orm/postgres-js/session';
import { inSpan, SpanKind } from '../observability/tracing';

const OPERATION =
	/^\s*(select|insert|update|delete|with|begin|commit|rollback|set|lock|create|alter|drop|truncate|values|call|do)\b/i;
const TABLE = /\b(?:from|into|update|join)\s+(?:"?[a-z_][a-z0-9_]*"?\.)?"?([a-z_][a-z0-9_]*)"?/i;

/** `SELECT users` from `select "id" from "users" where …`: keywords and identifiers only. */
export function statementName(sql: string): { name: string; operation: string; table?: string } {
	const operation = (OPERATION.exec(sql)?.[1] ?? 'query').toUpperCase();
	// A CTE's verb is the statement's last top-level one; its name is enough to tell them apart.
	const table = TABLE.exec(sql)?.[1];
	return { name: table ? `${operation} ${table}` : operation, operation, table };
}

const INSTALLED = Symbol.for('merzim.db-tracing');

export function instrumentQueries(): void {
	const proto = PostgresJsPreparedQuery.prototype as unknown as Record<string | symbol, unknown> & {
		queryString?: string;
	};
	if (proto[INSTALLED]) return;
	proto[INSTALLED] = true;
	for (const method of ['execute', 'all'] as const) {
		const original = proto[method] as (this: { queryString: string }, ...args: unknown[]) => Promise<unknown>;
		proto[method] = function (this: { queryString: string }, ...args: unknown[]) {
			if (!trace.getActiveSpan()) return original.apply(this, args);
			const s = statementName(this.queryString);
			return inSpan(
				s.name,
				{
					kind: SpanKind.CLIENT,
					attributes: {
						'db.system.name': 'postgresql',
						'db.operation.name': s.operation,
						...(s.table ? { 'db.collection.name': s.table } : {})
					}
				},
				() => original.apply(this, args)
			);
		};
	}
	const session = PostgresJsSession.prototype as unknown as Record<string, unknown>;
	const transaction = session.transaction as (...args: unknown[]) => Promise<unknown>;
	session.transaction = function (this: unknown, ...args: unknown[]) {
		if (!trace.getActiveSpan()) return transaction.apply(this, args);
		return inSpan('db.transaction', { kind: SpanKind.INTERNAL, attributes: { 'db.system.name': 'postgresql' } }, () =>
			transaction.apply(this, args)
		);
	};
}
