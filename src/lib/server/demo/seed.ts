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

export interface DemoUser {
	username: string;
	displayName: string;
	/** As the person's name is written in Kazakh, Russian and English (ADR-062). */
	displayNames: LocalNames;
	roles: Role[];
	agencyCode?: string;
	unit?: string;
}

/** Each demo account: login, role, where it works (a unit; an agency for a liaison), its name in kk, ru, en. */
const DEMO_ACCOUNTS: [username: string, role: Role, place: string | null, kk: string, ru: string, en: string][] = [
	['registrar', 'registrar', 'Registry', 'Әйгерім Сұлтанова', 'Айгерим Султанова', 'Aigerim Sultanova'],
	['officer', 'officer', 'Export control', 'Нұрлан Әбенов', 'Нурлан Абенов', 'Nurlan Abenov'],
	['officer2', 'officer', 'Export control', 'Дана Жақсылықова', 'Дана Жаксылыкова', 'Dana Zhaksylykova'],
	['head', 'head', 'Export control', 'Ерлан Мұхаметов', 'Ерлан Мухаметов', 'Yerlan Mukhametov'],
	['supervisor', 'supervisor', 'Export control', 'Сәуле Оспанова', 'Сауле Оспанова', 'Saule Ospanova'],
	['reviewer', 'complaint_reviewer', null, 'Марат Ысқақов', 'Марат Искаков', 'Marat Iskakov'],
	['admin', 'admin', null, 'Жүйе әкімшісі', 'Системный администратор', 'System Administrator'],
	[
		'liaison-nsc',
		'agency_liaison',
		'nsc',
		'Ұлттық қауіпсіздік комитетінің өкілі',
		'Представитель Комитета национальной безопасности',
		'Liaison of the National Security Committee'
	],
	['board', 'wallboard', null, 'Қабырға тақтасы, 2-зал', 'Настенное табло, зал 2', 'Wall board, hall 2']
];

export const DEMO_USERS: DemoUser[] = DEMO_ACCOUNTS.map(([username, role, place, kk, ru, en]) => ({
	username,
	displayName: en,
	displayNames: { kk, ru, en },
	roles: [role],
	...(place === null ? {} : role === 'agency_liaison' ? { agencyCode: place } : { unit: place })
}));

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
