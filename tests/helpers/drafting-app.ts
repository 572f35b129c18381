/**
 * The set-up the drafting integration tests share: a test app with seven users of every role that
 * matters to a draft, their session cookies, draft clients closed after the file, extra server
 * processes on the same database (a restart or a second node), and small waits on stored state.
 */
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from './test-app';
import { loadConfig } from '../../src/lib/server/config';
import { createAppContext, publishAppContext, type AppContext } from '../../src/lib/server/context';
import { startServer, type RunningServer } from '../../server/app';
import type { DraftingOptions } from '../../src/lib/server/drafting/drafting.service';
import { findCurrentDraft, loadEncodedState } from '../../src/lib/server/drafting/draft.repository';
import { bodyText } from '../../src/lib/server/drafting/draft-state';
import { cookieFor, draftClient, type DraftClient } from './draft-clients';

export const DRAFTING_USERS = [
	['olga', ['officer']],
	['otto', ['officer']],
	['hank', ['head']],
	['hedda', ['head']],
	['sue', ['supervisor']],
	['remy', ['complaint_reviewer']],
	['rita', ['registrar']]
] as const;
export type DraftingUser = (typeof DRAFTING_USERS)[number][0];

export interface DraftingApp {
	/** Set before the file's tests run. */
	app: TestApp;
	ids: Record<string, number>;
	cookies: Record<string, string>;
	/** A draft client of `name` on the case's draft, closed after the file. */
	client(name: string, caseId: string, url?: string, doc?: Y.Doc): Promise<DraftClient>;
	/** The draft's text as stored in the database. */
	storedText(ctx: AppContext, caseId: string): Promise<{ doc: Y.Doc; text: string; draftId: string }>;
	/** Waits until every client's edits are acknowledged (stored). */
	settle(all: DraftClient[]): Promise<void>;
	/** Another server process on the same database (a restart, or a second node). */
	startNode(
		base: AppContext,
		drafting?: DraftingOptions,
		realtime?: { draftAccessTtlMs?: number }
	): Promise<{ ctx: AppContext; server: RunningServer }>;
}

export function useDraftingApp(): DraftingApp {
	const clients: DraftClient[] = [];
	const extraServers: { ctx: AppContext; server: RunningServer }[] = [];
	const h: DraftingApp = {
		app: undefined as unknown as TestApp,
		ids: {},
		cookies: {},
		async client(name, caseId, url = h.app.url, doc) {
			// Each client its own session, as each editor is a browser (a session holds at most 5 sockets).
			const cookie = await cookieFor(h.app.url, name, `10.7.${clients.length % 250}.2`);
			const c = await draftClient(url, cookie, caseId, name, doc);
			clients.push(c);
			return c;
		},
		async storedText(ctx, caseId) {
			const draft = await findCurrentDraft(ctx.db, caseId);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, await loadEncodedState(ctx.db, draft!.id));
			return { doc, text: bodyText(doc), draftId: draft!.id };
		},
		async settle(all) {
			for (;;) {
				if (all.every((c) => c.provider.state.unsaved === 0)) return;
				await new Promise((r) => setTimeout(r, 20));
			}
		},
		async startNode(base, drafting = {}, realtime = {}) {
			const ctx = await createAppContext(loadConfig({ MERZIM_DATA_DIR: '/nonexistent' }), {
				clock: h.app.clock,
				dbHandle: base.dbHandle,
				drafting
			});
			const server = await startServer(ctx, {
				port: 0,
				host: '127.0.0.1',
				sweepMs: 200,
				publishEveryMs: 50,
				gapWaitMs: 300,
				...realtime
			});
			publishAppContext(h.app.ctx); // the pages and API of the main app keep the main context
			const node = { ctx, server };
			extraServers.push(node);
			return node;
		}
	};
	beforeAll(async () => {
		h.app = await startTestApp();
		for (const [name, roles] of DRAFTING_USERS) {
			h.ids[name] = await h.app.createUser(name, [...roles]);
			h.cookies[name] = await cookieFor(h.app.url, name);
		}
	});
	afterAll(async () => {
		for (const c of clients) c.close();
		for (const n of extraServers) await n.server.close().catch(() => {});
		await h.app?.close();
	});
	return h;
}
