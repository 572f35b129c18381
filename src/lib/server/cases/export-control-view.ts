/**
 * The export-control facts of an export or general licence case (001 pp.17–18) as the case page
 * and the API show them: risk information recorded after registration. Read from the case record.
 */
import type { CaseRecord } from '../../domain/procedures';

export interface ExportControlView {
	riskInformation: { source: string; summary: string; receivedAt: string; recordedAt: string } | null;
}

export function exportControlView(record: unknown): ExportControlView {
	const r = (record ?? {}) as CaseRecord;
	return { riskInformation: r.riskInformation ?? null };
}
