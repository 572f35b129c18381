import { describe, expect, it } from 'vitest';
import { statementName } from './query-tracing';

describe('statementName', () => {
	it.each([
		['select "id", "username" from "users" where "users"."id" = $1', 'SELECT users'],
		['insert into "audit_events" ("stream", "type") values ($1, $2) returning "id"', 'INSERT audit_events'],
		['update "users" set "display_name" = $1 where "users"."id" = $2', 'UPDATE users'],
		['delete from "sessions" where "sessions"."id" = $1', 'DELETE sessions'],
		['\n\t\t\t\twith picked as (select c.seq from webhook_deliveries c join x) update y', 'WITH webhook_deliveries'],
		['select pg_advisory_xact_lock(hashtext($1))', 'SELECT'],
		['select 1', 'SELECT'],
		['select * from "public"."clocks"', 'SELECT clocks']
	])('%s → %s', (sql, name) => {
		expect(statementName(sql).name).toBe(name);
	});

	it('keeps nothing but keywords and identifiers of the statement', () => {
		// Values are parameters in drizzle's SQL; even an inlined literal never becomes the name.
		const s = statementName("select id from cases where applicant_name = 'ТОО Секрет' and bin = '123456789012'");
		expect(s).toEqual({ name: 'SELECT cases', operation: 'SELECT', table: 'cases' });
	});
});
