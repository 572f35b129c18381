/**
 * The header bell's state (ADR-060): the unread count from the page load, then live from the app
 * socket's `notification:created` (sent only to this user's sockets). While the tab is hidden and
 * the user turned browser notifications on here, each new one is also shown by the browser.
 * Opened, the bell shows the latest ones (`GET /api/v1/me/notifications`) and marks those shown
 * read (`PATCH`); a push while it is open joins the list.
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

/** One line of the bell's list, as the API and the push give it. */
export interface BellItem {
	id: number;
	caseId: string | null;
	text: string;
	onBehalfOf: string | null;
	createdAt: string;
	read: boolean;
}

/** How many the opened bell shows; the rest are on /notifications. */
export const BELL_ITEMS = 8;

export class NotificationBell {
	unread = $state(0);
	latest = $state<NotificationPush | null>(null);
	items = $state<BellItem[]>([]);
	open = $state(false);
	failed = $state(false);
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
			if (!this.items.some((i) => i.id === n.id))
				this.items = [{ ...n, read: false }, ...this.items].slice(0, BELL_ITEMS);
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

	/** Opens the list: the latest from the server, then those shown marked read. */
	async show(): Promise<void> {
		this.open = true;
		this.failed = false;
		try {
			const r = await fetch(`/api/v1/me/notifications?limit=${BELL_ITEMS}`, {
				headers: { accept: 'application/json' }
			});
			if (!r.ok) throw new Error(String(r.status));
			const page = (await r.json()) as { items: BellItem[]; unread: number };
			this.items = page.items;
			this.unread = page.unread;
			const unseen = page.items.filter((i) => !i.read).map((i) => i.id);
			if (unseen.length === 0) return;
			const marked = await fetch('/api/v1/me/notifications', {
				method: 'PATCH',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ ids: unseen })
			});
			if (!marked.ok) throw new Error(String(marked.status));
			this.unread = ((await marked.json()) as { unread: number }).unread;
		} catch {
			this.failed = true;
		}
	}

	hide(): void {
		this.open = false;
		// Shown while open: read now (the list keeps the "new" mark until the next opening).
		this.items = this.items.map((i) => ({ ...i, read: true }));
	}
}
