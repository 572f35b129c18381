/**
 * The export-control facts of an export or general licence case (001 pp.17–18, Annex 1 row 3) as
 * the case page shows them: the control-system requests and answers, the risk assessment, risk
 * information recorded after registration, and information awaited from abroad.
 */
import type { CaseRecord } from '../../domain/procedures';
import type { ExportControlView } from '../../types/desk';

export function exportControlView(
	record: unknown,
	requests: {
		agencyCode: string;
		requestedAt: Date;
		answeredAt: Date | null;
		risks: boolean | null;
		information: string | null;
	}[] = []
): ExportControlView {
	const r = (record ?? {}) as CaseRecord;
	return {
		controlRequests: requests.map((c) => ({
			agency: c.agencyCode,
			requestedAt: c.requestedAt.toISOString(),
			answeredAt: c.answeredAt?.toISOString() ?? null,
			risks: c.risks,
			information: c.information
		})),
		riskAssessment: r.riskAssessment ?? null,
		riskInformation: r.riskInformation ?? null,
		foreignInformation: r.foreignInformation ?? []
	};
}
