/**
 * The queue's "after the decision" section (ADR-084): decided cases whose certificate's six-month
 * presentation term runs (000 Annex 4 form 1 item 12; form 2 item 9; ADR-065), nearest due first,
 * in the queue's tab and service scope; a lapsed term leaves it. Over real HTTP (the server-rendered
 * queue) and the loader, on a simulated clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/lib/server/db/schema';
import { createCalendar } from '../../src/lib/domain/calendar';
import { loadPresentationTerms } from '../../src/lib/server/queue/presentation-terms';
import { loadQueue } from '../../src/lib/server/queue/queue.service';
import { giveSigningKey } from '../helpers/signing-key';
import { startProcedureHarness, type Json, type ProcedureHarness } from '../helpers/procedure-harness';

let h: ProcedureHarness;
const PIN = '3579';
const calendar = createCalendar({});
const DAY = 86_400_000;

const userOf = async (username: string) =>
	(await h.app.ctx.db.select().from(users).where(eq(users.username, username)))[0]!;

beforeAll(async () => {
	h = await startProcedureHarness('10.62.0');
	await h.signedIn('officer2', ['officer']);
	const head = await userOf('head');
	await giveSigningKey(h.app.ctx, {
		userId: head.id,
		commonName: 'head Демо',
		pin: PIN,
		now: h.app.ctx.clock.now()
	});
}, 120_000);
afterAll(() => h?.close());

/** Registered, assigned, found complete: the case is under review. */
async function underReview(service: string, assignee: string) {
	const { status, body } = await h.submit({ service, firstExportToCounterparty: undefined });
	expect(status).toBe(201);
	expect((await h.action('head', body.id, 'assign', { username: assignee })).status).toBe(200);
	expect((await h.action(assignee, body.id, 'complete-check', { complete: true })).status).toBe(200);
	return body as Json;
}

/** Granted and its certificate signed by the head: the presentation term starts. */
async function granted(c: Json, kind: string) {
	expect((await h.action('head', c.id, 'decide', { outcome: 'grant' })).body.stage).toBe('granted');
	const listed = (await (await h.staff.head!.get(`/api/v1/cases/${c.id}/documents`)).json()) as Json;
	const draft = (listed.documents as Json[]).find((d) => d.kind === kind)!;
	const signed = await h.staff.head!.postJson(`/api/v1/documents/${draft.id}/signature`, { pin: PIN });
	expect(signed.status).toBe(200);
	return (await signed.json()) as Json;
}

/** The case numbers of the section as the queue page renders it, in order. */
async function section(user: string, query: string): Promise<string[]> {
	const res = await h.staff[user]!.get(`/queue?${query}`);
	expect(res.status).toBe(200);
	const html = await res.text();
	const at = html.indexOf('data-testid="presentation-terms"');
	if (at < 0) return [];
	const part = html.slice(at, html.indexOf('</section>', at));
	return [...part.matchAll(/data-case="([^"]+)"/g)].map((x) => x[1]!);
}

/** The simulated clock moves sessions too: sign the staff in again after a jump. */
async function signInAgain() {
	for (const name of ['head', 'officer', 'officer2']) await h.signedIn(name, []);
}

describe('the queue after the decision (ADR-084)', () => {
	it('lists decided cases with a running presentation term by its due, in the tab’s scope, until it lapses', async () => {
		// x is registered first (the lower number) but its certificate is signed later: y is due first.
		const x = await underReview('end-user-certificate', 'officer');
		const y = await underReview('import-certificate', 'officer2');
		const open = await underReview('end-user-certificate', 'officer');
		const ySigned = await granted(y, 'import-certificate');
		h.app.clock.set(new Date(h.app.ctx.clock.now().getTime() + 3 * DAY));
		await signInAgain();
		const xSigned = await granted(x, 'end-user-certificate');
		expect(xSigned.presentationDue > ySigned.presentationDue).toBe(true);
		expect(x.number < y.number).toBe(true);

		// The page: both in the section, nearest due first; the undecided case is in the queue, not here.
		expect(await section('officer', 'tab=all')).toEqual([y.number, x.number]);
		const officer = await userOf('officer');
		const me = { id: officer.id, unit: officer.unit, roles: ['officer' as const] };
		const q = await loadQueue(h.app.ctx.db, calendar, h.app.ctx.clock.now(), me, { tab: 'all' });
		const queued = [...q.active, ...q.suspended].map((r) => r.number);
		expect(queued).toContain(open.number);
		expect(queued).not.toContain(x.number);
		const terms = await loadPresentationTerms(h.app.ctx.db, calendar, me, { tab: 'all' });
		expect(terms.more).toBe(false);
		expect(terms.rows.map((r) => r.number)).toEqual([y.number, x.number]);
		expect(terms.rows[0]).toMatchObject({
			id: y.id,
			document: { kind: 'import-certificate', number: ySigned.number },
			dueDate: ySigned.presentationDue,
			citation: '000 Annex 4 form 1 item 12; form 2 item 9'
		});
		expect(terms.rows[1]).toMatchObject({ document: { kind: 'end-user-certificate', number: xSigned.number } });

		// The tab and the service filter scope it as they scope the queue.
		expect(await section('officer', 'tab=mine')).toEqual([x.number]);
		expect(await section('officer2', 'tab=mine')).toEqual([y.number]);
		expect(await section('officer', 'tab=unassigned')).toEqual([]);
		expect(await section('officer', 'tab=all&service=import-certificate')).toEqual([y.number]);

		// y's term runs out: the scheduler records the lapse and closes the clock; y leaves the section.
		const yDue = new Date(terms.rows[0]!.due);
		h.app.clock.set(new Date(yDue.getTime() + 60_000));
		await h.app.ctx.scheduler.tick();
		await h.app.ctx.scheduler.tick();
		await signInAgain();
		expect(await section('officer', 'tab=all')).toEqual([x.number]);
	});
});
