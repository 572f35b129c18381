/** A document as the API lists it (`GET /api/v1/cases/{id}/documents`). */
import type { documents } from '../db/schema';
import type { DocumentJson } from '../../types/desk';

type Row = typeof documents.$inferSelect;

export function documentJson(d: Row): DocumentJson {
	return {
		id: d.id,
		caseId: d.caseId,
		kind: d.kind,
		version: d.version,
		number: d.number,
		title: d.title,
		citation: d.citation,
		state: d.deliveredAt ? 'delivery-confirmed' : d.downloadedAt ? 'delivered' : d.signedAt ? 'signed' : 'draft',
		sha256: d.sha256,
		createdAt: d.createdAt.toISOString(),
		signedAt: d.signedAt?.toISOString() ?? null,
		signedBy: d.signerName ?? null,
		demoCertificate: d.demoCertificate ?? false,
		presentationDue: d.presentationDue ?? null,
		downloadedAt: d.downloadedAt?.toISOString() ?? null,
		deliveredAt: d.deliveredAt?.toISOString() ?? null,
		delivery: d.deliveredAt ? { channel: d.deliveryChannel, reference: d.deliveryReference } : null,
		url: `/api/v1/cases/${d.caseId}/documents/${d.id}`,
		verificationUrl: `/api/v1/documents/${d.id}/verification`
	};
}
