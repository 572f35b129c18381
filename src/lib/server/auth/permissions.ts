/**
 * Who may do what. Checked on the server for every page, action, API call and socket event; the UI
 * only hides what the server would refuse anyway.
 */
import type { RoleName } from '../db/schema';
import { RESTRICTED_READER_ROLES } from '../../domain/access/case-audience';
import { A3_PARTICIPANTS as A3 } from '../../domain/procedures/customs-participants';

export const permissions = {
	'cases:read': ['registrar', 'officer', 'head', 'supervisor', 'complaint_reviewer', 'admin'],
	/**
	 * The `restricted` part of case data and events: the basis of a confidential refusal ground
	 * (001 p.19 para 5). Never sent to applicants, agencies or the wall board; officers read it only
	 * on cases they have in hand (staffAudience in domain/access/case-audience.ts).
	 */
	'cases:read-restricted': RESTRICTED_READER_ROLES,
	'cases:register': ['registrar'],
	'cases:work': ['officer', 'head'],
	'cases:decide': ['head'],
	'board:read': ['registrar', 'officer', 'head', 'supervisor', 'complaint_reviewer', 'admin', 'wallboard'],
	'supervision:read': ['supervisor', 'head', 'admin'],
	/** Period analyses of decided cases and agencies, and their exports: those who answer for compliance. */
	'supervision:analyse': ['supervisor', 'head'],
	'complaints:review': ['complaint_reviewer'],
	/** The complaint list: its reviewers, and those who answer for the decisions complained about. */
	'complaints:read': ['complaint_reviewer', 'supervisor', 'head'],
	'consultations:answer': ['agency_liaison'],
	'users:manage': ['admin'],
	'calendar:manage': ['admin'],
	'tokens:manage': ['admin'],
	'audit:verify': ['admin', 'supervisor'],
	/**
	 * The seven participants of 003 A3 p.7, one permission each; the steps of p.8 are taken by them
	 * (the procedure's steps name the participant; the expert and the legal expert are also different
	 * people, ProcedureStep.performer).
	 */
	'a3:office': A3.office.roles,
	'a3:provider-head': A3['provider-head'].roles,
	'a3:unit-head': A3['unit-head'].roles,
	'a3:chief-expert': A3['chief-expert'].roles,
	'a3:expert': A3.expert.roles,
	'a3:legal-head': A3['legal-head'].roles,
	'a3:legal-expert': A3['legal-expert'].roles
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof permissions;

/** A kiosk session reads the wall board and nothing else, whatever its user's roles. */
const kioskPermissions: ReadonlySet<Permission> = new Set(['board:read']);

export function can(roles: readonly string[], permission: Permission, kiosk = false): boolean {
	if (kiosk && !kioskPermissions.has(permission)) return false;
	const allowed: readonly string[] = permissions[permission];
	return roles.some((r) => allowed.includes(r));
}
