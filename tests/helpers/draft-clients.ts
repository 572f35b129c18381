/**
 * Drafting test clients: real `yjs` documents bound to a case's draft by the app's own
 * DraftProvider over real socket.io-client sockets, seeded random edits of the body (paragraphs
 * inserted, text typed and deleted), and a case to draft in.
 */
import * as Y from 'yjs';
import { io as connect } from 'socket.io-client';
import type { Db } from '../../src/lib/server/db/client';
import { eq, sum } from 'drizzle-orm';
import { cases, draftUpdates, organisations } from '../../src/lib/server/db/schema';
import { DraftProvider, type DraftSocket } from '../../src/lib/drafting/draft-provider';
import { BODY_FIELD, bodyText } from '../../src/lib/server/drafting/draft-state';
import type { Rng } from '../../src/lib/domain/reference/prng';
import { HttpClient } from './http-client';
import { TEST_PASSWORD } from './test-app';

/** How many client updates are stored for the draft beside its snapshot (the rows' `updates`). */
export async function countStoredUpdates(db: Db, draftId: string): Promise<number> {
	const [row] = await db
		.select({ n: sum(draftUpdates.updates) })
		.from(draftUpdates)
		.where(eq(draftUpdates.draftId, draftId));
	return Number(row?.n ?? 0);
}

export async function seedCase(
	db: Db,
	opts: { number: string; assigneeId: number | null; bin?: string }
): Promise<string> {
	const [org] = await db
		.insert(organisations)
		.values({
			bin: opts.bin ?? String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999)),
			name: 'ТОО «Қазақ Өнеркәсіп»',
			legalAddress: 'Астана қ., Мәңгілік Ел даңғ., 8',
			city: 'Astana'
		})
		.returning();
	const now = new Date('2026-03-02T04:00:00Z');
	const [c] = await db
		.insert(cases)
		.values({
			number: opts.number,
			service: 'export-licence',
			// After the preliminary refusal on ground 3 and the hearing (001 p.19): the letter is what remains.
			stage: 'hearing-held',
			decision: {
				preliminary: {
					grounds: [3],
					confidential: [],
					hearingAt: '2026-03-04T05:00:00.000Z',
					noticeAt: '2026-03-02T05:00:00.000Z'
				},
				hearing: { heldAt: '2026-03-04T05:00:00.000Z', applicantAttended: true }
			},
			applicantId: org!.id,
			assigneeId: opts.assigneeId,
			unit: 'Export control',
			receivedAt: now,
			registeredOn: '2026-03-02',
			application: {},
			createdAt: now,
			updatedAt: now
		})
		.returning();
	return c!.id;
}

export async function cookieFor(url: string, username: string, ip = '10.7.0.1'): Promise<string> {
	const http = new HttpClient(url, ip);
	const res = await http.signIn(username, TEST_PASSWORD);
	if (res.status !== 201) throw new Error(`sign-in of ${username} failed: ${res.status}`);
	return http.cookieHeader();
}

export interface DraftClient {
	name: string;
	doc: Y.Doc;
	socket: DraftSocket;
	provider: DraftProvider;
	/** Every update the server acknowledged as stored. */
	acked: Uint8Array[];
	/** Every update this client received from the others. */
	received: Uint8Array[];
	text(): string;
	close(): void;
}

export function openSocket(
	url: string,
	cookie: string,
	opts: { reconnection?: boolean; headers?: Record<string, string> } = {}
): DraftSocket {
	return connect(url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie, origin: url, ...opts.headers },
		forceNew: true,
		reconnection: opts.reconnection ?? false
	});
}

export async function draftClient(
	url: string,
	cookie: string,
	caseId: string,
	name: string,
	doc = new Y.Doc()
): Promise<DraftClient> {
	const socket = openSocket(url, cookie);
	const acked: Uint8Array[] = [];
	const received: Uint8Array[] = [];
	const provider = new DraftProvider({ socket, caseId, doc, onStored: (u) => acked.push(u) });
	doc.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin === provider) received.push(u);
	});
	await Promise.race([provider.whenSynced(), refusedOrTimeout(provider, 10_000)]);
	return {
		name,
		doc,
		socket,
		provider,
		acked,
		received,
		text: () => bodyText(doc),
		close: () => (provider.destroy(), socket.disconnect())
	};
}

async function refusedOrTimeout(provider: DraftProvider, ms: number) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (provider.state.phase === 'refused') return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error('draft client did not sync in time');
}

const ALPHABET = 'абвгдеәғқңөұүһі abc 019.,';

/** One random edit of the body: a new paragraph, typing somewhere, or deleting a few characters. */
export function randomEdit(doc: Y.Doc, rng: Rng): void {
	const body = doc.getXmlFragment(BODY_FIELD);
	const paragraphs = body.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
	const roll = rng.next();
	if (paragraphs.length === 0 || roll < 0.1) {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(randomWord(rng))]);
		body.insert(rng.int(0, body.length), [p]);
		return;
	}
	const p = rng.pick(paragraphs);
	let text = p.get(0);
	if (!(text instanceof Y.XmlText)) {
		text = new Y.XmlText('');
		p.insert(0, [text]);
	}
	const t = text as Y.XmlText;
	if (roll < 0.75 || t.length === 0) t.insert(rng.int(0, t.length), randomWord(rng));
	else {
		const at = rng.int(0, t.length - 1);
		t.delete(at, Math.min(rng.int(1, 4), t.length - at));
	}
}

function randomWord(rng: Rng): string {
	let w = '';
	for (let i = rng.int(1, 5); i > 0; i--) w += ALPHABET[rng.int(0, ALPHABET.length - 1)];
	return w;
}

/** Waits until every client has the same document (state vector and text). */
export async function converged(clients: DraftClient[], ms = 15_000): Promise<void> {
	const end = Date.now() + ms;
	const same = () => {
		const [first, ...rest] = clients;
		const vector = Buffer.from(Y.encodeStateVector(first!.doc)).toString('hex');
		return rest.every(
			(c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('hex') === vector && c.text() === first!.text()
		);
	};
	while (!same()) {
		if (Date.now() > end)
			throw new Error(
				`clients did not converge:\n${clients.map((c) => `${c.name}: ${JSON.stringify(c.text()).slice(0, 200)}`).join('\n')}`
			);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Is everything in `updates` already contained in `doc` (applying them changes nothing)? */
export function contains(doc: Y.Doc, updates: Uint8Array[]): boolean {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.snapshot(copy);
	for (const u of updates) Y.applyUpdate(copy, u);
	return Y.equalSnapshots(before, Y.snapshot(copy));
}
