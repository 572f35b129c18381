import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission, userCan } from '$lib/server/auth/guard';
import { countCases, listCasePage } from '$lib/server/cases/case-list.repository';
import { filterQuery, parseCaseListFilter, SELECT_KEYS } from '$lib/server/cases/case-list.filter';
import { deleteView, listViews, MAX_VIEWS, saveView } from '$lib/server/cases/saved-views';
import { m } from '$lib/paraglide/messages';
import { searchScope } from '$lib/domain/access/search-scope';
import { VIEW_NAME_MAX } from '$lib/domain/search/saved-view';
import { isDomainError } from '$lib/domain/errors/domain-error';
import { userRoles, users } from '$lib/server/db/schema';
import { AGENCY_CODES } from '$lib/domain/reference/agencies';
import { SERVICE_CODES } from '$lib/domain/reference/services';
import { PROCEDURES, TERMINAL_STAGES } from '$lib/domain/procedures';
import { userNameSql } from '$lib/server/users/display-name';
import { displayLocale } from '$lib/format';

/** Every stage a case can be in, for the filter. */
const STAGES = [
	...new Set([...PROCEDURES.flatMap((d) => d.rules.flatMap((r) => r.stages)), ...TERMINAL_STAGES])
].sort();

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'cases:read');
	const { db, clock } = event.locals.ctx;
	const { filter, dropped } = parseCaseListFilter(event.url.searchParams);
	const viewer = {
		userId: user.id,
		scope: searchScope({ userId: user.id, roles: user.roles, unit: user.unit, agencyCode: user.agencyCode }),
		locale: displayLocale()
	};
	const now = clock.now();
	const { count: total, capped } = await countCases(db, filter, viewer, now);
	const page = await listCasePage(db, filter, viewer, now, PAGE_SIZE, { few: !capped });
	const canAssign = userCan(event, 'cases:decide');
	// Who may be picked as assignee in the filter and the bulk assignment: the officers and heads.
	const name = userNameSql(viewer.locale);
	const officers = await db
		.selectDistinct({ id: users.id, displayName: name, username: users.username, unit: users.unit })
		.from(users)
		.innerJoin(userRoles, eq(userRoles.userId, users.id))
		.where(and(eq(users.disabled, false), inArray(userRoles.role, ['officer', 'head'])))
		.orderBy(asc(name));
	return {
		filter,
		dropped,
		query: filterQuery(filter, { after: null, before: null }),
		selects: SELECT_KEYS.filter((k) => filter[k] !== undefined).length,
		rows: page.rows,
		sort: page.sort,
		dir: page.dir,
		next: page.next,
		prev: page.prev,
		total,
		capped,
		views: await listViews(db, user.id),
		canAssign,
		officers,
		units: [...new Set(officers.map((o) => o.unit).filter((u): u is string => !!u))].sort(),
		services: SERVICE_CODES,
		agencies: AGENCY_CODES,
		stages: STAGES
	};
};

const ViewSchema = z.object({ name: z.string().trim().min(1).max(VIEW_NAME_MAX), query: z.string().max(2000) });
/** The most cases one bulk assignment takes (the refusal names it). */
const BULK_ASSIGN_MAX = 200;
const AssignSchema = z.object({
	username: z.string().trim().min(1).max(80),
	ids: z.array(z.uuid()).min(1).max(BULK_ASSIGN_MAX)
});

export const actions: Actions = {
	saveView: async (event) => {
		const user = requirePermission(event, 'cases:read');
		const form = await event.request.formData();
		const parsed = ViewSchema.safeParse({ name: form.get('name'), query: form.get('query') ?? '' });
		if (!parsed.success)
			return fail(422, {
				action: 'saveView',
				code: 'view-name-invalid',
				message: m.ops4_view_name_invalid({ max: VIEW_NAME_MAX })
			});
		// Only the filter keys are kept: a view cannot carry anything else into the URL.
		const query = filterQuery(parseCaseListFilter(new URLSearchParams(parsed.data.query)).filter, {
			after: null,
			before: null
		});
		const ok = await saveView(event.locals.ctx.db, user.id, parsed.data.name, query, event.locals.ctx.clock.now());
		if (!ok)
			return fail(422, {
				action: 'saveView',
				code: 'view-limit',
				message: m.ops4_view_limit({ max: String(MAX_VIEWS) })
			});
		return { action: 'saveView', message: 'saved' };
	},
	deleteView: async (event) => {
		const user = requirePermission(event, 'cases:read');
		const id = Number((await event.request.formData()).get('id'));
		if (!Number.isInteger(id) || id <= 0)
			return fail(422, { action: 'deleteView', code: 'view-not-found', message: m.ops4_view_not_found() });
		await deleteView(event.locals.ctx.db, user.id, id);
		return { action: 'deleteView', message: 'deleted' };
	},
	/**
	 * A head assigns or reassigns the selected cases: each through the case's own `assign` action
	 * (the same checks and one case event each, 001 p.14–15), and each outcome reported.
	 */
	assign: async (event) => {
		const user = requirePermission(event, 'cases:decide');
		const form = await event.request.formData();
		const parsed = AssignSchema.safeParse({ username: form.get('username'), ids: form.getAll('ids') });
		if (!parsed.success)
			return fail(422, {
				action: 'assign',
				code: 'bulk-assign-invalid',
				message: m.cases_bulk_assign_invalid({ max: BULK_ASSIGN_MAX })
			});
		const actor = {
			kind: 'staff' as const,
			userId: user.id,
			username: user.username,
			roles: user.roles,
			unit: user.unit
		};
		const results: { id: string; ok: boolean; error?: string }[] = [];
		for (const id of new Set(parsed.data.ids)) {
			try {
				const r = await event.locals.ctx.cases.staffAction(
					id,
					'assign',
					{ username: parsed.data.username },
					actor,
					null
				);
				const error = r.status >= 400 ? String((r.body as { error?: unknown }).error ?? r.status) : undefined;
				results.push({ id, ok: r.status < 400, error });
			} catch (e) {
				if (!isDomainError(e)) throw e;
				results.push({ id, ok: false, error: e.message });
			}
		}
		return { action: 'assign', results };
	}
};
