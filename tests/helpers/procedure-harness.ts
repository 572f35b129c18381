/**
 * A test app with the staff, the portal's integration token and the helpers every procedure flow
 * needs: submit an application as the portal, act as a signed-in user, read a clock of a case.
 */
import { licenceForm } from './licence-form';
import { expect } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from './test-app';
import { HttpClient } from './http-client';
import type { Role } from '../../src/lib/domain/access/roles';
import { thermalImagingModule } from './goods-lines';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Monday 2 March 2026, 09:00 Almaty. */
export const HARNESS_START = '2026-03-02T04:00:00.000Z';

export interface ProcedureHarness {
	app: TestApp;
	staff: Record<string, HttpClient>;
	signedIn(username: string, roles: Role[]): Promise<HttpClient>;
	submit(over?: Json): Promise<{ status: number; body: Json }>;
	action(user: string, caseId: string, name: string, body?: unknown): Promise<{ status: number; body: Json }>;
	view(user: string, caseId: string): Promise<{ status: number; body: Json }>;
	close(): Promise<void>;
}

export const clockOf = (c: Json, kind: string, subject: string | null = null) =>
	(c.clocks as Json[]).find((k) => k.kind === kind && k.subject === subject)!;

/** The staff users of the flows: name → roles. */
const STAFF: Record<string, Role[]> = {
	admin: ['admin'],
	officer: ['officer'],
	head: ['head'],
	head2: ['head'],
	reviewer: ['complaint_reviewer']
};

export async function startProcedureHarness(
	ipPrefix: string,
	o: { env?: Record<string, string>; context?: Parameters<typeof startTestApp>[2] } = {}
): Promise<ProcedureHarness> {
	const app = await startTestApp({ MERZIM_CLOCK: 'simulated', ...o.env }, {}, o.context);
	app.clock.set(new Date(HARNESS_START));
	const staff: Record<string, HttpClient> = {};
	let seq = 0;
	const signedIn = async (username: string, roles: Role[]) => {
		if (roles.length) await app.createUser(username, roles);
		const c = new HttpClient(app.url, `${ipPrefix}.${++seq}`);
		expect((await c.signIn(username, TEST_PASSWORD)).status).toBe(201);
		staff[username] = c;
		return c;
	};
	for (const [name, roles] of Object.entries(STAFF)) await signedIn(name, roles);
	const res = await staff.admin!.postJson('/api/v1/admin/tokens', { name: 'portal integration', kind: 'portal' });
	expect(res.status).toBe(201);
	const token = ((await res.json()) as Json).token as string;

	const application = (over: Json) => ({
		service: 'export-licence',
		externalId: `EGOV-${ipPrefix}-${++seq}`,
		receivedAt: app.ctx.clock.now().toISOString(),
		applicant: { bin: '000740001307', name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, пр. Мангилик Ел, 55' },
		goodsLines: [thermalImagingModule],
		counterparty: { name: 'Horizon Trading FZE', country: 'AE' },
		endUser: { name: 'Horizon Trading FZE', country: 'AE' },
		firstExportToCounterparty: false,
		...licenceForm((over.service as string | undefined) ?? 'export-licence'),
		...over
	});

	return {
		app,
		staff,
		signedIn,
		async submit(over = {}) {
			const r = await fetch(app.url + '/api/v1/applications', {
				method: 'POST',
				body: JSON.stringify(application(over)),
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }
			});
			const body = (await r.json()) as Json;
			if (!r.ok) return { status: r.status, body };
			// The portal gets the applicant's view; the flows read the case as the head does.
			const asStaff = await staff.head!.get(`/api/v1/cases/${body.id as string}`);
			expect(asStaff.status).toBe(200);
			return { status: r.status, body: (await asStaff.json()) as Json };
		},
		async action(user, caseId, name, body = {}) {
			const r = await staff[user]!.postJson(`/api/v1/cases/${caseId}/actions/${name}`, body);
			return { status: r.status, body: (await r.json()) as Json };
		},
		async view(user, caseId) {
			const r = await staff[user]!.get(`/api/v1/cases/${caseId}`);
			return { status: r.status, body: (await r.json()) as Json };
		},
		close: () => app.close()
	};
}
