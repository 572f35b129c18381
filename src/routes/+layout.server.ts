import type { LayoutServerLoad } from './$types';
import { userCan } from '$lib/server/auth/guard';
import { searchScope } from '$lib/domain/access/search-scope';
import { nameIn } from '$lib/domain/names/local-names';
import { displayLocale } from '$lib/format';

export const load: LayoutServerLoad = async (event) => {
	const { user, session } = event.locals;
	if (!user || !session?.twoFactorVerified) return { user: null, nav: [], search: null, unread: 0 };
	// Links only to what the server would allow; the labels are translated in the layout.
	const nav = [
		{ href: '/queue', show: userCan(event, 'cases:read') },
		{ href: '/cases', show: userCan(event, 'cases:read') },
		{ href: '/board', show: userCan(event, 'board:read') },
		{ href: '/supervisor', show: userCan(event, 'supervision:read') },
		{ href: '/complaints', show: userCan(event, 'complaints:read') },
		{ href: '/device-lists', show: userCan(event, 'device-lists:work') },
		{ href: '/consultations', show: userCan(event, 'consultations:answer') },
		{ href: '/admin', show: userCan(event, 'users:manage') },
		{ href: '/admin/calendar', show: userCan(event, 'calendar:manage') },
		{ href: '/admin/signers', show: userCan(event, 'users:manage') },
		{ href: '/admin/tokens', show: userCan(event, 'tokens:manage') },
		{ href: '/admin/webhooks', show: userCan(event, 'tokens:manage') },
		{ href: '/account', show: session.kind === 'staff' }
	].filter((n) => n.show);
	// The header's search box (ADR-040): for whoever the search would answer.
	const scope = searchScope({ ...user, userId: user.id, kiosk: session.kind === 'kiosk' });
	// The header's bell (ADR-060): a staff session's unread count; the socket keeps it live.
	const unread = session.kind === 'staff' ? await event.locals.ctx.notifications.unreadCount(user.id) : 0;
	return {
		unread,
		search: scope.kind === 'none' ? null : { liaison: scope.kind === 'agency' },
		user: {
			username: user.username,
			displayName: nameIn(user.displayNames, user.displayName, displayLocale()),
			roles: user.roles,
			kiosk: session.kind === 'kiosk'
		},
		nav: nav.map((n) => n.href)
	};
};
