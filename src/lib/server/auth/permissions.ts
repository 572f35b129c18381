/**
 * Who may do what. Checked on the server for every page, action, API call and socket event; the UI
 * only hides what the server would refuse anyway.
 */
import type { RoleName } from '../db/schema';

export const permissions = {
	'cases:read': ['registrar', 'officer', 'head', 'supervisor', 'complaint_reviewer', 'admin'],
	/**
	 * The `restricted` part of case data and events: the basis of a confidential refusal ground
	 * (001 p.19 para 5, ADR-009). Never sent to applicants, agencies or the wall board.
	 */
	'cases:read-restricted': ['officer', 'head', 'supervisor'],
	'cases:register': ['registrar'],
	'cases:work': ['officer', 'head'],
	'cases:decide': ['head'],
	'board:read': ['registrar', 'officer', 'head', 'supervisor', 'complaint_reviewer', 'admin', 'wallboard'],
	'supervision:read': ['supervisor', 'head', 'admin'],
	'complaints:review': ['complaint_reviewer'],
	/** The complaint list: its reviewers, and those who answer for the decisions complained about. */
	'complaints:read': ['complaint_reviewer', 'supervisor', 'head'],
	'consultations:answer': ['agency_liaison'],
	'users:manage': ['admin'],
	'calendar:manage': ['admin'],
	'tokens:manage': ['admin'],
	'audit:verify': ['admin', 'supervisor']
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof permissions;

/** A kiosk session reads the wall board and nothing else, whatever its user's roles. */
const kioskPermissions: ReadonlySet<Permission> = new Set(['board:read']);

export function can(roles: readonly string[], permission: Permission, kiosk = false): boolean {
	if (kiosk && !kioskPermissions.has(permission)) return false;
	const allowed: readonly string[] = permissions[permission];
	return roles.some((r) => allowed.includes(r));
}
