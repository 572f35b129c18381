/** The page's calls to the drafting API (same origin, session cookie); errors come back as text. */
import type { VersionDiff } from '$lib/domain/drafting/version-diff';

export interface VersionItem {
	id: string;
	chain: number;
	number: number;
	name: string;
	createdBy: string | null;
	createdAt: string;
}

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

async function call<T>(path: string, init?: RequestInit): Promise<Result<T>> {
	const res = await fetch(path, {
		...init,
		headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) }
	});
	const body = (await res.json().catch(() => ({}))) as T & { error?: string };
	return res.ok ? { ok: true, data: body } : { ok: false, error: body.error ?? res.statusText };
}

const base = (caseId: string) => `/api/v1/cases/${caseId}/draft`;

export const draftApi = {
	versions: (caseId: string) => call<{ versions: VersionItem[] }>(`${base(caseId)}/versions`),
	saveVersion: (caseId: string, name: string) =>
		call<VersionItem>(`${base(caseId)}/versions`, { method: 'POST', body: JSON.stringify({ name }) }),
	diff: (caseId: string, from: string, to: string) =>
		call<VersionDiff>(`${base(caseId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
	sign: (caseId: string) =>
		call<{ sha256: string; signer: string; signedAt: string; letterNumber: string }>(`${base(caseId)}/sign`, {
			method: 'POST',
			body: '{}'
		}),
	newChain: (caseId: string) => call<{ chain: number }>(`${base(caseId)}/chains`, { method: 'POST', body: '{}' }),
	pdfUrl: (caseId: string) => `${base(caseId)}/pdf`
};
