/**
 * When the applicant (through the portal) may add documents to its own case. The acts let it
 * submit documents with the application (001 p.11, p.15; 000 p.5, p.11) — so while the case is in
 * its completeness check — and state its position before a refusal at the hearing (001 p.19 para 3;
 * 000 p.13), so while the preliminary refusal awaits the hearing. Never after the decision.
 */
export const APPLICANT_ATTACH_STAGES: Readonly<Record<string, string>> = {
	'completeness-check': '001 p.15',
	hearing: '001 p.19'
};

export function applicantMayAttach(c: { stage: string; decidedAt: Date | string | null }): string | null {
	if (c.decidedAt) return null;
	return APPLICANT_ATTACH_STAGES[c.stage] ?? null;
}
