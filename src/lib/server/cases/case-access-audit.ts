/**
 * Every read of a confidential case is recorded (004 P 15: those with access do not spread the
 * information; the record shows who had it): an audit row on the stream `case-access:<id>`, in the
 * hash-chained audit trail (ADR-017), never a case event (which would be published to sockets).
 */
import type { Executor } from '../db/client';
import { appendAuditEvent } from '../audit/audit.repository';
import { confidentialityOf } from '../../domain/access/confidential-cases';

export async function auditCaseRead(
	ex: Executor,
	c: { id: string; service: string },
	reader: { userId: number; username: string },
	via: 'page' | 'api',
	at: Date
): Promise<void> {
	const citation = confidentialityOf(c.service);
	if (!citation) return;
	await appendAuditEvent(ex, `case-access:${c.id}`, {
		type: 'case:read',
		actor: { userId: reader.userId, label: reader.username },
		at,
		citation,
		before: null,
		after: { via }
	});
}
