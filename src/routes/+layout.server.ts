import type { LayoutServerLoad } from './$types';
import { userCan } from '$lib/server/auth/guard';

export const load: LayoutServerLoad = async (event) => {
	const { user, session } = event.locals;
	if (!user || !session?.twoFactorVerified) return { user: null, nav: [] };
	const nav = [
		{ href: '/cases', label: 'Cases', show: userCan(event, 'cases:read') },
		{ href: '/board', label: 'Board', show: userCan(event, 'board:read') },
		{ href: '/consultations', label: 'Consultations', show: userCan(event, 'consultations:answer') },
		{ href: '/admin', label: 'Admin', show: userCan(event, 'users:manage') },
		{ href: '/admin/calendar', label: 'Calendar', show: userCan(event, 'calendar:manage') },
		{ href: '/account', label: 'Account', show: session.kind === 'staff' }
	].filter((n) => n.show);
	return {
		user: { username: user.username, displayName: user.displayName, roles: user.roles, kiosk: session.kind === 'kiosk' },
		nav: nav.map(({ href, label }) => ({ href, label }))
	};
};
