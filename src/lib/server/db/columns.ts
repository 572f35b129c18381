/**
 * Column builders shared by every `schema*.ts` file, so a table says only what is its own: the
 * timestamp kind, the byte column, the two kinds of primary key and the references to a user or a
 * case. Each builder returns a fresh column (drizzle columns must not be shared between tables).
 */
import { bigint, customType, integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases, users } from './schema';

/** A point in time, stored with its zone, read as a `Date`. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

/** `id uuid primary key default gen_random_uuid()`. */
export const uuidId = () => uuid('id').primaryKey().defaultRandom();

/** `id bigint primary key generated always as identity`: for append-mostly rows read in order. */
export const identityId = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

type RefActions = { onDelete?: 'cascade' | 'set null' };

/** A column naming a user (nullable unless the caller adds `.notNull()`). */
export const userRef = (name: string, actions: RefActions = {}) => integer(name).references(() => users.id, actions);

/** A column naming a case (nullable unless the caller adds `.notNull()`). */
export const caseRef = (name = 'case_id') => uuid(name).references(() => cases.id);
