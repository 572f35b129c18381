/**
 * The header bell's state (ADR-060): the unread count from the page load, then live from the app
 * socket's `notification:created` (sent only to this user's sockets). While the tab is hidden and
 * the user turned browser notifications on here, each new one is also shown by the browser.
 */
import { acquireAppSocket } from '$lib/realtime/app-socket';
import type { NotificationPush } from '$lib/realtime/contract';

export const BROWSER_OPT_IN_KEY = 'merzim.notify.browser';

export function browserNotificationsOn(): boolean {
	return (
		typeof Notification !== 'undefined' &&
		Notification.permission === 'granted' &&
		localStorage.getItem(BROWSER_OPT_IN_KEY) === 'on'
	);
}

export class NotificationBell {
	unread = $state(0);
	latest = $state<NotificationPush | null>(null);
	#release: (() => void) | null = null;

	constructor(initial: number) {
		this.unread = initial;
	}

	/** Starts listening; returns the cleanup. */
	listen(): () => void {
		const { socket, release } = acquireAppSocket();
		const onCreated = (n: NotificationPush) => {
			this.unread = n.unread;
			this.latest = n;
			if (document.hidden && browserNotificationsOn()) {
				const shown = new Notification(n.text, { tag: `merzim-${n.id}` });
				shown.onclick = () => {
					window.focus();
					if (n.caseId) window.location.assign(`/cases/${n.caseId}`);
				};
			}
		};
		socket.on('notification:created', onCreated);
		this.#release = () => {
			socket.off('notification:created', onCreated);
			release();
		};
		return () => this.#release?.();
	}
}
