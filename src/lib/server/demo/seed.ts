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
import { AGENCY_CODES, findAgency, type AgencyCode } from '../../domain/reference/agencies';
import type { LocalNames } from '../../domain/names/local-names';
import type { Role } from '../../domain/access/roles';

export const DEMO_PASSWORD = 'merzim-demo';

export const DEMO_USERS: {
	username: string;
	displayName: string;
	/** As the person's name is written in Kazakh, Russian and English (ADR-062). */
	displayNames: LocalNames;
	roles: Role[];
	agencyCode?: string;
	unit?: string;
}[] = [
	{
		username: 'registrar',
		displayName: 'Aigerim Sultanova',
		displayNames: { kk: 'Әйгерім Сұлтанова', ru: 'Айгерим Султанова', en: 'Aigerim Sultanova' },
		roles: ['registrar'],
		unit: 'Registry'
	},
	{
		username: 'officer',
		displayName: 'Nurlan Abenov',
		displayNames: { kk: 'Нұрлан Әбенов', ru: 'Нурлан Абенов', en: 'Nurlan Abenov' },
		roles: ['officer'],
		unit: 'Export control'
	},
	{
		username: 'officer2',
		displayName: 'Dana Zhaksylykova',
		displayNames: { kk: 'Дана Жақсылықова', ru: 'Дана Жаксылыкова', en: 'Dana Zhaksylykova' },
		roles: ['officer'],
		unit: 'Export control'
	},
	{
		username: 'head',
		displayName: 'Yerlan Mukhametov',
		displayNames: { kk: 'Ерлан Мұхаметов', ru: 'Ерлан Мухаметов', en: 'Yerlan Mukhametov' },
		roles: ['head'],
		unit: 'Export control'
	},
	{
		username: 'supervisor',
		displayName: 'Saule Ospanova',
		displayNames: { kk: 'Сәуле Оспанова', ru: 'Сауле Оспанова', en: 'Saule Ospanova' },
		roles: ['supervisor'],
		unit: 'Export control'
	},
	{
		username: 'reviewer',
		displayName: 'Marat Iskakov',
		displayNames: { kk: 'Марат Ысқақов', ru: 'Марат Искаков', en: 'Marat Iskakov' },
		roles: ['complaint_reviewer']
	},
	{
		username: 'admin',
		displayName: 'System Administrator',
		displayNames: { kk: 'Жүйе әкімшісі', ru: 'Системный администратор', en: 'System Administrator' },
		roles: ['admin']
	},
	{
		username: 'liaison-nsc',
		displayName: 'Liaison of the National Security Committee',
		displayNames: {
			kk: 'Ұлттық қауіпсіздік комитетінің өкілі',
			ru: 'Представитель Комитета национальной безопасности',
			en: 'Liaison of the National Security Committee'
		},
		roles: ['agency_liaison'],
		agencyCode: 'nsc'
	},
	{
		username: 'board',
		displayName: 'Wall board, hall 2',
		displayNames: { kk: 'Қабырға тақтасы, 2-зал', ru: 'Настенное табло, зал 2', en: 'Wall board, hall 2' },
		roles: ['wallboard']
	}
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
	const issue = async (
		names: LocalNames & { en: string },
		kind: 'portal' | 'mfa' | 'agency',
		agencyCode?: AgencyCode
	) =>
		(await ctx.tokens.issue({ name: names.en, kind, ...(agencyCode ? { agencyCode } : {}) }, systemActor, names)).token;
	const tokens: DemoTokens = {
		portal: await issue(
			{
				en: 'Demo e-government portal',
				kk: 'Электрондық үкімет порталы (демо)',
				ru: 'Портал электронного правительства (демо)'
			},
			'portal'
		),
		mfa: await issue({ en: 'Demo MFA', kk: 'СІМ (демо)', ru: 'МИД (демо)' }, 'mfa'),
		agencies: {}
	};
	for (const code of AGENCY_CODES) {
		const agency = findAgency(code)!;
		tokens.agencies[code] = await issue(
			{ en: `Demo agency ${code}`, kk: `${agency.shortKk} (демо)`, ru: `${agency.shortRu} (демо)` },
			'agency',
			code
		);
	}
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
