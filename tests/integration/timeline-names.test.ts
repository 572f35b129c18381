/**
 * The case page's timeline names people by their display names in the page language (ADR-062):
 * the acting user and an assignment's assignee come with each event from one query — the number
 * of queries does not grow with the number of people on the timeline (no N+1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import { users } from '../../src/lib/server/db/schema';
import { appendCaseEvents } from '../../src/lib/server/audit/audit.repository';
import { getCase } from '../../src/lib/server/cases/cases.repository';
import { timelineSentence } from '../../src/lib/i18n/timeline-sentence';
import { createTestDb } from '../helpers/test-db';
import { seedCase } from '../helpers/draft-clients';

let h: DbHandle;
let caseId: string;
const PEOPLE = 12;
beforeAll(async () => {
	h = await createTestDb();
	const now = new Date('2026-03-02T04:00:00Z');
	const made = await h.db
		.insert(users)
		.values(
			Array.from({ length: PEOPLE }, (_, i) => ({
				username: `person${i}`,
				displayName: `Person ${i}`,
				displayNames: { kk: `Адам ${i}`, ru: `Человек ${i}` },
				passwordHash: 'x',
				createdAt: now,
				updatedAt: now
			}))
		)
		.returning();
	caseId = await seedCase(h.db, { number: 'EL-2026-TL-1', assigneeId: null });
	await appendCaseEvents(
		h.db,
		caseId,
		made.map((u, i) => ({
			type: 'case:assigned',
			actor: { userId: u.id, label: u.username },
			at: new Date(now.getTime() + i * 60_000),
			after: { assigneeId: made[(i + 1) % PEOPLE]!.id, assignee: made[(i + 1) % PEOPLE]!.username }
		}))
	);
	await appendCaseEvents(h.db, caseId, [{ type: 'note:added', actor: { userId: null, label: 'system' }, at: now }]);
});
afterAll(async () => {
	await h?.close();
});

/** Counts the statements `run` sends, through drizzle's query logger (a no-op one unless configured). */
async function countQueries<T>(run: () => Promise<T>): Promise<{ value: T; queries: number }> {
	const logger = (h.db as unknown as { session: { logger: { logQuery(q: string): void } } }).session.logger;
	const original = logger.logQuery.bind(logger);
	let queries = 0;
	logger.logQuery = () => void queries++;
	try {
		return { value: await run(), queries };
	} finally {
		logger.logQuery = original;
	}
}

describe('the timeline names people in the page language', () => {
	it.each([
		['kk', 'Адам 0', 'Адам 1'],
		['ru', 'Человек 0', 'Человек 1'],
		['en', 'Person 0', 'Person 1']
	] as const)('in %s, actor and assignee by name, never by login', async (locale, actor, assignee) => {
		const c = (await getCase(h.db, caseId, locale))!;
		const first = c.events.find((e) => e.actorLabel === 'person0')!;
		expect(first.actorName).toBe(actor);
		expect(first.assigneeName).toBe(assignee);
		const line = timelineSentence(
			{
				type: first.type,
				actor: first.actorLabel,
				actorName: first.actorName,
				assigneeName: first.assigneeName,
				at: null,
				citation: null,
				after: first.after
			},
			locale
		);
		expect(line.text).toContain(actor);
		expect(line.text).toContain(assignee);
		expect(line.text).not.toMatch(/person\d/);
		// The system has no user: its label is turned into a word, not joined to a name.
		expect(c.events.find((e) => e.type === 'note:added')?.actorName).toBeNull();
	});

	it('reads the events with their people in one query, however many people act', async () => {
		const few = await countQueries(() => getCase(h.db, caseId, 'kk'));
		expect(few.value!.events).toHaveLength(PEOPLE + 1);
		// The case, its events (with names), clocks, consultations and MFA checks: five statements.
		expect(few.queries).toBe(5);
	});
});
