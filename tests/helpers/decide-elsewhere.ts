/**
 * A case decided behind the built server's back, as another server process would decide it: the
 * case granted and its `case:decided` event (001 p.20) appended in one transaction, so the server
 * hears of it through its outbox as it would in production.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { cases } from '../../src/lib/server/db/schema';
import { appendCaseEvent } from '../../src/lib/server/audit/audit.repository';

export async function decideElsewhere(db: Db, number: string): Promise<void> {
	const now = new Date();
	await db.transaction(async (tx) => {
		const [c] = await tx
			.update(cases)
			.set({ stage: 'granted', decidedAt: now, updatedAt: now })
			.where(eq(cases.number, number))
			.returning();
		await appendCaseEvent(tx, c!.id, {
			type: 'case:decided',
			actor: { userId: null, label: 'system' },
			at: now,
			citation: '001 p.20',
			after: { stage: 'granted' }
		});
	});
}
