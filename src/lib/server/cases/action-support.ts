/**
 * What the case page needs to offer the actions the signed-in user may take now: the action names
 * (from the procedure engine, as the API's `availableActions`) and the choices their forms show
 * (officers to assign, the act's grounds, grounds heard, devices pending, the current step).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { userRoles, users } from '../db/schema';
import type { WorkingCalendar } from '../../domain/calendar';
import { availableActions, postDecisionDue, procedureFor, type ActingUser } from '../../domain/procedures';
import { groundsFor } from '../../domain/reference/refusal-grounds';
import { AGENCY_CODES } from '../../domain/reference/agencies';
import { loadCase } from './case-snapshot';
import { userNameSql } from '../users/display-name';

const nameOf = (o: { nameEn: string; nameKk: string; nameRu: string }, locale: GroundLabelLocale) =>
	locale === 'kk' ? o.nameKk : locale === 'ru' ? o.nameRu : o.nameEn;
import { groundLabel, type GroundLabelLocale } from '../../domain/reference/refusal-ground-labels';

export async function actionSupport(
	ex: Executor,
	caseId: string,
	user: ActingUser,
	now: Date,
	calendar: WorkingCalendar,
	/** The reader's language, for the grounds' labels and the officers' names. */
	locale: GroundLabelLocale = 'en'
) {
	const loaded = await loadCase(ex, caseId);
	if (!loaded) return null;
	const def = procedureFor(loaded.row.service);
	const names = availableActions({ def, snap: loaded.snap, actor: user, now, calendar });
	const step = def.steps.find((s) => `step:${s.id}` === loaded.snap.stage);
	const officerName = userNameSql(locale);
	const officers = names.includes('assign')
		? await ex
				.selectDistinct({ username: users.username, displayName: officerName })
				.from(users)
				.innerJoin(userRoles, eq(userRoles.userId, users.id))
				.where(and(inArray(userRoles.role, ['officer', 'head']), eq(users.disabled, false)))
				.orderBy(asc(officerName))
		: [];
	return {
		names,
		isHead: user.roles.includes('head'),
		me: user.username,
		officers,
		agencies: AGENCY_CODES.filter((a) => !loaded.snap.consultations.some((c) => c.agency === a)),
		grounds: def.grounds
			? groundsFor(def.grounds).map((g) => ({
					number: g.number,
					label: groundLabel(g, locale),
					confidential: g.confidential
				}))
			: [],
		heardGrounds: loaded.snap.record.preliminary?.grounds ?? [],
		devices: loaded.snap.devices.filter((d) => d.result === null).map((d) => d.imei),
		postDecision: postDecisionDue(def, loaded.snap),
		step: step
			? {
					id: step.id,
					name: nameOf(step, locale),
					mayRefuse: !!step.mayRefuse,
					// The grounds a refusal at this step names (003 A3 p.8.5); in kk and ru their text says the point.
					grounds: Object.entries(step.refusalGrounds ?? {}).map(([code, g]) => ({
						code,
						label: locale === 'en' ? `${g.nameEn} (${g.citation})` : nameOf(g, locale)
					}))
				}
			: null
	};
}
