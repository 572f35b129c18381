/**
 * The cases the scheduler tests fire deadlines on: an import licence application (one controlled
 * item, 5А002) registered through the portal's token at a chosen moment, after the users that keep
 * the servers from seeding the demo (an admin) and act on the cases (a head).
 */
import type { AppContext } from '../../src/lib/server/context';
import { TEST_PASSWORD } from './test-app';
import { importApplication } from './import-application';
import { ApplicationSchema } from '../../src/lib/server/cases/application.schema';
import type { Role } from '../../src/lib/domain/access/roles';

type Principal = Awaited<ReturnType<AppContext['tokens']['issue']>>['principal'];

export interface SchedulerActors {
	portal: Principal;
	head: { kind: 'staff'; userId: number; username: string; roles: Role[] };
}

/** An admin (so a server started on this database seeds no demo), a head, and the portal's token. */
export async function createSchedulerActors(ctx: AppContext): Promise<SchedulerActors> {
	const system = { userId: null, label: 'test' };
	await ctx.users.create(
		{ username: 'admin', displayName: 'Admin', password: TEST_PASSWORD, roles: ['admin'] },
		system
	);
	const headId = await ctx.users.create(
		{ username: 'head', displayName: 'Head', password: TEST_PASSWORD, roles: ['head'] },
		system
	);
	const { principal } = await ctx.tokens.issue({ name: 'portal', kind: 'portal' }, system);
	return { portal: principal, head: { kind: 'staff', userId: headId, username: 'head', roles: ['head'] } };
}

/** Registers an import licence application received at `receivedAt`; returns the case's id. */
export async function registerImportApplication(
	ctx: AppContext,
	actors: SchedulerActors,
	externalId: string,
	receivedAt: Date
): Promise<string> {
	const r = await ctx.cases.register(
		// Parsed as the route parses it: the fixture stays a valid application.
		ApplicationSchema.parse(importApplication(externalId, receivedAt)),
		actors.portal,
		null
	);
	return (r.body as { id: string }).id;
}
