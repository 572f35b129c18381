import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { staffCaller } from '$lib/server/auth/staff-actor';
import { getCase } from '$lib/server/cases/cases.repository';
import { reviveClock } from '$lib/server/calendar/recompute-clocks';
import { computeClock, explainClock } from '$lib/domain/sla';
import { actionSupport } from '$lib/server/cases/action-support';
import { caseForStaff } from '$lib/domain/access/case-audience';
import { draftAccess, mayOpenCase, staffAudience } from '$lib/domain/access/policy';
import { auditCaseRead } from '$lib/server/cases/case-access-audit';
import { hearingNoticeOf } from '$lib/domain/procedures/hearing-notice';
import { exportControlView } from '$lib/server/cases/export-control-view';
import { controlRequests } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { whyText } from '$lib/server/cases/why-text';
import { displayLocale } from '$lib/format';
import { caseDocumentsPanel } from '$lib/server/documents/case-page-documents';
import { listNotes } from '$lib/server/notes/notes.service';
import { mayAttachToCase, mayReadAttachments } from '$lib/domain/access/policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'cases:read');
	if (!UUID.test(event.params.id)) error(404, 'No such case.');
	const c = await getCase(event.locals.ctx.db, event.params.id, displayLocale());
	const kiosk = event.locals.session?.kind === 'kiosk';
	// Standing in for a colleague away: their cases are in hand, device cases included (ADR-087).
	const standsInFor = kiosk ? [] : await event.locals.ctx.absences.standsInFor(user.id);
	const viewer = { userId: user.id, roles: user.roles, kiosk, unit: user.unit, standsInFor };
	// A confidential case does not exist for those who do not work it; each read is audited (004 P 14–15).
	if (!c || !mayOpenCase(viewer, c)) error(404, 'No such case.');
	await auditCaseRead(
		event.locals.ctx.db,
		c,
		{ userId: user.id, username: user.username },
		'page',
		event.locals.ctx.clock.now()
	);
	const iso = (d: Date | null) => d?.toISOString() ?? null;
	const calendar = await event.locals.ctx.calendar.current();
	const now = event.locals.ctx.clock.now();
	/** Each clock recomputed now from its history, with the "why this date?" explanation. */
	const explain = (k: (typeof c.clocks)[number]) => {
		try {
			const clock = reviveClock(k);
			const computed = computeClock(clock, calendar, now);
			const why = whyText(explainClock(clock, calendar, now), k, displayLocale());
			return {
				remainingWorkingMinutes: computed.remainingWorkingMinutes,
				band: computed.band,
				skipped: why.skipped,
				steps: why.steps
			};
		} catch {
			return null;
		}
	};
	// Need to know: the restricted part only to its readers with the case in hand (001 p.19 para 5).
	const audience = staffAudience(viewer, c);
	return caseForStaff(
		{
			// Only what this user may do now (the server checks again on every action).
			actions: await actionSupport(
				event.locals.ctx.db,
				c.id,
				{ kind: 'staff', userId: user.id, username: user.username, roles: user.roles },
				now,
				calendar,
				displayLocale()
			),
			// The refusal draft: offered to its editors and readers before the decision.
			// A complaint is upheld or rejected (001 p.24), never refused by a letter: no draft there.
			draftLink: !c.decidedAt && c.service !== 'complaint' && draftAccess(viewer, c, 'drafting') !== null,
			// The documents that leave the Committee: state, preview, prepare, sign (001 p.20; 000 Annex 4).
			documents: await caseDocumentsPanel(event.locals.ctx, c.id, user, viewer.kiosk),
			// The preliminary refusal's notice: the hearing's time and place, channel, sending time, proof (001 p.19).
			hearingNotice: hearingNoticeOf(c.decision),
			// The incompleteness refusal awaiting the head's signature (001 p.15 para 2; 000 p.11).
			incompleteness:
				c.stage === 'incompleteness-signature'
					? { missing: ((c.decision?.incompleteness as { missing?: string[] } | undefined)?.missing ?? []).map(String) }
					: null,
			case: {
				id: c.id,
				number: c.number,
				service: c.service,
				stage: c.stage,
				registeredOn: c.registeredOn,
				receivedAt: iso(c.receivedAt),
				applicant: { name: c.applicant.name, bin: c.applicant.bin, address: c.applicant.legalAddress },
				assignee: c.assignee,
				application: c.application
			},
			clocks: c.clocks.map((k) => ({
				id: k.id,
				kind: k.kind,
				subject: k.subject,
				state: k.state,
				dueAt: iso(k.dueAt),
				citation: k.citation,
				length: k.length,
				unit: k.unit,
				why: explain(k)
			})),
			consultations: c.consultations.map((x) => ({
				agency: x.agencyCode,
				requestedAt: iso(x.requestedAt),
				dueAt: iso(x.dueAt),
				answeredAt: iso(x.answeredAt),
				decision: x.decision
			})),
			mfaChecks: c.mfaChecks.map((m) => ({
				requestedAt: iso(m.requestedAt),
				resultAt: iso(m.resultAt),
				authentic: m.authentic
			})),
			// Internal notes (staff only, ADR-042), and who is reading (to offer editing one's own).
			notes: await listNotes(event.locals.ctx.db, c.id, displayLocale()),
			// Files on the case (ADR-056), for those the policy lets read them; attach, for those who work it.
			attachments: mayReadAttachments({ ...viewer, unit: user.unit }, c)
				? await event.locals.ctx.attachments.list(c.id, { ...staffCaller(event, user), standsInFor })
				: null,
			mayAttach: mayAttachToCase({ ...viewer, unit: user.unit }, c),
			me: user.username,
			exportControl: exportControlView(
				c.decision,
				await event.locals.ctx.db.select().from(controlRequests).where(eq(controlRequests.caseId, c.id))
			),
			// What the webhooks told the portal and the agencies of this case (ADR-037).
			webhookDeliveries: (await event.locals.ctx.webhooks.caseLog(c.id)).map((d) => ({
				...d,
				createdAt: d.createdAt.toISOString(),
				nextAttemptAt: iso(d.nextAttemptAt),
				deliveredAt: iso(d.deliveredAt),
				failedAt: iso(d.failedAt),
				attemptLog: d.attemptLog.map((a) => ({ ...a, at: a.at.toISOString() }))
			})),
			events: c.events.map((e) => ({
				seq: e.seq,
				type: e.type,
				actor: e.actorLabel,
				actorName: e.actorName,
				assigneeName: e.assigneeName,
				at: iso(e.at),
				citation: e.citation,
				before: e.before,
				after: e.after
			}))
		},
		audience
	);
};
