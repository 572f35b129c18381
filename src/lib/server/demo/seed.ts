/**
 * The demo: staff accounts, integration tokens and a realistic, deterministic case load. It runs
 * only on an empty database, and in production only when asked for with `--demo`.
 */
import { count } from 'drizzle-orm';
import type { AppContext } from '../context';
import { users } from '../db/schema';
import { systemActor } from '../audit/audit.repository';
import { seedDemoCases } from './demo-cases';
import { seedDemoSigners } from './demo-signers';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AGENCY_CODES, type AgencyCode } from '../../domain/reference/agencies';
import type { Role } from '../../domain/access/roles';

export const DEMO_PASSWORD = 'merzim-demo';

export const DEMO_USERS: {
	username: string;
	displayName: string;
	roles: Role[];
	agencyCode?: string;
	unit?: string;
}[] = [
	{ username: 'registrar', displayName: 'Aigerim Sultanova', roles: ['registrar'], unit: 'Registry' },
	{ username: 'officer', displayName: 'Nurlan Abenov', roles: ['officer'], unit: 'Export control' },
	{ username: 'officer2', displayName: 'Dana Zhaksylykova', roles: ['officer'], unit: 'Export control' },
	{ username: 'head', displayName: 'Yerlan Mukhametov', roles: ['head'], unit: 'Export control' },
	{ username: 'supervisor', displayName: 'Saule Ospanova', roles: ['supervisor'], unit: 'Export control' },
	{ username: 'reviewer', displayName: 'Marat Iskakov', roles: ['complaint_reviewer'] },
	{ username: 'admin', displayName: 'System Administrator', roles: ['admin'] },
	{
		username: 'liaison-nsc',
		displayName: 'Liaison of the National Security Committee',
		roles: ['agency_liaison'],
		agencyCode: 'nsc'
	},
	{ username: 'board', displayName: 'Wall board, hall 2', roles: ['wallboard'] }
];

export type SeedResult =
	{ status: 'seeded'; cases: number } | { status: 'skipped-nonempty' } | { status: 'skipped-production' };

export async function seedDemoIfWanted(
	ctx: AppContext,
	opts: { requested: boolean; tokensFile?: string }
): Promise<SeedResult> {
	if (ctx.config.production && !opts.requested) return { status: 'skipped-production' };
	const [row] = await ctx.db.select({ n: count() }).from(users);
	if (Number(row?.n ?? 0) > 0) return { status: 'skipped-nonempty' };
	return { status: 'seeded', cases: await seedDemo(ctx, opts) };
}

async function seedDemo(ctx: AppContext, opts: { tokensFile?: string }): Promise<number> {
	const ids = new Map<string, number>();
	for (const u of DEMO_USERS) {
		ids.set(u.username, await ctx.users.create({ ...u, password: DEMO_PASSWORD }, systemActor));
	}
	await writeDemoTokens(ctx, opts.tokensFile);
	const heads = DEMO_USERS.filter((u) => u.roles.includes('head'));
	await ctx.db.transaction((tx) =>
		seedDemoSigners(
			tx,
			heads.map((u) => ({ userId: ids.get(u.username)!, displayName: u.displayName })),
			ctx.clock.now()
		)
	);
	return seedDemoCases(ctx, ids);
}

/**
 * Integration tokens for the portal, the MFA and every agency, written to
 * `<data dir>/demo-tokens.json` (demo only: a real deployment issues them on the admin page) so the
 * simulator and a tester can call the integration API at once.
 */
async function writeDemoTokens(ctx: AppContext, tokensFile: string | undefined): Promise<DemoTokens> {
	const issue = async (name: string, kind: 'portal' | 'mfa' | 'agency', agencyCode?: AgencyCode) =>
		(await ctx.tokens.issue({ name, kind, ...(agencyCode ? { agencyCode } : {}) }, systemActor)).token;
	const tokens: DemoTokens = {
		portal: await issue('Demo e-government portal', 'portal'),
		mfa: await issue('Demo MFA', 'mfa'),
		agencies: {}
	};
	for (const code of AGENCY_CODES) tokens.agencies[code] = await issue(`Demo agency ${code}`, 'agency', code);
	if (tokensFile) {
		mkdirSync(dirname(tokensFile), { recursive: true });
		writeFileSync(tokensFile, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
	}
	return tokens;
}

export interface DemoTokens {
	portal: string;
	mfa: string;
	agencies: Record<string, string>;
}
