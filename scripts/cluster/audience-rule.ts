/**
 * What each client of the cluster test may receive, written out from the need-to-know rule as the
 * acts and ADR-014 state it — not imported from the server's code, so a server that routes wrongly
 * fails the test: supervisors every case event; an officer the events of their unit's cases and of
 * unassigned ones; an agency liaison only consultation events naming their own agency.
 */
export type Role = { kind: 'supervisor' } | { kind: 'officer'; unit: string } | { kind: 'liaison'; agency: string };

export interface CommittedEvent {
	id: number;
	type: string;
	unit: string | null;
	assigned: boolean;
	agency: string | null;
}

export function mayReceive(role: Role, e: CommittedEvent): boolean {
	if (role.kind === 'supervisor') return true;
	if (role.kind === 'officer') return !e.assigned || e.unit === role.unit;
	return e.type.startsWith('consultation:') && e.agency === role.agency;
}

export const roleKey = (r: Role) =>
	r.kind === 'officer' ? `officer:${r.unit}` : r.kind === 'liaison' ? `liaison:${r.agency}` : r.kind;
