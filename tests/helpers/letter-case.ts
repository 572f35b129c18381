/**
 * A demo case brought to the point where the refusal letter is written (001 p.19): awaiting its
 * hearing (or, failing that, under review and given a preliminary refusal here), assigned to
 * `officer`, the hearing recorded. The built server runs on PostgreSQL so the case can be picked.
 */
import { expect } from 'vitest';
import postgres from 'postgres';
import { HttpClient } from './http-client';

/** Returns the case's id; `ipPrefix` keeps each test file's sign-ins in its own rate-limit bucket. */
export async function caseAwaitingLetter(app: { databaseUrl: string; server: { url: string } }, ipPrefix: string) {
	const db = postgres(app.databaseUrl, { max: 1, onnotice: () => {} });
	const [row] =
		await db`select id, stage from cases where (stage = 'hearing' and decision ? 'preliminary') or (stage = 'under-review' and service in ('import-licence', 'licence-reissue-separation')) order by stage = 'hearing' desc, number limit 1`;
	await db.end();
	const caseId = row!.id as string;
	const as = async (username: string) => {
		const c = new HttpClient(app.server.url, `${ipPrefix}.${username.length}`);
		expect((await c.signIn(username, 'merzim-demo')).status).toBe(201);
		return c;
	};
	const head = await as('head');
	const officer = await as('officer');
	await head.postJson(`/api/v1/cases/${caseId}/actions/assign`, { username: 'officer' }); // 409 if already hers
	if (row!.stage === 'under-review') {
		const notice = await officer.postJson(`/api/v1/cases/${caseId}/actions/issue-preliminary-refusal`, {
			grounds: [3],
			hearingAt: new Date(Date.now() + 3_600_000).toISOString(),
			hearingPlace: 'Astana, Mangilik El 8, room 412',
			notice: { channel: 'portal', sentAt: new Date().toISOString(), proof: 'Portal delivery receipt' }
		});
		expect(notice.status).toBe(200);
	}
	expect(
		(await officer.postJson(`/api/v1/cases/${caseId}/actions/record-hearing`, { applicantAttended: true })).status
	).toBe(200);
	return caseId;
}
