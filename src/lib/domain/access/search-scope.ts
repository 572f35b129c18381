/**
 * Which cases a search (the header's box, `GET /api/v1/search`) and the `/cases` list may show to
 * whom, and by what (ADR-040). The same rules as a case page: staff read cases, restricted data
 * is never searched or shown; beyond them:
 * - a device-verification case (004) carries confidential customs information used only by the
 *   officials who work it (004 P 14–15): it is found only as confidential-cases.ts `mayReadCase`
 *   allows — heads, its assigned officer, and any officer while it is unassigned;
 * - an agency liaison finds only cases its agency is consulted on, and only by what the agency
 *   is shown of them (number, goods codes; consultationForAgency), never by the applicant.
 */
import type { Role } from './roles';
/** The roles that read cases (permission `cases:read`). */
const CASE_READER_ROLES = ['registrar', 'officer', 'head', 'supervisor', 'complaint_reviewer', 'admin'];
/** Who reads every device-verification case (confidential-cases.ts, 004 P 14–15). */
const ALL_DEVICE_CASES_ROLES = ['head'];

export interface SearchViewer {
	userId: number;
	roles: readonly Role[];
	unit: string | null;
	agencyCode: string | null;
	kiosk?: boolean;
}

export type SearchScope =
	| { kind: 'none' }
	/** Staff: every case, device-verification ones only as `devices` says. */
	| {
			kind: 'staff';
			devices: 'all' | 'none' | { assigneeId: number; unit: string | null };
	  }
	/** A liaison: the cases its agency is consulted on, by number and codes only. */
	| { kind: 'agency'; agency: string };

export const DEVICE_SERVICE = 'device-verification';

export function searchScope(v: SearchViewer): SearchScope {
	if (v.kiosk) return { kind: 'none' };
	if (v.roles.some((r) => CASE_READER_ROLES.includes(r))) {
		if (v.roles.some((r) => ALL_DEVICE_CASES_ROLES.includes(r))) return { kind: 'staff', devices: 'all' };
		// An officer: the device cases assigned to them and unassigned ones, not the unit's (004 P 14–15).
		if (v.roles.includes('officer')) return { kind: 'staff', devices: { assigneeId: v.userId, unit: null } };
		return { kind: 'staff', devices: 'none' };
	}
	if (v.roles.includes('agency_liaison') && v.agencyCode) return { kind: 'agency', agency: v.agencyCode };
	return { kind: 'none' };
}

/** Whether the search may match a case by this kind of key for the scope. */
export function scopeMatchesBy(scope: SearchScope, kind: 'number' | 'code' | 'name' | 'bin' | 'imei' | 'ext'): boolean {
	if (scope.kind === 'none') return false;
	if (scope.kind === 'staff') return true;
	return kind === 'number' || kind === 'code';
}

/** Whether a staff scope may open this case at all (the rule above, for one case). */
export function scopeSeesCase(
	scope: SearchScope,
	c: { service: string; assigneeId: number | null; unit: string | null }
): boolean {
	if (scope.kind !== 'staff') return false;
	if (c.service !== DEVICE_SERVICE || scope.devices === 'all') return true;
	if (scope.devices === 'none') return false;
	return (
		c.assigneeId === null ||
		c.assigneeId === scope.devices.assigneeId ||
		(c.unit !== null && c.unit === scope.devices.unit)
	);
}
