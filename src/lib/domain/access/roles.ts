/**
 * The one list of roles a user can hold (stored in `roles` and `user_roles`, granted by an admin).
 * Staff roles act on cases; `wallboard` is the kiosk account that only shows the board.
 */
export const ROLES = [
	'registrar',
	'officer',
	'head',
	'supervisor',
	'complaint_reviewer',
	'agency_liaison',
	'admin',
	'wallboard'
] as const;

export type Role = (typeof ROLES)[number];

/** The roles a procedure rule may name (the kiosk account takes no action). */
export type StaffRole = Exclude<Role, 'wallboard'>;

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * The roles among values read at a boundary (a text column of the database): only those this
 * build knows are carried on, so nothing downstream holds a role the policy cannot decide on.
 */
export const knownRoles = (values: readonly (string | null | undefined)[]): Role[] =>
	values.filter((v): v is Role => typeof v === 'string' && isRole(v));
