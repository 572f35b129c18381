/**
 * What of an error may go to the server log. A failed query carries its parameters (draft text,
 * applicant names and BINs) in drizzle's message and in PostgreSQL's detail; the log gets the
 * statement and the error (SQLSTATE, constraint, table, column), never the values.
 */
const MAX_CAUSES = 5;

export function loggableError(e: unknown): string {
	const parts: string[] = [];
	let current: unknown = e;
	for (let i = 0; i < MAX_CAUSES && current !== undefined && current !== null; i++) {
		parts.push(describe(current));
		current = current instanceof Error ? current.cause : undefined;
	}
	return parts.join('\ncaused by: ');
}

function describe(e: unknown): string {
	if (!(e instanceof Error)) return typeof e === 'string' ? e : `a thrown ${typeof e}`;
	const frames = (e.stack ?? '')
		.split('\n')
		.filter((line) => /^\s+at /.test(line))
		.join('\n');
	const x = e as Error & Record<string, unknown>;
	if (typeof x.query === 'string' && 'params' in x)
		return (
			`Failed query: ${x.query} (${Array.isArray(x.params) ? x.params.length : 0} ` +
			`parameter(s) not logged)\n${frames}`
		);
	if (typeof x.code === 'string' && typeof x.severity === 'string') {
		// A PostgreSQL error: its message may quote a value ('invalid input syntax …: "…"'); `detail` often does.
		const where = ['constraint_name', 'table_name', 'column_name']
			.filter((k) => typeof x[k] === 'string')
			.map((k) => `${k}=${String(x[k])}`)
			.join(' ');
		return `${x.severity} ${x.code}: ${e.message.replace(/"[^"]*"/g, '"…"')}${where ? ` (${where})` : ''}\n${frames}`;
	}
	return e.stack ?? `${e.name}: ${e.message}`;
}
