/** The page's calls to the drafting API (same origin, session cookie); errors come back as text. */
import type { VersionDiff } from '$lib/domain/drafting/version-diff';
import { callApi } from '$lib/api-fetch';

export interface VersionItem {
	id: string;
	chain: number;
	number: number;
	name: string;
	createdBy: string | null;
	createdAt: string;
}

const base = (caseId: string) => `/api/v1/cases/${caseId}/draft`;

export const draftApi = {
	versions: (caseId: string) => callApi<{ versions: VersionItem[] }>(`${base(caseId)}/versions`),
	saveVersion: (caseId: string, name: string) => callApi<VersionItem>(`${base(caseId)}/versions`, { body: { name } }),
	diff: (caseId: string, from: string, to: string) =>
		callApi<VersionDiff>(`${base(caseId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
	sign: (caseId: string, pin: string) =>
		callApi<{ sha256: string; signer: string; signedAt: string; letterNumber: string; documentId: string }>(
			`${base(caseId)}/sign`,
			{ body: { pin } }
		),
	newChain: (caseId: string) => callApi<{ chain: number }>(`${base(caseId)}/chains`, { body: {} }),
	pdfUrl: (caseId: string) => `${base(caseId)}/pdf`
};
