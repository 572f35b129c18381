/**
 * What Merzim tells a user about, and on which channels (ADR-060). Each kind is on by default in
 * the app and by e-mail; a user turns any of them off per channel. Browser notifications follow the
 * in-app ones, when the user allowed them in that browser.
 */
export const NOTIFICATION_KINDS = [
	'assigned',
	'deadline-amber',
	'deadline-red',
	'mentioned',
	'agency-answered',
	'complaint-filed',
	'signature-awaited'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ['app', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const isNotificationKind = (v: string): v is NotificationKind =>
	(NOTIFICATION_KINDS as readonly string[]).includes(v);

export interface PreferenceRow {
	kind: string;
	channel: NotificationChannel;
	enabled: boolean;
}

/** Whether a user wants this kind on this channel: their row if any, else on. */
export function wants(rows: readonly PreferenceRow[], kind: NotificationKind, channel: NotificationChannel): boolean {
	return rows.find((r) => r.kind === kind && r.channel === channel)?.enabled ?? true;
}
