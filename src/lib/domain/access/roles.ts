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
