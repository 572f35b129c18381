/**
 * A real Merzim server for a test file: real database (see test-db.ts), the built SvelteKit handler,
 * socket.io, on 127.0.0.1 port 0, with a manual clock the test moves.
 */
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, type AppContext } from '../../src/lib/server/context';
import { ManualClock } from '../../src/lib/server/clock';
import { startServer, type RunningServer } from '../../server/app';
import type { RealtimeOptions } from '../../server/realtime';
import { createTestDb } from './test-db';
import type { Role } from '../../src/lib/domain/access/roles';

/** The client address is taken from this header in tests, so throttling per IP can be exercised. */
export const CLIENT_IP_HEADER = 'x-test-client-ip';

export interface TestApp {
	ctx: AppContext;
	clock: ManualClock;
	server: RunningServer;
	url: string;
	createUser(username: string, roles: Role[], extra?: { agencyCode?: string; password?: string }): Promise<number>;
	close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery';

export async function startTestApp(
	env: Record<string, string> = {},
	serverOptions: RealtimeOptions & { metricsPort?: number } = {},
	contextOptions: Pick<NonNullable<Parameters<typeof createAppContext>[1]>, 'webhooks' | 'mail'> = {}
): Promise<TestApp> {
	process.env.ADDRESS_HEADER = CLIENT_IP_HEADER;
	const clock = new ManualClock(new Date('2026-03-02T04:00:00Z'));
	const dbHandle = await createTestDb();
	const config = loadConfig({ MERZIM_DATA_DIR: '/nonexistent', ...env });
	const ctx = await createAppContext(config, { clock, dbHandle, ...contextOptions });
	const server = await startServer(ctx, {
		port: 0,
		host: '127.0.0.1',
		sweepMs: 200,
		publishEveryMs: 50,
		gapWaitMs: 300,
		...serverOptions
	});
	return {
		ctx,
		clock,
		server,
		url: server.url,
		createUser: (username, roles, extra = {}) =>
			ctx.users.create(
				{
					username,
					displayName: username,
					password: extra.password ?? TEST_PASSWORD,
					roles,
					agencyCode: extra.agencyCode
				},
				{ userId: null, label: 'test' }
			),
		close: async () => {
			await server.close();
			await dbHandle.close();
		}
	};
}
